import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@contract';
import { ApiFailure, toFailure } from './api';

export interface PagedList<T> {
  /** First page: loading until it arrives, then ready or error. */
  status: 'loading' | 'ready' | 'error';
  items: T[];
  error: ApiFailure | null;
  /** True while a next page is on its way. */
  loadingMore: boolean;
  /** The last load-more failed; the footer offers a retry. */
  moreError: ApiFailure | null;
  /** No further pages (the server answered `next: null`). */
  done: boolean;
  loadMore: () => Promise<void>;
  /** Reloads from the first page, keeping the list on screen; resolves with the failure, if any, for a toast. */
  refresh: () => Promise<ApiFailure | null>;
}

interface Inner<T> {
  status: PagedList<T>['status'];
  items: T[];
  next: string | null;
  error: ApiFailure | null;
  loadingMore: boolean;
  moreError: ApiFailure | null;
}

/**
 * Cursor pagination for feeds and libraries. Items are keyed by `_id`: a story that moved
 * between pages (a newer one was published in between) is never shown twice.
 */
export function usePagedList<T extends { _id: string }>(
  loadPage: (cursor: string | null) => Promise<Page<T>>,
  deps: readonly unknown[],
): PagedList<T> {
  const [inner, setInner] = useState<Inner<T>>({
    status: 'loading',
    items: [],
    next: null,
    error: null,
    loadingMore: false,
    moreError: null,
  });
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const generation = useRef(0);
  // Mirrors of state read synchronously, so two scroll events cannot request the same page twice.
  const busy = useRef(false);
  const nextRef = useRef<string | null>(null);

  const loadFirst = useCallback(async (showSkeleton: boolean): Promise<ApiFailure | null> => {
    const gen = ++generation.current;
    busy.current = true;
    if (showSkeleton) setInner((s) => ({ ...s, status: 'loading', items: [], error: null, moreError: null }));
    try {
      const page = await loadRef.current(null);
      if (gen !== generation.current) return null;
      nextRef.current = page.next;
      // A transition (see useResource): the first page of cards renders in slices, not one long task.
      startTransition(() => setInner({ status: 'ready', items: dedupe([], page.items), next: page.next, error: null, loadingMore: false, moreError: null }));
    } catch (err) {
      if (gen !== generation.current) return null;
      const failure = toFailure(err);
      // A failed refresh keeps the list already on screen; only an empty screen shows the error state.
      setInner((s) =>
        s.items.length > 0 && !showSkeleton
          ? { ...s, moreError: null }
          : { status: 'error', items: [], next: null, error: failure, loadingMore: false, moreError: null },
      );
      return failure;
    } finally {
      if (gen === generation.current) busy.current = false;
    }
    return null;
  }, []);

  useEffect(() => {
    void loadFirst(true);
    // The caller lists what the load depends on, as with useEffect.
  }, deps);

  const loadMore = useCallback(async () => {
    const cursor = nextRef.current;
    if (busy.current || cursor === null) return;
    const gen = generation.current;
    busy.current = true;
    setInner((s) => ({ ...s, loadingMore: true, moreError: null }));
    try {
      const page = await loadRef.current(cursor);
      if (gen !== generation.current) return;
      nextRef.current = page.next;
      setInner((s) => ({ ...s, items: dedupe(s.items, page.items), next: page.next, loadingMore: false }));
    } catch (err) {
      if (gen !== generation.current) return;
      setInner((s) => ({ ...s, loadingMore: false, moreError: toFailure(err) }));
    } finally {
      if (gen === generation.current) busy.current = false;
    }
  }, []);

  const refresh = useCallback(() => loadFirst(false), [loadFirst]);

  return {
    status: inner.status,
    items: inner.items,
    error: inner.error,
    loadingMore: inner.loadingMore,
    moreError: inner.moreError,
    done: inner.status === 'ready' && inner.next === null,
    loadMore,
    refresh,
  };
}

function dedupe<T extends { _id: string }>(existing: T[], incoming: T[]): T[] {
  const seen = new Set(existing.map((i) => i._id));
  const out = existing.slice();
  for (const item of incoming) {
    if (seen.has(item._id)) continue;
    seen.add(item._id);
    out.push(item);
  }
  return out;
}
