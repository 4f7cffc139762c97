/**
 * The one wrapper for timer-triggered functions (reconcile, nomination-timer, publish-timer,
 * media-check's sweep). Any client can invoke any function by name, and a timer's work is never
 * a user's action: a call carrying a user's OPENID is refused before anything runs. A timer
 * trigger carries none. Like every function it never throws at WeChat: a failure is logged
 * with a request id and answered as INTERNAL. Each run logs one summary line.
 */
import { randomBytes } from 'node:crypto';
import type { Result } from '@contract';
import { productionDeps, type Deps } from './context';

export interface TimerContext extends Deps {
  requestId: string;
  fn: string;
}

export type TimerMain<R> = (event: unknown, context?: { request_id?: string }) => Promise<Result<R>>;

export function timerFunction<R extends object>(fn: string, run: (ctx: TimerContext) => Promise<R>, deps: Deps = productionDeps): TimerMain<R> {
  return async (_event, context) => {
    const requestId = context?.request_id ?? randomBytes(8).toString('hex');
    try {
      if (deps.cloud().identity().openid) {
        return { ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required', message: `${fn} runs from its timer trigger only` } };
      }
      const summary = await run({ ...deps, requestId, fn });
      // One structured line per run: the cloud console's log search finds runs by this shape.
      deps.log({ level: 'info', fn, requestId, ...summary });
      return { ok: true, data: summary };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      try {
        console.error(JSON.stringify({ level: 'error', fn, requestId, message: err.message, stack: err.stack }));
      } catch {
        // A broken logger must not turn into a throw at WeChat.
      }
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId } };
    }
  };
}
