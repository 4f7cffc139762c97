/**
 * Fakes of the WeChat open APIs the product calls through `cloud.openapi.*`, answering the
 * `wx.openApi` admin action with the protobuf envelope wx-server-sdk decodes (see protobuf.ts).
 *
 * Faithful where it matters to callers: parameters are validated as WeChat does and failures carry
 * WeChat's errcodes (the SDK turns `errcode` in the JSON body into a thrown CloudSDKError with that
 * errCode); a function calling an API its config.json does not declare gets -604101 in the
 * envelope, as production does. `faults` makes an API fail on purpose (system busy, quota…).
 */
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { MediaChecks, type MediaCheckOptions } from './media-check';
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf';
import { SubscribeMessages, type TemplateDef } from './subscribe-message';

/** Who is calling: null for a script using the SDK outside any function (admin tooling, tests). */
export interface OpenApiCaller {
  functionName: string;
  openapi: string[];
}

export interface OpenApiOptions {
  /** Words that make msgSecCheck answer `risky`. */
  secWords?: string[];
  /** Words that make msgSecCheck answer `review` (held for a human). */
  reviewWords?: string[];
  /** The page wxacode.getUnlimited encodes when `page` is omitted (WeChat uses the main page). */
  homePage?: string;
  /** Subscribe-message templates of the account (subscribeMessage.send answers 40037 for others). */
  templates?: readonly TemplateDef[];
  /** Where security.mediaCheckAsync downloads from and pushes its `wxa_media_check` event to; without it every push finds no function. */
  mediaCheck?: MediaCheckOptions;
}

export interface OpenApiLogEntry {
  api: string;
  caller: string | null;
  request: unknown;
  response: unknown;
}

interface WxError {
  errcode: number;
  errmsg: string;
}

interface Fault extends WxError {
  remaining: number;
}

/** Envelope-level errors (CommOpenApiResp.errorCode), from wx-server-sdk's ERR_CODE table. */
export const WX_API_NOT_FOUND = -604100;
export const WX_NO_PERMISSION = -604101;

type JsonResult = { json: Record<string, unknown> } | { binary: Buffer; contentType: string };

const rid = () => `rid: ${randomUUID().slice(0, 8)}-${randomUUID().slice(0, 8)}`;
const wxError = (errcode: number, errmsg: string): JsonResult => ({ json: { errcode, errmsg: `${errmsg} ${rid()}` } });

