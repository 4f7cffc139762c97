/**
 * Answers the h5 transport's `POST /fn/<name>` like the local cloud's gateway does: the
 * event is `{action, data}`, the reply a `Result` envelope. Tests install one handler per
 * `function.action`; an unknown action answers INVALID_ARGUMENT as the functions do.
 */
import type { ApiError, Result } from '@contract';
import { setRequestHandler, type RequestOptions } from './taro-fake';

export type ActionHandler = (data: unknown, ctx: { openid: string | null }) => Result<unknown> | Promise<Result<unknown>>;

export interface Served {
  calls: { fn: string; action: string; data: unknown; openid: string | null }[];
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}
export function err(code: ApiError['code'], message: string = code): Result<never> {
  return { ok: false, error: { code, message } };
}

export function serveFunctions(handlers: Record<string, ActionHandler>): Served {
  const served: Served = { calls: [] };
  setRequestHandler(async (opts: RequestOptions) => {
    const m = /^\/fn\/([a-z]+)$/.exec(opts.url);
    if (!m || opts.method !== 'POST') return { statusCode: 404, data: 'not found' };
    const fn = m[1]!;
    const event = opts.data as { action?: string; data?: unknown };
    const openid = opts.header?.['x-wx-openid'] ?? null;
    const action = String(event?.action);
    served.calls.push({ fn, action, data: event?.data, openid });
    const handler = handlers[`${fn}.${action}`];
    if (!handler) return { statusCode: 200, data: err('INVALID_ARGUMENT', `unknown action ${action}`) };
    return { statusCode: 200, data: await handler(event.data, { openid }) };
  });
  return served;
}
