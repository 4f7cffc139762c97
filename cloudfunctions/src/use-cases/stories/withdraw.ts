/** `authoring.withdraw`: the editor takes a revision back from review to keep writing. */
import type { DraftCard } from '@contract';
import { isFailure, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { cards, loadRevision, transition } from './shared';

export const withdraw: UseCase<'authoring', 'withdraw'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const loaded = await loadRevision(c, who, req.storyId, 'withdraw');
  if (isFailure(loaded)) return loaded;
  const now = ctx.now();
  const next = await transition(
    ctx,
    req.storyId,
    req.version,
    'withdraw',
    (r) => ({ state: 'draft', secCheck: null, updatedAt: now, history: [...r.history, { action: 'withdraw', by: who.openid, at: now, comment: '' }] }),
    (before, after) => ({ actor: who.openid, action: 'story.withdraw', subject: { kind: 'story', id: req.storyId }, before: { state: before.state }, after: { state: after.state } }),
  );
  if (isFailure(next)) return next;
  return ok((await cards(c, [next]))[0] as DraftCard);
};
