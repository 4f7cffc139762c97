export default definePageConfig({
  navigationBarTitleText: '专题管理',
});
