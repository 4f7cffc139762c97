/**
 * The demo data is what every developer, screenshot and end-to-end test sees first, so it must
 * obey the same rules production data does: exact entity shapes, referential integrity, counts
 * that agree with the documents, PIPL consent for published individuals, and pictures that decode.
 */
import { PNG } from 'pngjs';
import { z } from 'zod';
import { consentHolds } from '../../cloudfunctions/src/domain/consent';
import { matchSearch, parseQuery, storedSegments } from '../../cloudfunctions/src/domain/search';
import { storyCodeSchema, idSchema, CATEGORY_LABEL } from '@contract';
import type { Campaign, Exemplar, Honor, RoleGrant, Story, Unit } from '@contract';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { cloudPathOf } from '../../emulator/env';
import { buildDemoData, buildDemoDocuments, seedDemo, DEFAULT_SEED_NOW, type DemoData } from '../../emulator/seed';
import { DEV_USERS, DEV_ADMIN_OPENIDS } from '../../emulator/seed/dev-users';

const NOW = Date.UTC(2025, 8, 15, 6, 30); // 2025-09-15 14:30 CST
const DAY = 86_400_000;

const millis = z.number().int().positive();
const fileId = z.string().refine((v) => cloudPathOf(v) !== null, 'not a local cloud file id');
const strictObj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

/** Search keys (sorted, each once) and the segments they were cut from (domain/search.ts). */
const searchFields = {
  searchKeys: z
    .array(z.string().min(1))
    .min(1)
    .refine((keys) => keys.every((k, i) => i === 0 || keys[i - 1]! < k), 'search keys must be sorted and unique'),
  searchText: z.array(z.string().regex(/^[tsaucEenNdh]./u)).min(1),
};

const unitSchema = strictObj({
  _id: idSchema,
  name: z.string().min(2),
  shortName: z.string().min(2),
  level: z.enum(['corps', 'detachment', 'battalion', 'station']),
  parentId: idSchema.nullable(),
  path: z.array(idSchema).min(1),
  order: z.number().int().nonnegative(),
});

const consentSchema = strictObj({
  method: z.enum(['in_app', 'signed_form']),
  evidence: z.string().min(1),
  recordedAt: millis,
  recordedBy: z.string().min(1),
  name: z.string().min(1),
  verifiedBy: z.string().min(1).nullable(),
  verifiedAt: millis.nullable(),
});

/** The honours wall's tally and list keys an exemplar carries (domain/honours-wall.ts). */
const wallFields = {
  wall: strictObj({
    honours: z.array(strictObj({ level: z.enum(['national', 'regional', 'prefecture', 'county']), year: z.number().int().min(2000), merit: z.boolean(), n: z.number().int().positive() })),
    placements: z.array(strictObj({ level: z.enum(['central', 'regional', 'prefecture', 'county', 'unrated']), year: z.number().int().min(2000), outlet: z.string().min(2), n: z.number().int().positive() })),
  }),
  honourKeys: z.array(z.string().regex(/^[a-z_]+:\d{4}$/)),
};

const exemplarSchema = strictObj({
  _id: idSchema,
  kind: z.enum(['individual', 'collective']),
  tier: z.enum(['major', 'reserve', 'retired']),
  name: z.string().min(2),
  title: z.string().min(2),
  unitId: idSchema,
  unitPath: z.array(idSchema).min(1),
  category: z.enum(['rescue', 'political', 'logistics', 'law']),
  photo: fileId.nullable(),
  summary: z.string().min(10),
  biography: z.string().min(200),
  consent: consentSchema.nullable(),
  state: z.enum(['draft', 'published']),
  honorCount: z.number().int().nonnegative(),
  storyCount: z.number().int().nonnegative(),
  saluteCount: z.number().int().nonnegative(),
  enteredTierAt: millis,
  nextReviewAt: millis,
  createdAt: millis,
  updatedAt: millis,
  rank: z.number().int().nonnegative(),
  ...searchFields,
  ...wallFields,
});

const placementSchema = strictObj({
  _id: idSchema,
  exemplarId: idSchema,
  storyId: z.null(),
  outlet: z.string().min(2),
  level: z.enum(['central', 'regional', 'prefecture', 'county']),
  title: z.string().min(4),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  link: z.null(),
  wallKeys: z.array(z.string().min(3)).length(3),
  day: z.number().int().min(20000101),
});

