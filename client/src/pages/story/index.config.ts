export default definePageConfig({
  navigationBarTitleText: '典型事迹',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
  // The like button is a native component on weapp (components/like-button/index.weapp.tsx).
  usingComponents: {
    'like-button': '../../native/like-button/index',
  },
});
