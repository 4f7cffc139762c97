/** `authoring.consentInfo`: what the person is asked to agree to, for the page their link opens. */
import type { ConsentInfo } from '@contract';
import { isFailure, signedIn } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';

export const consentInfo: UseCase<'authoring', 'consentInfo'> = async (req, ctx) => {
  const c = ctx.cloud();
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const request = await c.collection('consent_requests').doc(req.code).get();
  if (!request) return fail('NOT_FOUND', 'no consent request has that code');
  const ex = await c.collection('exemplars').doc(request.exemplarId).get();
  if (!ex) return fail('NOT_FOUND', 'the exemplar of this consent request no longer exists');
  const unit = await c.collection('units').doc(ex.unitId).select(['name']).get();
  const inEffect = ex.consent?.method === 'in_app' && ex.consent.evidence === openid && !request.withdrawnAt;
  const info: ConsentInfo = {
    name: request.name ?? ex.name,
    kind: ex.kind,
    unitName: unit?.name ?? '',
    summary: ex.summary,
    expiresAt: request.expiresAt,
    confirmed: request.confirmedBy !== null,
    mine: request.confirmedBy === openid && inEffect,
    withdrawnByMe: request.confirmedBy === openid && !!request.withdrawnAt,
  };
  return ok(info);
};
