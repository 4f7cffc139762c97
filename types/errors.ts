import type { RefusalReason } from './refusals';

/** Stable error codes. Expected failures are returned in the envelope, never thrown at WeChat. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'CONTENT_HELD',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure as the envelope carries it; `R` narrows the reasons an action may give. */
export interface ApiError<R extends RefusalReason = RefusalReason> {
  code: ErrorCode;
  /** Developer-facing detail (English); the client shows its own Chinese text per code. */
  message: string;
  /** Why exactly, as one of the contract's refusal reasons (refusals.ts): what a page says in Chinese. */
  reason?: R;
  /** Present on INTERNAL so a user can quote it and we can find the log line. */
  requestId?: string;
  /** Which fields failed; `reason` says why in the contract's words, `message` is developer detail. */
  fields?: { path: string; message: string; reason?: R }[];
}

export type Result<T, R extends RefusalReason = RefusalReason> = { ok: true; data: T } | { ok: false; error: ApiError<R> };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
