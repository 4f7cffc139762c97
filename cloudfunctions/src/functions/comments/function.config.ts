import { defineFunction } from '../../lib/function-config';

/** Messages and the author's replies go through msgSecCheck (scene 2, 评论). */
export default defineFunction({ openapi: ['security.msgSecCheck'], env: ['ADMIN_OPENIDS'] });
