/** `authoring.removePlacement`: remove one of an exemplar's media placements (媒体刊发), with the honours wall's figures and its audit entry. */
import { tallyPlacement } from '../../domain/honours-wall';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { moveWall } from '../../workflows/honours-wall/summary';
import { exemplarFor, exemplarView } from './shared';

export const removePlacement: UseCase<'authoring', 'removePlacement'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const ex = await exemplarFor(c, who, req.exemplarId);
  if (isFailure(ex)) return ex;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const before = await tx.collection('placements').get(req.placementId);
    if (!before || before.exemplarId !== ex._id) return fail('NOT_FOUND', `exemplar ${ex._id} has no placement ${req.placementId}`);
    const current = await tx.collection('exemplars').get(ex._id);
    if (!current) return fail('NOT_FOUND', `exemplar ${ex._id} not found`);
    await tx.collection('placements').remove(req.placementId);
    const wall = tallyPlacement(current.wall, before, -1);
    await tx.collection('exemplars').update(ex._id, { wall, updatedAt: now });
    await moveWall(tx, now, current, { ...current, wall });
    audit({ actor: who.openid, action: 'placement.remove', subject: { kind: 'exemplar', id: ex._id }, before, after: null });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, ex));
};
