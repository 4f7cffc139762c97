/**
 * The official account over HTTPS (publishing is not a cloud call). Base URL, app id and secret
 * come from the function's environment (OA_BASE_URL, OA_APPID, OA_SECRET), never the repo.
 *
 * The access token is a `stable_token`, cached in the database for every instance with a margin
 * of 300 s before its expiry. One instance refreshes at a time: it takes a lease on the token
 * document in a transaction; the others wait for the new token instead of fetching their own
 * (each fetch counts against a daily quota, and a burst of fetches is what gets an app blocked).
 * A call answered 40001/42001 marks that token stale and is made once more with a fresh one;
 * -1 (busy) is retried with back-off. Node 16 (WeChat's runtime) has no fetch: node:http(s).
 */
import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import type { OaToken } from '@contract';
import type { Cloud } from './cloud';

export interface OaConfig {
  baseUrl: string;
  appid: string;
  secret: string;
}

export const OA_DEFAULT_BASE = 'https://api.weixin.qq.com';
/** Refresh this long before WeChat's expiry, as WeChat advises. */
export const TOKEN_MARGIN_MS = 300_000;
const TOKEN_DOC = 'stable_token';
const LEASE_MS = 10_000;
const BUSY_RETRIES = 3;

export function oaConfigFromEnv(env: Record<string, string | undefined>): OaConfig | null {
  const appid = env.OA_APPID?.trim();
  const secret = env.OA_SECRET?.trim();
  if (!appid || !secret) return null;
  return { baseUrl: (env.OA_BASE_URL?.trim() || OA_DEFAULT_BASE).replace(/\/+$/, ''), appid, secret };
}

/** A WeChat errcode (or -2 for a network failure / unreadable answer). */
export class OaError extends Error {
  override name = 'OaError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`${api}: ${errcode} ${errmsg}`);
  }
}

export const NETWORK_ERROR = -2;

export interface HttpRequest {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
}

export type HttpFn = (req: HttpRequest) => Promise<{ status: number; body: Buffer }>;

