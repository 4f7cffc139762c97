/**
 * `comments.reply` (作者回复): a reviewer over the story's unit answers a message; a second reply
 * replaces the first. Shown at once wherever the message is (to everyone under a featured one,
 * to its writer otherwise), so it must pass msgSecCheck outright: risky and review are both
 * refused (requireCleanText). Audited in the same transaction (shared.ts moderate).
 */
import { requireCleanText } from '../../lib/content-check';
import type { UseCase } from '../../lib/handler';
import { moderate } from './shared';

export const reply: UseCase<'comments', 'reply'> = (req, ctx) =>
  moderate(ctx, req.id, {
    act: 'reply',
    action: 'comments.reply',
    detail: { reply: req.text },
    guard: (who) => requireCleanText(ctx, who.openid, req.text, 2, 'reply'),
    patch: (_doc, who, now) => ({ reply: { text: req.text, by: who.openid, at: now } }),
  });
