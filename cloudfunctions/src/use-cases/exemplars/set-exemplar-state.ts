/**
 * `authoring.setExemplarState`: publish or unpublish a profile. An individual is published only
 * with consent that counts (PIPL art. 25, domain/consent.ts): a signed form a reviewer has not
 * checked yet is refused with its own reason, so the editor knows who must act.
 */
import { awaitsVerification, consentHolds } from '../../domain/consent';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { moveWall } from '../../workflows/honours-wall/summary';
import { exemplarFor, exemplarView, reread } from './shared';

export const setExemplarState: UseCase<'authoring', 'setExemplarState'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const found = await exemplarFor(c, who, req.id);
  if (isFailure(found)) return found;
  const result = await transact(ctx, async ({ tx, audit }) => {
    const ex = await tx.collection('exemplars').get(req.id);
    if (!ex) return fail('NOT_FOUND', `exemplar ${req.id} not found`);
    const denied = requireRole(who, 'editor', ex.unitPath);
    if (denied) return denied;
    if (req.state === 'published' && !consentHolds(ex.consent, ex)) {
      if (awaitsVerification(ex.consent)) return refuse('FAILED_PRECONDITION', 'consent_unverified', 'the signed consent form has not been checked by a reviewer yet');
      return refuse('FAILED_PRECONDITION', 'consent_required', 'an individual can be published only with their consent (PIPL art. 25)');
    }
    const now = ctx.now();
    await tx.collection('exemplars').update(req.id, { state: req.state, updatedAt: now });
    // Entering or leaving public view brings or takes the profile's honours-wall figures.
    await moveWall(tx, now, ex, { ...ex, state: req.state });
    audit({ actor: who.openid, action: 'exemplar.state', subject: { kind: 'exemplar', id: req.id }, before: { state: ex.state }, after: { state: req.state } });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, req.id)));
};