/** Visible ASCII characters WeChat accepts in a wxacode scene. */
const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export class OpenApiFakes {
  /** The APIs faked here; any other answers -604100 (API not found) rather than a made-up success. */
  static readonly FAKED: readonly string[] = ['security.msgSecCheck', 'security.mediaCheckAsync', 'wxacode.getUnlimited', 'subscribeMessage.send'];
  private readonly entries: OpenApiLogEntry[] = [];
  private readonly faultMap = new Map<string, Fault>();
  private secWords: string[];
  private reviewWords: string[];
  private readonly homePage: string;
  /** One-time subscriptions and the messages sent (GET /dev/messages). */
  readonly subscriptions: SubscribeMessages;
  /** security.mediaCheckAsync: verdict rules, push mode and the log of pushes. */
  readonly mediaChecks: MediaChecks;

  constructor(opts: OpenApiOptions = {}) {
    this.secWords = opts.secWords ?? [];
    this.reviewWords = opts.reviewWords ?? [];
    this.homePage = opts.homePage ?? 'pages/index/index';
    this.subscriptions = new SubscribeMessages(opts.templates ?? []);
    this.mediaChecks = new MediaChecks(
      opts.mediaCheck ?? { localBase: () => '', hasFunction: () => false, deliver: () => Promise.reject(new Error('no push target configured')) },
    );
  }

  /** Make the next `times` calls of `api` fail with a WeChat error (e.g. -1 system busy, 45009 quota). */
  fail(api: string, errcode: number, errmsg: string, times = 1): void {
    this.faultMap.set(api, { errcode, errmsg, remaining: times });
  }

  clearFaults(): void {
    this.faultMap.clear();
  }

  setWords(words: { risky?: string[]; review?: string[] }): void {
    if (words.risky) this.secWords = words.risky;
    if (words.review) this.reviewWords = words.review;
  }

  log(): OpenApiLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Answers one `wx.openApi` request: the protobuf CommApiData in, the protobuf CommOpenApiResp out. */
  async handle(apiName: string, requestData: Buffer, caller: OpenApiCaller | null): Promise<Buffer> {
    if (caller && !caller.openapi.includes(apiName)) {
      this.entries.push({ api: apiName, caller: caller.functionName, request: null, response: { errorCode: WX_NO_PERMISSION } });
      return encodeCommOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode: WX_NO_PERMISSION, httpCode: 200 });
    }
    if (!OpenApiFakes.FAKED.includes(apiName)) {
      this.entries.push({ api: apiName, caller: caller?.functionName ?? null, request: null, response: { errorCode: WX_API_NOT_FOUND } });
      return encodeCommOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode: WX_API_NOT_FOUND, httpCode: 200 });
    }
    let params: Record<string, unknown> | null = {};
    try {
      const envelope = decodeCommApiData(requestData);
      for (const pair of envelope.pairs) {
        // Media parameters arrive raw with a filename (the SDK's media converter sets `contentType`,
        // which the generated message spells `contenttype`, so the type is lost on the wire);
        // everything else is JSON text.
        params[pair.key] =
          pair.filename !== undefined || pair.contentType !== undefined
            ? { filename: pair.filename, contentType: pair.contentType, bytes: pair.value.length }
            : JSON.parse(pair.value.toString('utf8'));
      }
    } catch {
      params = null;
    }
    const result = params === null ? wxError(47001, 'data format error') : await this.dispatch(apiName, params);
    const response = 'json' in result ? result.json : { contentType: result.contentType, bytes: result.binary.length };
    this.entries.push({ api: apiName, caller: caller?.functionName ?? null, request: params, response });
    if ('json' in result) {
      return encodeCommOpenApiResp({
        respData: Buffer.from(JSON.stringify(result.json)),
        contentType: 'application/json; charset=utf-8',
        errorCode: 0,
        httpCode: 200,
      });
    }
    return encodeCommOpenApiResp({ respData: result.binary, contentType: result.contentType, errorCode: 0, httpCode: 200 });
  }

  private async dispatch(api: string, params: Record<string, unknown>): Promise<JsonResult> {
    const fault = this.faultMap.get(api);
    if (fault && fault.remaining > 0) {
      fault.remaining -= 1;
      if (fault.remaining === 0) this.faultMap.delete(api);
      return wxError(fault.errcode, fault.errmsg);
    }
    if (api === 'security.msgSecCheck') return this.msgSecCheck(params);
    if (api === 'subscribeMessage.send') return { json: { ...this.subscriptions.send(params) } };
    if (api === 'security.mediaCheckAsync') {
      // The answer is production's JSON `{errcode, errmsg, trace_id}`; wx-server-sdk drops errcode/errmsg
      // and camelCases the rest, so the function sees `{ traceId, errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok' }`.
      const answer = this.mediaChecks.submit(params);
      return answer.errcode === 0 ? { json: { ...answer } } : wxError(answer.errcode, answer.errmsg);
    }
    return this.getUnlimited(params);
  }

  /** security.msgSecCheck (v2 with `version: 2`; v1 otherwise). */
  private msgSecCheck(p: Record<string, unknown>): JsonResult {
    const content = p.content;
    if (content === undefined || content === '') return wxError(44002, 'empty post data');
    if (typeof content !== 'string') return wxError(47001, 'data format error');
    const lower = content.toLowerCase();
    const risky = this.secWords.find((w) => w && lower.includes(w.toLowerCase()));
    const review = risky ? undefined : this.reviewWords.find((w) => w && lower.includes(w.toLowerCase()));
    if (p.version === undefined || p.version === 1) {
      // v1 answers only ok / 87014.
      if (risky) return wxError(87014, 'risky content');
      return { json: { errcode: 0, errmsg: 'ok' } };
    }
    if (p.version !== 2) return wxError(47001, 'data format error: version must be 1 or 2');
    if (typeof p.openid !== 'string' || !OPENID_RE.test(p.openid)) return wxError(40003, 'invalid openid');
    if (typeof p.scene !== 'number' || !Number.isInteger(p.scene) || p.scene < 1 || p.scene > 4) return wxError(40129, 'invalid scene');
    if ([...content].length > 2500) return wxError(87014, 'content too long, at most 2500 characters');
    for (const k of ['title', 'nickname', 'signature'] as const) {
      if (p[k] !== undefined && typeof p[k] !== 'string') return wxError(47001, `data format error: ${k}`);
    }
    const suggest = risky ? 'risky' : review ? 'review' : 'pass';
    const label = risky || review ? 21000 : 100;
    const keyword = risky ?? review;
    const detail: Record<string, unknown>[] = [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }];
    if (keyword) detail.push({ strategy: 'keyword', errcode: 0, suggest, label, level: suggest === 'risky' ? 90 : 60, keyword });
    return { json: { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail, trace_id: randomUUID().replace(/-/g, '').slice(0, 24) } };
  }

  /** wxacode.getUnlimited: a real QR code of `<page>?scene=<scene>` (production draws a round mini-program code). */
  private async getUnlimited(p: Record<string, unknown>): Promise<JsonResult> {
    const scene = p.scene;
    if (typeof scene !== 'string' || !SCENE_RE.test(scene)) return wxError(40169, 'invalid length for scene, or the data is not json string');
    const page = p.page === undefined || p.page === '' ? this.homePage : p.page;
    if (typeof page !== 'string' || page.startsWith('/') || !/^[A-Za-z0-9_\-/.]+$/.test(page)) return wxError(41030, 'invalid page');
    if (p.env_version !== undefined && !['release', 'trial', 'develop'].includes(String(p.env_version))) {
      return wxError(40097, 'invalid args: env_version');
    }
    if (p.width !== undefined && (typeof p.width !== 'number' || !Number.isFinite(p.width))) return wxError(47001, 'data format error: width');
    // WeChat documents 280..1280 px and clamps values outside the range rather than failing.
    const width = Math.min(1280, Math.max(280, Math.round((p.width as number | undefined) ?? 430)));
    const hyaline = p.is_hyaline === true;
    const line = p.line_color as { r?: unknown; g?: unknown; b?: unknown } | undefined;
    const hex = (v: unknown) => Math.min(255, Math.max(0, Number(v) || 0)).toString(16).padStart(2, '0');
    const dark = line && p.auto_color !== true ? `#${hex(line.r)}${hex(line.g)}${hex(line.b)}ff` : '#000000ff';
    const binary = await QRCode.toBuffer(`${page}?scene=${scene}`, {
      type: 'png',
      width,
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark, light: hyaline ? '#00000000' : '#ffffffff' },
    });
    return { binary, contentType: 'image/png' };
  }
}
