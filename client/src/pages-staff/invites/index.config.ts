export default definePageConfig({
  navigationBarTitleText: '邀请与授权',
});
