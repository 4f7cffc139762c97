export default definePageConfig({
  navigationBarTitleText: '已授权人员',
  enablePullDownRefresh: true,
});
