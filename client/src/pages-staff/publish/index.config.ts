export default definePageConfig({
  navigationBarTitleText: '公众号发布',
  enablePullDownRefresh: true,
});
