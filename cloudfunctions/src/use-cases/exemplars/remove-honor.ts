/** `authoring.removeHonor`: honorCount and the honours wall move with the honor in the same transaction (with the audit entry). */
import { tallyHonour } from '../../domain/honours-wall';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { exemplarSearch, honorTitles, txNames } from '../../lib/search-index';
import { transact } from '../../lib/transaction';
import { moveWall, wallFields } from '../../workflows/honours-wall/summary';
import { exemplarFor, exemplarView, reread } from './shared';

export const removeHonor: UseCase<'authoring', 'removeHonor'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const ex = await exemplarFor(c, who, req.exemplarId);
  if (isFailure(ex)) return ex;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const before = await tx.collection('honors').get(req.honorId);
    if (!before || before.exemplarId !== ex._id) return fail('NOT_FOUND', `exemplar ${ex._id} has no honor ${req.honorId}`);
    const current = await tx.collection('exemplars').get(ex._id);
    if (!current) return fail('NOT_FOUND', `exemplar ${ex._id} not found`);
    await tx.collection('honors').remove(req.honorId);
    const wall = tallyHonour(current.wall, before, -1);
    // No longer searched by the honour removed.
    const titles = (await honorTitles(c, ex._id)).filter((h) => h._id !== req.honorId).map((h) => h.title);
    const search = await exemplarSearch(txNames(tx), current, titles);
    await tx.collection('exemplars').update(ex._id, { honorCount: c.command.inc(-1), ...wallFields(wall), ...search, updatedAt: now });
    await moveWall(tx, now, current, { ...current, wall });
    audit({ actor: who.openid, action: 'honor.remove', subject: { kind: 'exemplar', id: ex._id }, before, after: null });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, ex._id)));
};
