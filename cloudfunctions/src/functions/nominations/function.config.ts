import { defineFunction } from '../../lib/function-config';

/** Deeds and objections go through msgSecCheck; decisions and new work are announced by subscribe messages. */
export default defineFunction({ openapi: ['security.msgSecCheck', 'subscribeMessage.send'], env: ['ADMIN_OPENIDS', 'NOTIFY_TEMPLATE_DECISION', 'NOTIFY_TEMPLATE_TASK'] });
