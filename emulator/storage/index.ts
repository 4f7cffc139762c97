/**
 * Cloud storage on disk, answering the three storage actions node-sdk sends to /admin and the two
 * HTTP legs that follow them (the COS-style PUT upload and the temp-URL download).
 *
 * Shapes read from node_modules/@cloudbase/node-sdk/src/storage/index.ts:
 * - `storage.getUploadMetadata {path, method:'put'}` → `{url, token, authorization, fileId, cosFileId}`;
 *   the SDK then PUTs the bytes to `url` with headers `authorization`, `x-cos-security-token`,
 *   `x-cos-meta-fileid` and parses the body as XML: empty = success, `<Error>` with Code,
 *   Message, RequestId and TraceId = failure (all four are destructured, so all four are sent).
 * - `storage.batchGetDownloadUrl {file_list:[{fileid, max_age?}]}` → `{download_list:[{fileID, tempFileURL, code}]}`.
 * - `storage.batchDeleteFile {fileid_list}` → `{delete_list:[{fileID, code}]}`.
 *
 * WeChat Cloud's HTTP API (`tcb/uploadfile`) hands out the same upload slot, but its callers send
 * the bytes as a COS form POST to `url`: multipart fields `key` (the path), `Signature` (the
 * authorization), `x-cos-security-token`, `x-cos-meta-fileid` and `file`; success is 204.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { cloudPathOf, localFileId } from '../env';
import { readBody } from '../http-body';
import { boundaryOf, parseMultipart } from '../openapi/multipart';
import { contentTypeOf } from './content-type';

export type StorageReply = { data: unknown } | { code: string; message: string };

export interface StorageOptions {
  /** Folder holding the objects, one file per cloud path. */
  root: string;
  /** Base of the URLs handed out, e.g. http://127.0.0.1:8787 (known only once the server listens). */
  publicBase: () => string;
  /** Temp URL lifetime when the caller gives no max_age. Real temp URLs default to hours; a day keeps dev sessions quiet. */
  defaultMaxAgeSeconds?: number;
  /** How long an upload slot from getUploadMetadata stays valid. */
  uploadTtlSeconds?: number;
  /** Largest accepted upload body. */
  maxUploadBytes?: number;
  now?: () => number;
}

/** Production limits of getTempFileURL / deleteFile: at most 50 files per call. */
export const MAX_FILES_PER_CALL = 50;
const MAX_PATH_BYTES = 850;

