/**
 * Fake of `security.mediaCheckAsync` v2 and of the `wxa_media_check` message push that carries
 * its verdict, as production behaves:
 *
 * - The call only queues the check: WeChat answers `{errcode: 0, errmsg: 'ok', trace_id}` at once
 *   and pushes the verdict within 30 minutes (here after `push` delay, 50 ms by default) as a
 *   message-push event to the cloud function configured to receive `wxa_media_check`, run with
 *   the checked user as caller (FromUserName = the `openid` passed).
 * - The verdict comes from the bytes at `media_url`, which WeChat downloads when it gets to the
 *   check, not at call time: an URL that expired meanwhile fails too. The fake really downloads
 *   it, but only from the local cloud's own HTTP server (storage temp URLs); any other host is
 *   treated as unreachable, so a test can never depend on the internet.
 * - Tests decide verdicts by file content: SHA-256 hex of the bytes on the `risky` or `review`
 *   list; everything else passes.
 *
 * Parameter names: the function calls `cloud.openapi.security.mediaCheckAsync({ mediaUrl,
 * mediaType, version, scene, openid })`, and wx-server-sdk (generic openapi, `convertCase`
 * camelcase → snakecase, recursive) sends them as `media_url`, `media_type`, `version`, `scene`,
 * `openid` — the names of the HTTPS API, which is what this fake reads (as subscribeMessage.send
 * reads `template_id`).
 *
 * Push modes model the delivery faults a receiver must survive: `never` (the event is lost;
 * the receiver must not wait forever), `twice` (the same event delivered again, as WeChat's
 * retries do; the receiver must be idempotent on trace_id) and `{ delayMs }` (a slow verdict).
 */
import { createHash, randomBytes } from 'node:crypto';
import { LOCAL_APPID } from '../env';

export type MediaSuggest = 'pass' | 'review' | 'risky';
export type MediaCheckPushMode = 'normal' | 'never' | 'twice' | { delayMs: number };

export interface MediaCheckSettings {
  /** SHA-256 hex of file contents answered `risky`. */
  risky: string[];
  /** SHA-256 hex of file contents answered `review`. */
  review: string[];
  push: MediaCheckPushMode;
}

export interface MediaCheckDetail {
  strategy: 'content_model';
  errcode: number;
  suggest: MediaSuggest;
  label: number;
  prob: number;
}

/** The `wxa_media_check` event a cloud function receives (JSON message push, v2). */
export interface MediaCheckEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: 2;
  detail: MediaCheckDetail[];
  errcode: number;
  errmsg: string;
  /** Absent when the check could not run (errcode -1008: the media could not be downloaded). */
  result?: { suggest: MediaSuggest; label: number };
}

export type MediaCheckStatus =
  /** Waiting for its push delay, downloading or being delivered. */
  | 'scheduled'
  /** Every delivery reached the function and it returned. */
  | 'delivered'
  /** Push mode `never`: checked, but the event never arrives. */
  | 'lost'
  /** No function of the configured name exists: checked, nothing delivered. */
  | 'no_function'
  /** The receiving function threw or timed out (see deliveries). */
  | 'failed'
  /** The local cloud stopped first. */
  | 'cancelled';

export interface MediaCheckDelivery {
  at: number;
  ok: boolean;
  /** What the receiving function returned (its view of the event, in tests). */
  result?: unknown;
  error?: string;
}

export interface MediaCheckRecord {
  traceId: string;
  openid: string;
  mediaUrl: string;
  mediaType: 1 | 2;
  scene: number;
  /** Function the event goes to. */
  target: string;
  push: MediaCheckPushMode;
  submittedAt: number;
  /** Null until the media was fetched (or failed to be). */
  sha256: string | null;
  /** `download_error` when the media could not be fetched (event errcode -1008). */
  verdict: MediaSuggest | 'download_error' | null;
  /** Why the download failed, for the developer. */
  downloadError: string | null;
  status: MediaCheckStatus;
  event: MediaCheckEvent | null;
  deliveries: MediaCheckDelivery[];
}

