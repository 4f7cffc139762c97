export default definePageConfig({
  navigationBarTitleText: '事迹审核',
});
