import { TransportError } from './errors';

const DEFAULT_TIMEOUT_MS = 15000;

export function apiTimeoutMs(): number {
  const n = Number(process.env.TARO_APP_API_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
}

/**
 * Bounds a platform call: callFunction has no timeout of its own that we control, and a
 * hung request would leave a page on its skeleton forever.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransportError(`${what} timed out after ${ms} ms`)), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
