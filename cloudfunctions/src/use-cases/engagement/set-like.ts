/** `engagement.setLike`: like or unlike a story, salute or unsalute an exemplar (shared.ts says why counters never drift). */
import type { LikeState } from '@contract';
import { COUNTER_FIELD, counterDelta, likeId, SET_LIKE_POLICY, shownCount, TARGET_COLLECTION, type LikeWrite, type Target } from '../../domain/engagement';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { admit } from '../../lib/rate-limit';
import { notFound, publicTarget } from './shared';

export const setLike: UseCase<'engagement', 'setLike'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const target: Target = { kind: req.target.kind, id: req.target.id };
  // Before any read: a refused call must cost little and change nothing the user can see.
  const limited = await admit(ctx, 'like', openid, SET_LIKE_POLICY);
  if (limited) return limited;
  const row = await publicTarget(ctx, target);
  if (!row) return notFound(target);
  const c = ctx.cloud();
  const likes = c.collection('likes');
  const id = likeId(target, openid, ctx.hashHex);
  const write: LikeWrite = req.liked
    ? { kind: (await likes.addOnce({ _id: id, openid, target, at: ctx.now() })) === 'created' ? 'inserted' : 'duplicate' }
    : { kind: (await likes.doc(id).remove()) > 0 ? 'removed' : 'absent' };
  const delta = counterDelta(write);
  if (delta !== 0) {
    // One atomic server-side `_.inc`: never conflicts, however many people like at once.
    await c.collection(TARGET_COLLECTION[target.kind]).doc(target.id).update({ [COUNTER_FIELD[target.kind]]: c.command.inc(delta) });
  }
  // The count as read before our write, moved by our own delta: no extra read-back on the
  // hottest path. Under a storm every count is a moment's snapshot anyway; the user's own
  // state (liked) is exact, and the next status or page load shows the settled count.
  const before = typeof row.count === 'number' ? row.count : 0;
  const state: LikeState = { target, liked: req.liked, count: shownCount(before + delta, req.liked) };
  return ok(state);
};
