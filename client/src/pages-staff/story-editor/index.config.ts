export default definePageConfig({
  navigationBarTitleText: '写事迹',
});
