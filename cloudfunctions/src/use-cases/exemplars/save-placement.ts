/** `authoring.savePlacement`: add or edit one of an exemplar's media placements (媒体刊发), with the honours wall's figures and its audit entry. */
import { placementFields, tallyPlacement } from '../../domain/honours-wall';
import { requireCleanText } from '../../lib/content-check';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { moveWall } from '../../workflows/honours-wall/summary';
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
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const before = await tx.collection('placements').get(_id);
    if (before && before.exemplarId !== ex._id) return fail('CONFLICT', `placement id ${_id} belongs to another exemplar`);
    const current = await tx.collection('exemplars').get(ex._id);
    if (!current) return fail('NOT_FOUND', `exemplar ${ex._id} not found`);
    // A client from before outlet levels sends none: an edit keeps the level the placement has.
    const level = placement.level ?? before?.level;
    const saved = { outlet: placement.outlet, title: placement.title, date: placement.date, link: placement.link, ...(level ? { level } : {}) };
    await tx.collection('placements').set(_id, { ...saved, exemplarId: ex._id, storyId: null, ...placementFields(saved) });
    // The honours wall: the exemplar's tally moves by the placement as it was and as it is, and the summary with it.
    const wall = tallyPlacement(before ? tallyPlacement(current.wall, before, -1) : current.wall, saved, 1);
    await tx.collection('exemplars').update(ex._id, { wall, updatedAt: now });
    await moveWall(tx, now, current, { ...current, wall });
    audit({ actor: who.openid, action: before ? 'placement.update' : 'placement.create', subject: { kind: 'exemplar', id: ex._id }, before, after: req.placement });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, ex));
};
