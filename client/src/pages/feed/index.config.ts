export default definePageConfig({
  navigationBarTitleText: '身边典型',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
});
