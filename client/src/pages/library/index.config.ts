export default definePageConfig({
  navigationBarTitleText: '典型库',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
});