export const nodeHttp: HttpFn = (req) =>
  new Promise((resolve, reject) => {
    const u = new URL(req.url);
    const lib = u.protocol === 'https:' ? https : http;
    const r = lib.request(
      u,
      { method: req.method, headers: { ...req.headers, 'content-length': String(req.body.length) }, timeout: req.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end(req.body);
  });

export interface OaDeps {
  cloud: Cloud;
  config: OaConfig;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  http?: HttpFn;
  /** Who holds the refresh lease (an instance id). */
  owner?: string;
  timeoutMs?: number;
  /** Back-off base for -1 (doubles per attempt). */
  busyBackoffMs?: number;
}

export interface Multipart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

function multipartBody(part: Multipart): { body: Buffer; contentType: string } {
  const boundary = `----oa${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, part.bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface DraftArticle {
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url?: string;
  thumb_media_id: string;
  need_open_comment?: 0 | 1;
  only_fans_can_comment?: 0 | 1;
}

export interface PublishStatus {
  publish_id: string;
  publish_status: number;
  article_id?: string;
  article_detail?: { count: number; item: { idx: number; article_url: string }[] };
  fail_idx?: number[];
}

export interface DraftItem {
  media_id: string;
  content: { news_item: { title: string; content: string; url?: string }[] };
  update_time: number;
}

export interface PublishedItem {
  article_id: string;
  content: { news_item: { title: string; content: string; url: string; is_deleted?: boolean }[] };
  update_time: number;
}

export class OfficialAccount {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly http: HttpFn;
  readonly owner: string;
  /** Token fetches this instance made (diagnostics and tests). */
  fetches = 0;

  constructor(private readonly deps: OaDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.http = deps.http ?? nodeHttp;
    this.owner = deps.owner ?? randomBytes(6).toString('hex');
  }

  // ------------------------------------------------------------------ token

  /** A token valid for at least the margin, fetched by one instance at a time. */
  async token(): Promise<string> {
    const tokens = this.deps.cloud.collection('oa_tokens');
    const deadline = this.now() + LEASE_MS * 3;
    for (;;) {
      const doc = await tokens.doc(TOKEN_DOC).get();
      if (doc?.token && doc.expiresAt > this.now()) return doc.token;
      if (await this.takeLease()) {
        try {
          return await this.fetchToken();
        } catch (e) {
          await this.releaseLease();
          throw e;
        }
      }
      if (this.now() > deadline) throw new OaError(-1, 'timed out waiting for another instance to refresh the token', 'stable_token');
      await this.sleep(100);
    }
  }

  private async takeLease(): Promise<boolean> {
    const now = this.now();
    try {
      return await this.deps.cloud.transaction(async (tx) => {
        const t = tx.collection('oa_tokens');
        const doc = await t.get(TOKEN_DOC);
        if (doc?.token && doc.expiresAt > now) return false;
        if (doc?.lease && doc.lease.until > now && doc.lease.owner !== this.owner) return false;
        const next: Omit<OaToken, '_id'> = {
          token: doc?.token ?? null,
          expiresAt: doc?.expiresAt ?? 0,
          fetchedAt: doc?.fetchedAt ?? null,
          lease: { owner: this.owner, until: now + LEASE_MS },
        };
        await t.set(TOKEN_DOC, next);
        return true;
      });
    } catch {
      // Conflicts past the SDK's retries mean someone else is writing the lease: wait and look again.
      return false;
    }
  }

  private async releaseLease(): Promise<void> {
    await this.deps.cloud
      .collection('oa_tokens')
      .doc(TOKEN_DOC)
      .update({ lease: null })
      .catch(() => 0);
  }

  private async fetchToken(): Promise<string> {
    const { appid, secret } = this.deps.config;
    this.fetches += 1;
    const res = await this.raw<{ access_token: string; expires_in: number }>('stable_token', '/cgi-bin/stable_token', null, {
      json: { grant_type: 'client_credential', appid, secret, force_refresh: false },
    });
    const now = this.now();
    const doc: Omit<OaToken, '_id'> = {
      token: res.access_token,
      expiresAt: now + res.expires_in * 1000 - TOKEN_MARGIN_MS,
      fetchedAt: now,
      lease: null,
    };
    await this.deps.cloud.collection('oa_tokens').doc(TOKEN_DOC).set(doc);
    return res.access_token;
  }

  /** WeChat said this token is no longer valid: drop it unless another instance already replaced it. */
  private async invalidate(token: string): Promise<void> {
    await this.deps.cloud.collection('oa_tokens').updateWhere({ _id: TOKEN_DOC, token }, { expiresAt: 0 });
  }

  // ------------------------------------------------------------------ calls

  private async raw<T>(api: string, path: string, token: string | null, body: { json: unknown } | { part: Multipart }, query: Record<string, string> = {}): Promise<T> {
    const url = new URL(this.deps.config.baseUrl + path);
    if (token) url.searchParams.set('access_token', token);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let payload: Buffer;
    let contentType: string;
    if ('json' in body) {
      payload = Buffer.from(JSON.stringify(body.json), 'utf8');
      contentType = 'application/json; charset=utf-8';
    } else {
      const m = multipartBody(body.part);
      payload = m.body;
      contentType = m.contentType;
    }
    let res: { status: number; body: Buffer };
    try {
      res = await this.http({ method: 'POST', url: url.toString(), headers: { 'content-type': contentType }, body: payload, timeoutMs: this.deps.timeoutMs ?? 15_000 });
    } catch (e) {
      throw new OaError(NETWORK_ERROR, `network: ${e instanceof Error ? e.message : String(e)}`, api);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new OaError(NETWORK_ERROR, `HTTP ${res.status}: answer is not JSON`, api);
    }
    const o = (parsed ?? {}) as { errcode?: number; errmsg?: string };
    if (typeof o.errcode === 'number' && o.errcode !== 0) throw new OaError(o.errcode, o.errmsg ?? '', api);
    return parsed as T;
  }

  /** An authenticated call: one re-fetch on a stale token, back-off on busy. */
  async call<T>(api: string, path: string, body: { json: unknown } | { part: Multipart }, query: Record<string, string> = {}): Promise<T> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.token();
      try {
        return await this.raw<T>(api, path, token, body, query);
      } catch (e) {
        if (!(e instanceof OaError)) throw e;
        if ((e.errcode === 40001 || e.errcode === 42001) && !refreshed) {
          refreshed = true;
          await this.invalidate(token);
          continue;
        }
        if (e.errcode === -1 && attempt < BUSY_RETRIES) {
          await this.sleep((this.deps.busyBackoffMs ?? 500) * 2 ** attempt);
          continue;
        }
        throw e;
      }
    }
  }

  async uploadImg(part: Omit<Multipart, 'field'>): Promise<string> {
    const r = await this.call<{ url: string }>('media/uploadimg', '/cgi-bin/media/uploadimg', { part: { ...part, field: 'media' } });
    return r.url;
  }

  async addImageMaterial(part: Omit<Multipart, 'field'>): Promise<{ media_id: string; url: string }> {
    return this.call('material/add_material', '/cgi-bin/material/add_material', { part: { ...part, field: 'media' } }, { type: 'image' });
  }

  async addDraft(article: DraftArticle): Promise<string> {
    const r = await this.call<{ media_id: string }>('draft/add', '/cgi-bin/draft/add', { json: { articles: [article] } });
    return r.media_id;
  }

  async batchGetDrafts(offset: number, count: number): Promise<{ total_count: number; item_count: number; item: DraftItem[] }> {
    return this.call('draft/batchget', '/cgi-bin/draft/batchget', { json: { offset, count, no_content: 0 } });
  }

  async submit(mediaId: string): Promise<string> {
    const r = await this.call<{ publish_id: string }>('freepublish/submit', '/cgi-bin/freepublish/submit', { json: { media_id: mediaId } });
    return String(r.publish_id);
  }

  async getPublish(publishId: string): Promise<PublishStatus> {
    return this.call('freepublish/get', '/cgi-bin/freepublish/get', { json: { publish_id: publishId } });
  }

  async getArticle(articleId: string): Promise<{ news_item: { title: string; content: string; url: string; is_deleted?: boolean }[] }> {
    return this.call('freepublish/getarticle', '/cgi-bin/freepublish/getarticle', { json: { article_id: articleId } });
  }

  /**
   * Delete a published article (every item of it: no `index`). Not idempotent in what it
   * answers — a second call names an article that no longer exists (53600) — so the pipeline
   * records an intent first and looks the article up after a lost answer.
   */
  async deleteArticle(articleId: string): Promise<void> {
    await this.call('freepublish/delete', '/cgi-bin/freepublish/delete', { json: { article_id: articleId } });
  }

  async batchGetPublished(offset: number, count: number): Promise<{ total_count: number; item_count: number; item: PublishedItem[] }> {
    return this.call('freepublish/batchget', '/cgi-bin/freepublish/batchget', { json: { offset, count, no_content: 0 } });
  }
}
