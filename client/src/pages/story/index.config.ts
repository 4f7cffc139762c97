export default definePageConfig({
  navigationBarTitleText: '典型事迹',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
