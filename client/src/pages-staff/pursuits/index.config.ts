export default definePageConfig({
  navigationBarTitleText: '争创荣誉',
  enablePullDownRefresh: true,
});
