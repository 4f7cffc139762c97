/**
 * ~80 stories composed from the exemplars' facts. Each story takes an angle (one deed, or a
 * portrait of the person or station), and every paragraph is chosen from a small pool of
 * openings, transitions and endings and filled with that exemplar's own facts, so eighty stories
 * share a register without reading identical. Only published exemplars appear in published
 * stories: a published story must never leak a draft profile.
 */
import type { ContentBlock, Span, Story, StoryState, Unit } from '@contract';
import { CATEGORY_LABEL } from '@contract';
import type { Honor } from '@contract';
import { localFileId } from '../env';
import { EXEMPLAR_FACTS, type ExemplarFacts } from './exemplar-facts';
import type { Rng } from './prng';
import { cstDate, cstMidnight, DAY, HOUR } from './time';
import { detachmentOf } from './units';
import { pronoun, quoted, zhNumber } from './zh';

export const COVER_POOL = Array.from({ length: 16 }, (_, i) => `seed/covers/c${String(i + 1).padStart(2, '0')}.png`);
export const INLINE_POOL = Array.from({ length: 8 }, (_, i) => `seed/inline/i${String(i + 1).padStart(2, '0')}.png`);
export const INLINE_SIZE = { width: 750, height: 500 } as const;

/** Members whose story is told together with their station's. */
const PARTNERS: Record<string, string> = {
  'ex-c01': 'ex-i01',
  'ex-i01': 'ex-c01',
  'ex-c03': 'ex-i02',
  'ex-i02': 'ex-c03',
  'ex-c02': 'ex-i04',
  'ex-i04': 'ex-c02',
  'ex-c04': 'ex-i03',
  'ex-i03': 'ex-c04',
};

/** One propagandist (宣传员) per detachment writes its stories. */
const PROPAGANDISTS: Record<string, string> = {
  'u-wlmq': '张倩',
  'u-klmy': '王磊',
  'u-tlf': '阿迪拉',
  'u-hm': '刘洋',
  'u-cj': '马丽',
  'u-yl': '努尔古丽',
  'u-tc': '赵雪',
  'u-alt': '孙浩',
  'u-bz': '周婷',
  'u-bzh': '吴昊',
  'u-aks': '黄晓梅',
  'u-kz': '郑凯',
  'u-ks': '木合塔尔',
  'u-ht': '李娜',
};

type Angle = { kind: 'deed'; index: number } | { kind: 'portrait' };

interface Plan {
  facts: ExemplarFacts;
  angle: Angle;
  state: StoryState;
}

const XFZ = '一级消防长';

function campaignFor(f: ExemplarFacts, angle: Angle, rng: Rng): string | null {
  const seniorRank = f.title.startsWith(XFZ);
  if (angle.kind === 'portrait') {
    if (seniorRank) return 'cp-xiaofangzhang';
    if (f.kind === 'collective') return 'cp-tianshan';
    return f.tier === 'reserve' ? 'cp-pingfan' : 'cp-tianshan';
  }
  if (angle.index === 0) return 'cp-gushi';
  if (angle.index === 1) return f.tier === 'reserve' ? 'cp-pingfan' : seniorRank ? 'cp-xiaofangzhang' : 'cp-gushi';
  // Some stories run outside any campaign, as ordinary feed items.
  return rng.chance(0.5) ? null : f.kind === 'collective' ? 'cp-tianshan' : 'cp-gushi';
}

function plans(): Plan[] {
  const out: Plan[] = [];
  for (const f of EXEMPLAR_FACTS) {
    if (f.state !== 'published') {
      out.push({ facts: f, angle: { kind: 'deed', index: 0 }, state: 'draft' });
      continue;
    }
    const angles: Angle[] = f.tier === 'major' ? [0, 1, 2].map((index) => ({ kind: 'deed', index }) as Angle) : [{ kind: 'deed', index: 0 }];
    angles.push({ kind: 'portrait' });
    for (const angle of angles) out.push({ facts: f, angle, state: 'published' });
  }
  // Work in progress: written but not (yet) visible to readers.
  const pending: [string, StoryState][] = [
    ['ex-c05', 'draft'],
    ['ex-i11', 'in_review'],
    ['ex-c07', 'in_review'],
    ['ex-i15', 'in_review'],
  ];
  for (const [id, state] of pending) {
    const facts = EXEMPLAR_FACTS.find((f) => f.id === id);
    if (!facts) throw new Error(`seed: unknown exemplar ${id}`);
    out.push({ facts, angle: { kind: 'deed', index: 1 }, state });
  }
  return out;
}

