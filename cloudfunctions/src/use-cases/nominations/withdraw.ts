/** `nominations.withdraw`: the nominator takes a nomination back while it is in review or returned. */
import * as machine from '../../domain/nomination';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { oneView, timelineEntry } from './shared';

export const withdraw: UseCase<'nominations', 'withdraw'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const cur = await tx.collection('nominations').get(req.id);
    // Someone else's nomination does not exist for this caller.
    if (!cur || cur.nominatedBy !== who.openid) return fail('NOT_FOUND', `nomination ${req.id} not found`);
    // Like revise: a nominator who no longer edits for the unit no longer acts on its nominations.
    const denied = requireRole(who, 'editor', cur.unitPath);
    if (denied) return denied;
    const next = machine.withdraw(cur.state);
    if (!next.ok) return refuse('FAILED_PRECONDITION', 'state_changed', next.reason);
    const patch = { state: next.value, updatedAt: now, timeline: [...cur.timeline, timelineEntry('withdrawn', null, '', now)] };
    await tx.collection('nominations').update(req.id, patch);
    audit({ actor: who.openid, action: 'nominations.withdraw', subject: { kind: 'nomination', id: req.id }, before: { state: cur.state }, after: { state: patch.state } });
    return { ...cur, ...patch };
  });
  if (isFailure(result)) return result;
  return ok({ nomination: await oneView(ctx, result) });
};
