import Taro from '@tarojs/taro';

/** What Taro.request may hand back; checked before use. */
type WireBody = string | TaroGeneral.IAnyObject | ArrayBuffer;
import type { CallEvent } from '@contract';
import { TransportError } from './errors';
import { cloudUrl, currentDevOpenid } from './dev-identity';
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
  // The gateway answers an envelope even on 4xx; anything else from a 5xx/proxy means the cloud is not there.
  const body = res.data;
  if (typeof body === 'object' && body !== null && 'ok' in body) return body;
  if (res.statusCode >= 500 || res.statusCode === 0) throw new TransportError(`gateway answered HTTP ${res.statusCode}`);
  return body;
}
