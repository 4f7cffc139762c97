import { defineFunction } from '../../lib/function-config';

/** Database only; runs daily at 03:00 (WeChat's 7-field cron: second minute hour day month weekday year). */
export default defineFunction({ openapi: [], triggers: [{ name: 'reconcile', type: 'timer', config: '0 0 3 * * * *' }] });
