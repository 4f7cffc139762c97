/**
 * The rate limit mechanism: count one call of `scope` by `openid` in its fixed window, or refuse
 * it as RATE_LIMITED (writing nothing) when the window is full. Windows live in `rate_limits`;
 * the reconcile timer deletes expired ones.
 */
import { rateWindow, type RatePolicy } from '../domain/rate-limit';
import type { Deps } from './context';
import { refuse, type Failure } from './handler';

async function admitCall(deps: Pick<Deps, 'cloud'>, windowId: string, expiresAt: number, limit: number): Promise<boolean> {
  const c = deps.cloud();
  const windows = c.collection('rate_limits');
  // One conditional atomic update both checks and counts: it matches only while the window has
  // room, so a refused call writes nothing and the count never passes the limit.
  const counted = async () => (await windows.updateWhere({ _id: windowId, n: c.command.lt(limit) }, { n: c.command.inc(1) })) > 0;
  if (await counted()) return true;
  if ((await windows.addOnce({ _id: windowId, n: 1, expiresAt })) === 'created') return true;
  // The window exists (a concurrent first call just created it, or it was full all along).
  return counted();
}

/** null when the call is admitted (and counted); RATE_LIMITED otherwise. */
export async function admit(deps: Pick<Deps, 'cloud' | 'now' | 'hashHex'>, scope: string, openid: string, policy: RatePolicy): Promise<Failure<'rate_limited'> | null> {
  const w = rateWindow(scope, openid, deps.now(), policy, deps.hashHex);
  if (await admitCall(deps, w.id, w.expiresAt, policy.limit)) return null;
  const retryAfterS = Math.max(1, Math.ceil((w.expiresAt - deps.now()) / 1000));
  return refuse('RATE_LIMITED', 'rate_limited', `too many ${scope} calls; try again in ${retryAfterS} s`);
}
