export default definePageConfig({
  navigationBarTitleText: '留言管理',
  enablePullDownRefresh: true,
});
