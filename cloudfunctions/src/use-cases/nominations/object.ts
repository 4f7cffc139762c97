/**
 * `nominations.object`: public — anyone signed in files one objection to a nomination in 公示.
 * Moderated (msgSecCheck; only reviewers read it). Filing writes the nomination's objection
 * counts in the same transaction, so enrolment (a transaction on that document) sees every
 * objection filed before it commits. Not audited: it is a reader's act, recorded as the objection
 * itself (who filed it, when).
 */
import type { ObjectionDoc } from '@contract';
import * as machine from '../../domain/nomination';
import { checkHeldText } from '../../lib/content-check';
import { isFailure, signedIn } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';

export const object: UseCase<'nominations', 'object'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const nom = await ctx.cloud().collection('nominations').doc(req.id).select(['state', 'noticeEndsAt']).get();
  if (!nom) return fail('NOT_FOUND', `nomination ${req.id} not found`);
  const now = ctx.now();
  const open = machine.canObject(nom.state, nom.noticeEndsAt, now);
  if (!open.ok) return refuse('FAILED_PRECONDITION', open.why, open.reason);
  const verdict = await checkHeldText(ctx, openid, req.text, 2, 'objection');
  if (isFailure(verdict)) return verdict;
  // One objection per person and nomination: a retry or a second filing is the same document.
  // Only this use case writes objections, so nobody can create one under this id first.
  const objectionId = `obj-${ctx.hashHex(`objection\u0000${openid}\u0000${req.id}`).slice(0, 32)}`;
  const result = await transact(ctx, async ({ tx }) => {
    const cur = await tx.collection('nominations').get(req.id);
    if (!cur) return refuse('FAILED_PRECONDITION', 'not_in_notice', 'the nomination is gone');
    const still = machine.canObject(cur.state, cur.noticeEndsAt, now);
    if (!still.ok) return refuse('FAILED_PRECONDITION', still.why, still.reason);
    if (await tx.collection('objections').get(objectionId)) return refuse('CONFLICT', 'objection_duplicate', 'you already filed an objection to this nomination');
    const doc: Omit<ObjectionDoc, '_id'> = {
      nominationId: req.id,
      text: req.text,
      filedBy: openid,
      at: now,
      state: 'open',
      unitPath: cur.unitPath,
      nominatingUnitId: cur.nominatingUnitId,
      nomineeName: cur.nomineeName,
      contentHeld: verdict === 'review',
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
    };
    await tx.collection('objections').set(objectionId, doc);
    await tx.collection('nominations').update(req.id, { objections: { open: cur.objections.open + 1, sustained: cur.objections.sustained }, updatedAt: now });
    return true;
  });
  if (isFailure(result)) return result;
  return ok({ received: true as const });
};
