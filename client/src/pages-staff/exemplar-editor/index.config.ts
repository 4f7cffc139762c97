export default definePageConfig({
  navigationBarTitleText: '典型资料',
});
