/**
 * `comments.feature` (精选): a reviewer over the story's unit shows a message to every reader
 * of the story — a pending one, or one hidden before. Not their own (own_work). Audited in the
 * same transaction (shared.ts moderate).
 */
import type { UseCase } from '../../lib/handler';
import { moderate, notOwnMessage } from './shared';

export const feature: UseCase<'comments', 'feature'> = (req, ctx) =>
  moderate(ctx, req.id, {
    act: 'feature',
    action: 'comments.feature',
    guard: notOwnMessage,
    patch: (_doc, who, now) => ({ state: 'featured', featuredAt: now, featuredBy: who.openid, hiddenAt: null, hiddenBy: null, hiddenReason: null }),
  });
