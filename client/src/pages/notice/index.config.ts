export default definePageConfig({ navigationBarTitleText: '典型推荐公示' });
