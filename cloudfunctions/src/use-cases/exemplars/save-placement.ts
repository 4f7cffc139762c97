/** `authoring.savePlacement`: add or edit one of an exemplar's media placements (媒体刊发), with its audit entry. */
import { requireCleanText } from '../../lib/content-check';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { exemplarFor, exemplarView } from './shared';

export const savePlacement: UseCase<'authoring', 'savePlacement'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const ex = await exemplarFor(c, who, req.exemplarId);
  if (isFailure(ex)) return ex;
  const unclean = await requireCleanText(ctx, who.openid, `${req.placement.outlet}\n${req.placement.title}`, 1, 'placement text');
  if (unclean) return unclean;
  const { _id, ...placement } = req.placement;
  const result = await transact(ctx, async ({ tx, audit }) => {
    const before = await tx.collection('placements').get(_id);
    if (before && before.exemplarId !== ex._id) return fail('CONFLICT', `placement id ${_id} belongs to another exemplar`);
    await tx.collection('placements').set(_id, { ...placement, exemplarId: ex._id, storyId: null });
    audit({ actor: who.openid, action: before ? 'placement.update' : 'placement.create', subject: { kind: 'exemplar', id: ex._id }, before, after: req.placement });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, ex));
};
