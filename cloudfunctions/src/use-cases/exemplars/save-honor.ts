/**
 * `authoring.saveHonor`: add or edit an exemplar's honor. honorCount and the honours wall (the
 * exemplar's tally and the summary) move with the honors in the same transaction (with the audit
 * entry), so they never drift.
 */
import { requireCleanText } from '../../lib/content-check';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { putHonour } from './honour-writes';
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
    // The one honour write path (honour-writes.ts): count, tally, search keys and the wall move with it.
    const put = await putHonour(tx, c, now, current, _id, honor);
    if (isFailure(put)) return put;
    const { before } = put;
    audit({ actor: who.openid, action: before ? 'honor.update' : 'honor.create', subject: { kind: 'exemplar', id: ex._id }, before, after: req.honor });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, ex._id)));
};
