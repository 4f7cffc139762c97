export default definePageConfig({
  navigationBarTitleText: '岗位标兵评选',
  enablePullDownRefresh: true,
});
