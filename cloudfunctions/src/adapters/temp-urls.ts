/**
 * Cloud file id → temporary URL, batched and cached per function instance.
 *
 * WeChat answers at most 50 file ids per getTempFileURL call, and a warm instance serves
 * many requests: caching each URL until shortly before it expires saves a storage round
 * trip on most feed pages. A file that fails to resolve is not cached (it may appear later).
 */

export interface TempUrlItem {
  fileID: string;
  tempFileURL: string;
  /** 0 = ok; anything else is a per-file failure (missing file, no permission). */
  status: number;
  /** Seconds the URL stays valid, when the service says. */
  maxAge?: number;
}

export type TempUrlFetcher = (fileIds: string[], maxAgeSeconds: number) => Promise<TempUrlItem[]>;

export interface TempUrlCacheOptions {
  fetch: TempUrlFetcher;
  now?: () => number;
  /** Asked validity of a URL; WeChat's default is 2 hours. */
  maxAgeSeconds?: number;
  /** URLs are dropped this long before they expire, so a page never renders a dying link. */
  marginSeconds?: number;
  /** Entry bound, so a long-lived instance cannot grow without limit. */
  capacity?: number;
}

/** The SDK's per-call limit. */
export const TEMP_URL_BATCH = 50;

export class TempUrlCache {
  private readonly entries = new Map<string, { url: string; expiresAt: number }>();
  private readonly fetch: TempUrlFetcher;
  private readonly now: () => number;
  private readonly maxAgeSeconds: number;
  private readonly marginMs: number;
  private readonly capacity: number;

  constructor(options: TempUrlCacheOptions) {
    this.fetch = options.fetch;
    this.now = options.now ?? Date.now;
    this.maxAgeSeconds = options.maxAgeSeconds ?? 7200;
    this.marginMs = (options.marginSeconds ?? 300) * 1000;
    this.capacity = options.capacity ?? 5000;
  }

  /** URLs for the given file ids; ids that did not resolve are absent from the map. */
  async resolve(fileIds: readonly string[]): Promise<Map<string, string>> {
    const now = this.now();
    const out = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(fileIds)) {
      const hit = this.entries.get(id);
      if (hit && hit.expiresAt > now) out.set(id, hit.url);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += TEMP_URL_BATCH) {
      const batch = missing.slice(i, i + TEMP_URL_BATCH);
      const items = await this.fetch(batch, this.maxAgeSeconds);
      const fetchedAt = this.now();
      for (const item of items) {
        if (item.status !== 0 || !item.tempFileURL || !batch.includes(item.fileID)) continue;
        out.set(item.fileID, item.tempFileURL);
        const validFor = typeof item.maxAge === 'number' && item.maxAge > 0 ? Math.min(item.maxAge, this.maxAgeSeconds) : this.maxAgeSeconds;
        const expiresAt = fetchedAt + validFor * 1000 - this.marginMs;
        if (expiresAt > fetchedAt) this.remember(item.fileID, item.tempFileURL, expiresAt);
      }
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(id: string, url: string, expiresAt: number): void {
    this.entries.delete(id);
    this.entries.set(id, { url, expiresAt });
    // Map keeps insertion order: the first key is the least recently stored.
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