export interface MediaCheckOptions {
  /** Function that receives `wxa_media_check` (default `media-check`). */
  functionName?: string;
  /** Base URL of the local cloud's HTTP server, read when a download starts; the only host the fake reaches. */
  localBase: () => string;
  hasFunction: (name: string) => boolean;
  /** Runs the receiving function with the event, as the user `openid`; resolves with its return value. */
  deliver: (name: string, event: MediaCheckEvent, openid: string) => Promise<unknown>;
  appid?: string;
  /** The mini-program's original id (gh_…), the event's ToUserName. */
  username?: string;
  /** Delay of `normal` and `twice` pushes (default 50 ms). */
  defaultDelayMs?: number;
  now?: () => number;
}

/** What tests and the admin route use (the Cloud exposes this, not the lifecycle methods). */
export interface MediaCheckControl {
  /** Replace the given verdict lists (others unchanged). */
  setRules(rules: { risky?: string[]; review?: string[] }): void;
  setPush(mode: MediaCheckPushMode): void;
  /** Back to no rules and `normal` pushes. */
  reset(): void;
  settings(): MediaCheckSettings;
  /** Checks queued so far, oldest first (the most recent 200). */
  log(): MediaCheckRecord[];
  /** Checks whose push has not finished yet. */
  pending(): number;
  /** Resolves once every scheduled push has been delivered (or lost); rejects after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<void>;
}

export type MediaCheckAnswer = { errcode: 0; errmsg: 'ok'; trace_id: string } | { errcode: number; errmsg: string };

interface Job {
  record: MediaCheckRecord;
  delayMs: number;
  timer: NodeJS.Timeout | null;
  abort: AbortController;
  done: Promise<void>;
  finish: () => void;
}

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const SHA256_RE = /^[0-9a-fA-F]{64}$/;
/** WeChat promises the verdict within 30 minutes. */
export const MAX_PUSH_DELAY_MS = 30 * 60_000;
const DOWNLOAD_TIMEOUT_MS = 10_000;
const MAX_RECORDS = 200;
/** Label WeChat uses for "other" (msgSecCheck's table; the media docs refer to it). */
const LABEL_OTHER = 21000;
const LABEL_NORMAL = 100;
/**
 * What production pushes when it cannot fetch the media, as reported from a real v2 push
 * (developers.weixin.qq.com community, 2025-11): top-level errcode -1008 with this errmsg, an
 * empty `detail` and no `result`. A receiver must therefore not read `result.suggest` blindly.
 */
const DOWNLOAD_ERRCODE = -1008;
const DOWNLOAD_ERRMSG = '下载错误,请检查媒体链接是否有效';

/** Why `v` is not a settings object for POST /__fake/media-check (all keys optional), or null. */
export function mediaCheckSettingsProblem(v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'settings must be a JSON object {risky?, review?, push?}';
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['risky', 'review', 'push'].includes(key)) return `unknown setting ${key} (risky, review, push)`;
  }
  for (const key of ['risky', 'review'] as const) {
    const list = o[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `${key} must be a list of SHA-256 hex digests`;
    const bad = list.find((h) => typeof h !== 'string' || !SHA256_RE.test(h));
    if (bad !== undefined) return `${key}: ${JSON.stringify(bad)} is not a SHA-256 hex digest (64 hex characters)`;
  }
  return o.push === undefined ? null : pushModeProblem(o.push);
}

function pushModeProblem(p: unknown): string | null {
  if (p === 'normal' || p === 'never' || p === 'twice') return null;
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    const keys = Object.keys(p);
    const d = (p as { delayMs?: unknown }).delayMs;
    if (keys.length === 1 && keys[0] === 'delayMs' && Number.isInteger(d) && (d as number) >= 0 && (d as number) <= MAX_PUSH_DELAY_MS) return null;
  }
  return `push must be "normal", "never", "twice" or {"delayMs": 0..${MAX_PUSH_DELAY_MS}}`;
}

const copyMode = (m: MediaCheckPushMode): MediaCheckPushMode => (typeof m === 'object' ? { delayMs: m.delayMs } : m);

