export default definePageConfig({
  navigationBarTitleText: '媒体刊发',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
});
