/**
 * A fake official account (火焰蓝e党建) on 127.0.0.1, answering the HTTPS endpoints the publish
 * pipeline uses, with WeChat's limits and errcodes:
 *
 *   POST /cgi-bin/stable_token            {grant_type, appid, secret, force_refresh} → {access_token, expires_in}
 *   POST /cgi-bin/media/uploadimg         multipart `media`, jpg/png < 1 MB → {url}
 *   POST /cgi-bin/material/add_material   ?type=image, multipart `media` ≤ 10 MB → {media_id, url}
 *   POST /cgi-bin/draft/add               {articles:[…]} → {media_id}   (title ≤ 32, author ≤ 16, digest ≤ 128,
 *                                         content < 20 000 chars and < 1 MB; scripts, <style>, external images
 *                                         and external hrefs are stripped, as the real editor does; a
 *                                         mini-program link or card keeps its target only when it names the
 *                                         associated mini-program and a page path without a leading slash)
 *   POST /cgi-bin/draft/batchget          {offset, count ≤ 20}
 *   POST /cgi-bin/freepublish/submit      {media_id} → {publish_id}; the draft leaves the box
 *   POST /cgi-bin/freepublish/get         {publish_id} (100 calls a day, then 45009)
 *   POST /cgi-bin/freepublish/batchget    {offset, count ≤ 20}
 *   POST /cgi-bin/freepublish/getarticle  {article_id}
 *   POST /cgi-bin/freepublish/delete      {article_id, index?} → {errcode: 0}; the article leaves the published
 *                                         list, getarticle answers 53600 for it, its page says it was deleted and
 *                                         freepublish/get reports its publish as 5 (deleted); an unknown
 *                                         article_id is 53600
 *
 * A submitted publish completes after `eventDelayMs` and the PUBLISHJOBFINISH event is pushed to
 * the configured URL, signed with the message-push token. Faults are configured per API: busy
 * (-1), errcodes at a chosen step, a lost response (the call takes effect, the caller gets a
 * dropped connection), token rotation mid-job (the caller's token answers 40001), quota (45009),
 * an event never delivered or delivered twice. Published articles are served as pages at /s/<id>,
 * listed at / (HTML) and /__fake/state (JSON).
 */
import { readBody } from '../http-body';
import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boundaryOf, parseMultipart } from '../openapi/multipart';

export type OaApi =
  | 'stable_token'
  | 'media/uploadimg'
  | 'material/add_material'
  | 'draft/add'
  | 'draft/batchget'
  | 'freepublish/submit'
  | 'freepublish/get'
  | 'freepublish/batchget'
  | 'freepublish/getarticle'
  | 'freepublish/delete';

export const OA_APIS: readonly OaApi[] = [
  'stable_token',
  'media/uploadimg',
  'material/add_material',
  'draft/add',
  'draft/batchget',
  'freepublish/submit',
  'freepublish/get',
  'freepublish/batchget',
  'freepublish/getarticle',
  'freepublish/delete',
];

export interface OaFaults {
  /** The next n calls of the API answer -1 (system busy). */
  busy?: Partial<Record<OaApi, number>>;
  /** The next `times` (default 1) calls of `api` answer this errcode without taking effect. */
  failAt?: { api: OaApi; errcode: number; errmsg?: string; times?: number }[];
  /** The next n calls of the API take effect, but the connection drops before the answer. */
  dropResponse?: Partial<Record<OaApi, number>>;
  /** The next call of this API finds the token rotated (another party refreshed it): 40001. */
  rotateTokenAt?: OaApi[];
  /** Every call of these APIs answers 45009 (daily quota reached). */
  quotaExhausted?: OaApi[];
  event?: 'normal' | 'never' | 'twice';
  /** The publish_status publishes end in (default 0 = success). */
  publishStatus?: number;
}

export interface FakeOaOptions {
  appid: string;
  secret: string;
  /** Message-push token the events are signed with. */
  eventToken: string;
  /** Where PUBLISHJOBFINISH is pushed (null: nowhere). */
  eventUrl: () => string | null;
  eventDelayMs?: number;
  tokenTtlSeconds?: number;
  now?: () => number;
  faults?: OaFaults;
  /** Daily limit of freepublish/get. */
  getDailyLimit?: number;
  /**
   * The mini-program associated with the account (公众号后台 → 小程序管理): an article's mini-program
   * link or card must name it. Unset: any appid is kept.
   */
  miniprogramAppid?: string;
}

