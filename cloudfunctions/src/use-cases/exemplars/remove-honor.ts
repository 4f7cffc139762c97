/** `authoring.removeHonor`: honorCount moves with the honor in the same transaction (with the audit entry). */
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
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
    await tx.collection('honors').remove(req.honorId);
    await tx.collection('exemplars').update(ex._id, { honorCount: c.command.inc(-1), updatedAt: now });
    audit({ actor: who.openid, action: 'honor.remove', subject: { kind: 'exemplar', id: ex._id }, before, after: null });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, ex._id)));
};
