import { defineFunction } from '../../lib/function-config';

/** Pursuits' names become honour titles on public profiles: checked with msgSecCheck. The due-soon reminder is plan-timer's. */
export default defineFunction({ openapi: ['security.msgSecCheck'], env: ['ADMIN_OPENIDS'] });
