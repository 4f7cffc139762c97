/**
 * `comments.hide`: a reviewer over the story's unit decides a message is not shown — a pending
 * one, or a featured one taken back — with a reason for the staff (readers never see it; the
 * writer reads 未精选). Audited in the same transaction (shared.ts moderate).
 */
import type { UseCase } from '../../lib/handler';
import { moderate } from './shared';

export const hide: UseCase<'comments', 'hide'> = (req, ctx) =>
  moderate(ctx, req.id, {
    act: 'hide',
    action: 'comments.hide',
    detail: { reason: req.reason },
    patch: (_doc, who, now) => ({ state: 'hidden', hiddenAt: now, hiddenBy: who.openid, hiddenReason: req.reason, featuredAt: null, featuredBy: null }),
  });
