/** `publish-event`: the official account's message-push URL (HTTP access service). See workflows/publishing/event.ts. */
import { receivePush } from '../../workflows/publishing/event';

export const main = receivePush;
