/** Where a person's staff profile lives, pure: a derived key, so reading it needs no query. */
import type { Id } from '@contract';

/** Domain separation: the profile key is never the handle or any other hash of the OPENID. */
const PROFILE_PURPOSE = 'shenbian-dianxing/staff-profile/v1:';

/** The id of `openid`'s profile (collection staff_profiles). */
export function profileIdOf(hashHex: (input: string) => string, openid: string): Id {
  return `sp-${hashHex(PROFILE_PURPOSE + openid).slice(0, 32)}`;
}
