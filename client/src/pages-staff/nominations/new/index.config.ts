export default definePageConfig({ navigationBarTitleText: '推荐典型' });
