/**
 * `authoring.requestConsent`: start the person's own in-app confirmation (PIPL art. 25): a link
 * with an unguessable code they open with their own WeChat. The link names the profile's name
 * now: confirming after a rename is refused.
 */
import { CONSENT_PAGE, CONSENT_TTL_MS } from '@contract';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { exemplarFor } from '../exemplars/shared';

/** 16 characters from 56 unambiguous symbols ≈ 93 bits: a consent link cannot be guessed. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export const requestConsent: UseCase<'authoring', 'requestConsent'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const ex = await exemplarFor(ctx.cloud(), who, req.exemplarId);
  if (isFailure(ex)) return ex;
  if (ex.kind !== 'individual') return fail('FAILED_PRECONDITION', 'only an individual gives personal consent');
  const now = ctx.now();
  const code = [...ctx.random(16)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  const expiresAt = now + CONSENT_TTL_MS;
  const done = await transact(ctx, async ({ tx, audit }) => {
    await tx.collection('consent_requests').set(code, { exemplarId: ex._id, name: ex.name, createdBy: who.openid, createdAt: now, expiresAt, confirmedBy: null, confirmedAt: null, withdrawnAt: null });
    audit({ actor: who.openid, action: 'consent.request', subject: { kind: 'exemplar', id: ex._id }, before: null, after: { expiresAt } });
    return true;
  });
  if (isFailure(done)) return done;
  return ok({ code, path: `${CONSENT_PAGE}?code=${code}`, expiresAt });
};
