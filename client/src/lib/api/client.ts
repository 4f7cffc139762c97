import type { ActionName, ApiError, CallEvent, FunctionName, RequestOf, ResponseOf, Result } from '@contract';
import { isErrorCode } from '../contract-values';
import { cacheKey, forget, recall, remember } from '../offline-cache';
import { connectivity, noteAnswered, noteShown, noteUnanswered } from '../offline-state';
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
 * A reading call that has a stored copy and no answer after this long shows the copy while the
 * call goes on (its answer refreshes the copy): a slow network at a remote station reads at
 * once instead of after the 15 s timeout.
 */
export const STALE_AFTER_MS = 3000;

/** Refusals that say nothing about the content (pace, a server fault): a stored copy stays. */
const KEEPS_COPY = new Set<ApiError['code']>(['RATE_LIMITED', 'INTERNAL', 'UNAVAILABLE']);

/**
 * The one typed client: `call('content', 'feed', { limit: 10 })` resolves with the
 * feed page or throws an `ApiFailure` whose `message` is the Chinese text to show.
 *
 * Reading actions (offline-cache.ts) also work offline: each answer is stored, and when no
 * answer comes (no network, or none within STALE_AFTER_MS) the stored copy is served and
 * offline-state records that what is shown is stale. A refusal is never served from a copy,
 * and drops it (a story taken down must not read on from storage).
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  req: RequestOf<F, A>,
): Promise<ResponseOf<F, A>> {
  const key = cacheKey(fn, action, req);
  if (key === null) return ask(fn, action, req);

  // The platform says there is no network: the copy now, rather than a request that cannot work.
  if (!connectivity().online) {
    const copy = recall<ResponseOf<F, A>>(key);
    if (copy) {
      noteShown(copy.savedAt);
      return copy.data;
    }
  }

  const fresh = ask(fn, action, req).then(
    (data) => {
      remember(key, data);
      return data;
    },
    (err: unknown) => {
      if (err instanceof ApiFailure && !err.unanswered && !KEEPS_COPY.has(err.code)) forget(key);
      throw err;
    },
  );
  return new Promise<ResponseOf<F, A>>((resolve, reject) => {
    let settled = false;
    const serveCopy = (): boolean => {
      const copy = recall<ResponseOf<F, A>>(key);
      if (!copy) return false;
      settled = true;
      noteShown(copy.savedAt);
      resolve(copy.data);
      return true;
    };
    const timer = setTimeout(() => {
      if (!settled) serveCopy();
    }, STALE_AFTER_MS);
    fresh.then(
      (data) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        noteShown(null);
        resolve(data);
      },
      (err: unknown) => {
        clearTimeout(timer);
        if (settled) return;
        if (err instanceof ApiFailure && err.unanswered) {
          if (serveCopy()) return;
          // Nothing stored for this page: what it shows now is its error, not an old copy.
          noteShown(null);
        }
        settled = true;
        reject(err);
      },
    );
  });
}

/** One request and its answer, as the server gave it. */
async function ask<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  req: RequestOf<F, A>,
): Promise<ResponseOf<F, A>> {
  const event: CallEvent<A, RequestOf<F, A>> = { action, data: req };
  let answer: unknown;
  try {
    answer = await send(fn, event);
  } catch (err) {
    if (err instanceof TransportError) {
      if (err.code === 'UNAVAILABLE') noteUnanswered();
      throw ApiFailure.fromTransport(err);
    }
    noteUnanswered();
    throw new ApiFailure('UNAVAILABLE', err instanceof Error ? err.message : String(err), undefined, [], undefined, true);
  }
  noteAnswered();
  if (!isEnvelope(answer)) {
    // A function that answers something else is a server bug, not a network problem.
    throw new ApiFailure('INTERNAL', `${fn}.${action} answered a non-envelope`);
  }
  if (!answer.ok) throw ApiFailure.fromApiError(answer.error);
  return answer.data as ResponseOf<F, A>;
}
