import { defineFunction } from '../../lib/function-config';

/** Reached over HTTP (the function's HTTP access service path is the account's message-push URL). */
export default defineFunction({ openapi: [], timeout: 10, env: ['OA_APPID', 'OA_SECRET', 'OA_EVENT_TOKEN'] });
