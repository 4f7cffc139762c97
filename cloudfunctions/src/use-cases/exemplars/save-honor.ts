/**
 * `authoring.saveHonor`: add or edit an exemplar's honor. honorCount moves with the honors in
 * the same transaction (with the audit entry), so it never drifts.
 */
import { requireCleanText } from '../../lib/content-check';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
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
    if (!before) await tx.collection('exemplars').update(ex._id, { honorCount: c.command.inc(1), updatedAt: now });
    else await tx.collection('exemplars').update(ex._id, { updatedAt: now });
    audit({ actor: who.openid, action: before ? 'honor.update' : 'honor.create', subject: { kind: 'exemplar', id: ex._id }, before, after: req.honor });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, ex._id)));
};