export interface FakeArticle {
  articleId: string;
  publishId: string;
  url: string;
  title: string;
  author: string;
  digest: string;
  content: string;
  thumbMediaId: string;
  publishedAt: number;
}

interface DraftArticleIn {
  title: string;
  author: string;
  digest: string;
  content: string;
  thumb_media_id: string;
  content_source_url: string;
}

interface Draft {
  mediaId: string;
  articles: DraftArticleIn[];
  updateTime: number;
}

interface PublishTask {
  publishId: string;
  mediaId: string;
  articles: DraftArticleIn[];
  status: number;
  articleId: string | null;
  events: number;
}

export interface OaCall {
  api: OaApi | string;
  errcode: number;
  at: number;
}

export interface FakeOfficialAccount {
  url: string;
  port: number;
  faults: OaFaults;
  setFaults(f: OaFaults): void;
  /** Make the current token expire now (the next use answers 42001). */
  expireToken(): void;
  /** Replace the token as a force_refresh elsewhere would (the old one answers 40001). */
  rotateToken(): void;
  stableTokenCalls(): number;
  calls(): OaCall[];
  drafts(): { mediaId: string; title: string }[];
  /** Every draft ever created (drafts leave the box when submitted). */
  draftsCreated(): number;
  submits(): number;
  articles(): FakeArticle[];
  /** Articles removed by freepublish/delete, oldest first. */
  deletedArticles(): FakeArticle[];
  eventsSent(): number;
  /** Wait until no publish is pending and no event is in flight. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const LIMITS = { title: 32, author: 16, digest: 128, contentChars: 20_000, contentBytes: 1024 * 1024, uploadimg: 1024 * 1024, material: 10 * 1024 * 1024 };
const ERR: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40007: 'invalid media_id',
  40009: 'invalid image size',
  40013: 'invalid appid',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41005: 'media data missing',
  42001: 'access_token expired',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45009: 'reach max api daily quota limit',
  45110: 'author size out of limit',
  47001: 'data format error',
  53600: 'Article ID 无效',
};

class Reply extends Error {
  constructor(readonly errcode: number, errmsg?: string) {
    super(errmsg ?? ERR[errcode] ?? 'error');
  }
}

function len(text: string): number {
  return Array.from(text).length;
}

function imageType(bytes: Buffer): 'png' | 'jpeg' | 'gif' | 'bmp' | null {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 4 && bytes.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if (bytes.length >= 2 && bytes.toString('latin1', 0, 2) === 'BM') return 'bmp';
  return null;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');
}

export async function startFakeOfficialAccount(opts: FakeOaOptions, port = 0): Promise<FakeOfficialAccount> {
  const now = opts.now ?? Date.now;
  const ttl = opts.tokenTtlSeconds ?? 7200;
  const delay = opts.eventDelayMs ?? 300;
  const getLimit = opts.getDailyLimit ?? 100;
  let faults: OaFaults = structuredClone(opts.faults ?? {});
  let base = '';
  let token = { value: randomBytes(24).toString('base64url'), expiresAt: 0 };
  let stableCalls = 0;
  let draftsCreated = 0;
  let submits = 0;
  let eventsSent = 0;
  let seq = 0;
  const callLog: OaCall[] = [];
  const images = new Map<string, { bytes: Buffer; type: string }>();
  const materials = new Map<string, { bytes: Buffer; type: string }>();
  const drafts = new Map<string, Draft>();
  const tasks = new Map<string, PublishTask>();
  const articles = new Map<string, FakeArticle>();
  const deleted = new Map<string, FakeArticle>();
  const pending = new Set<Promise<void>>();
  const dayCounts = new Map<string, number>();

  const id = (prefix: string) => `${prefix}${(++seq).toString(36)}${randomBytes(9).toString('base64url')}`;

  function take(map: Partial<Record<OaApi, number>> | undefined, api: OaApi): boolean {
    const n = map?.[api] ?? 0;
    if (n <= 0 || !map) return false;
    map[api] = n - 1;
    return true;
  }

  function checkToken(q: URLSearchParams): void {
    const t = q.get('access_token');
    if (!t) throw new Reply(41001);
    if (t !== token.value) throw new Reply(40001);
    if (token.expiresAt <= now()) throw new Reply(42001);
  }

  /**
   * A mini-program link (`<a data-miniprogram-…>`, a picture or text link) or card
   * (`<mp-miniprogram>`) opens only the associated mini-program, at a page path (`pages/…`, no
   * leading slash, as every path WeChat takes): one that cannot open loses its target and is
   * plain content, so an article whose links went wrong shows it instead of seeming fine.
   */
  function miniprogramTarget(tag: string): string {
    const appid = /\sdata-miniprogram-appid="([^"]*)"/i.exec(tag)?.[1];
    if (appid === undefined) return tag;
    const path = /\sdata-miniprogram-path="([^"]*)"/i.exec(tag)?.[1] ?? '';
    const opens = (!opts.miniprogramAppid || appid === opts.miniprogramAppid) && /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*(?:\?\S*)?$/.test(path.replace(/&amp;/g, '&'));
    return opens ? tag : tag.replace(/\sdata-miniprogram-[a-z]+="[^"]*"/gi, '');
  }

  /** What the real editor keeps: no script, no style, only images it hosts, no external links, mini-program links that open. */
  function sanitize(content: string): string {
    return content
      .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
      .replace(/<style[\s\S]*?<\/style\s*>/gi, '')
      .replace(/\son[a-z]+\s*=\s*"[^"]*"/gi, '')
      .replace(/<img\b[^>]*>/gi, (tag) => {
        const src = /\ssrc="([^"]*)"/i.exec(tag)?.[1] ?? '';
        return src.startsWith(`${base}/mmbiz/`) ? tag : '';
      })
      .replace(/<a\b([^>]*)>/gi, (tag, attrs: string) => {
        const href = /\shref="([^"]*)"/i.exec(attrs)?.[1];
        if (href === undefined || href.startsWith('https://mp.weixin.qq.com/')) return miniprogramTarget(tag);
        return miniprogramTarget(`<a${attrs.replace(/\shref="[^"]*"/i, '')}>`);
      })
      .replace(/<mp-miniprogram\b[^>]*>/gi, (tag) => miniprogramTarget(tag));
  }

  function validateArticle(a: unknown): DraftArticleIn {
    if (!a || typeof a !== 'object') throw new Reply(47001);
    const o = a as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : o[k] === undefined ? '' : null);
    const title = str('title');
    const author = str('author');
    const digest = str('digest');
    const content = str('content');
    const thumb = str('thumb_media_id');
    const source = str('content_source_url');
    if (title === null || author === null || digest === null || content === null || thumb === null || source === null) throw new Reply(47001);
    if (!title) throw new Reply(47001, 'title missing');
    if (len(title) > LIMITS.title) throw new Reply(45003);
    if (len(author) > LIMITS.author) throw new Reply(45110);
    if (len(digest) > LIMITS.digest) throw new Reply(45004);
    if (!content || len(content) >= LIMITS.contentChars || Buffer.byteLength(content) >= LIMITS.contentBytes) throw new Reply(45002);
    if (!materials.has(thumb)) throw new Reply(40007);
    return { title, author, digest, content: sanitize(content), thumb_media_id: thumb, content_source_url: source };
  }

  function completePublish(task: PublishTask): void {
    const status = faults.publishStatus ?? 0;
    task.status = status;
    if (status === 0) {
      const articleId = id('a');
      task.articleId = articleId;
      const a = task.articles[0] as DraftArticleIn;
      articles.set(articleId, {
        articleId,
        publishId: task.publishId,
        url: `${base}/s/${articleId}`,
        title: a.title,
        author: a.author,
        digest: a.digest,
        content: a.content,
        thumbMediaId: a.thumb_media_id,
        publishedAt: now(),
      });
    }
    const mode = faults.event ?? 'normal';
    if (mode === 'never') return;
    const times = mode === 'twice' ? 2 : 1;
    for (let i = 0; i < times; i++) track(pushEvent(task));
  }

  function eventXml(task: PublishTask): string {
    const url = task.articleId ? articles.get(task.articleId)?.url : undefined;
    const detail = url ? `<article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[${url}]]></article_url></item></article_detail>` : '';
    const fail = task.status !== 0 && task.status !== 1 ? '<fail_idx>1</fail_idx>' : '';
    return (
      `<xml><ToUserName><![CDATA[gh_fake000000]]></ToUserName><FromUserName><![CDATA[oFakeSystem]]></FromUserName>` +
      `<CreateTime>${Math.floor(now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event>` +
      `<PublishEventInfo><publish_id>${task.publishId}</publish_id><publish_status>${task.status}</publish_status>` +
      (task.articleId ? `<article_id><![CDATA[${task.articleId}]]></article_id>` : '') +
      `${detail}${fail}</PublishEventInfo></xml>`
    );
  }

  async function pushEvent(task: PublishTask): Promise<void> {
    const target = opts.eventUrl();
    if (!target) return;
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE(0));
    const u = new URL(target);
    u.searchParams.set('signature', pushSignature(opts.eventToken, timestamp, nonce));
    u.searchParams.set('timestamp', timestamp);
    u.searchParams.set('nonce', nonce);
    const body = Buffer.from(eventXml(task), 'utf8');
    task.events += 1;
    eventsSent += 1;
    await new Promise<void>((resolve) => {
      const req = http.request(u, { method: 'POST', headers: { 'content-type': 'text/xml', 'content-length': String(body.length) }, timeout: 15_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', () => resolve());
      req.on('timeout', () => req.destroy());
      req.end(body);
    });
  }

  function track(p: Promise<void>): void {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function page<T>(items: T[], body: Record<string, unknown>): { offset: number; count: number; slice: T[] } {
    const offset = body.offset;
    const count = body.count;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new Reply(47001, 'offset invalid');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 20) throw new Reply(47001, 'count must be 1-20');
    return { offset, count, slice: items.slice(offset, offset + count) };
  }

  function jsonBody(raw: Buffer): Record<string, unknown> {
    try {
      const v: unknown = JSON.parse(raw.toString('utf8'));
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      return v as Record<string, unknown>;
    } catch {
      throw new Reply(47001, 'data format error hint: body is not a JSON object');
    }
  }

  function mediaPart(req: IncomingMessage, raw: Buffer): Buffer {
    const boundary = boundaryOf(req.headers['content-type']);
    if (!boundary) throw new Reply(41005);
    const part = parseMultipart(raw, boundary).find((p) => p.name === 'media');
    if (!part || part.data.length === 0) throw new Reply(41005);
    return part.data;
  }

  function handle(api: OaApi, req: IncomingMessage, q: URLSearchParams, raw: Buffer): Record<string, unknown> {
    if (api === 'stable_token') {
      const b = jsonBody(raw);
      if (b.grant_type !== 'client_credential') throw new Reply(40002);
      if (b.appid !== opts.appid) throw new Reply(40013);
      if (b.secret !== opts.secret) throw new Reply(40125);
      stableCalls += 1;
      if (b.force_refresh === true || token.expiresAt <= now()) token = { value: randomBytes(24).toString('base64url'), expiresAt: now() + ttl * 1000 };
      return { access_token: token.value, expires_in: Math.max(1, Math.floor((token.expiresAt - now()) / 1000)) };
    }
    if (faults.rotateTokenAt?.includes(api)) {
      faults.rotateTokenAt = faults.rotateTokenAt.filter((a) => a !== api);
      token = { value: randomBytes(24).toString('base64url'), expiresAt: now() + ttl * 1000 };
    }
    checkToken(q);
    switch (api) {
      case 'media/uploadimg': {
        const bytes = mediaPart(req, raw);
        const type = imageType(bytes);
        if (type !== 'png' && type !== 'jpeg') throw new Reply(40005);
        if (bytes.length >= LIMITS.uploadimg) throw new Reply(40009);
        const key = id('i');
        images.set(key, { bytes, type });
        return { url: `${base}/mmbiz/${key}` };
      }
      case 'material/add_material': {
        if (q.get('type') !== 'image') throw new Reply(40004);
        const bytes = mediaPart(req, raw);
        const type = imageType(bytes);
        if (!type) throw new Reply(40005);
        if (bytes.length > LIMITS.material) throw new Reply(40009);
        const mediaId = id('m');
        materials.set(mediaId, { bytes, type });
        images.set(mediaId, { bytes, type });
        return { media_id: mediaId, url: `${base}/mmbiz/${mediaId}` };
      }
      case 'draft/add': {
        const b = jsonBody(raw);
        if (!Array.isArray(b.articles) || b.articles.length < 1 || b.articles.length > 8) throw new Reply(47001, 'articles must be 1-8');
        const list = b.articles.map(validateArticle);
        const mediaId = id('d');
        drafts.set(mediaId, { mediaId, articles: list, updateTime: Math.floor(now() / 1000) });
        draftsCreated += 1;
        return { media_id: mediaId };
      }
      case 'draft/batchget': {
        const all = [...drafts.values()].reverse();
        const { slice } = page(all, jsonBody(raw));
        return {
          total_count: all.length,
          item_count: slice.length,
          item: slice.map((d) => ({ media_id: d.mediaId, content: { news_item: d.articles.map((a) => ({ ...a })) }, update_time: d.updateTime })),
        };
      }
      case 'freepublish/submit': {
        const b = jsonBody(raw);
        const draft = typeof b.media_id === 'string' ? drafts.get(b.media_id) : undefined;
        if (!draft) throw new Reply(40007);
        drafts.delete(draft.mediaId);
        submits += 1;
        const task: PublishTask = { publishId: String(2_247_000_000 + submits * 7 + seq), mediaId: draft.mediaId, articles: draft.articles, status: 1, articleId: null, events: 0 };
        tasks.set(task.publishId, task);
        track(new Promise<void>((resolve) => setTimeout(() => {
          completePublish(task);
          resolve();
        }, delay)));
        return { errcode: 0, errmsg: 'ok', publish_id: task.publishId, msg_data_id: 2_247_000_000 + submits };
      }
      case 'freepublish/get': {
        const day = new Date(now() + 8 * 3_600_000).toISOString().slice(0, 10);
        const used = dayCounts.get(day) ?? 0;
        if (used >= getLimit) throw new Reply(45009);
        dayCounts.set(day, used + 1);
        const b = jsonBody(raw);
        const task = tasks.get(String(b.publish_id ?? ''));
        if (!task) throw new Reply(53600, 'invalid publish_id');
        const url = task.articleId ? articles.get(task.articleId)?.url : undefined;
        return {
          publish_id: task.publishId,
          publish_status: task.status,
          ...(task.articleId ? { article_id: task.articleId } : {}),
          ...(url ? { article_detail: { count: 1, item: [{ idx: 1, article_url: url }] } } : {}),
          fail_idx: task.status >= 2 ? [1] : [],
        };
      }
      case 'freepublish/batchget': {
        const all = [...articles.values()].reverse();
        const { slice } = page(all, jsonBody(raw));
        return {
          total_count: all.length,
          item_count: slice.length,
          item: slice.map((a) => ({
            article_id: a.articleId,
            content: { news_item: [{ title: a.title, author: a.author, digest: a.digest, content: a.content, url: a.url, thumb_media_id: a.thumbMediaId, is_deleted: false }] },
            update_time: Math.floor(a.publishedAt / 1000),
          })),
        };
      }
      case 'freepublish/getarticle': {
        const b = jsonBody(raw);
        const a = typeof b.article_id === 'string' ? articles.get(b.article_id) : undefined;
        if (!a) throw new Reply(53600);
        return { news_item: [{ title: a.title, author: a.author, digest: a.digest, content: a.content, url: a.url, thumb_media_id: a.thumbMediaId, is_deleted: false }] };
      }
      case 'freepublish/delete': {
        const b = jsonBody(raw);
        if (typeof b.article_id !== 'string' || b.article_id === '') throw new Reply(47001, 'data format error hint: article_id missing');
        // index: the item's place in the message, from 1; absent or 0 deletes every item (the fake's messages carry one).
        if (b.index !== undefined && (typeof b.index !== 'number' || !Number.isInteger(b.index) || b.index < 0 || b.index > 1)) throw new Reply(47001, 'data format error hint: index invalid');
        const a = articles.get(b.article_id);
        if (!a) throw new Reply(53600);
        articles.delete(a.articleId);
        deleted.set(a.articleId, a);
        const task = tasks.get(a.publishId);
        if (task) task.status = 5;
        return { errcode: 0, errmsg: 'ok' };
      }
      default:
        throw new Reply(47001);
    }
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'content-type': type, 'content-length': String(buf.length), 'cache-control': 'no-store' });
    res.end(buf);
  }

  function articlePage(a: FakeArticle): string {
    return (
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${escapeHtml(a.title)}</title></head><body style="margin:0;background:#fff;font-family:sans-serif">` +
      `<div style="max-width:677px;margin:0 auto;padding:20px 16px"><h1 id="activity-name" style="font-size:22px;line-height:1.4">${escapeHtml(a.title)}</h1>` +
      `<p style="color:#888;font-size:15px">${escapeHtml(a.author)} · 火焰蓝e党建</p><div id="js_content">${a.content}</div></div></body></html>`
    );
  }

  function deletedPage(): string {
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>火焰蓝e党建</title></head><body style="font-family:sans-serif;padding:48px 16px;text-align:center;color:#888"><p id="deleted">该内容已被发布者删除</p></body></html>`;
  }

  function indexPage(): string {
    const rows = [...articles.values()]
      .reverse()
      .map((a) => `<li><a href="/s/${a.articleId}">${escapeHtml(a.title)}</a> <small>${escapeHtml(a.author)} · ${new Date(a.publishedAt).toISOString()}</small></li>`)
      .join('');
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>火焰蓝e党建（本地模拟公众号）</title></head><body style="font-family:sans-serif;padding:16px"><h1>火焰蓝e党建 · 已发布文章</h1><ul id="articles">${rows}</ul></body></html>`;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.pathname;
    if (req.method === 'GET') {
      req.resume();
      if (p === '/') return send(res, 200, 'text/html; charset=utf-8', indexPage());
      if (p === '/__fake/faults') return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(faults));
      if (p === '/__fake/state') {
        return send(
          res,
          200,
          'application/json; charset=utf-8',
          JSON.stringify({
            articles: [...articles.values()].reverse(),
            deletedArticles: [...deleted.values()].map((a) => ({ articleId: a.articleId, title: a.title, url: a.url })),
            drafts: drafts.size,
            draftsCreated,
            submits,
            stableTokenCalls: stableCalls,
            eventsSent,
          }),
        );
      }
      const s = /^\/s\/([A-Za-z0-9_-]+)$/.exec(p);
      if (s) {
        const a = articles.get(s[1] as string);
        if (a) return send(res, 200, 'text/html; charset=utf-8', articlePage(a));
        // As WeChat serves the link of a deleted article: a page saying so.
        if (deleted.has(s[1] as string)) return send(res, 200, 'text/html; charset=utf-8', deletedPage());
        return send(res, 404, 'text/plain', 'not found');
      }
      const m = /^\/mmbiz\/([A-Za-z0-9_-]+)$/.exec(p);
      if (m) {
        const img = images.get(m[1] as string);
        return img ? send(res, 200, `image/${img.type}`, img.bytes) : send(res, 404, 'text/plain', 'not found');
      }
      return send(res, 404, 'text/plain', 'not found');
    }
    const raw = await readBody(req, 12 * 1024 * 1024);
    if (p === '/__fake/faults') {
      // Replaces the whole fault set (`{}` clears it); a body that is not a fault set changes nothing.
      let parsed: unknown;
      try {
        parsed = JSON.parse((raw ?? Buffer.alloc(0)).toString('utf8') || '{}');
      } catch {
        return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: 'body is not JSON' }));
      }
      const problem = faultsProblem(parsed);
      if (problem) return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: problem }));
      faults = parsed as OaFaults;
      return send(res, 200, 'application/json', JSON.stringify({ ok: true, faults }));
    }
    const api = p.replace(/^\/cgi-bin\//, '') as OaApi;
    if (!OA_APIS.includes(api)) return send(res, 404, 'application/json', JSON.stringify({ errcode: 47001, errmsg: `no such api ${p}` }));
    const answer = (errcode: number, body: Record<string, unknown>) => {
      callLog.push({ api, errcode, at: now() });
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(body));
    };
    try {
      if (raw === null) throw new Reply(40009);
      if (take(faults.busy, api)) throw new Reply(-1);
      if (faults.quotaExhausted?.includes(api)) throw new Reply(45009);
      const injected = faults.failAt?.find((f) => f.api === api && (f.times ?? 1) > 0);
      if (injected) {
        injected.times = (injected.times ?? 1) - 1;
        throw new Reply(injected.errcode, injected.errmsg);
      }
      const out = handle(api, req, url.searchParams, raw);
      if (take(faults.dropResponse, api)) {
        // The work is done; the caller never hears so (a timeout, a crashed instance).
        callLog.push({ api, errcode: 0, at: now() });
        res.destroy();
        return;
      }
      return answer(0, out);
    } catch (e) {
      if (e instanceof Reply) return answer(e.errcode, { errcode: e.errcode, errmsg: `${e.message} rid: ${randomBytes(6).toString('hex')}` });
      throw e;
    }
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(e));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${actualPort}`;

  return {
    url: base,
    port: actualPort,
    get faults() {
      return faults;
    },
    setFaults: (f) => {
      faults = structuredClone(f);
    },
    expireToken: () => {
      token = { ...token, expiresAt: now() - 1 };
    },
    rotateToken: () => {
      token = { value: randomBytes(24).toString('base64url'), expiresAt: now() + ttl * 1000 };
    },
    stableTokenCalls: () => stableCalls,
    calls: () => [...callLog],
    drafts: () => [...drafts.values()].map((d) => ({ mediaId: d.mediaId, title: d.articles[0]?.title ?? '' })),
    draftsCreated: () => draftsCreated,
    submits: () => submits,
    articles: () => [...articles.values()],
    deletedArticles: () => [...deleted.values()],
    eventsSent: () => eventsSent,
    async settle(timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (pending.size > 0) {
        if (Date.now() > end) throw new Error('fake official account: pending publishes did not settle');
        await Promise.race([...pending, new Promise((r) => setTimeout(r, 50))]);
      }
    },
    async stop() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Why a body posted to /__fake/faults is not an OaFaults, or null when it is one. */
export function faultsProblem(v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'faults must be a JSON object';
  const o = v as Record<string, unknown>;
  const isApi = (a: unknown): a is OaApi => typeof a === 'string' && (OA_APIS as readonly string[]).includes(a);
  const counts = (key: string): string | null => {
    const m = o[key];
    if (m === undefined) return null;
    if (!m || typeof m !== 'object' || Array.isArray(m)) return `${key} must be an object of api → count`;
    for (const [api, n] of Object.entries(m)) {
      if (!isApi(api)) return `${key}: unknown api ${api} (one of ${OA_APIS.join(', ')})`;
      if (!Number.isInteger(n) || (n as number) < 0) return `${key}.${api} must be a non-negative integer`;
    }
    return null;
  };
  const apiList = (key: string): string | null => {
    const l = o[key];
    if (l === undefined) return null;
    if (!Array.isArray(l) || !l.every(isApi)) return `${key} must be a list of apis (${OA_APIS.join(', ')})`;
    return null;
  };
  for (const key of Object.keys(o)) {
    if (!['busy', 'failAt', 'dropResponse', 'rotateTokenAt', 'quotaExhausted', 'event', 'publishStatus'].includes(key)) return `unknown fault ${key}`;
  }
  const p = counts('busy') ?? counts('dropResponse') ?? apiList('rotateTokenAt') ?? apiList('quotaExhausted');
  if (p) return p;
  if (o.failAt !== undefined) {
    if (!Array.isArray(o.failAt)) return 'failAt must be a list of {api, errcode, errmsg?, times?}';
    for (const f of o.failAt as unknown[]) {
      const e = f as Record<string, unknown> | null;
      if (!e || typeof e !== 'object' || !isApi(e.api)) return 'failAt[].api must be one of ' + OA_APIS.join(', ');
      if (!Number.isInteger(e.errcode) || e.errcode === 0) return 'failAt[].errcode must be a non-zero integer';
      if (e.errmsg !== undefined && typeof e.errmsg !== 'string') return 'failAt[].errmsg must be a string';
      if (e.times !== undefined && (!Number.isInteger(e.times) || (e.times as number) < 1)) return 'failAt[].times must be a positive integer';
    }
  }
  if (o.event !== undefined && !['normal', 'never', 'twice'].includes(o.event as string)) return 'event must be normal, never or twice';
  if (o.publishStatus !== undefined && (!Number.isInteger(o.publishStatus) || (o.publishStatus as number) < 0)) return 'publishStatus must be a non-negative integer';
  return null;
}
