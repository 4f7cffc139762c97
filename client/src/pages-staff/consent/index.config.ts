export default definePageConfig({
  navigationBarTitleText: '本人确认',
});