// ------------------------------------------------------------------ prose pools

const b = (text: string): Span => ({ text, bold: true });
const i = (text: string): Span => ({ text, italic: true });
const t = (text: string): Span => ({ text });

interface Ctx {
  f: ExemplarFacts;
  unit: Unit;
  detachment: Unit;
  /** "乌鲁木齐市消防救援支队天山区特勤消防救援站" or the detachment alone. */
  unitFull: string;
  pr: string;
  years: string;
  rank: string;
  post: string;
  /** Where the work happens, by post category. */
  field: string;
}

const FIELD: Record<ExemplarFacts['category'], string> = {
  rescue: '灭火救援一线',
  political: '政治工作岗位',
  logistics: '后勤保障岗位',
  law: '防火监督岗位',
};

function leads(c: Ctx): Span[][] {
  const { f } = c;
  if (f.kind === 'collective') {
    return [
      [t(`在${f.origin}，有这样一支队伍——`), b(f.name), t(`。${quoted(f.title)}，是他们给自己立下的标准。`)],
      [t(`${quoted(f.quote)}这句话，写在`), b(f.name), t('的荣誉室里，也刻在每一名指战员的心上。')],
      [b(f.name), t(`组建至今已有${c.years}年。这支队伍${f.summary}`)],
      [t(`走进${c.detachment.name}`), b(f.name), t(`，扑面而来的是一股精气神。${f.daily}`)],
    ];
  }
  return [
    [t(`在${f.origin}长大的`), b(f.name), t(`，如今是${c.unitFull}的一名${c.rank}。${c.years}年来，${c.pr}把最好的年华留在了${c.field}。`)],
    [t(`${quoted(f.quote)}说这句话的，是${c.unitFull}${c.post}`), b(f.name), t('。')],
    [t('提起'), b(f.name), t(`，${c.unit.shortName}的战友们总会说起那些难忘的瞬间。`)],
    [t(`${c.years}年，不算短，也不算长。对`), b(f.name), t(`来说，这是在${c.field}一天天拼出来的${c.years}年。`)],
  ];
}

function afterDeed(c: Ctx): Span[] {
  const name = c.f.kind === 'collective' ? '站里指战员' : c.f.name;
  return [
    i(`这样的场景，在${name}的工作中并不少见。`),
    i(`事后说起这件事，${c.pr}只淡淡地说了一句：“这是我们应该做的。”`),
    i('现场的群众事后说，看到那一身火焰蓝，心里就踏实了。'),
    i(`对${name}来说，这只是无数次出发中的一次。`),
  ];
}

const DAILY_HEADINGS = ['平凡中的坚守', '功夫在平时', '日常里的战备', '一天的开始', '看不见的付出'];
const QUOTE_HEADINGS = ['心里话', '初心如磐', '朴素的信念'];

function listHeadings(c: Ctx): string[] {
  return [`数字里的${c.f.name}`, `${c.f.name}的“成绩单”`, '一组数字'];
}

function captions(c: Ctx): string[] {
  const who = c.f.kind === 'collective' ? `${c.f.name}指战员` : c.f.name;
  return [
    `${c.unit.shortName}指战员开展实战化训练`,
    c.f.kind === 'collective' ? `${who}执勤现场` : `${who}在执勤中`,
    `${c.unit.shortName}营区一角`,
    `${c.detachment.shortName}救援现场（资料图）`,
    `${who}与战友们在一起`,
  ];
}

