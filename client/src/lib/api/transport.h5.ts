import Taro from '@tarojs/taro';

/** What Taro.request may hand back; checked before use. */
type WireBody = string | TaroGeneral.IAnyObject | ArrayBuffer;
import type { CallEvent } from '@contract';
import { TransportError } from './errors';
import { cloudUrl, currentDevOpenid } from './dev-identity';
import { EARLY_CALLS_GLOBAL, earlyCallKey, type EarlyAnswer } from './early-calls';
import { apiTimeoutMs, withTimeout } from './timeout';

/**
 * h5 talks to the local cloud's gateway over HTTP. It must never touch Taro.cloud: in an
 * h5 production build callFunction resolves with "暂时不支持 API" and the data vanishes.
 */
export async function send(fn: string, event: CallEvent): Promise<unknown> {
  const header: Record<string, string> = { 'content-type': 'application/json' };
  const openid = currentDevOpenid();
  if (openid) header['x-wx-openid'] = openid;
  const timeout = apiTimeoutMs();
  const early = takeEarlyCall(earlyCallKey(openid, fn, JSON.stringify(event)));
  if (early) {
    try {
      const answer = await withTimeout(early, timeout + 1000, `POST /fn/${fn}`);
      return envelopeOf(answer.status, answer.body);
    } catch {
      // No answer to the early call (no network, a proxy's html): ask again, as if it never went.
    }
  }
  let res: Taro.request.SuccessCallbackResult<WireBody>;
  try {
    res = await withTimeout(
      Taro.request<WireBody>({ url: cloudUrl(`/fn/${encodeURIComponent(fn)}`), method: 'POST', data: event, header, timeout }),
      timeout + 1000,
      `POST /fn/${fn}`,
    );
  } catch (err) {
    if (err instanceof TransportError) throw err;
    const e = err as { errMsg?: string };
    throw new TransportError(e.errMsg ?? String(err));
  }
  return envelopeOf(res.statusCode, res.data);
}

/** The gateway answers an envelope even on 4xx; anything else from a 5xx/proxy means the cloud is not there. */
function envelopeOf(statusCode: number, body: unknown): unknown {
  if (typeof body === 'object' && body !== null && 'ok' in body) return body;
  if (statusCode >= 500 || statusCode === 0) throw new TransportError(`gateway answered HTTP ${statusCode}`);
  return body;
}

/** The answer to the call index.html started for this very request (config/h5-perf.ts), once. */
function takeEarlyCall(key: string): Promise<EarlyAnswer> | null {
  const started = (globalThis as Record<string, unknown>)[EARLY_CALLS_GLOBAL] as Record<string, Promise<EarlyAnswer> | undefined> | undefined;
  const answer = started?.[key];
  if (!answer) return null;
  // Taken once: a reload or a pull-to-refresh asks the server again.
  delete started[key];
  return answer;
}
