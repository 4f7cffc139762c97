import Taro from '@tarojs/taro';
import type { CallEvent } from '@contract';
import { TransportError } from './errors';
import { apiTimeoutMs, withTimeout } from './timeout';

let initialised = false;

/** Taro.cloud.init once per app launch; the env id is build configuration (client/.env). */
function ensureCloud(): void {
  if (initialised) return;
  const env = process.env.TARO_APP_ENV_ID;
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
  initialised = true;
}

/** WeChat's code for "the function ran and threw" (FUNCTIONS_EXECUTE_FAIL), as opposed to no answer. */
const FUNCTION_EXECUTE_FAIL = -404011;

export async function send(fn: string, event: CallEvent): Promise<unknown> {
  ensureCloud();
  try {
    const res = await withTimeout(
      Taro.cloud.callFunction({ name: fn, data: event as unknown as Record<string, unknown> }),
      apiTimeoutMs(),
      `callFunction ${fn}`,
    );
    return res.result;
  } catch (err) {
    if (err instanceof TransportError) throw err;
    const e = err as { errCode?: number; errMsg?: string };
    const detail = e.errMsg ?? String(err);
    throw new TransportError(detail, e.errCode === FUNCTION_EXECUTE_FAIL ? 'INTERNAL' : 'UNAVAILABLE');
  }
}
