export default definePageConfig({
  navigationBarTitleText: '同意书核对',
  enablePullDownRefresh: true,
});
