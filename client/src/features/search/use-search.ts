import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExemplarHit, SearchGroup, SearchResult, StoryHit } from '@contract';
import { call, toFailure, type ApiFailure } from '../../lib/api';

/** Typing settles for this long before a search is sent. */
export const DEBOUNCE_MS = 300;

/** The value once it has stopped changing for `ms` (the first value at once). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface GroupView<H> {
  items: H[];
  next: string | null;
  loadingMore: boolean;
  moreError: ApiFailure | null;
}

export type SearchView =
  | { status: 'idle' }
  | { status: 'loading'; q: string }
  | { status: 'error'; q: string; error: ApiFailure }
  | {
      status: 'ready';
      /** The query these results answer (the box may already hold a newer one: `refreshing`). */
      q: string;
      stories: GroupView<StoryHit>;
      exemplars: GroupView<ExemplarHit>;
      suggestions: string[];
      /** A newer query is on its way; these results stay on screen until it answers. */
      refreshing: boolean;
    };

export type HitKind = 'story' | 'exemplar';

const group = <H>(g: SearchGroup<H> | null): GroupView<H> => ({ items: g?.items ?? [], next: g?.next ?? null, loadingMore: false, moreError: null });

/** Appends a page, each result once (a result may move between pages while the reader pages). */
function append<H extends { card: { _id: string } }>(g: GroupView<H>, page: SearchGroup<H>): GroupView<H> {
  const seen = new Set(g.items.map((h) => h.card._id));
  return { items: [...g.items, ...page.items.filter((h) => !seen.has(h.card._id))], next: page.next, loadingMore: false, moreError: null };
}

/**
 * The search behind the page: one request per settled query (both groups' first pages), more
 * of one group on demand. Answers to a query the reader has already typed past are dropped, so
 * a slow answer never replaces a newer one.
 */
export function useSearch(query: string): {
  view: SearchView;
  retry: () => void;
  loadMore: (kind: HitKind) => Promise<void>;
} {
  const [view, setView] = useState<SearchView>({ status: 'idle' });
  const generation = useRef(0);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const gen = ++generation.current;
    const q = query.trim();
    if (!q) {
      setView({ status: 'idle' });
      return;
    }
    setView((v) => (v.status === 'ready' ? { ...v, refreshing: true } : { status: 'loading', q }));
    call('content', 'search', { q })
      .then((r: SearchResult) => {
        if (gen !== generation.current) return;
        setView({ status: 'ready', q, stories: group(r.stories), exemplars: group(r.exemplars), suggestions: r.suggestions, refreshing: false });
      })
      .catch((err: unknown) => {
        if (gen !== generation.current) return;
        setView({ status: 'error', q, error: toFailure(err) });
      });
  }, [query, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const loadMore = useCallback(async (kind: HitKind) => {
    const current = view;
    if (current.status !== 'ready') return;
    const key = kind === 'story' ? 'stories' : 'exemplars';
    const g = current[key];
    if (!g.next || g.loadingMore) return;
    const gen = generation.current;
    setView((v) => (v.status === 'ready' ? { ...v, [key]: { ...v[key], loadingMore: true, moreError: null } } : v));
    try {
      const r = await call('content', 'search', { q: current.q, kind, cursor: g.next });
      if (gen !== generation.current) return;
      setView((v) => {
        if (v.status !== 'ready') return v;
        return kind === 'story' && r.stories ? { ...v, stories: append(v.stories, r.stories) } : kind === 'exemplar' && r.exemplars ? { ...v, exemplars: append(v.exemplars, r.exemplars) } : v;
      });
    } catch (err) {
      if (gen !== generation.current) return;
      setView((v) => (v.status === 'ready' ? { ...v, [key]: { ...v[key], loadingMore: false, moreError: toFailure(err) } } : v));
    }
  }, [view]);

  return { view, retry, loadMore };
}
