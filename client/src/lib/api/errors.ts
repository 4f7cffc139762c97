import type { ApiError, ErrorCode } from '@contract';
import { isErrorCode } from '../contract-values';

/**
 * The one table of what a user reads for each error code. Pages never write their own
 * error text: they show `failure.message`, so a code reads the same everywhere.
 */
export const ERROR_TEXT: Record<ErrorCode, string> = {
  INVALID_ARGUMENT: '请求参数有误，请检查后重试',
  UNAUTHENTICATED: '请先登录后再操作',
  PERMISSION_DENIED: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已下线',
  CONFLICT: '内容已被他人修改，请刷新后重试',
  FAILED_PRECONDITION: '当前状态不允许此操作',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_REJECTED: '内容未通过安全检测，请修改后重试',
  CONTENT_HELD: '内容正在人工审核中，请耐心等待',
  UNAVAILABLE: '网络不给力，请稍后重试',
  INTERNAL: '服务开小差了，请稍后重试',
};

/** A failed call as the UI sees it: a stable code and the Chinese text for it. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  readonly code: ErrorCode;
  /** Server request id on INTERNAL, so a user can quote it. */
  readonly requestId: string | undefined;
  /** Developer-facing detail (English) from the server or the transport; never shown. */
  readonly detail: string;

  /** Which request fields the server named (INVALID_ARGUMENT, or a refusal's reason such as `code: expired`). */
  readonly fields: NonNullable<ApiError['fields']>;

  constructor(code: ErrorCode, detail = '', requestId?: string, fields: ApiError['fields'] = []) {
    super(ERROR_TEXT[code]);
    this.code = code;
    this.detail = detail;
    this.requestId = requestId;
    this.fields = fields;
  }

  static fromApiError(error: ApiError): ApiFailure {
    return new ApiFailure(error.code, error.message, error.requestId, error.fields ?? []);
  }
}

/**
 * Raised by a transport when the call never produced an answer (no network, timeout,
 * gateway down). The client turns it into UNAVAILABLE; a transport may instead name
 * another code when the platform says the function itself failed.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: ErrorCode;
  constructor(detail: string, code: ErrorCode = 'UNAVAILABLE') {
    super(detail);
    this.code = isErrorCode(code) ? code : 'UNAVAILABLE';
  }
}

/** What to show for anything a call can throw: failures keep their text, the rest is INTERNAL. */
export function toFailure(err: unknown): ApiFailure {
  if (err instanceof ApiFailure) return err;
  if (err instanceof TransportError) return new ApiFailure(err.code, err.message);
  return new ApiFailure('INTERNAL', err instanceof Error ? err.message : String(err));
}
