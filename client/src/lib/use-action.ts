import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { toFailure, type ApiFailure } from './api';

export interface Action {
  busy: boolean;
  /** The last refusal, as the server's typed reason in Chinese (ApiFailure.message). */
  error: ApiFailure | null;
  /**
   * Run `work` once at a time: busy while it runs, the refusal kept in `error`, a success toast
   * when `success` is given. Answers the work's result, or null when it failed.
   */
  run<T>(work: () => Promise<T>, success?: string): Promise<T | null>;
  clear(): void;
}

/** The one way a staff form submits: no double submit, one place a refusal is kept and shown. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const running = useRef(false);
  const run = useCallback(async <T,>(work: () => Promise<T>, success?: string): Promise<T | null> => {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      const out = await work();
      if (success) void Taro.showToast({ title: success, icon: 'success' });
      return out;
    } catch (err) {
      setError(toFailure(err));
      return null;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
