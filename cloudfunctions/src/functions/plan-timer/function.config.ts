import { defineFunction } from '../../lib/function-config';

/** Daily at 08:00 Asia/Shanghai (WeChat's 7-field cron, UTC+8 in the console): tasks due soon reach the owner unit's admins by subscribe message. */
export default defineFunction({ openapi: ['subscribeMessage.send'], triggers: [{ name: 'plan-due', type: 'timer', config: '0 0 8 * * * *' }], env: ['NOTIFY_TEMPLATE_PLAN_DUE'] });
