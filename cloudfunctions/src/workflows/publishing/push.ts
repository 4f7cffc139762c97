/**
 * The official account's message push, as the HTTP-triggered `publish-event` receives it (pure):
 * signature check (sha1 of the sorted token, timestamp and nonce, as WeChat signs plaintext-mode
 * pushes), the PUBLISHJOBFINISH event in XML, the replay key of a signed push, and which article
 * URLs a push may set on a story.
 *
 * A plaintext-mode signature covers the token, timestamp and nonce only, not the body: whoever
 * sees one signed request (a gateway log, a proxy) could send any body under it while its time
 * window lasts. So a signature is good once (`pushReceipt` names it; event.ts refuses a second
 * use), and an article URL is taken only from the account's own article host.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The event a cloud function gets from its HTTP access service (API-gateway integration shape). */
export interface HttpEvent {
  path?: string;
  httpMethod?: string;
  headers?: Record<string, string>;
  queryStringParameters?: Record<string, string> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export function reply(statusCode: number, body: string): HttpReply {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8' }, body, isBase64Encoded: false };
}

/** How far a push's timestamp may be from our clock, either way. */
export const PUSH_WINDOW_S = 300;

export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');
}

/** A push is genuine when signed with our token and recent (an old captured push is refused). */
export function verifyPush(token: string, q: Record<string, string>, nowMs: number, maxSkewS = PUSH_WINDOW_S): boolean {
  const { signature, timestamp, nonce } = q;
  if (!signature || !timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxSkewS) return false;
  const expected = Buffer.from(pushSignature(token, timestamp, nonce), 'utf8');
  const got = Buffer.from(signature.toLowerCase(), 'utf8');
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/** A verified push's one-time key: the record that says its signature has been used. */
export interface PushReceipt {
  /** Derived from (timestamp, nonce) on purpose: a second delivery must find the first's record. */
  id: string;
  at: number;
  /** When the signature's time window is over (with a margin for instances' clock drift). */
  expiresAt: number;
}

export function pushReceipt(q: { timestamp: string; nonce: string }, now: number, hashHex: (input: string) => string): PushReceipt {
  return {
    id: `push-${hashHex(`${q.timestamp}\n${q.nonce}`).slice(0, 40)}`,
    at: now,
    expiresAt: (Number(q.timestamp) + 2 * PUSH_WINDOW_S) * 1000,
  };
}

function tag(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  if (!m) return null;
  return (m[1] ?? m[2] ?? '').trim();
}

export interface PublishJobFinish {
  publishId: string;
  status: number;
  articleId: string | null;
  articleUrl: string | null;
}

/** The PUBLISHJOBFINISH event, or null for any other message. */
export function parsePublishJobFinish(xml: string): PublishJobFinish | null {
  if (tag(xml, 'MsgType') !== 'event' || tag(xml, 'Event') !== 'PUBLISHJOBFINISH') return null;
  const info = /<PublishEventInfo>([\s\S]*)<\/PublishEventInfo>/.exec(xml)?.[1];
  if (!info) return null;
  const publishId = tag(info, 'publish_id');
  const status = Number(tag(info, 'publish_status'));
  if (!publishId || !Number.isInteger(status)) return null;
  return { publishId, status, articleId: tag(info, 'article_id') || null, articleUrl: tag(info, 'article_url') || null };
}

/** `pages/story/index?id=X&rev=N` inside a published article → the story and revision. */
export function storyOfContent(content: string): { storyId: string; revision: number } | null {
  const m = /data-miniprogram-path="pages\/story\/index\?id=([A-Za-z0-9_-]{1,64})&(?:amp;)?rev=(\d{1,9})"/.exec(content);
  if (!m) return null;
  return { storyId: m[1] as string, revision: Number(m[2]) };
}

export const ENCRYPTED_REFUSAL =
  'encrypted message push (安全模式, encrypt_type=aes) is not supported: set the official account\'s message encryption to 明文模式';

/**
 * A 安全模式 push: `encrypt_type=aes` with `msg_signature` in the query and the message only in
 * `<Encrypt>`. (兼容模式 also carries the plaintext fields, which are read as usual.)
 */
export function isEncryptedPush(q: Record<string, string>, body: string): boolean {
  return q.encrypt_type === 'aes' || /<Encrypt>/.test(body);
}

/** Where the account's articles live in production. */
export const DEFAULT_ARTICLE_HOSTS = ['mp.weixin.qq.com'];

/**
 * OA_ARTICLE_HOSTS: comma-separated hosts (`mp.weixin.qq.com`, served over https) or origins
 * (`http://127.0.0.1:8123`, the local fake account, whose scheme is given). Empty or unset:
 * the production default.
 */
export function parseArticleHosts(raw: string | undefined): string[] {
  const hosts = (raw ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase().replace(/\/+$/, ''))
    .filter((h) => h.length > 0);
  return hosts.length > 0 ? hosts : DEFAULT_ARTICLE_HOSTS;
}

/** Whether a pushed article URL is one of the account's articles (and so may be linked from a story). */
export function articleUrlAllowed(url: string, hosts: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  const origin = `${u.protocol}//${u.host}`.toLowerCase();
  return hosts.some((h) => (h.includes('://') ? origin === h : u.protocol === 'https:' && u.host.toLowerCase() === h));
}
