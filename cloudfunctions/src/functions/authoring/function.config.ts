import { defineFunction } from '../../lib/function-config';

/**
 * Story and profile text goes through msgSecCheck before it is stored or submitted; uploaded
 * images go to mediaCheckAsync (the verdict reaches the media-check function); a consent link's
 * mini-program code (to print for the person) is drawn with wxacode.getUnlimited. 20 s: finishing
 * a story video joins up to 25 MB of parts from storage and stores the result (WeChat's default
 * 3 s is not enough for that).
 */
export default defineFunction({ openapi: ['security.msgSecCheck', 'security.mediaCheckAsync', 'wxacode.getUnlimited'], timeout: 20, env: ['ADMIN_OPENIDS'] });
