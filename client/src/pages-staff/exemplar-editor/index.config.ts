export default definePageConfig({
  navigationBarTitleText: '典型资料',
  // 发起本人确认's 发给本人 is a share button: the page must accept onShareAppMessage.
  enableShareAppMessage: true,
});
