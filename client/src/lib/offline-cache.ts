import Taro from '@tarojs/taro';

/**
 * The last answers of the reading actions, kept in Taro storage (wx storage on weapp,
 * localStorage on h5) so the feed, stories and profiles a reader has opened still read with no
 * network. Only the API client (lib/api/client.ts) uses it: it stores each fresh answer of an
 * action listed in CACHED_ACTIONS and serves the stored copy when a call gets no answer.
 *
 * Storage stays bounded: the entries and their index together stay under CACHE_BUDGET_BYTES
 * (counted as the UTF-8 bytes of what is stored), the least recently used entry goes first.
 * Each entry is its own storage key (WeChat caps one key at 1 MB, and rewriting one big value
 * on every answer would cost more than the answer); the index lists them in use order.
 */

/**
 * Bump when a cached response's shape changes in a way an older copy would break a page. The
 * build's own hash is added below, so a new release drops everything a previous one stored.
 */
const CACHE_VERSION = 1;

declare const __webpack_hash__: string | undefined;

/** What the stored index must carry to be trusted: this code's version and this build. */
const VERSION = `${CACHE_VERSION}:${typeof __webpack_hash__ === 'string' ? __webpack_hash__ : 'dev'}`;

/** Under 1 MB with room to spare for the like outbox, drafts and recent searches. */
export const CACHE_BUDGET_BYTES = 900 * 1024;
/** One answer larger than this is not kept: it would push out a dozen stories for one. */
export const ENTRY_LIMIT_BYTES = 200 * 1024;

const INDEX_KEY = 'offline-cache';
const ENTRY_PREFIX = 'offline-cache/';

/**
 * The reading actions worth keeping: the feed and campaign pages, the stories and profiles they
 * open, the library's lists. All are public and the same for every reader, so one copy per
 * request serves whoever is signed in. Nothing a user writes, and nothing about the user, is kept.
 */
const CACHED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  content: ['feed', 'campaigns', 'campaignFeed', 'story', 'profile', 'resolveCode', 'exemplars', 'units'],
};

interface Index {
  v: string;
  /** [storage key, bytes], least recently used first. */
  entries: [string, number][];
}

interface Entry {
  /** The full request key (the storage key is its hash; this guards against a collision). */
  k: string;
  /** When the server gave this answer (ms). */
  at: number;
  data: unknown;
}

export interface Cached<T> {
  data: T;
  /** When the server gave this answer (ms). */
  savedAt: number;
}

/** The request's key when its action is kept offline, else null (the call is not cached at all). */
export function cacheKey(fn: string, action: string, req: unknown): string | null {
  if (!CACHED_ACTIONS[fn]?.includes(action)) return null;
  return `${fn}.${action}:${stableJson(req)}`;
}

/** The stored answer for a key, if any; reading it makes it the most recently used. */
export function recall<T>(key: string): Cached<T> | null {
  const index = loadIndex();
  const storageKey = storageKeyOf(key);
  const at = index.entries.findIndex(([k]) => k === storageKey);
  if (at < 0) return null;
  const entry = safeGet(storageKey);
  if (!isEntry(entry) || entry.k !== key) {
    index.entries.splice(at, 1);
    safeRemove(storageKey);
    saveIndex(index);
    return null;
  }
  index.entries.push(...index.entries.splice(at, 1));
  saveIndex(index);
  return { data: entry.data as T, savedAt: entry.at };
}

/** Keeps a fresh answer, evicting the least recently used entries to stay within the budget. */
export function remember(key: string, data: unknown, now: number = Date.now()): void {
  const storageKey = storageKeyOf(key);
  const entry: Entry = { k: key, at: now, data };
  let text: string;
  try {
    text = JSON.stringify(entry);
  } catch {
    return;
  }
  const bytes = utf8Bytes(text) + utf8Bytes(storageKey);
  const index = loadIndex();
  const existing = index.entries.findIndex(([k]) => k === storageKey);
  if (existing >= 0) index.entries.splice(existing, 1);
  if (bytes > ENTRY_LIMIT_BYTES) {
    // A copy older than the answer just seen must not be served later either.
    if (existing >= 0) safeRemove(storageKey);
    saveIndex(index);
    return;
  }
  index.entries.push([storageKey, bytes]);
  while (totalBytes(index) > CACHE_BUDGET_BYTES && index.entries.length > 1) {
    const [oldest] = index.entries.shift()!;
    safeRemove(oldest);
  }
  if (!safeSet(storageKey, entry)) {
    // The platform's own quota (other keys, another tab) refused it: keep the index truthful.
    index.entries.pop();
    safeRemove(storageKey);
  }
  saveIndex(index);
}

/** Drops a key's copy: the server refused the request, so the old answer no longer holds. */
export function forget(key: string): void {
  const index = loadIndex();
  const storageKey = storageKeyOf(key);
  const at = index.entries.findIndex(([k]) => k === storageKey);
  if (at < 0) return;
  index.entries.splice(at, 1);
  safeRemove(storageKey);
  saveIndex(index);
}

function totalBytes(index: Index): number {
  return index.entries.reduce((sum, [, b]) => sum + b, 0) + utf8Bytes(JSON.stringify(index)) + utf8Bytes(INDEX_KEY);
}

/**
 * The index as stored, or a fresh one. An index written by another version (or unreadable)
 * takes its entries with it: a release that changed a response's shape never reads an old copy.
 */
function loadIndex(): Index {
  const raw = safeGet(INDEX_KEY);
  if (isIndex(raw) && raw.v === VERSION) return { v: VERSION, entries: raw.entries.slice() };
  if (typeof raw === 'object' && raw !== null && Array.isArray((raw as { entries?: unknown }).entries)) {
    for (const e of (raw as { entries: unknown[] }).entries) {
      if (Array.isArray(e) && typeof e[0] === 'string' && e[0].startsWith(ENTRY_PREFIX)) safeRemove(e[0]);
    }
    safeRemove(INDEX_KEY);
  }
  return { v: VERSION, entries: [] };
}

function saveIndex(index: Index): void {
  safeSet(INDEX_KEY, index);
}

function isIndex(value: unknown): value is Index {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Index>;
  return (
    typeof v.v === 'string' &&
    Array.isArray(v.entries) &&
    v.entries.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number')
  );
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Entry>;
  return typeof v.k === 'string' && typeof v.at === 'number' && 'data' in v;
}

// Storage can throw (quota, a full disk, a private window): the cache is a convenience, never a failure.
function safeGet(key: string): unknown {
  try {
    return Taro.getStorageSync(key);
  } catch {
    return '';
  }
}
function safeSet(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}
function safeRemove(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // Nothing to do: a key that cannot be removed is overwritten or evicted later.
  }
}

/** Keys sorted at every level, so `{a, b}` and `{b, a}` are one request. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const parts = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short storage key: cursors make request keys long, and two 32-bit FNV-1a hashes rarely collide. */
function storageKeyOf(key: string): string {
  return `${ENTRY_PREFIX}${fnv1a(key, 0x811c9dc5)}${fnv1a(key, 0x01000193)}`;
}

function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** UTF-8 length without TextEncoder (older WeChat base libraries lack it). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
