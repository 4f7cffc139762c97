export default definePageConfig({ navigationBarTitleText: '提出异议' });
