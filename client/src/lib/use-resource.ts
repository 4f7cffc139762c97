import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure, toFailure } from './api';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiFailure }
  | { status: 'ready'; data: T };

/**
 * One request behind a page: loading → ready | error, with `reload` for the retry button
 * and pull-to-refresh. Answers of superseded loads are dropped so a slow first request
 * cannot overwrite a fresher one.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): {
  state: ResourceState<T>;
  reload: () => Promise<void>;
} {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async (showSkeleton: boolean) => {
    const gen = ++generation.current;
    if (showSkeleton) setState({ status: 'loading' });
    try {
      const data = await loadRef.current();
      // A transition: React renders the answer (a whole story, a page of cards) in slices between
      // which the page still answers a tap, instead of one long task that freezes it on a phone.
      if (gen === generation.current) startTransition(() => setState({ status: 'ready', data }));
    } catch (err) {
      if (gen === generation.current) setState({ status: 'error', error: toFailure(err) });
    }
  }, []);

  useEffect(() => {
    void run(true);
    // The caller lists what the load depends on, as with useEffect.
  }, deps);

  // Reloading keeps what is on screen until the new answer arrives (pull-to-refresh).
  const reload = useCallback(() => run(false), [run]);
  return { state, reload };
}
