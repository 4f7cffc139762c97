/**
 * `authoring.saveHonor`: add or edit an exemplar's honor. honorCount and the honours wall (the
 * exemplar's tally and the summary) move with the honors in the same transaction (with the audit
 * entry), so they never drift.
 */
import { tallyHonour } from '../../domain/honours-wall';
import { requireCleanText } from '../../lib/content-check';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { exemplarSearch, honorTitles, txNames } from '../../lib/search-index';
import { transact } from '../../lib/transaction';
import { moveWall, wallFields } from '../../workflows/honours-wall/summary';
import { exemplarFor, exemplarView, reread } from './shared';

export const saveHonor: UseCase<'authoring', 'saveHonor'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const ex = await exemplarFor(c, who, req.exemplarId);
  if (isFailure(ex)) return ex;
  const unclean = await requireCleanText(ctx, who.openid, `${req.honor.title}\n${req.honor.awardedBy}`, 1, 'honor text');
  if (unclean) return unclean;
  const now = ctx.now();
  const { _id, ...honor } = req.honor;
  const result = await transact(ctx, async ({ tx, audit }) => {
    const current = await tx.collection('exemplars').get(ex._id);
    if (!current) return fail('NOT_FOUND', `exemplar ${ex._id} not found`);
    const denied = requireRole(who, 'editor', current.unitPath);
    if (denied) return denied;
    const before = await tx.collection('honors').get(_id);
    if (before && before.exemplarId !== ex._id) return fail('CONFLICT', `honor id ${_id} belongs to another exemplar`);
    await tx.collection('honors').set(_id, { exemplarId: ex._id, ...honor });
    // The honours wall: the tally moves by the honour as it was and as it is, and the summary with it.
    const wall = tallyHonour(before ? tallyHonour(current.wall, before, -1) : current.wall, honor, 1);
    // Searched by its honours: those committed, with this one as saved.
    const titles = (await honorTitles(c, ex._id)).filter((h) => h._id !== _id).map((h) => h.title);
    const moved = { ...wallFields(wall), ...(await exemplarSearch(txNames(tx), current, [honor.title, ...titles])), updatedAt: now };
    if (!before) await tx.collection('exemplars').update(ex._id, { honorCount: c.command.inc(1), ...moved });
    else await tx.collection('exemplars').update(ex._id, moved);
    await moveWall(tx, now, current, { ...current, wall });
    audit({ actor: who.openid, action: before ? 'honor.update' : 'honor.create', subject: { kind: 'exemplar', id: ex._id }, before, after: req.honor });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, ex._id)));
};
