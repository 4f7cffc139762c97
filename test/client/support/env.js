// What the h5 build inlines at build time.
process.env.TARO_ENV = 'h5';
process.env.TARO_APP_CLOUD_URL = '';
process.env.TARO_APP_ENV_ID = '';
process.env.TARO_APP_API_TIMEOUT_MS = '15000';
