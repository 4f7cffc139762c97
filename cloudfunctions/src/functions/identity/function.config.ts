import { defineFunction } from '../../lib/function-config';

/** A staff member's name is a profile text: msgSecCheck before it is stored. */
export default defineFunction({ openapi: ['security.msgSecCheck'], env: ['ADMIN_OPENIDS'] });
