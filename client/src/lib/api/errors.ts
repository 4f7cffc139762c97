import type { ApiError, ErrorCode, RefusalReason } from '@contract';
import { isErrorCode } from '../contract-values';
import { REFUSAL_TEXT, knownReason } from './refusals';

/**
 * What a user reads for each error code, when the server named no refusal reason (or one this
 * client does not know yet). Pages never write their own error text: they show
 * `failure.message`, so a refusal reads the same everywhere.
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

/**
 * Why a call was refused, in the contract's words: the error's own reason, else the first
 * field's. Unknown reasons are skipped (see knownReason).
 */
function reasonOf(error: Pick<ApiError, 'reason' | 'fields'>): RefusalReason | undefined {
  if (knownReason(error.reason)) return error.reason;
  return error.fields?.map((f) => f.reason).find(knownReason);
}

/**
 * A failed call as the UI sees it: a stable code, the refusal reason when the server named
 * one, and the Chinese text to show — the reason's sentence (REFUSAL_TEXT) first, else the
 * code's (ERROR_TEXT).
 */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  readonly code: ErrorCode;
  /** The contract's refusal reason (error.reason, else the first field reason), if any. */
  readonly reason: RefusalReason | undefined;
  /** Server request id on INTERNAL, so a user can quote it. */
  readonly requestId: string | undefined;
  /** Developer-facing detail (English) from the server or the transport; never shown. */
  readonly detail: string;

  /** Which request fields the server named (INVALID_ARGUMENT, or a refusal's reason for one field); see fieldErrors. */
  readonly fields: NonNullable<ApiError['fields']>;

  /**
   * No answer arrived (no network, timeout, gateway down): the server decided nothing, so a
   * stored copy may stand in for a read and an idempotent write may be sent again later.
   */
  readonly unanswered: boolean;

  constructor(
    code: ErrorCode,
    detail = '',
    requestId?: string,
    fields: ApiError['fields'] = [],
    reason?: RefusalReason,
    unanswered = false,
  ) {
    super(reason ? REFUSAL_TEXT[reason] : ERROR_TEXT[code]);
    this.code = code;
    this.reason = reason;
    this.detail = detail;
    this.requestId = requestId;
    this.fields = fields;
    this.unanswered = unanswered;
  }

  static fromApiError(error: ApiError): ApiFailure {
    return new ApiFailure(error.code, error.message, error.requestId, error.fields ?? [], reasonOf(error));
  }

  /** A transport's "no answer" (UNAVAILABLE), or the platform's word that the function itself failed. */
  static fromTransport(err: TransportError): ApiFailure {
    return new ApiFailure(err.code, err.message, undefined, [], undefined, err.code === 'UNAVAILABLE');
  }
}

/**
 * The server refused who is asking, not what they asked: trying again cannot help, so no page
 * offers 重试 for it (StateView and ListFooter follow this).
 */
export function isPermissionRefusal(failure: ApiFailure): boolean {
  return failure.code === 'PERMISSION_DENIED' || failure.code === 'UNAUTHENTICATED';
}

/** Text the contract's schemas wrote for users (Chinese, no Latin letters), as opposed to developer detail. */
const USER_TEXT = /^[^A-Za-z]*[\u4e00-\u9fa5][^A-Za-z]*$/;

/**
 * What to show beside each field the server named, by request path (`title`, `attachments.2`):
 * the field reason's sentence; without a reason, the schema's own Chinese message (the
 * contract writes those for users); anything else reads as the failure's text.
 */
export function fieldErrors(failure: ApiFailure): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of failure.fields) {
    out[f.path] ??= knownReason(f.reason) ? REFUSAL_TEXT[f.reason] : USER_TEXT.test(f.message) ? f.message : failure.message;
  }
  return out;
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
  if (err instanceof TransportError) return ApiFailure.fromTransport(err);
  return new ApiFailure('INTERNAL', err instanceof Error ? err.message : String(err));
}