const counted = <T extends z.ZodRawShape>(shape: T) => z.array(strictObj({ ...shape, n: z.number().int().positive() }));
const year = z.number().int().min(2000);
const kind = z.enum(['individual', 'collective']);
const band = z.enum(['national_regional', 'national', 'regional', 'prefecture', 'county', 'merit', 'any']);
const honoursSummarySchema = strictObj({
  _id: z.literal('public'),
  honoured: counted({ band, year, kind }),
  latest: counted({ band, year, kind }),
  awards: counted({ level: z.enum(['national', 'regional', 'prefecture', 'county']), year, kind }),
  units: counted({ unitId: idSchema, year }),
  library: counted({ tier: z.enum(['major', 'reserve']), kind }),
  libraryUnits: counted({ unitId: idSchema, tier: z.enum(['major', 'reserve']), kind, category: z.enum(['rescue', 'political', 'logistics', 'law']) }),
  placements: counted({ level: z.enum(['central', 'regional', 'prefecture', 'county', 'unrated']), year, outlet: z.string().min(2) }),
  revision: z.number().int().positive(),
  updatedAt: millis,
});

const honorSchema = strictObj({
  _id: idSchema,
  exemplarId: idSchema,
  title: z.string().min(2),
  level: z.enum(['national', 'regional', 'prefecture', 'county']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  awardedBy: z.string().min(2),
});

const campaignSchema = strictObj({
  _id: idSchema,
  name: z.string().min(2),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string().min(20),
  cover: fileId.nullable(),
  startedAt: millis,
  endsAt: millis.nullable(),
  archived: z.boolean(),
  order: z.number().int(),
  storyCount: z.number().int().nonnegative(),
});

const spanSchema = strictObj({
  text: z.string().min(1),
  bold: z.literal(true).optional(),
  italic: z.literal(true).optional(),
  href: z.string().url().optional(),
});
const spans = z.array(spanSchema).min(1);
const blockSchema = z.discriminatedUnion('type', [
  strictObj({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string().min(1) }),
  strictObj({ type: z.literal('paragraph'), spans }),
  strictObj({ type: z.literal('quote'), spans, cite: z.string().min(1).optional() }),
  strictObj({ type: z.literal('list'), ordered: z.boolean(), items: z.array(spans).min(1) }),
  strictObj({
    type: z.literal('image'),
    file: fileId,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    caption: z.string().min(1).optional(),
  }),
  strictObj({ type: z.literal('divider') }),
]);

const storySchema = strictObj({
  _id: idSchema,
  code: storyCodeSchema,
  title: z.string().min(4),
  summary: z.string().min(10).max(120),
  cover: fileId.nullable(),
  campaignId: idSchema.nullable(),
  exemplarIds: z.array(idSchema).min(1).max(2),
  unitId: idSchema,
  unitPath: z.array(idSchema).min(1),
  // The official account rejects authors longer than 16 characters.
  author: z.string().min(2).max(16),
  blocks: z.array(blockSchema).min(5),
  state: z.enum(['draft', 'in_review', 'returned', 'published', 'withdrawn']),
  revision: z.number().int().positive(),
  publishedAt: millis.nullable(),
  createdAt: millis,
  updatedAt: millis,
  likeCount: z.number().int().nonnegative(),
  viewCount: z.number().int().nonnegative(),
  shareCount: z.number().int().nonnegative(),
  article: strictObj({ url: z.string().regex(/^https:\/\/mp\.weixin\.qq\.com\/s\/[A-Za-z0-9_-]{22}$/), publishedAt: millis }).nullable(),
  ...searchFields,
});

const roleGrantSchema = strictObj({
  _id: idSchema,
  openid: z.string().min(1),
  role: z.enum(['editor', 'reviewer', 'publisher', 'admin']),
  unitId: idSchema,
  grantedBy: z.string().min(1),
  grantedAt: millis,
  revokedAt: millis.nullable(),
});

let data: DemoData;
let units: Unit[];
let exemplars: Exemplar[];
let honors: Honor[];
let campaigns: Campaign[];
let stories: Story[];
let roles: RoleGrant[];

beforeAll(() => {
  data = buildDemoData(NOW);
  const c = data.collections;
  units = c.units as unknown as Unit[];
  exemplars = c.exemplars as unknown as Exemplar[];
  honors = c.honors as unknown as Honor[];
  campaigns = c.campaigns as unknown as Campaign[];
  stories = c.stories as unknown as Story[];
  roles = c.roles as unknown as RoleGrant[];
});

const published = (): Story[] => stories.filter((s) => s.state === 'published');

describe('determinism', () => {
  it('two builds with the same now are deep-equal, and neither reads the clock nor Math.random', () => {
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('seed used Math.random');
    });
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('seed read the wall clock');
    });
    try {
      const again = buildDemoData(NOW);
      expect(again).toEqual(data);
    } finally {
      random.mockRestore();
      clock.mockRestore();
    }
  });

  it('every story and tier instant moves with now', () => {
    const later = buildDemoDocuments(NOW + 10 * DAY);
    later.stories.forEach((s, k) => {
      const before = stories[k] as Story;
      expect(s._id).toBe(before._id);
      if (s.publishedAt !== null) expect(s.publishedAt - (before.publishedAt as number)).toBe(10 * DAY);
      expect(s.createdAt - before.createdAt).toBe(10 * DAY);
    });
    later.exemplars.forEach((e, k) => expect(e.enteredTierAt - (exemplars[k] as Exemplar).enteredTierAt).toBe(10 * DAY));
  });

  it('rejects a now that is not epoch milliseconds', () => {
    expect(() => buildDemoData(Number.NaN)).toThrow(RangeError);
    expect(() => buildDemoData(1.5)).toThrow(RangeError);
  });
});

