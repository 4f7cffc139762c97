export default definePageConfig({
  navigationBarTitleText: '专题',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
