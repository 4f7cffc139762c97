import { defineFunction } from '../../lib/function-config';

/** Database only: no open-API permission needed. */
export default defineFunction({ openapi: [], env: ['ADMIN_OPENIDS'] });
