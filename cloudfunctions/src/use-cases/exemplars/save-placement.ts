/** `authoring.savePlacement`: add or edit one of an exemplar's media placements (媒体刊发), with the honours wall's figures and its audit entry. */
import { placementFields, tallyPlacement } from '../../domain/honours-wall';
import { requireCleanText } from '../../lib/content-check';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
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
  const { _id, storyId: asked, ...placement } = req.placement;
  const storyId = asked ?? null;
  if (storyId !== null) {
    // A story's coverage is recorded on one of the exemplars it features, once: the record counts
    // once in the figures however many exemplars the story names, and a second record of the same
    // outlet and date (from this or another of its exemplars) is refused. Checked before the
    // transaction (a query cannot run inside one): two editors recording the same coverage in the
    // same instant could both pass, which the placement list shows them.
    const story = await c.collection('stories').doc(storyId).select(['exemplarIds', 'state']).get();
    if (!story || story.state !== 'published' || !story.exemplarIds.includes(ex._id)) return fail('INVALID_ARGUMENT', `story ${storyId} is not a published story of exemplar ${ex._id}`, [{ path: 'placement.storyId', message: 'not a published story of this exemplar' }]);
    const same = await c.collection('placements').select(['outlet']).where({ storyId, date: placement.date }).limit(100).get();
    if (same.some((p) => p._id !== _id && p.outlet.trim() === placement.outlet.trim())) return refuse('CONFLICT', 'placement_duplicate', `story ${storyId} already has a placement in ${placement.outlet} on ${placement.date}`);
  }
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const before = await tx.collection('placements').get(_id);
    if (before && before.exemplarId !== ex._id) return fail('CONFLICT', `placement id ${_id} belongs to another exemplar`);
    const current = await tx.collection('exemplars').get(ex._id);
    if (!current) return fail('NOT_FOUND', `exemplar ${ex._id} not found`);
    // A client from before outlet levels sends none: an edit keeps the level the placement has.
    const level = placement.level ?? before?.level;
    const saved = { outlet: placement.outlet, title: placement.title, date: placement.date, link: placement.link, ...(level ? { level } : {}) };
    // A client from before story links sends none: an edit keeps the story the placement names.
    await tx.collection('placements').set(_id, { ...saved, exemplarId: ex._id, storyId: asked === undefined ? (before?.storyId ?? null) : storyId, ...placementFields(saved) });
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
