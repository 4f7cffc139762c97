import { defineFunction } from '../../lib/function-config';

/** Hourly (WeChat's 7-field cron): a notice ends at most an hour before its nominee is enrolled. Tells nominators by subscribe message. */
export default defineFunction({ openapi: ['subscribeMessage.send'], triggers: [{ name: 'enrol', type: 'timer', config: '0 5 * * * * *' }], env: ['NOTIFY_TEMPLATE_DECISION', 'NOTIFY_TEMPLATE_TASK'] });
