/** `authoring.removeHonor`: honorCount and the honours wall move with the honor in the same transaction (with the audit entry). */
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { dropHonour } from './honour-writes';
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
    // The one honour write path (honour-writes.ts): count, tally, search keys and the wall move with it.
    await dropHonour(tx, c, now, current, before);
    audit({ actor: who.openid, action: 'honor.remove', subject: { kind: 'exemplar', id: ex._id }, before, after: null });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, ex._id)));
};
