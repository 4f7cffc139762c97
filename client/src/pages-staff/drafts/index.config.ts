export default definePageConfig({
  navigationBarTitleText: '事迹与典型',
  enablePullDownRefresh: true,
});
