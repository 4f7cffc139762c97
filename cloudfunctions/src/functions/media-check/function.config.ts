import { defineFunction } from '../../lib/function-config';

/**
 * Receives WeChat's `wxa_media_check` pushes (云开发 → 设置 → 消息推送: MsgType `event`, Event
 * `wxa_media_check` → this function) and, every 10 minutes, asks again for checks whose event
 * never came.
 */
export default defineFunction({
  openapi: ['security.mediaCheckAsync'],
  triggers: [{ name: 'media-check-sweep', type: 'timer', config: '0 */10 * * * * *' }],
});
