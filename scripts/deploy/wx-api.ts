/**
 * WeChat Cloud's HTTP API as the deploy tools call it: `POST <base>/tcb/<api>?access_token=…`
 * with `{env, …}`, answers `{errcode, errmsg, …}`. The token comes from `cgi-bin/stable_token`
 * (the stable one: fetching it does not invalidate a token other tools of the account hold) and
 * is fetched again once when WeChat says it is invalid or expired. The base URL is
 * https://api.weixin.qq.com unless told otherwise (tests point it at the local cloud).
 */

export const DEFAULT_API_BASE = 'https://api.weixin.qq.com';

/** errcodes that mean "this token is no good": fetch a new one and try once more. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

export class WxApiError extends Error {
  override name = 'WxApiError';
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${api}: errcode ${errcode} ${errmsg}`);
  }
}

export interface WxApiOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  envId: string;
  fetch?: typeof fetch;
}

export type WxAnswer = Record<string, unknown> & { errcode?: number; errmsg?: string };

export class WxApi {
  private token: { value: string; until: number } | null = null;
  private readonly fetchFn: typeof fetch;
  /** Every API called, in order (stable_token included). */
  readonly called: string[] = [];

  constructor(private readonly opts: WxApiOptions) {
    this.fetchFn = opts.fetch ?? fetch;
  }

  get envId(): string {
    return this.opts.envId;
  }

  private async post(api: string, path: string, body: unknown, query: Record<string, string>): Promise<WxAnswer> {
    const url = new URL(path, this.opts.baseUrl.endsWith('/') ? this.opts.baseUrl : `${this.opts.baseUrl}/`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    this.called.push(api);
    let res: Response;
    try {
      res = await this.fetchFn(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      throw new WxApiError(api, -1, `网络不通：${url.origin}（${e instanceof Error ? e.message : String(e)}）`);
    }
    const text = await res.text();
    try {
      return JSON.parse(text) as WxAnswer;
    } catch {
      throw new WxApiError(api, -1, `HTTP ${res.status}，回答不是 JSON：${text.slice(0, 200)}`);
    }
  }

  private async accessToken(force: boolean): Promise<string> {
    if (!force && this.token && this.token.until > Date.now()) return this.token.value;
    const r = await this.post('stable_token', 'cgi-bin/stable_token', { grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.appSecret, force_refresh: false }, {});
    if (r.errcode || typeof r.access_token !== 'string') throw new WxApiError('stable_token', r.errcode ?? -1, r.errmsg ?? 'no access_token');
    const ttl = typeof r.expires_in === 'number' ? r.expires_in : 7200;
    // Renew five minutes early, as WeChat advises.
    this.token = { value: r.access_token, until: Date.now() + Math.max(0, ttl - 300) * 1000 };
    return this.token.value;
  }

  /** `tcb/<api>` with `env` added to the body; throws WxApiError on any non-zero errcode. */
  async tcb(api: string, body: Record<string, unknown>, query: Record<string, string> = {}): Promise<WxAnswer> {
    let retried = false;
    for (;;) {
      const token = await this.accessToken(retried);
      const r = await this.post(api, `tcb/${api}`, { env: this.opts.envId, ...body }, { access_token: token, ...query });
      const errcode = r.errcode ?? 0;
      if (errcode === 0) return r;
      if (TOKEN_ERRCODES.has(errcode) && !retried) {
        retried = true;
        continue;
      }
      throw new WxApiError(api, errcode, r.errmsg ?? '');
    }
  }
}
