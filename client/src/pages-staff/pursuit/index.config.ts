export default definePageConfig({
  navigationBarTitleText: '争创项目',
  enablePullDownRefresh: true,
});
