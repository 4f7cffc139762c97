/** What the person's consent link use cases share: the link (its code) and its profile, read in the action's transaction. */
import type { ConsentRequest, Exemplar } from '@contract';
import type { Tx } from '../../adapters/cloud';
import type { ActionContext } from '../../lib/context';
import { isFailure, signedIn } from '../../lib/guard';
import { fail, type Failure } from '../../lib/handler';
import { transact, type Work } from '../../lib/transaction';

export async function consentLink(tx: Tx, code: string): Promise<{ request: ConsentRequest; exemplar: Exemplar } | Failure<never>> {
  const request = await tx.collection('consent_requests').get(code);
  if (!request) return fail('NOT_FOUND', 'no consent request has that code');
  const exemplar = await tx.collection('exemplars').get(request.exemplarId);
  if (!exemplar) return fail('NOT_FOUND', 'the exemplar of this consent request no longer exists');
  return { request: { ...request, _id: code }, exemplar: { ...exemplar, _id: request.exemplarId } };
}

export interface OnLink {
  /** The signed-in person acting through the link. */
  openid: string;
  request: ConsentRequest;
  exemplar: Exemplar;
  now: number;
}

/** An action of the person on their consent link: signed in, the link read and acted on in one transaction. */
export async function onConsentLink<T>(ctx: ActionContext, code: string, work: (on: OnLink, w: Work) => Promise<T>): Promise<T | Failure<'not_signed_in'> | Failure<never>> {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const now = ctx.now();
  return transact(ctx, async (w) => {
    const link = await consentLink(w.tx, code);
    if (isFailure(link)) return link;
    return work({ openid, now, ...link }, w);
  });
}
