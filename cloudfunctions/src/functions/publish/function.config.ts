import { defineFunction } from '../../lib/function-config';

/** The official account is reached over HTTPS with its own token, not through cloud.openapi. */
export default defineFunction({ openapi: [], timeout: 60, env: ['ADMIN_OPENIDS', 'OA_APPID', 'OA_SECRET'] });
