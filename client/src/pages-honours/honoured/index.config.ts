export default definePageConfig({
  navigationBarTitleText: '受表彰典型',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
});
