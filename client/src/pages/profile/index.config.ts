export default definePageConfig({
  navigationBarTitleText: '典型风采',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
  // The honor list is a native component on weapp (components/honor-list/index.weapp.tsx).
  usingComponents: {
    'like-button': '../../native/like-button/index',
    'honor-list': '../../native/honor-list/index',
  },
});
