import { useEffect, useState } from 'react';

type Listener = (storyId: string, count: number) => void;

const listeners = new Set<Listener>();

/**
 * A story's like count as the server just confirmed it (engagement.setLike / status). Lists
 * that stay mounted under the story page (the feed, a campaign, my likes) show it when the
 * reader comes back, instead of the count they loaded before the like.
 */
export function publishLikeCount(storyId: string, count: number): void {
  listeners.forEach((l) => l(storyId, count));
}

/** Counts confirmed while the list was mounted, by story id; older ones come from the list's own data. */
export function useLikeCounts(): ReadonlyMap<string, number> {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(() => new Map());
  useEffect(() => {
    const listener: Listener = (id, count) =>
      setCounts((m) => {
        if (m.get(id) === count) return m;
        const next = new Map(m);
        next.set(id, count);
        return next;
      });
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return counts;
}
