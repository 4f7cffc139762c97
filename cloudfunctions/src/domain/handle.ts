/**
 * The caller's public handle: a short, stable, non-reversible tag derived from the OPENID so
 * pages can say "读者 3f9a…" without ever sending the OPENID itself. The hash is a parameter
 * (the function passes SHA-256) so this module stays pure.
 */
const HANDLE_LENGTH = 10;
/** Domain separation: the same OPENID hashed for another purpose never yields the handle. */
const PURPOSE = 'shenbian-dianxing/handle/v1:';

export function callerHandle(openid: string, hashHex: (input: string) => string): string {
  if (openid.length === 0) throw new Error('an empty OPENID has no handle');
  const digest = hashHex(PURPOSE + openid).toLowerCase();
  if (!/^[0-9a-f]+$/.test(digest) || digest.length < HANDLE_LENGTH) {
    throw new Error('handle hash must return at least 10 hex digits');
  }
  return digest.slice(0, HANDLE_LENGTH);
}