function closings(c: Ctx): Span[][] {
  const { f } = c;
  return [
    [t(`平凡铸就伟大，英雄来自人民。${f.name}的故事，是全区消防救援队伍践行`), b('“对党忠诚、纪律严明、赴汤蹈火、竭诚为民”'), t('训词精神的生动写照。')],
    [t(`从${f.origin}到天山南北，还有许许多多像${f.name}这样的消防救援人，默默守护着各族群众的平安。`)],
    [t(`采访结束时，警铃再次响起。${c.pr}转身奔向车库，火焰蓝的身影很快消失在夜色中。`)],
    [t('致敬，每一位平凡而伟大的'), b('火焰蓝'), t('！')],
  ];
}

const LINK_CLOSING: Span[] = [
  t('冬春季节是火灾多发期，请大家关注身边的消防安全。更多消防安全常识，可登录'),
  { text: '中国消防', href: 'https://www.119.gov.cn/' },
  t('官方网站查询。'),
];

function titleFor(c: Ctx, angle: Angle, rng: Rng): string {
  const { f } = c;
  if (angle.kind === 'deed') {
    const h = (f.deeds[angle.index] as { heading: string }).heading;
    return f.kind === 'collective'
      ? rng.pick([`${h}——走近${f.name}`, `${f.name}：${h}`])
      : rng.pick([`${h}——记${c.unit.shortName}${f.name}`, `${f.name}：${h}`, `【${CATEGORY_LABEL[f.category]}】${f.name}：${h}`]);
  }
  if (f.kind === 'collective') return rng.pick([`走近${f.name}：${f.title}`, `${f.title}——${f.name}巡礼`]);
  const pool: Record<ExemplarFacts['category'], string[]> = {
    rescue: [`逆火而行的${f.name}`, `${f.name}：${c.years}年，冲锋在前`, `火场上的“定心丸”${f.name}`],
    political: [`${f.name}：把思想工作做到心坎上`, `带兵先带心——${f.name}的${c.years}年`],
    logistics: [`${f.name}：甘当战友的“后勤兵”`, `幕后英雄${f.name}`],
    law: [`${f.name}：执法有力度，服务有温度`, `守护平安的“啄木鸟”${f.name}`],
  };
  return rng.pick(pool[f.category]);
}

function firstSentence(text: string): string {
  const end = text.indexOf('。');
  return end === -1 ? text : text.slice(0, end + 1);
}