interface PendingUpload {
  cloudPath: string;
  token: string;
  cosFileId: string;
  expiresAt: number;
}

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Why a cloud path is unacceptable, or null. Characters that would break a URL path are refused up front. */
export function invalidCloudPathReason(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || cloudPath.length === 0) return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(cloudPath) > MAX_PATH_BYTES) return `cloudPath longer than ${MAX_PATH_BYTES} bytes`;
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /';
  if (/[\u0000-\u001f\u007f\\?#%]/.test(cloudPath)) return 'cloudPath contains a forbidden character (\\ ? # % or control)';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'cloudPath has an empty, . or .. segment';
  return null;
}

function cosXmlError(code: string, message: string, resource: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n` +
    `<Code>${esc(code)}</Code>\n<Message>${esc(message)}</Message>\n<Resource>${esc(resource)}</Resource>\n` +
    `<RequestId>${randomUUID()}</RequestId>\n<TraceId>${randomBytes(24).toString('base64')}</TraceId>\n</Error>`
  );
}

export class DiskStorage {
  private readonly secret = randomBytes(32);
  private readonly pending = new Map<string, PendingUpload>();
  private readonly defaultMaxAge: number;
  private readonly uploadTtl: number;
  private readonly maxUploadBytes: number;
  private readonly now: () => number;

  constructor(private readonly opts: StorageOptions) {
    this.defaultMaxAge = opts.defaultMaxAgeSeconds ?? 86_400;
    this.uploadTtl = opts.uploadTtlSeconds ?? 3_600;
    this.maxUploadBytes = opts.maxUploadBytes ?? 50 * 1024 * 1024;
    this.now = opts.now ?? Date.now;
    fs.mkdirSync(opts.root, { recursive: true });
  }

  private fileOf(cloudPath: string): string {
    const full = path.join(this.opts.root, ...cloudPath.split('/'));
    if (!full.startsWith(path.resolve(this.opts.root) + path.sep)) throw new StorageError('INVALID_PARAM', 'path escapes storage root');
    return full;
  }

  /** Writes an object directly (seeding, tests). Atomic: a reader never sees half a file. */
  put(cloudPath: string, bytes: Buffer): string {
    const reason = invalidCloudPathReason(cloudPath);
    if (reason) throw new StorageError('INVALID_PARAM', reason);
    const file = this.fileOf(cloudPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.uploading`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
    return localFileId(cloudPath);
  }

  read(cloudPath: string): Buffer | null {
    if (invalidCloudPathReason(cloudPath)) return null;
    try {
      return fs.readFileSync(this.fileOf(cloudPath));
    } catch {
      return null;
    }
  }

  private stat(cloudPath: string): fs.Stats | null {
    try {
      const st = fs.statSync(this.fileOf(cloudPath));
      return st.isFile() ? st : null;
    } catch {
      return null;
    }
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`get\n${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }

  /** A temp download URL. The path stays unencoded, as real temp URLs are: the SDK `encodeURI`s them before fetching. */
  tempUrl(cloudPath: string, maxAgeSeconds = this.defaultMaxAge): string {
    const t = Math.floor(this.now() / 1000) + maxAgeSeconds;
    return `${this.opts.publicBase()}/storage/${cloudPath}?sign=${this.sign(cloudPath, t)}&t=${t}`;
  }

  /** Answers a `storage.*` admin action. */
  handleAdmin(action: string, params: Record<string, unknown>): StorageReply {
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.getUploadMetadata(params);
      case 'storage.batchGetDownloadUrl':
        return this.batchGetDownloadUrl(params);
      case 'storage.batchDeleteFile':
        return this.batchDeleteFile(params);
      default:
        return { code: 'INVALID_ACTION', message: `storage action not supported by the local cloud: ${action}` };
    }
  }

  private getUploadMetadata(params: Record<string, unknown>): StorageReply {
    const cloudPath = params.path;
    const reason = invalidCloudPathReason(cloudPath);
    if (reason || typeof cloudPath !== 'string') return { code: 'INVALID_PARAM', message: reason ?? 'path required' };
    if (params.method !== undefined && params.method !== 'put') {
      return { code: 'INVALID_PARAM', message: `upload method ${String(params.method)} not supported; node-sdk uses put` };
    }
    const token = randomBytes(16).toString('hex');
    const cosFileId = randomBytes(12).toString('base64url');
    const expiresAt = Math.floor(this.now() / 1000) + this.uploadTtl;
    const start = Math.floor(this.now() / 1000);
    const signature = createHmac('sha1', this.secret).update(`put\n${cloudPath}\n${expiresAt}\n${cosFileId}`).digest('hex');
    const authorization = `q-sign-algorithm=sha1&q-ak=local&q-sign-time=${start};${expiresAt}&q-key-time=${start};${expiresAt}&q-header-list=&q-url-param-list=&q-signature=${signature}`;
    this.prunePending();
    this.pending.set(authorization, { cloudPath, token, cosFileId, expiresAt });
    const encoded = cloudPath.split('/').map(encodeURIComponent).join('/');
    return {
      data: {
        url: `${this.opts.publicBase()}/cos/${encoded}`,
        token,
        authorization,
        fileId: localFileId(cloudPath),
        cosFileId,
        download_url: `${this.opts.publicBase()}/storage/${cloudPath}`,
      },
    };
  }

  private prunePending(): void {
    const now = Math.floor(this.now() / 1000);
    for (const [k, v] of this.pending) if (v.expiresAt < now) this.pending.delete(k);
  }

  private fileList(params: Record<string, unknown>, key: string): unknown[] | StorageReply {
    const list = params[key];
    if (!Array.isArray(list) || list.length === 0) return { code: 'INVALID_PARAM', message: `${key} must be a non-empty array` };
    if (list.length > MAX_FILES_PER_CALL) {
      return { code: 'INVALID_PARAM', message: `${key} holds ${list.length} files; at most ${MAX_FILES_PER_CALL} per call` };
    }
    return list;
  }

  private resolveFileId(fileId: unknown): { cloudPath: string } | { code: string } {
    if (typeof fileId !== 'string' || !fileId) return { code: 'INVALID_PARAM' };
    const cloudPath = cloudPathOf(fileId);
    if (cloudPath === null) return { code: fileId.startsWith('cloud://') ? 'STORAGE_EXCEED_AUTHORITY' : 'INVALID_PARAM' };
    if (invalidCloudPathReason(cloudPath) || !this.stat(cloudPath)) return { code: 'STORAGE_FILE_NONEXIST' };
    return { cloudPath };
  }

  private batchGetDownloadUrl(params: Record<string, unknown>): StorageReply {
    const list = this.fileList(params, 'file_list');
    if (!Array.isArray(list)) return list;
    const download_list = list.map((item) => {
      const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      const fileID = entry.fileid;
      const maxAgeRaw = entry.max_age;
      if (maxAgeRaw !== undefined && (typeof maxAgeRaw !== 'number' || !Number.isInteger(maxAgeRaw) || maxAgeRaw <= 0)) {
        return { fileID, tempFileURL: '', code: 'INVALID_PARAM' };
      }
      const resolved = this.resolveFileId(fileID);
      if ('code' in resolved) return { fileID, tempFileURL: '', code: resolved.code };
      const maxAge = maxAgeRaw ?? this.defaultMaxAge;
      return { fileID, tempFileURL: this.tempUrl(resolved.cloudPath, maxAge), code: 'SUCCESS', maxAge };
    });
    return { data: { download_list } };
  }

  private batchDeleteFile(params: Record<string, unknown>): StorageReply {
    const list = this.fileList(params, 'fileid_list');
    if (!Array.isArray(list)) return list;
    const delete_list = list.map((fileID) => {
      const resolved = this.resolveFileId(fileID);
      if ('code' in resolved) return { fileID, code: resolved.code };
      try {
        fs.unlinkSync(this.fileOf(resolved.cloudPath));
        return { fileID, code: 'SUCCESS' };
      } catch {
        return { fileID, code: 'STORAGE_FILE_NONEXIST' };
      }
    });
    return { data: { delete_list } };
  }

  /** Serves `/cos/<path>` (PUT upload) and `/storage/<path>` (GET/HEAD download). False when the URL is not ours. */
  handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname.startsWith('/cos/')) {
      this.handleUpload(req, res, url);
      return true;
    }
    if (url.pathname.startsWith('/storage/')) {
      this.handleDownload(req, res, url);
      return true;
    }
    return false;
  }

  private decodePath(pathname: string, prefix: string): string | null {
    try {
      return pathname.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
    } catch {
      return null;
    }
  }

  private xml(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
    res.writeHead(status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
    res.end(cosXmlError(code, message, resource));
  }

  private handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const cloudPath = this.decodePath(url.pathname, '/cos/');
    if (req.method === 'POST' && boundaryOf(req.headers['content-type'])) {
      this.handleFormUpload(req, res, url).catch((e: unknown) => this.xml(res, 500, 'InternalError', e instanceof Error ? e.message : String(e), url.pathname));
      return;
    }
    if (req.method !== 'PUT') {
      req.resume();
      this.xml(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', url.pathname);
      return;
    }
    const auth = req.headers.authorization ?? '';
    const slot = this.pending.get(auth);
    const now = Math.floor(this.now() / 1000);
    const fail = (status: number, code: string, message: string) => {
      req.resume();
      this.xml(res, status, code, message, url.pathname);
    };
    if (!slot || slot.cloudPath !== cloudPath) return fail(403, 'SignatureDoesNotMatch', 'The Signature you specified does not match.');
    if (slot.expiresAt < now) {
      this.pending.delete(auth);
      return fail(403, 'AccessDenied', 'Request has expired');
    }
    if (req.headers['x-cos-security-token'] !== slot.token || req.headers['x-cos-meta-fileid'] !== slot.cosFileId) {
      return fail(403, 'InvalidAccessKeyId', 'The security token or file id you provided does not match this upload.');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > this.maxUploadBytes) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return this.xml(res, 400, 'EntityTooLarge', `Your proposed upload exceeds ${this.maxUploadBytes} bytes.`, url.pathname);
      try {
        this.put(slot.cloudPath, Buffer.concat(chunks));
      } catch (e) {
        return this.xml(res, 500, 'InternalError', e instanceof Error ? e.message : String(e), url.pathname);
      }
      // One slot, one upload: a replayed PUT must ask for new metadata, as a used COS signature would.
      this.pending.delete(auth);
      res.writeHead(200, { 'content-length': '0', etag: `"${randomBytes(8).toString('hex')}"` });
      res.end();
    });
  }

  /** The COS form POST of `tcb/uploadfile` callers: the slot is named by the form's fields, not headers. */
  private async handleFormUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req, this.maxUploadBytes + 64 * 1024);
    if (body === null) return this.xml(res, 400, 'EntityTooLarge', `Your proposed upload exceeds ${this.maxUploadBytes} bytes.`, url.pathname);
    let fields: Map<string, Buffer>;
    try {
      fields = new Map(parseMultipart(body, boundaryOf(req.headers['content-type'])!).map((p) => [p.name, p.data]));
    } catch (e) {
      return this.xml(res, 400, 'MalformedPOSTRequest', `The body of your POST request is not well-formed multipart/form-data: ${e instanceof Error ? e.message : String(e)}`, url.pathname);
    }
    const field = (k: string) => fields.get(k)?.toString('utf8') ?? '';
    const file = fields.get('file');
    if (!file || !fields.has('key')) return this.xml(res, 400, 'InvalidArgument', 'The form must hold key and file.', url.pathname);
    const auth = field('Signature');
    const slot = this.pending.get(auth);
    if (!slot || slot.cloudPath !== field('key')) return this.xml(res, 403, 'SignatureDoesNotMatch', 'The Signature you specified does not match.', url.pathname);
    if (slot.expiresAt < Math.floor(this.now() / 1000)) {
      this.pending.delete(auth);
      return this.xml(res, 403, 'AccessDenied', 'Request has expired', url.pathname);
    }
    if (field('x-cos-security-token') !== slot.token || field('x-cos-meta-fileid') !== slot.cosFileId) {
      return this.xml(res, 403, 'InvalidAccessKeyId', 'The security token or file id you provided does not match this upload.', url.pathname);
    }
    this.put(slot.cloudPath, file);
    this.pending.delete(auth);
    res.writeHead(204, { etag: `"${randomBytes(8).toString('hex')}"` });
    res.end();
  }

  private handleDownload(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume();
    const cloudPath = this.decodePath(url.pathname, '/storage/');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD' });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return this.xml(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', url.pathname);
    }
    const t = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!cloudPath || invalidCloudPathReason(cloudPath) || !Number.isInteger(t)) {
      return this.xml(res, 403, 'AccessDenied', 'Access Denied.', url.pathname);
    }
    const expected = Buffer.from(this.sign(cloudPath, t));
    const given = Buffer.from(sign);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return this.xml(res, 403, 'AccessDenied', 'Access Denied.', url.pathname);
    }
    const remaining = t - Math.floor(this.now() / 1000);
    if (remaining <= 0) return this.xml(res, 403, 'AccessDenied', 'Request has expired', url.pathname);
    const st = this.stat(cloudPath);
    if (!st) return this.xml(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname);
    res.writeHead(200, {
      'content-type': contentTypeOf(cloudPath),
      'content-length': String(st.size),
      'last-modified': st.mtime.toUTCString(),
      // Cached no longer than the signature lives, so an expired URL is never served from cache.
      'cache-control': `private, max-age=${remaining}`,
      'access-control-allow-origin': '*',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(this.fileOf(cloudPath)).pipe(res);
  }
}
