import Taro from '@tarojs/taro';
import type { LikeState } from '@contract';
import { call, toFailure } from './api';
import { connectivity, subscribeConnectivity } from './offline-state';

/**
 * Likes and salutes made with no network, kept on the device until they can be sent. A wish is
 * a state (liked or not), never a toggle, and `engagement.setLike` sets that state: sending it
 * twice, or after the page that made it is gone, is harmless. So the outbox keeps only each
 * target's latest wish, survives a restart (storage), and sends when the network comes back or
 * the app starts with one. A wish the server refuses is dropped with a toast that says so:
 * nothing taken offline is lost without the reader being told.
 */

export type LikeTarget = LikeState['target'];

export interface QueuedWish {
  target: LikeTarget;
  liked: boolean;
  /** When the reader made the wish (ms), to tell it from a newer one for the same target. */
  at: number;
}

export type OutboxEvent =
  | { outcome: 'queued' | 'forgotten' | 'dropped'; target: LikeTarget }
  | { outcome: 'synced'; target: LikeTarget; state: LikeState };

const STORAGE_KEY = 'offline-outbox';
const ACTION_WORD: Record<LikeTarget['kind'], string> = { story: '点赞', exemplar: '致敬' };
/** Waits before sending again after a RATE_LIMITED or a server fault, doubling each time. */
const RETRY_MS = 5000;
const MAX_RETRIES = 4;

export const SYNCED_TEXT = '离线时的点赞和致敬已同步';

const listeners = new Set<(event: OutboxEvent) => void>();
let wired = false;
let draining: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retries = 0;

const sameTarget = (a: LikeTarget, b: LikeTarget) => a.kind === b.kind && a.id === b.id;

export function queuedWishes(): QueuedWish[] {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(STORAGE_KEY);
  } catch {
    return [];
  }
  return Array.isArray(raw) ? raw.filter(isWish) : [];
}

/** The reader's queued wish for a target, or null when nothing waits for it. */
export function queuedWish(target: LikeTarget): boolean | null {
  return queuedWishes().find((w) => sameTarget(w.target, target))?.liked ?? null;
}

/**
 * Keeps the reader's latest wish for a target until it can be sent. False when the device
 * would not store it: the caller must then say the wish was not kept.
 */
export function queueWish(target: LikeTarget, liked: boolean, now: number = Date.now()): boolean {
  const rest = queuedWishes().filter((w) => !sameTarget(w.target, target));
  if (!save([...rest, { target: { kind: target.kind, id: target.id }, liked, at: now }])) return false;
  emit({ outcome: 'queued', target });
  return true;
}

/** The server has this target's wish (or it needs nothing): nothing waits for it any more. */
export function forgetWish(target: LikeTarget): void {
  const all = queuedWishes();
  const rest = all.filter((w) => !sameTarget(w.target, target));
  if (rest.length === all.length) return;
  save(rest);
  emit({ outcome: 'forgotten', target });
}

/**
 * Listens for what happens to queued wishes. The first listener also starts sending them when
 * the network comes back (and now, if there is one).
 */
export function subscribeOutbox(listener: (event: OutboxEvent) => void): () => void {
  listeners.add(listener);
  wire();
  return () => {
    listeners.delete(listener);
  };
}

/** Sends every queued wish, one at a time; a second call while sending joins the first. */
export function sendOutbox(): Promise<void> {
  draining ??= drain().finally(() => {
    draining = null;
  });
  return draining;
}

function wire(): void {
  if (wired) return;
  wired = true;
  let wasUp = isUp();
  subscribeConnectivity(() => {
    const up = isUp();
    if (up && !wasUp) void sendOutbox();
    wasUp = up;
  });
  // A wish left from an earlier session goes out at the first chance.
  if (wasUp && queuedWishes().length > 0) void sendOutbox();
}

function isUp(): boolean {
  const c = connectivity();
  return c.online && !c.unreachable;
}

async function drain(): Promise<void> {
  let synced = 0;
  let refused = false;
  for (const wish of queuedWishes()) {
    let state: LikeState;
    try {
      state = await call('engagement', 'setLike', { target: wish.target, liked: wish.liked });
    } catch (err) {
      const failure = toFailure(err);
      // Still no network: everything stays; the next "network is back" sends it.
      if (failure.unanswered) break;
      if (failure.code === 'RATE_LIMITED' || failure.code === 'INTERNAL' || failure.code === 'UNAVAILABLE') {
        scheduleRetry();
        break;
      }
      // The server decided (the story is gone, the reader may not): tell them, do not keep trying.
      refused = true;
      removeIfUnchanged(wish);
      emit({ outcome: 'dropped', target: wish.target });
      void Taro.showToast({ title: `${ACTION_WORD[wish.target.kind]}未能同步：${failure.message}`, icon: 'none' });
      continue;
    }
    retries = 0;
    synced += 1;
    removeIfUnchanged(wish);
    emit({ outcome: 'synced', target: wish.target, state });
  }
  if (synced > 0 && !refused) void Taro.showToast({ title: SYNCED_TEXT, icon: 'none' });
}

function scheduleRetry(): void {
  if (retryTimer !== null || retries >= MAX_RETRIES) return;
  retries += 1;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void sendOutbox();
  }, RETRY_MS * 2 ** (retries - 1));
}

/** A newer wish for the same target made while this one was out stays queued. */
function removeIfUnchanged(sent: QueuedWish): void {
  const all = queuedWishes();
  const rest = all.filter((w) => !(sameTarget(w.target, sent.target) && w.at === sent.at && w.liked === sent.liked));
  if (rest.length !== all.length) save(rest);
}

function save(wishes: QueuedWish[]): boolean {
  try {
    Taro.setStorageSync(STORAGE_KEY, wishes);
    return true;
  } catch {
    return false;
  }
}

function emit(event: OutboxEvent): void {
  listeners.forEach((l) => l(event));
}

function isWish(value: unknown): value is QueuedWish {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Partial<QueuedWish>;
  const t = w.target as Partial<LikeTarget> | undefined;
  return (
    typeof w.liked === 'boolean' &&
    typeof w.at === 'number' &&
    typeof t === 'object' &&
    t !== null &&
    (t.kind === 'story' || t.kind === 'exemplar') &&
    typeof t.id === 'string'
  );
}
