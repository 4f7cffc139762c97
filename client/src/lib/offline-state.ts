import { useEffect, useState } from 'react';
import { watchNetwork } from './offline-network';

/**
 * What the reader should know about the connection, in one place: the platform's network
 * state, whether the last call got no answer, and whether what was last shown is a stored copy.
 * The API client reports calls; the offline banner and the like outbox read it.
 */
export interface Connectivity {
  /** The platform reports a network (weapp: network status; h5: navigator.onLine). */
  online: boolean;
  /** The last call got no answer although the platform reports a network (server down, lie-fi). */
  unreachable: boolean;
  /** When the stored copy last shown was answered by the server; null when what was shown last was fresh. */
  staleSince: number | null;
}

let state: Connectivity = { online: true, unreachable: false, staleSince: null };
let watching = false;
const listeners = new Set<() => void>();

function update(patch: Partial<Connectivity>): void {
  const next = { ...state, ...patch };
  if (next.online === state.online && next.unreachable === state.unreachable && next.staleSince === state.staleSince) return;
  state = next;
  listeners.forEach((l) => l());
}

function ensureWatching(): void {
  if (watching) return;
  watching = true;
  watchNetwork((online) => {
    // Coming back, assume the server is there too until a call says otherwise.
    update(online ? { online, unreachable: false } : { online });
  });
}

export function connectivity(): Connectivity {
  ensureWatching();
  return state;
}

export function subscribeConnectivity(listener: () => void): () => void {
  ensureWatching();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** A call got an answer (any answer, a refusal too): the server is reachable. */
export function noteAnswered(): void {
  update({ unreachable: false });
}

/** A call got no answer. */
export function noteUnanswered(): void {
  update({ unreachable: true });
}

/** A reading call was served: fresh (null) or a stored copy answered at `savedAt`. */
export function noteShown(savedAt: number | null): void {
  update({ staleSince: savedAt });
}

/** The connectivity for a component, re-rendering only when it changes. */
export function useConnectivity(): Connectivity {
  const [value, setValue] = useState(connectivity);
  useEffect(() => {
    const listener = () => setValue(state);
    const off = subscribeConnectivity(listener);
    // A change between the first render and this subscription is not lost.
    listener();
    return off;
  }, []);
  return value;
}
