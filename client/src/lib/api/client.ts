import type { ActionName, ApiError, CallEvent, FunctionName, RequestOf, ResponseOf, Result } from '@contract';
import { isErrorCode } from '../contract-values';
import { ApiFailure, TransportError } from './errors';
import { send } from './transport';

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; data?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  if (v.ok === false) {
    const e = v.error as Partial<ApiError> | undefined;
    return typeof e === 'object' && e !== null && isErrorCode(e.code);
  }
  return false;
}

/**
 * The one typed client: `call('content', 'feed', { limit: 10 })` resolves with the
 * feed page or throws an `ApiFailure` whose `message` is the Chinese text to show.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  req: RequestOf<F, A>,
): Promise<ResponseOf<F, A>> {
  const event: CallEvent<A, RequestOf<F, A>> = { action, data: req };
  let answer: unknown;
  try {
    answer = await send(fn, event);
  } catch (err) {
    if (err instanceof TransportError) throw new ApiFailure(err.code, err.message);
    throw new ApiFailure('UNAVAILABLE', err instanceof Error ? err.message : String(err));
  }
  if (!isEnvelope(answer)) {
    // A function that answers something else is a server bug, not a network problem.
    throw new ApiFailure('INTERNAL', `${fn}.${action} answered a non-envelope`);
  }
  if (!answer.ok) throw ApiFailure.fromApiError(answer.error);
  return answer.data as ResponseOf<F, A>;
}