describe('entity shapes', () => {
  it('fills exactly the declared collections', () => {
    const declared = COLLECTIONS.map((c) => c.name).sort();
    for (const name of Object.keys(data.collections)) expect(declared).toContain(name);
    expect(Object.keys(data.collections).sort()).toEqual(['campaigns', 'exemplars', 'honors', 'honours_summary', 'placements', 'plan_tasks', 'plans', 'pursuits', 'roles', 'selection_candidates', 'selection_rounds', 'selection_scores', 'staff_profiles', 'stories', 'units']);
  });

  it.each([
    ['units', unitSchema],
    ['exemplars', exemplarSchema],
    ['honors', honorSchema],
    ['campaigns', campaignSchema],
    ['stories', storySchema],
    ['roles', roleGrantSchema],
    ['placements', placementSchema],
    ['honours_summary', honoursSummarySchema],
  ] as const)('every %s document matches its entity exactly', (name, schema) => {
    const docs = data.collections[name] as unknown[];
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const r = schema.safeParse(doc);
      if (!r.success) throw new Error(`${name} ${(doc as { _id: string })._id}: ${r.error.message}`);
    }
    const ids = docs.map((d) => (d as { _id: string })._id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('unit tree', () => {
  it('is a corps with 14 detachments named after real prefectures, each with battalions and stations', () => {
    const byId = new Map(units.map((u) => [u._id, u]));
    const corps = units.filter((u) => u.level === 'corps');
    expect(corps.map((u) => u.name)).toEqual(['新疆维吾尔自治区消防救援总队']);
    const detachments = units.filter((u) => u.level === 'detachment');
    expect(detachments).toHaveLength(14);
    for (const p of ['乌鲁木齐市', '克拉玛依市', '吐鲁番市', '哈密市', '昌吉', '伊犁', '塔城地区', '阿勒泰地区', '博尔塔拉', '巴音郭楞', '阿克苏地区', '克孜勒苏', '喀什地区', '和田地区']) {
      expect(detachments.some((d) => d.name.startsWith(p))).toBe(true);
    }
    const childLevel = { corps: 'detachment', detachment: 'battalion', battalion: 'station' } as const;
    for (const u of units) {
      expect(u.path[u.path.length - 1]).toBe(u._id);
      if (u.parentId === null) {
        expect(u.path).toEqual([u._id]);
        continue;
      }
      const parent = byId.get(u.parentId);
      if (!parent || parent.level === 'station') throw new Error(`${u._id}: bad parent ${u.parentId}`);
      expect(u.path).toEqual([...parent.path, u._id]);
      expect(childLevel[parent.level]).toBe(u.level);
    }
    for (const d of detachments) {
      const battalions = units.filter((u) => u.parentId === d._id);
      expect(battalions.length).toBeGreaterThanOrEqual(2);
      for (const b of battalions) expect(units.filter((u) => u.parentId === b._id).length).toBeGreaterThanOrEqual(2);
    }
    // Siblings are ordered without ties, so lists render in a stable order.
    const siblingOrders = new Map<string, number[]>();
    for (const u of units) siblingOrders.set(String(u.parentId), [...(siblingOrders.get(String(u.parentId)) ?? []), u.order]);
    for (const orders of siblingOrders.values()) expect(new Set(orders).size).toBe(orders.length);
  });
});

describe('referential integrity', () => {
  it('every unit, exemplar and campaign reference points at an existing document with a matching path copy', () => {
    const unitById = new Map(units.map((u) => [u._id, u]));
    const exemplarIds = new Set(exemplars.map((e) => e._id));
    const campaignIds = new Set(campaigns.map((c) => c._id));
    for (const e of exemplars) expect(e.unitPath).toEqual(unitById.get(e.unitId)?.path);
    for (const h of honors) expect(exemplarIds.has(h.exemplarId)).toBe(true);
    for (const s of stories) {
      expect(s.unitPath).toEqual(unitById.get(s.unitId)?.path);
      for (const id of s.exemplarIds) expect(exemplarIds.has(id)).toBe(true);
      expect(new Set(s.exemplarIds).size).toBe(s.exemplarIds.length);
      if (s.campaignId !== null) expect(campaignIds.has(s.campaignId)).toBe(true);
      // A story is filed under its first exemplar's unit.
      expect(s.unitId).toBe(exemplars.find((e) => e._id === s.exemplarIds[0])?.unitId);
    }
    for (const r of roles) expect(unitById.has(r.unitId)).toBe(true);
  });

  it('every referenced file is in the seeded storage', () => {
    const paths = new Set(data.files.map((f) => f.cloudPath));
    const referenced: string[] = [];
    for (const e of exemplars) {
      if (e.photo) referenced.push(e.photo);
      if (e.consent?.method === 'signed_form') referenced.push(e.consent.evidence);
    }
    for (const c of campaigns) if (c.cover) referenced.push(c.cover);
    for (const s of stories) {
      if (s.cover) referenced.push(s.cover);
      for (const b of s.blocks) if (b.type === 'image') referenced.push(b.file);
    }
    expect(referenced.length).toBeGreaterThan(150);
    for (const id of referenced) expect(paths.has(cloudPathOf(id) as string)).toBe(true);
  });

  it('a published story links only published exemplars, so it cannot leak a draft profile', () => {
    const state = new Map(exemplars.map((e) => [e._id, e.state]));
    for (const s of published()) for (const id of s.exemplarIds) expect(state.get(id)).toBe('published');
  });

  it('the 一级消防长 campaign features only exemplars of that rank', () => {
    for (const s of published().filter((x) => x.campaignId === 'cp-xiaofangzhang')) {
      expect(exemplars.find((e) => e._id === s.exemplarIds[0])?.title.startsWith('一级消防长')).toBe(true);
    }
  });
});

describe('counts', () => {
  it('honorCount, storyCount and campaign storyCount agree with the documents', () => {
    for (const e of exemplars) {
      expect(e.honorCount).toBe(honors.filter((h) => h.exemplarId === e._id).length);
      expect(e.storyCount).toBe(published().filter((s) => s.exemplarIds.includes(e._id)).length);
    }
    for (const c of campaigns) expect(c.storyCount).toBe(published().filter((s) => s.campaignId === c._id).length);
  });

  it('each exemplar’s honours-wall tally agrees with its honour and placement documents', () => {
    const placements = data.collections.placements as unknown as { exemplarId: string; level: string; date: string; outlet: string }[];
    for (const e of exemplars) {
      const own = honors.filter((h) => h.exemplarId === e._id);
      const tally = e.wall?.honours ?? [];
      expect(tally.reduce((n, t) => n + t.n, 0)).toBe(own.length);
      for (const t of tally) {
        const same = own.filter((h) => h.level === t.level && h.date.startsWith(String(t.year)) && /等功$/.test(h.title) === t.merit);
        expect([e._id, t.level, t.year, t.n]).toEqual([e._id, t.level, t.year, same.length]);
      }
      const mine = placements.filter((p) => p.exemplarId === e._id);
      expect((e.wall?.placements ?? []).reduce((n, t) => n + t.n, 0)).toBe(mine.length);
      for (const h of own) expect(e.honourKeys).toContain(`any:${h.date.slice(0, 4)}`);
    }
  });

  it('rank is the honor weight, so the major library leads with its most honored', () => {
    const weight = { national: 100, regional: 30, prefecture: 10, county: 3 } as const;
    for (const e of exemplars) expect(e.rank).toBe(honors.filter((h) => h.exemplarId === e._id).reduce((s, h) => s + weight[h.level], 0));
    const majorMin = Math.min(...exemplars.filter((e) => e.tier === 'major').map((e) => e.rank));
    const reserveMax = Math.max(...exemplars.filter((e) => e.tier === 'reserve').map((e) => e.rank));
    expect(majorMin).toBeGreaterThan(reserveMax);
  });

  it('engagement figures are plausible: likes and shares below views', () => {
    for (const s of stories) {
      expect(s.likeCount).toBeLessThanOrEqual(s.viewCount);
      expect(s.shareCount).toBeLessThanOrEqual(s.likeCount + 1);
      if (s.state !== 'published') expect(s.viewCount + s.likeCount + s.shareCount).toBe(0);
    }
  });
});

describe('stories', () => {
  it('has about eighty, mostly published, with a few drafts and some in review', () => {
    expect(stories.length).toBeGreaterThanOrEqual(75);
    expect(published().length / stories.length).toBeGreaterThan(0.85);
    expect(stories.some((s) => s.state === 'draft')).toBe(true);
    expect(stories.some((s) => s.state === 'in_review')).toBe(true);
  });

  it('codes are unique, 6–8 letters or digits, and fit the poster scene', () => {
    const codes = stories.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) {
      expect(c).toMatch(/^[0-9A-Za-z]{6,8}$/);
      expect(c.length).toBeLessThanOrEqual(12);
    }
  });

  it('titles are unique', () => {
    const titles = stories.map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('publishedAt is distinct, in the past two years, after its campaign started; unpublished ones have none', () => {
    const times = published().map((s) => s.publishedAt as number);
    expect(new Set(times).size).toBe(times.length);
    for (const s of stories) {
      if (s.state !== 'published') {
        expect(s.publishedAt).toBeNull();
        expect(s.article).toBeNull();
        continue;
      }
      const at = s.publishedAt as number;
      expect(at).toBeLessThan(NOW);
      expect(at).toBeGreaterThan(NOW - 731 * DAY);
      expect(s.createdAt).toBeLessThan(at);
      const campaign = campaigns.find((c) => c._id === s.campaignId);
      if (campaign) expect(campaign.startedAt).toBeLessThanOrEqual(at);
      if (s.article) {
        expect(s.article.publishedAt).toBeGreaterThanOrEqual(at);
        expect(s.article.publishedAt).toBeLessThanOrEqual(NOW);
      }
    }
    for (const s of stories) expect(s.updatedAt).toBeGreaterThanOrEqual(s.createdAt);
    // Spread over the period, not bunched: both the last quarter and the first year have stories.
    expect(times.some((t) => t > NOW - 90 * DAY)).toBe(true);
    expect(times.some((t) => t < NOW - 400 * DAY)).toBe(true);
  });

  it('each story uses the content model: headings, bold and italic spans, a quote, a list and 1–3 images', () => {
    for (const s of stories) {
      const kinds = new Set(s.blocks.map((b) => b.type));
      for (const k of ['heading', 'paragraph', 'quote', 'list', 'image'] as const) expect(kinds.has(k)).toBe(true);
      const images = s.blocks.filter((b) => b.type === 'image');
      expect(images.length).toBeGreaterThanOrEqual(1);
      expect(images.length).toBeLessThanOrEqual(3);
      const allSpans = s.blocks.flatMap((b) => (b.type === 'paragraph' || b.type === 'quote' ? b.spans : b.type === 'list' ? b.items.flat() : []));
      expect(allSpans.some((x) => x.bold) || allSpans.some((x) => x.italic)).toBe(true);
    }
    const spansOf = (s: Story) => s.blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans : []));
    expect(stories.some((s) => spansOf(s).some((x) => x.href))).toBe(true);
    expect(stories.some((s) => spansOf(s).some((x) => x.italic))).toBe(true);
    expect(stories.some((s) => s.blocks.some((b) => b.type === 'divider'))).toBe(true);
  });

  it('eighty stories do not read identical: opening paragraphs vary', () => {
    const openings = stories.map((s) => {
      const first = s.blocks[0];
      return first?.type === 'paragraph' ? first.spans.map((x) => x.text).join('') : '';
    });
    expect(new Set(openings).size).toBeGreaterThan(stories.length * 0.8);
  });

  it('authors are their detachment’s 宣传员', () => {
    const unitById = new Map(units.map((u) => [u._id, u]));
    for (const s of stories) {
      const detachment = unitById.get(s.unitPath[1] as string);
      expect(s.author.startsWith(`${detachment?.shortName} `)).toBe(true);
    }
  });
});

describe('exemplars and honors', () => {
  it('the major library holds 4 collectives and 5 individuals; the reserve holds the rest', () => {
    const major = exemplars.filter((e) => e.tier === 'major');
    expect(major.filter((e) => e.kind === 'collective')).toHaveLength(4);
    expect(major.filter((e) => e.kind === 'individual')).toHaveLength(5);
    expect(exemplars.length).toBeGreaterThanOrEqual(28);
    expect(exemplars.filter((e) => e.tier === 'reserve').length).toBe(exemplars.length - 9);
  });

  it('an individual is published only with a consent record (PIPL art. 25)', () => {
    for (const e of exemplars.filter((x) => x.kind === 'individual' && x.state === 'published')) {
      expect(e.consent).not.toBeNull();
      if (e.consent?.method === 'signed_form') expect(cloudPathOf(e.consent.evidence)).not.toBeNull();
    }
    for (const e of exemplars.filter((x) => x.kind === 'collective')) expect(e.consent).toBeNull();
    // And it counts: given under the profile's name, a signed form checked by someone other than its uploader.
    for (const e of exemplars.filter((x) => x.kind === 'individual' && x.state === 'published')) expect(consentHolds(e.consent, e)).toBe(true);
    // The demo includes a person whose consent is missing: they stay a draft.
    expect(exemplars.some((e) => e.kind === 'individual' && e.consent === null && e.state === 'draft')).toBe(true);
    expect(exemplars.some((e) => e.kind === 'collective' && e.state === 'draft')).toBe(true);
  });

  it('covers all four post categories among published exemplars, and both kinds in both libraries', () => {
    const live = exemplars.filter((e) => e.state === 'published');
    expect(new Set(live.map((e) => e.category))).toEqual(new Set(Object.keys(CATEGORY_LABEL)));
    for (const tier of ['major', 'reserve'] as const) {
      for (const kind of ['individual', 'collective'] as const) expect(live.some((e) => e.tier === tier && e.kind === kind)).toBe(true);
    }
  });

  it('some names are Uyghur or Kazakh, written with the interpunct', () => {
    expect(exemplars.filter((e) => e.kind === 'individual' && e.name.includes('·')).length).toBeGreaterThanOrEqual(5);
  });

  it('honors exist at every level, are dated since 2022 and not in the future, and name real awarding bodies', () => {
    expect(new Set(honors.map((h) => h.level))).toEqual(new Set(['national', 'regional', 'prefecture', 'county']));
    const today = new Date(NOW + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const h of honors) {
      expect(h.date >= '2022-01-01').toBe(true);
      expect(h.date <= today).toBe(true);
      expect(Number.isNaN(Date.parse(`${h.date}T00:00:00Z`))).toBe(false);
    }
    const titled = (t: string, by: string) => honors.some((h) => h.title === t && h.awardedBy.includes(by));
    expect(titled('全国五一劳动奖章', '中华全国总工会')).toBe(true);
    expect(titled('全国青年岗位能手', '共青团中央')).toBe(true);
    expect(titled('全国消防救援先进集体', '应急管理部')).toBe(true);
    expect(titled('自治区道德模范', '新疆维吾尔自治区')).toBe(true);
    expect(honors.some((h) => h.title === '新疆青年五四奖章集体')).toBe(true);
    expect(honors.some((h) => /^(个人|集体)[一二三]等功$/.test(h.title))).toBe(true);
  });

  it('every exemplar has at least one honor and a biography of several paragraphs', () => {
    for (const e of exemplars) {
      expect(e.honorCount).toBeGreaterThan(0);
      expect(e.biography.split('\n\n').length).toBeGreaterThanOrEqual(3);
      expect(e.biography).toContain(e.name);
    }
  });

  it('the next tier review is in the future and after entering the tier', () => {
    for (const e of exemplars) {
      expect(e.nextReviewAt).toBeGreaterThan(NOW);
      expect(e.enteredTierAt).toBeLessThan(NOW);
      expect(e.createdAt).toBeLessThanOrEqual(e.updatedAt);
    }
  });
});

describe('campaigns', () => {
  it('are the corps’ four campaigns, each with published stories', () => {
    expect(campaigns.map((c) => c.name).sort()).toEqual(['一级消防长风采展示', '先进典型讲好消防故事', '天山风华•蓝焰闪耀', '身边典型•平凡榜样'].sort());
    expect(new Set(campaigns.map((c) => c.slug)).size).toBe(4);
    for (const c of campaigns) expect(c.storyCount).toBeGreaterThan(0);
  });

  it('are live: open-ended and not archived, so readers see every one of them', () => {
    for (const c of campaigns) expect([c.slug, c.endsAt, c.archived]).toEqual([c.slug, null, false]);
  });
});

describe('dev users and roles', () => {
  it('grants a role to every dev user but the reader, over the unit the user is labelled with', () => {
    expect(DEV_USERS.map((u) => u.openid)).toEqual(['dev-reader', 'dev-editor', 'dev-reviewer', 'dev-corps-reviewer', 'dev-publisher', 'dev-admin']);
    const unitById = new Map(units.map((u) => [u._id, u]));
    for (const u of DEV_USERS) {
      const grants = roles.filter((r) => r.openid === u.openid);
      if (u.role === 'reader') {
        expect(grants).toHaveLength(0);
        expect(u.unitId).toBeNull();
        continue;
      }
      expect(grants).toEqual([expect.objectContaining({ role: u.role, unitId: u.unitId, revokedAt: null })]);
      expect(unitById.get(u.unitId as string)?.name).toBe(u.unitName);
    }
    expect(unitById.get('u-wlmq-b1-s1')?.level).toBe('station');
    expect(unitById.get(DEV_USERS.find((u) => u.openid === 'dev-reviewer')?.unitId as string)?.level).toBe('detachment');
    expect(DEV_ADMIN_OPENIDS).toEqual(['dev-admin']);
  });
});

describe('pictures', () => {
  it('every file decodes as a PNG of the promised size, each under 60 KB and all under 8 MB', () => {
    const paths = data.files.map((f) => f.cloudPath);
    expect(new Set(paths).size).toBe(paths.length);
    let total = 0;
    for (const f of data.files) {
      total += f.bytes.length;
      expect(f.bytes.length).toBeLessThan(60 * 1024);
      const png = PNG.sync.read(f.bytes);
      const expected = f.cloudPath.startsWith('seed/covers/') || f.cloudPath.startsWith('seed/campaigns/')
        ? [750, 600]
        : f.cloudPath.startsWith('seed/inline/')
          ? [750, 500]
          : f.cloudPath.startsWith('seed/photos/')
            ? [400, 400]
            : null;
      if (expected) expect([png.width, png.height]).toEqual(expected);
    }
    expect(total).toBeLessThan(8 * 1024 * 1024);
  });

  it('image blocks declare the real size of the picture they show', () => {
    const sizes = new Map(data.files.map((f) => {
      const png = PNG.sync.read(f.bytes);
      return [f.cloudPath, [png.width, png.height]];
    }));
    for (const s of stories) for (const b of s.blocks) if (b.type === 'image') expect(sizes.get(cloudPathOf(b.file) as string)).toEqual([b.width, b.height]);
  });

  it('pictures are varied, not one image copied', () => {
    const distinct = new Set(data.files.map((f) => f.bytes.toString('base64')));
    expect(distinct.size).toBe(data.files.length);
  });
});

describe('seedDemo', () => {
  /** A store that behaves like the cloud DB on insert: a duplicate _id fails (-502001) and inserts nothing. */
  function fakeCloud() {
    const docs = new Map<string, Map<string, Record<string, unknown>>>();
    const files = new Map<string, Buffer>();
    return {
      docs,
      files,
      db: {
        insertMany(c: string, batch: Record<string, unknown>[]) {
          const col = docs.get(c) ?? new Map<string, Record<string, unknown>>();
          for (const d of batch) if (col.has(String(d._id))) throw Object.assign(new Error(`duplicate _id ${String(d._id)}`), { code: -502001 });
          for (const d of batch) col.set(String(d._id), structuredClone(d));
          docs.set(c, col);
        },
      },
      storage: {
        put(p: string, bytes: Buffer) {
          files.set(p, Buffer.from(bytes));
        },
      },
    };
  }

  it('inserts every collection and stores every file, exactly as built', () => {
    const a = fakeCloud();
    seedDemo(a.db, a.storage, NOW);
    for (const [name, list] of Object.entries(data.collections)) expect([...(a.docs.get(name)?.values() ?? [])]).toEqual(list);
    expect(new Map(data.files.map((f) => [f.cloudPath, f.bytes]))).toEqual(a.files);
  });

  it('a second application is refused by the database instead of duplicating the demo', () => {
    const a = fakeCloud();
    seedDemo(a.db, a.storage, NOW);
    const before = [...a.docs.entries()].map(([k, v]) => [k, v.size]);
    expect(() => seedDemo(a.db, a.storage, NOW)).toThrow(/duplicate _id/);
    expect([...a.docs.entries()].map(([k, v]) => [k, v.size])).toEqual(before);
  });

  it('without a now, uses a fixed instant rather than the wall clock', () => {
    const a = fakeCloud();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('seed read the wall clock');
    });
    try {
      seedDemo(a.db, a.storage);
    } finally {
      clock.mockRestore();
    }
    const expected = buildDemoDocuments(DEFAULT_SEED_NOW);
    expect([...(a.docs.get('stories')?.values() ?? [])]).toEqual(expected.stories);
  });
});

describe('search', () => {
  it('every published exemplar is found by its name, its pinyin initials and its honours', () => {
    for (const e of exemplars.filter((x) => x.state === 'published')) {
      const byName = parseQuery(e.name);
      if (!byName) throw new Error(`${e._id}: no query from its name`);
      expect(e.searchKeys).toEqual(expect.arrayContaining(byName.keys));
      expect(matchSearch(byName, storedSegments(e.searchText))?.field).toBe('name');
      const honour = honors.find((h) => h.exemplarId === e._id);
      if (honour) expect(matchSearch(parseQuery(honour.title)!, storedSegments(e.searchText))).not.toBeNull();
    }
    const wang = exemplars.find((e) => e.kind === 'individual' && e.state === 'published' && e.name.startsWith('王'));
    if (!wang) throw new Error('the demo needs a published 王 to search by initials');
    expect(wang.searchKeys).toContain('a:w');
  });

  it('every story is found by its title and by its campaign, and holds the keys of its people and units', () => {
    for (const s of stories) {
      const q = parseQuery(s.title)!;
      expect(s.searchKeys).toEqual(expect.arrayContaining(q.keys));
      expect(matchSearch(q, storedSegments(s.searchText))?.field).toBe('title');
      const campaign = campaigns.find((c) => c._id === s.campaignId);
      if (campaign) expect(matchSearch(parseQuery(campaign.name)!, storedSegments(s.searchText))).not.toBeNull();
      for (const id of s.exemplarIds) {
        const name = exemplars.find((e) => e._id === id)!.name;
        expect(s.searchKeys).toEqual(expect.arrayContaining(parseQuery(name)!.keys));
      }
      const station = units.find((u) => u._id === s.unitId)!;
      expect(matchSearch(parseQuery(station.shortName)!, storedSegments(s.searchText))).not.toBeNull();
    }
  });
});
