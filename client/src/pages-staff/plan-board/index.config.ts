export default definePageConfig({
  navigationBarTitleText: '挂图作业',
  enablePullDownRefresh: true,
});
