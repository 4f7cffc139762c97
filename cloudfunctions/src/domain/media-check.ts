/**
 * WeChat's `wxa_media_check` push (security.mediaCheckAsync v2), parsed. Pure. The push arrives
 * as the function's event object (cloud-function message push, JSON):
 * `{ MsgType: 'event', Event: 'wxa_media_check', trace_id, version: 2, result: { suggest, label }, detail }`.
 */
export type MediaVerdict = 'pass' | 'review' | 'risky';

export interface MediaCheckResult {
  traceId: string;
  verdict: MediaVerdict;
}

export function isMediaCheckPush(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Event?: unknown }).Event === 'wxa_media_check';
}

/** The trace id and verdict, or null for anything that is not a well-formed v2 result. */
export function parseMediaCheck(event: unknown): MediaCheckResult | null {
  if (!isMediaCheckPush(event)) return null;
  const e = event as { trace_id?: unknown; result?: { suggest?: unknown } };
  const traceId = e.trace_id;
  const suggest = e.result?.suggest;
  if (typeof traceId !== 'string' || traceId.length === 0 || traceId.length > 128) return null;
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return null;
  return { traceId, verdict: suggest };
}