/** `ordinal` counts this exemplar's stories, so two stories about one person never open alike. */
function composeBlocks(c: Ctx, angle: Angle, honorsBefore: readonly Honor[], ordinal: number, rng: Rng): ContentBlock[] {
  const { f } = c;
  const imgs = rng.sample(INLINE_POOL, 3);
  const caps = rng.sample(captions(c), 3);
  const image = (k: number): ContentBlock => ({
    type: 'image',
    file: localFileId(imgs[k] as string),
    width: INLINE_SIZE.width,
    height: INLINE_SIZE.height,
    caption: caps[k] as string,
  });
  const openings = leads(c);
  const blocks: ContentBlock[] = [{ type: 'paragraph', spans: openings[ordinal % openings.length] as Span[] }];
  const quote: ContentBlock = { type: 'quote', spans: [t(f.quote)], cite: f.kind === 'collective' ? `${f.name}指战员` : f.name };
  const list: ContentBlock[] = [
    { type: 'heading', level: 3, text: rng.pick(listHeadings(c)) },
    { type: 'list', ordered: rng.chance(0.3), items: f.numbers.map((n) => [t(n)]) },
  ];
  let images = 1;
  if (angle.kind === 'deed') {
    const deed = f.deeds[angle.index];
    if (!deed) throw new Error(`seed: ${f.id} has no deed ${angle.index}`);
    blocks.push({ type: 'heading', level: 2, text: deed.heading });
    blocks.push({ type: 'paragraph', spans: [t(deed.text), rng.pick(afterDeed(c))] });
    blocks.push(image(0));
    blocks.push({ type: 'heading', level: 2, text: rng.pick(DAILY_HEADINGS) });
    blocks.push({ type: 'paragraph', spans: [t(f.daily)] });
    blocks.push(quote);
    const others = f.deeds.filter((_, k) => k !== angle.index);
    if (others.length > 0 && rng.chance(0.6)) {
      const other = rng.pick(others);
      blocks.push({ type: 'heading', level: 2, text: other.heading });
      blocks.push({ type: 'paragraph', spans: [t(other.text)] });
      if (rng.chance(0.6)) {
        blocks.push(image(images));
        images += 1;
      }
    }
    blocks.push(...list);
  } else {
    blocks.push({ type: 'heading', level: 2, text: f.kind === 'collective' ? `扎根${f.origin}` : `从${f.origin}出发` });
    blocks.push({
      type: 'paragraph',
      spans:
        f.kind === 'collective'
          ? [t(`${f.name}组建于${c.years}年前，隶属${c.detachment.name}。${c.unit.shortName}${f.summary}`)]
          : [
              t(`${f.name}出生在${f.origin}。入队那年，${c.pr}给自己定下一个目标：`),
              i('干一行，爱一行，精一行。'),
              t(`${c.years}年过去，${c.pr}成长为${c.unit.shortName}的${c.post.replace(/^.*?(站|大队|支队)/, '') || c.post}，${f.summary}`),
            ],
    });
    blocks.push({ type: 'heading', level: 2, text: rng.pick(QUOTE_HEADINGS) });
    blocks.push(quote);
    const deed = rng.pick(f.deeds);
    blocks.push({ type: 'heading', level: 2, text: deed.heading });
    blocks.push({ type: 'paragraph', spans: [t(deed.text)] });
    blocks.push(image(0));
    blocks.push({ type: 'heading', level: 2, text: rng.pick(DAILY_HEADINGS) });
    blocks.push({ type: 'paragraph', spans: [t(f.daily)] });
    if (rng.chance(0.5)) {
      blocks.push(image(images));
      images += 1;
    }
    blocks.push(...list);
    if (honorsBefore.length > 0) {
      // Merit citations are "荣立", titles are "获得": the two read differently in Chinese.
      const merit = (title: string): boolean => /等功$/.test(title);
      const titles = honorsBefore.map((h) => h.title).filter((v, k, all) => all.indexOf(v) === k);
      const named = titles.filter((x) => !merit(x));
      const merits = titles.filter(merit);
      const said: Span[] = [t(`近年来，${c.pr}`)];
      if (named.length > 0) said.push(t(named.length > 1 ? '先后获得' : '获得'), b(named.join('、')), t(merits.length > 0 ? '等荣誉，' : '等荣誉。'));
      if (merits.length > 0) said.push(t('荣立'), b(merits.join('、')), t('。'));
      blocks.push({ type: 'heading', level: 2, text: '荣誉背后' });
      blocks.push({
        type: 'paragraph',
        spans: [
          ...said,
          t(f.kind === 'collective' ? '在他们看来，荣誉是鞭策，更是责任。' : `在${c.pr}看来，荣誉属于集体，属于每一位并肩作战的战友。`),
        ],
      });
      if (images < 3 && rng.chance(0.3)) {
        blocks.push(image(images));
        images += 1;
      }
    }
  }
  if (rng.chance(0.5)) blocks.push({ type: 'divider' });
  blocks.push({ type: 'paragraph', spans: rng.pick(closings(c)) });
  if (rng.chance(0.15)) blocks.push({ type: 'paragraph', spans: LINK_CLOSING });
  return blocks;
}

const CODE_ALPHABET = '23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';

function makeCode(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const len = rng.int(6, 8);
    let code = '';
    // Look-alike characters (0/O, 1/l/I) are left out: people type these codes from posters.
    for (let k = 0; k < len; k += 1) code += CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)];
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function articleSlug(rng: Rng): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let k = 0; k < 22; k += 1) s += a[rng.int(0, a.length - 1)];
  return s;
}

