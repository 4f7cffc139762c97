/**
 * Fake of `subscribeMessage.send` (one-time subscribe messages), validating as WeChat does:
 *
 * - `touser` must be an OPENID (40003), `template_id` one of the account's templates (40037),
 *   `page` a mini-program path (41030), `miniprogram_state`/`lang` from WeChat's lists (47001).
 * - `data` needs every keyword of the template as `{ value }`, each value valid for its keyword
 *   type (the field name without digits: thing ≤ 20 characters, phrase ≤ 5 Chinese characters,
 *   time/date in WeChat's formats…); otherwise 47003 naming the field, as WeChat's errmsg does.
 * - A one-time subscription allows exactly one message: the user must have accepted the
 *   template in `wx.requestSubscribeMessage` (here: `accept`) and each send consumes one
 *   acceptance; without one WeChat answers 43101 (user refused or not subscribed).
 *
 * Messages that passed are kept, newest last, so a developer (GET /dev/messages) and tests can
 * see what a user would have received.
 */
export interface TemplateDef {
  id: string;
  title: string;
  keywords: readonly string[];
}

export interface SentMessage {
  touser: string;
  templateId: string;
  title: string;
  page: string | null;
  data: Record<string, string>;
  state: string;
  at: number;
}

export type SendResult = { errcode: 0; errmsg: 'ok'; msgid: number } | { errcode: number; errmsg: string };

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const PAGE_RE = /^[A-Za-z0-9_\-]+(\/[A-Za-z0-9_\-.]+)*(\?[^\s#]*)?$/;
const STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

const HAN = '\\u4e00-\\u9fa5';
const DATE_PART = '\\d{4}年\\d{1,2}月\\d{1,2}日';
const TIME_PART = '([01]?\\d|2[0-3]):[0-5]\\d';
const TIME_RE = new RegExp(`^((${DATE_PART} )?${TIME_PART})(~(${DATE_PART} )?${TIME_PART})?$`);
const DATE_RE = new RegExp(`^(${DATE_PART}( ${TIME_PART})?)(~${DATE_PART}( ${TIME_PART})?)?$`);

/** Keyword type rules from WeChat's subscribe-message documentation. */
const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => v.length <= 5 && /^[^A-Za-z0-9\u4e00-\u9fa5\s]+$/.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => TIME_RE.test(v),
  date: (v) => DATE_RE.test(v),
  amount: (v) => /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => [...v].length <= 8 && new RegExp(`^[${HAN}A-Za-z0-9][A-Za-z0-9]*[${HAN}A-Za-z0-9]?$`).test(v),
  name: (v) => new RegExp(`^[${HAN}]{1,10}$`).test(v) || /^[A-Za-z\s\p{P}]{1,20}$/u.test(v),
  phrase: (v) => new RegExp(`^[${HAN}]{1,5}$`).test(v),
};

const err = (errcode: number, errmsg: string): SendResult => ({ errcode, errmsg });

export class SubscribeMessages {
  private readonly templates = new Map<string, TemplateDef>();
  /** `${openid}\u0000${templateId}` → acceptances not used yet. */
  private readonly quota = new Map<string, number>();
  private readonly sent: SentMessage[] = [];
  private msgid = 1_000_000;

  constructor(templates: readonly TemplateDef[], private readonly now: () => number = Date.now) {
    for (const t of templates) {
      for (const k of t.keywords) {
        const type = k.replace(/\d+$/, '');
        if (!RULES[type]) throw new Error(`template ${t.id}: unknown keyword type in ${k}`);
      }
      this.templates.set(t.id, t);
    }
  }

  /** The user accepted these templates in wx.requestSubscribeMessage: one message each. Unknown ids are rejected as WeChat's dialog does. */
  accept(openid: string, templateIds: readonly string[]): { accepted: string[]; unknown: string[] } {
    const accepted: string[] = [];
    const unknown: string[] = [];
    for (const id of templateIds) {
      if (!this.templates.has(id)) {
        unknown.push(id);
        continue;
      }
      const key = `${openid}\u0000${id}`;
      this.quota.set(key, (this.quota.get(key) ?? 0) + 1);
      accepted.push(id);
    }
    return { accepted, unknown };
  }

  messages(touser?: string): SentMessage[] {
    return this.sent.filter((m) => touser === undefined || m.touser === touser).map((m) => ({ ...m, data: { ...m.data } }));
  }

  send(p: Record<string, unknown>): SendResult {
    const touser = p.touser;
    if (typeof touser !== 'string' || !OPENID_RE.test(touser)) return err(40003, 'invalid openid');
    const templateId = p.template_id;
    const template = typeof templateId === 'string' ? this.templates.get(templateId) : undefined;
    if (!template) return err(40037, 'invalid template_id');
    let page: string | null = null;
    if (p.page !== undefined && p.page !== '') {
      if (typeof p.page !== 'string' || !PAGE_RE.test(p.page)) return err(41030, 'invalid page');
      page = p.page;
    }
    const state = p.miniprogram_state ?? 'formal';
    if (typeof state !== 'string' || !STATES.includes(state)) return err(47001, 'data format error: miniprogram_state');
    if (p.lang !== undefined && (typeof p.lang !== 'string' || !LANGS.includes(p.lang))) return err(47001, 'data format error: lang');
    const data = p.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return err(47003, 'argument invalid! data is empty');
    const values: Record<string, string> = {};
    for (const key of Object.keys(data)) {
      if (!template.keywords.includes(key)) return err(47003, `argument invalid! data.${key} is not a keyword of the template`);
    }
    for (const key of template.keywords) {
      const entry = (data as Record<string, unknown>)[key];
      const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
      if (typeof value !== 'string' || value.length === 0) return err(47003, `argument invalid! data.${key}.value is empty`);
      const rule = RULES[key.replace(/\d+$/, '')]!;
      if (!rule(value)) return err(47003, `argument invalid! data.${key}.value invalid`);
      values[key] = value;
    }
    const quotaKey = `${touser}\u0000${template.id}`;
    const left = this.quota.get(quotaKey) ?? 0;
    if (left < 1) return err(43101, 'user refuse to accept the msg');
    if (left === 1) this.quota.delete(quotaKey);
    else this.quota.set(quotaKey, left - 1);
    this.sent.push({ touser, templateId: template.id, title: template.title, page, data: values, state, at: this.now() });
    this.msgid += 1;
    return { errcode: 0, errmsg: 'ok', msgid: this.msgid };
  }
}
