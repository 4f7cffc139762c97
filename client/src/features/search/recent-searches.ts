import Taro from '@tarojs/taro';

/**
 * Recent searches, kept on the device only (Taro storage: wx storage on weapp, localStorage on
 * h5), newest first, each once, at most RECENT_MAX. They are a convenience: storage that cannot
 * be read or written (full, disabled) simply means no recents, never a broken page.
 */
export const RECENT_KEY = 'search.recent';
export const RECENT_MAX = 10;

export function readRecent(): string[] {
  try {
    const v: unknown = Taro.getStorageSync(RECENT_KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** Puts `q` first (once) and answers the list as stored. */
export function rememberSearch(q: string): string[] {
  const query = q.trim();
  const before = readRecent();
  if (!query) return before;
  const next = [query, ...before.filter((x) => x !== query)].slice(0, RECENT_MAX);
  try {
    Taro.setStorageSync(RECENT_KEY, next);
  } catch {
    return before;
  }
  return next;
}

export function clearRecent(): void {
  try {
    Taro.removeStorageSync(RECENT_KEY);
  } catch {
    // Nothing to clear where storage cannot be reached.
  }
}
