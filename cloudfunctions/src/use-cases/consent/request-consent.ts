/**
 * `authoring.requestConsent`: start the person's own in-app confirmation (PIPL art. 25): a link
 * with an unguessable code they open with their own WeChat. The link names the profile's name
 * now: confirming after a rename is refused.
 *
 * The editor passes the link on two ways: a card sent in WeChat chat (the share path), or, for a
 * person met on paper, a printed mini-program code whose scene is the link's code (the consent
 * page reads it from `scene`). The code image is drawn once per link; when WeChat cannot draw it
 * just now the link is still made and still works (the answer says so with `qrCode: null`).
 */
import { CONSENT_PAGE, CONSENT_TTL_MS, type MediaUrl } from '@contract';
import { parseEnvVersion } from '../../domain/engagement';
import type { ActionContext } from '../../lib/context';
import { staffUrls } from '../../lib/files';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { exemplarFor } from '../exemplars/shared';

/**
 * 16 characters from 56 unambiguous symbols ≈ 93 bits: a consent link cannot be guessed. Letters
 * and digits only, so the code is also a valid wxacode scene (≤ 32 visible characters).
 */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Prints sharply on an A4 form. */
const CONSENT_CODE_WIDTH = 430;

/** The mini-program code of a consent link, stored per link; null (logged) when it cannot be drawn now. */
async function consentCodeImage(ctx: ActionContext, code: string): Promise<MediaUrl | null> {
  const c = ctx.cloud();
  try {
    // The same setting as posters: which mini-program version a scanned code opens.
    const envVersion = parseEnvVersion(ctx.env('POSTER_ENV_VERSION'));
    // check_path off: the consent page lives in a subpackage that a trial version may not have published yet.
    const png = await c.miniProgramCode({ scene: code, page: CONSENT_PAGE, check_path: false, env_version: envVersion, width: CONSENT_CODE_WIDTH });
    const fileId = await c.uploadFile(`consent-codes/${envVersion}/${code}.png`, png);
    return (await staffUrls(ctx, [fileId])).get(fileId) ?? null;
  } catch (e) {
    ctx.log({ level: 'warn', what: 'consent link code not drawn', message: String((e as Error)?.message ?? e), errCode: (e as { errCode?: unknown })?.errCode ?? null });
    return null;
  }
}

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
  const qrCode = await consentCodeImage(ctx, code);
  return ok({ code, path: `${CONSENT_PAGE}?code=${code}`, expiresAt, qrCode });
};
