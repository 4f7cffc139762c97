import { defineFunction } from '../../lib/function-config';

/** Every 5 minutes (WeChat's 7-field cron: second minute hour day month weekday year). */
export default defineFunction({ openapi: [], timeout: 60, triggers: [{ name: 'publish-timer', type: 'timer', config: '0 */5 * * * * *' }], env: ['OA_APPID', 'OA_SECRET'] });