export function buildStories(rng: Rng, now: number, get: (id: string) => Unit, honors: readonly Honor[]): Story[] {
  const all = plans();
  const published = all.filter((p) => p.state === 'published');
  // Distinct days over the last two years, so publishedAt is distinct and the feed spans time.
  const days = rng.sample(
    Array.from({ length: 729 }, (_, k) => k + 1),
    published.length,
  );
  const today = cstMidnight(now);
  const schedule = new Map<Plan, number>();
  published.forEach((p, k) => {
    const clock = rng.int(8, 21) * HOUR + rng.int(0, 59) * 60_000 + rng.int(0, 59) * 1000;
    schedule.set(p, today - (days[k] as number) * DAY + clock);
  });
  const codes = new Set<string>();
  const titles = new Set<string>();
  const perExemplar = new Map<string, number>();
  return all.map((p, k): Story => {
    const id = `st-${String(k + 1).padStart(3, '0')}`;
    const r = rng.fork(id);
    const f = p.facts;
    // Each exemplar starts at its own place in the pool of openings, then walks through it.
    const ordinal = (perExemplar.get(f.id) ?? rng.fork(`${f.id}/lead`).int(0, 3)) + 1;
    perExemplar.set(f.id, ordinal);
    const unit = get(f.unitId);
    const detachment = detachmentOf(unit, get);
    if (!detachment) throw new Error(`seed: ${f.id} sits at the corps`);
    const [rank = '', post = ''] = f.title.split(' · ');
    const c: Ctx = {
      f,
      unit,
      detachment,
      unitFull: unit._id === detachment._id ? detachment.name : `${detachment.name}${unit.name}`,
      pr: pronoun(f.kind, f.gender),
      years: zhNumber(f.years),
      rank,
      post,
      field: FIELD[f.category],
    };
    const publishedAt = schedule.get(p) ?? null;
    const honorsBefore = honors.filter(
      (h) => h.exemplarId === f.id && (h.level === 'national' || h.level === 'regional') && publishedAt !== null && h.date < cstDate(publishedAt),
    );
    let title = titleFor(c, p.angle, r);
    for (let attempt = 0; titles.has(title) && attempt < 10; attempt += 1) title = titleFor(c, p.angle, r);
    if (titles.has(title)) throw new Error(`seed: duplicate story title ${title}`);
    titles.add(title);
    const partner = PARTNERS[f.id];
    const withPartner = partner !== undefined && p.state === 'published' && (p.angle.kind === 'portrait' ? f.kind === 'collective' : p.angle.index === 0);
    const createdAt = publishedAt !== null ? publishedAt - r.int(2, 20) * DAY - r.int(0, 8) * HOUR : now - r.int(1, 30) * DAY - r.int(0, 8) * HOUR;
    const updatedAt = publishedAt !== null ? publishedAt : Math.min(now, createdAt + r.int(1, 48) * HOUR);
    const views = publishedAt === null ? 0 : Math.round(300 + r.next() ** 2 * (f.tier === 'major' ? 24_000 : 12_000));
    const deedText = p.angle.kind === 'deed' ? (f.deeds[p.angle.index]?.text ?? f.summary) : f.summary;
    return {
      _id: id,
      code: makeCode(r, codes),
      title,
      summary: p.angle.kind === 'deed' ? `${c.unit.shortName}${f.kind === 'individual' ? f.name : ''}：${firstSentence(deedText)}` : f.summary,
      cover: localFileId(r.pick(COVER_POOL)),
      campaignId: campaignFor(f, p.angle, r),
      exemplarIds: withPartner ? [f.id, partner] : [f.id],
      unitId: unit._id,
      unitPath: unit.path.slice(),
      author: `${detachment.shortName} ${PROPAGANDISTS[detachment._id] ?? '宣传员'}`,
      blocks: composeBlocks(c, p.angle, honorsBefore, ordinal, r),
      state: p.state,
      revision: p.state === 'published' ? r.int(1, 3) : p.state === 'in_review' ? r.int(1, 2) : 1,
      publishedAt,
      createdAt,
      updatedAt,
      likeCount: Math.round(views * (0.03 + r.next() * 0.06)),
      viewCount: views,
      shareCount: Math.round(views * (0.005 + r.next() * 0.025)),
      // Roughly half of the published stories also ran on the official account.
      article:
        publishedAt !== null && r.chance(0.5)
          ? { url: `https://mp.weixin.qq.com/s/${articleSlug(r)}`, publishedAt: publishedAt + r.int(10, 90) * 60_000 }
          : null,
    };
  });
}
