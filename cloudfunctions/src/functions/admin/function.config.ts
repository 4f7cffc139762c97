import { defineFunction } from '../../lib/function-config';

/** The name given when redeeming an invite is a profile text: msgSecCheck before it is stored. */
export default defineFunction({ openapi: ['security.msgSecCheck'], env: ['ADMIN_OPENIDS'] });
