/**
 * The h5 build's door to the functions: `POST /fn/<name>` with the event as JSON, the dev identity
 * in `x-wx-openid`. Plus `GET /dev/identities`, `GET /healthz` and the static h5 build at `/`.
 *
 * Replies: 200 with the function's return value as JSON; otherwise JSON `{errCode, errMsg}` with
 * 400 (bad identity/body), 404 (no such function), 413 (body too large), 500 (the function threw
 * or timed out: the errCode is the one wx.cloud.callFunction would reject with, -504002).
 */
import { readBody } from '../http-body';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { LOCAL_APPID, LOCAL_ENV_ID } from '../env';
import { InvocationError, type FunctionRunner } from '../runner';
import { contentTypeOf } from '../storage/content-type';

export interface GatewayOptions {
  runner: FunctionRunner;
  staticDir?: string;
  /** Largest accepted event body; WeChat limits callFunction data to a few MB, 1 MB is plenty for this product. */
  maxBodyBytes?: number;
  defaultOpenid?: string;
  /** Resolves the dev identity list; default: DEV_USERS from emulator/seed/dev-users.ts when present. */
  loadIdentities?: () => Promise<unknown[]>;
}

export const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const FN_RE = /^\/fn\/([^/]+)$/;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-wx-openid',
  'access-control-max-age': '600',
};

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...CORS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

async function defaultIdentities(): Promise<unknown[]> {
  const base = path.join(__dirname, '..', 'seed', 'dev-users');
  if (!['.ts', '.js'].some((ext) => fs.existsSync(base + ext))) return [];
  const mod = (await import(base)) as { DEV_USERS?: unknown };
  return Array.isArray(mod.DEV_USERS) ? mod.DEV_USERS : [];
}

/** Text assets worth compressing (images and video are compressed already). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|map|txt)$/i;

/** The encoding the client accepts that we send: brotli, else gzip, else none. */
export function pickEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | null {
  const offered = (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? ''))
    .split(',')
    .map((e) => e.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
    .map(([name]) => (name ?? '').toLowerCase());
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return null;
}

export class Gateway {
  private readonly maxBody: number;
  private readonly defaultOpenid: string;
  /** Compressed static files by encoding, path, size and mtime (a rebuild changes the key). */
  private readonly compressed = new Map<string, Buffer>();

  constructor(private readonly opts: GatewayOptions) {
    this.maxBody = opts.maxBodyBytes ?? 1024 * 1024;
    this.defaultOpenid = opts.defaultOpenid ?? 'dev-reader';
  }

  /** Handles the request if it is the gateway's; false to let the caller answer 404. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const fn = FN_RE.exec(url.pathname);
    if (fn) {
      void this.callFunction(req, res, decodeURIComponent(fn[1] ?? ''));
      return true;
    }
    if (url.pathname === '/healthz') {
      req.resume();
      json(res, 200, { ok: true, env: LOCAL_ENV_ID, appid: LOCAL_APPID });
      return true;
    }
    if (url.pathname === '/dev/identities') {
      req.resume();
      void (this.opts.loadIdentities ?? defaultIdentities)().then(
        (list) => json(res, 200, list),
        (e: unknown) => json(res, 500, { errCode: -1, errMsg: `dev identities failed to load: ${String(e)}` }),
      );
      return true;
    }
    if (this.opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      req.resume();
      return this.serveStatic(req, res, url, this.opts.staticDir);
    }
    return false;
  }

  private async callFunction(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method === 'OPTIONS') {
      req.resume();
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      return json(res, 405, { errCode: -1, errMsg: `use POST /fn/${name}` });
    }
    const header = req.headers['x-wx-openid'];
    const openid = header === undefined ? this.defaultOpenid : Array.isArray(header) ? header[0] : header;
    if (typeof openid !== 'string' || !OPENID_RE.test(openid)) {
      req.resume();
      return json(res, 400, { errCode: 40003, errMsg: 'invalid x-wx-openid: expected 1-64 of [A-Za-z0-9_-]' });
    }
    const body = await readBody(req, this.maxBody);
    if (body === null) return json(res, 413, { errCode: -1, errMsg: `request body larger than ${this.maxBody} bytes` });
    let event: unknown;
    try {
      event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return json(res, 400, { errCode: -1, errMsg: 'request body is not valid JSON' });
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      return json(res, 400, { errCode: -1, errMsg: 'request body must be a JSON object (the event)' });
    }
    if (!this.opts.runner.exists(name)) return json(res, 404, { errCode: -501000, errMsg: `[ResourceNotFound.Function] no function named ${name}` });
    try {
      const out = await this.opts.runner.invokeRaw(name, event, { openid, appid: LOCAL_APPID }, 'wx_client');
      res.writeHead(200, { ...CORS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out), 'cache-control': 'no-store' });
      res.end(out);
    } catch (e) {
      if (e instanceof InvocationError && e.code === 'ResourceNotFound.Function') return json(res, 404, { errCode: -501000, errMsg: e.message });
      const message = e instanceof Error ? e.message : String(e);
      json(res, 500, { errCode: -504002, errMsg: `functions execute fail | ${message}` });
    }
  }

  /**
   * Static h5 build. Content-hashed assets are immutable; index.html is revalidated every time so
   * a rebuild shows up on reload. Unknown extension-less paths fall back to index.html.
   */
  private serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, root: string): boolean {
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      json(res, 400, { errCode: -1, errMsg: 'bad path' });
      return true;
    }
    const base = path.resolve(root);
    let file = path.resolve(base, '.' + rel);
    if (file !== base && !file.startsWith(base + path.sep)) {
      json(res, 403, { errCode: -1, errMsg: 'forbidden' });
      return true;
    }
    let st = fs.statSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) {
      file = path.join(file, 'index.html');
      st = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!st?.isFile()) {
      if (path.extname(rel) !== '') {
        json(res, 404, { errCode: -1, errMsg: `not found: ${rel}` });
        return true;
      }
      file = path.join(base, 'index.html');
      st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st?.isFile()) return false;
    }
    const hashed = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i.test(file);
    const headers = {
      'content-type': contentTypeOf(file),
      'content-length': String(st.size),
      'last-modified': st.mtime.toUTCString(),
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    // Text compressed as any static host or CDN serves it: a phone on a slow network downloads a
    // third of the bytes (and Lighthouse measures the page as it would be served).
    const encoding = COMPRESSIBLE.test(file) ? pickEncoding(req.headers['accept-encoding']) : null;
    if (encoding) {
      const body = this.compress(file, st, encoding);
      res.writeHead(200, { ...headers, 'content-length': String(body.length), 'content-encoding': encoding, vary: 'accept-encoding' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    res.writeHead(200, COMPRESSIBLE.test(file) ? { ...headers, vary: 'accept-encoding' } : headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
    return true;
  }

  private compress(file: string, st: fs.Stats, encoding: 'br' | 'gzip'): Buffer {
    const key = `${encoding}:${file}:${st.size}:${st.mtimeMs}`;
    let body = this.compressed.get(key);
    if (!body) {
      const raw = fs.readFileSync(file);
      // Brotli quality 9: close to the best ratio at a fraction of quality 11's time.
      body = encoding === 'br' ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }) : zlib.gzipSync(raw, { level: 9 });
      // A long-running dev server sees many rebuilds: forget the oldest rather than grow forever.
      if (this.compressed.size >= 500) this.compressed.delete(this.compressed.keys().next().value as string);
      this.compressed.set(key, body);
    }
    return body;
  }
}
