import { defineFunction } from '../../lib/function-config';

/**
 * Database only; runs daily at 03:00 (WeChat's 7-field cron: second minute hour day month
 * weekday year). A full recount outlasts WeChat's default 3 s limit: 10 000 targets are 100
 * batches of one read and one aggregate each, plus the settle wait.
 */
export default defineFunction({ openapi: [], triggers: [{ name: 'reconcile', type: 'timer', config: '0 0 3 * * * *' }], timeout: 60 });