/** trace ids look like production's: `<unix seconds, hex>-<8 hex>-<8 hex>`. */
function traceId(nowMs: number): string {
  const secs = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `${secs}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

export class MediaChecks implements MediaCheckControl {
  private risky = new Set<string>();
  private review = new Set<string>();
  private push: MediaCheckPushMode = 'normal';
  private readonly records: MediaCheckRecord[] = [];
  private readonly jobs = new Set<Job>();
  private closed = false;
  private readonly target: string;
  private readonly appid: string;
  private readonly username: string;
  private readonly defaultDelayMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: MediaCheckOptions) {
    this.target = opts.functionName ?? 'media-check';
    this.appid = opts.appid ?? LOCAL_APPID;
    this.username = opts.username ?? 'gh_0000000local';
    this.defaultDelayMs = opts.defaultDelayMs ?? 50;
    this.now = opts.now ?? Date.now;
  }

  setRules(rules: { risky?: string[]; review?: string[] }): void {
    const problem = mediaCheckSettingsProblem(rules);
    if (problem) throw new Error(`media check rules: ${problem}`);
    if (rules.risky) this.risky = new Set(rules.risky.map((h) => h.toLowerCase()));
    if (rules.review) this.review = new Set(rules.review.map((h) => h.toLowerCase()));
  }

  setPush(mode: MediaCheckPushMode): void {
    const problem = pushModeProblem(mode);
    if (problem) throw new Error(`media check push: ${problem}`);
    this.push = copyMode(mode);
  }

  /** Replaces every setting: what is left out goes back to its default (no rules, `normal`). */
  replace(settings: unknown): string | null {
    const problem = mediaCheckSettingsProblem(settings);
    if (problem) return problem;
    const s = settings as Partial<MediaCheckSettings>;
    this.reset();
    this.setRules({ risky: s.risky ?? [], review: s.review ?? [] });
    if (s.push !== undefined) this.setPush(s.push);
    return null;
  }

  reset(): void {
    this.risky = new Set();
    this.review = new Set();
    this.push = 'normal';
  }

  settings(): MediaCheckSettings {
    return { risky: [...this.risky], review: [...this.review], push: copyMode(this.push) };
  }

  log(): MediaCheckRecord[] {
    return this.records.map((r) => structuredClone(r));
  }

  pending(): number {
    return this.jobs.size;
  }

  async settled(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.jobs.size > 0) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`media check: ${this.jobs.size} push(es) still pending after ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((r) => {
        timer = setTimeout(r, left);
      });
      await Promise.race([Promise.all([...this.jobs].map((j) => j.done)), expired]);
      clearTimeout(timer);
    }
  }

  /**
   * Answers one call (parameters as the SDK sends them, snake_case) and, when accepted, schedules
   * its push. Validation follows the v2 API: errcodes as WeChat's global table has them.
   */
  submit(p: Record<string, unknown>): MediaCheckAnswer {
    // Only v2 is faked: v1 (no `version`) pushes a different event (isrisky) and is retired.
    if (p.version !== 2) return { errcode: 47001, errmsg: 'data format error: version must be 2' };
    const url = p.media_url;
    if (typeof url !== 'string' || url.trim() === '') return { errcode: 47001, errmsg: 'data format error: media_url' };
    // Any non-empty string is accepted, as production does; an URL WeChat cannot fetch fails in the push.
    const type = p.media_type;
    if (type !== 1 && type !== 2) return { errcode: 40004, errmsg: 'invalid media type: media_type must be 1 (audio) or 2 (image)' };
    if (typeof p.openid !== 'string' || !OPENID_RE.test(p.openid)) return { errcode: 40003, errmsg: 'invalid openid' };
    const scene = p.scene;
    if (typeof scene !== 'number' || !Number.isInteger(scene) || scene < 1 || scene > 4) return { errcode: 40129, errmsg: 'invalid scene' };

    const record: MediaCheckRecord = {
      traceId: traceId(this.now()),
      openid: p.openid,
      mediaUrl: url,
      mediaType: type,
      scene,
      target: this.target,
      push: copyMode(this.push),
      submittedAt: this.now(),
      sha256: null,
      verdict: null,
      downloadError: null,
      status: this.closed ? 'cancelled' : 'scheduled',
      event: null,
      deliveries: [],
    };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    if (!this.closed) this.schedule(record);
    return { errcode: 0, errmsg: 'ok', trace_id: record.traceId };
  }

  /** Stops every pending push (timers cleared, downloads aborted) and waits for running deliveries to end. */
  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const job of this.jobs) {
      job.abort.abort();
      if (job.timer) {
        clearTimeout(job.timer);
        job.timer = null;
        job.record.status = 'cancelled';
        job.finish();
      } else {
        running.push(job.done);
      }
    }
    await Promise.all(running);
  }

  private schedule(record: MediaCheckRecord): void {
    let resolve = () => {};
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    const delayMs = typeof record.push === 'object' ? record.push.delayMs : this.defaultDelayMs;
    const job: Job = {
      record,
      delayMs,
      timer: null,
      abort: new AbortController(),
      done,
      finish: () => {
        this.jobs.delete(job);
        resolve();
      },
    };
    this.jobs.add(job);
    job.timer = setTimeout(() => {
      job.timer = null;
      this.run(job).then(job.finish, (e: unknown) => {
        // run() handles its own failures; this only keeps a bug from leaving settled() hanging.
        record.status = 'failed';
        record.deliveries.push({ at: this.now(), ok: false, error: String(e) });
        job.finish();
      });
    }, delayMs);
  }

  private async run(job: Job): Promise<void> {
    const r = job.record;
    const fetched = await this.download(r.mediaUrl, job.abort.signal);
    if (this.closed) {
      r.status = 'cancelled';
      return;
    }
    let event: MediaCheckEvent;
    const base = {
      ToUserName: this.username,
      FromUserName: r.openid,
      CreateTime: Math.floor(this.now() / 1000),
      MsgType: 'event' as const,
      Event: 'wxa_media_check' as const,
      appid: this.appid,
      trace_id: r.traceId,
      version: 2 as const,
    };
    if ('error' in fetched) {
      r.verdict = 'download_error';
      r.downloadError = fetched.error;
      event = { ...base, detail: [], errcode: DOWNLOAD_ERRCODE, errmsg: DOWNLOAD_ERRMSG };
    } else {
      const sha = createHash('sha256').update(fetched.bytes).digest('hex');
      const suggest: MediaSuggest = this.risky.has(sha) ? 'risky' : this.review.has(sha) ? 'review' : 'pass';
      const label = suggest === 'pass' ? LABEL_NORMAL : LABEL_OTHER;
      r.sha256 = sha;
      r.verdict = suggest;
      event = {
        ...base,
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
      };
    }
    r.event = event;
    if (r.push === 'never') {
      r.status = 'lost';
      return;
    }
    // Looked up at push time: a function deployed after the call still gets the event.
    if (!this.opts.hasFunction(r.target)) {
      r.status = 'no_function';
      return;
    }
    const times = r.push === 'twice' ? 2 : 1;
    for (let i = 0; i < times; i++) {
      if (this.closed) {
        r.status = 'cancelled';
        return;
      }
      try {
        const result = await this.opts.deliver(r.target, structuredClone(event), r.openid);
        r.deliveries.push({ at: this.now(), ok: true, result });
      } catch (e) {
        r.deliveries.push({ at: this.now(), ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (this.closed && r.deliveries.some((d) => !d.ok)) r.status = 'cancelled';
    else r.status = r.deliveries.every((d) => d.ok) ? 'delivered' : 'failed';
  }

  /** Fetches the media as WeChat would, from the local cloud only. */
  private async download(url: string, signal: AbortSignal): Promise<{ bytes: Buffer } | { error: string }> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { error: 'media_url is not an URL' };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: `unsupported scheme ${u.protocol}` };
    let local: URL | null = null;
    try {
      local = new URL(this.opts.localBase());
    } catch {
      local = null;
    }
    if (!local || u.origin !== local.origin) return { error: `host ${u.host} is not reachable from the local cloud (only ${local?.host ?? 'none'})` };
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), DOWNLOAD_TIMEOUT_MS);
    try {
      // Redirects are not followed: one could lead off the local cloud.
      const res = await fetch(u, { redirect: 'manual', signal: AbortSignal.any([signal, timeout.signal]) });
      if (res.status !== 200) {
        await res.body?.cancel();
        return { error: `HTTP ${res.status}` };
      }
      return { bytes: Buffer.from(await res.arrayBuffer()) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}
