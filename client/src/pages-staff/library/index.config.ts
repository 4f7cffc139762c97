export default definePageConfig({
  navigationBarTitleText: '典型库管理',
});
