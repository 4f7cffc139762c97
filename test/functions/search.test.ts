/**
 * content.search through the real wx-server-sdk on the strict local cloud: stories and exemplars
 * found by any part of a title, a name, a unit, an honour or a campaign, and by the pinyin
 * initials of names; never a draft, a story taken down, or a person without consent that
 * counts; keyset paging within a read budget; suggestions when nothing is found; and every
 * write that changes what a document is searched by keeping its keys current.
 */
import type { Campaign, Exemplar, Honor, SearchResult, Story, Unit } from '@contract';
import { exemplarSearchIndex, storySearchIndex } from '../../cloudfunctions/src/domain/search';
import { READS_MAX, ROWS_MAX } from '../../cloudfunctions/src/use-cases/content/search';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { campaign, consentOf, docs, exemplar, grant, NOW, story, unit } from './fixtures';

const named = (u: Unit, name: string, shortName: string): Unit => ({ ...u, name, shortName });
const corps = named(unit('u-corps', 'corps', null, 0), '新疆维吾尔自治区消防救援总队', '新疆总队');
const detA = named(unit('u-da', 'detachment', corps, 1), '乌鲁木齐市消防救援支队', '乌鲁木齐支队');
const batA = named(unit('u-ba', 'battalion', detA, 1), '天山区消防救援大队', '天山区大队');
const stA = named(unit('u-sa', 'station', batA, 1), '天山区特勤消防救援站', '天山区特勤站');
const stA2 = named(unit('u-sa2', 'station', batA, 2), '红山路消防救援站', '红山路站');
const detB = named(unit('u-db', 'detachment', corps, 2), '克拉玛依市消防救援支队', '克拉玛依支队');
const batB = named(unit('u-bb', 'battalion', detB, 1), '独山子区消防救援大队', '独山子区大队');
const units = [corps, detA, batA, stA, stA2, detB, batB];
const unitById = new Map(units.map((u) => [u._id, u]));

const c1 = campaign('c1', 1, { name: '身边典型•平凡榜样', storyCount: 1 });
const c2 = campaign('c2', 2, { name: '天山风华•蓝焰闪耀', storyCount: 0 });

const wjj = exemplar('e-wjj', stA, { kind: 'individual', name: '王建军', title: '一级消防士 · 攻坚班长', consent: consentOf('王建军'), rank: 50 });
/** Published by staff, but the person never consented: invisible, and so is the link to them. */
const hidden = exemplar('e-hidden', stA2, { kind: 'individual', name: '王建国', title: '驾驶员', consent: null, rank: 40 });
const draftTeam = exemplar('e-draft', stA2, { name: '红山路青年突击队', state: 'draft', rank: 30 });
const team = exemplar('e-team', stA, { name: '特勤攻坚组', title: '尖刀班', rank: 20 });
const honors: Honor[] = [
  { _id: 'h-wjj-1', exemplarId: 'e-wjj', title: '全国青年岗位能手', level: 'national', date: '2023-05-04', awardedBy: '共青团中央' },
  { _id: 'h-hidden-1', exemplarId: 'e-hidden', title: '自治区道德模范', level: 'regional', date: '2022-09-01', awardedBy: '自治区文明办' },
];

const s1 = story('s-1', stA, { title: '烈火中的逆行者', summary: '在一次化工厂火灾中，他带队深入火场核心区。', exemplarIds: ['e-wjj'], campaignId: 'c1', publishedAt: NOW - 60_000 });
const s2 = story('s-2', stA2, { title: '守护戈壁的人', summary: '二十年来，他扎根戈壁公路。', exemplarIds: ['e-hidden'], publishedAt: NOW - 120_000 });
const sDraft = story('s-draft', stA, { title: '烈火未刊稿', state: 'draft', publishedAt: null });
const sGone = story('s-gone', stA, { title: '烈火已撤回', state: 'withdrawn', publishedAt: NOW - 30_000 });
/** Twenty-five stories sharing a word, in groups of three at one instant, for paging. */
const series = Array.from({ length: 25 }, (_, i) =>
  story(`s-p${String((i * 7) % 25).padStart(2, '0')}`, stA, { title: `平凡岗位第${i + 1}天`, publishedAt: NOW - 1_000_000 - Math.floor(i / 3) * 60_000 }),
);
/** Stories whose keys bring them in for 戈壁沙漠 (both bigrams of the driver) but whose text never says it. */
const decoys = Array.from({ length: ROWS_MAX + 50 }, (_, i) =>
  story(`s-d${String(i).padStart(3, '0')}`, stA2, { title: `戈壁${i}号线`, summary: `沙漠边缘的第${i}次巡查`, publishedAt: NOW - 5_000_000 - i * 1000 }),
);
const deepest = story('s-deep', stA2, { title: '穿越戈壁沙漠的救援', publishedAt: NOW - 9_000_000 });

function keyedStory(s: Story, exemplars: readonly Exemplar[], campaigns: readonly Campaign[]): Story {
  return {
    ...s,
    ...storySearchIndex({
      title: s.title,
      summary: s.summary,
      author: s.author,
      unitPath: s.unitPath.map((id) => unitById.get(id)!),
      campaign: campaigns.find((c) => c._id === s.campaignId)?.name ?? null,
      exemplars: s.exemplarIds.map((id) => exemplars.find((e) => e._id === id)!),
    }),
  };
}

function keyedExemplar(e: Exemplar): Exemplar {
  return {
    ...e,
    ...exemplarSearchIndex({ name: e.name, kind: e.kind, title: e.title, unitPath: e.unitPath.map((id) => unitById.get(id)!), honors: honors.filter((h) => h.exemplarId === e._id).map((h) => h.title) }),
  };
}

let t: TestCloud;

beforeAll(async () => {
  const exemplars = [wjj, hidden, draftTeam, team];
  t = await startTestCloud(
    'search',
    (db) => {
      db.insertMany('units', docs(units));
      db.insertMany('campaigns', docs([c1, c2]));
      db.insertMany('exemplars', docs(exemplars.map(keyedExemplar)));
      db.insertMany('honors', docs(honors));
      db.insertMany('stories', docs([s1, s2, sDraft, sGone, ...series, ...decoys, deepest].map((s) => keyedStory(s, exemplars, [c1, c2]))));
      db.insertMany(
        'roles',
        docs([grant('g1', 'editor-a', 'editor', 'u-sa'), grant('g2', 'reviewer-a', 'reviewer', 'u-da'), grant('g3', 'admin-1', 'admin', 'u-corps'), grant('g4', 'editor-c', 'editor', 'u-corps')]),
      );
    },
    { NOTICE_DAYS: '3', NOTIFY_MINIPROGRAM_STATE: 'developer' },
  );
});

afterAll(async () => {
  await t?.stop();
});

const find = async (q: string, extra: { kind?: 'story' | 'exemplar' | 'all'; cursor?: string; limit?: number } = {}): Promise<SearchResult> => data(await t.call('content', 'search', { q, ...extra }));
const storyIds = (r: SearchResult) => r.stories?.items.map((h) => h.card._id) ?? [];
const exemplarIds = (r: SearchResult) => r.exemplars?.items.map((h) => h.card._id) ?? [];

describe('finding', () => {
  it('by any part of a title, with the match highlighted', async () => {
    const r = await find('逆行');
    expect(storyIds(r)).toEqual(['s-1']);
    expect(r.stories?.items[0]?.highlight).toEqual({ field: 'title', text: '烈火中的逆行者', marks: [[4, 6]] });
    expect(r.stories?.items[0]?.card).toMatchObject({ _id: 's-1', title: '烈火中的逆行者', campaign: { _id: 'c1', name: '身边典型•平凡榜样' }, exemplars: [{ _id: 'e-wjj', name: '王建军' }] });
  });

  it("by a person's name: the person and the stories about them", async () => {
    const r = await find('建军');
    expect(exemplarIds(r)).toEqual(['e-wjj']);
    expect(r.exemplars?.items[0]?.highlight).toEqual({ field: 'name', text: '王建军', marks: [[1, 3]] });
    expect(r.exemplars?.items[0]?.card).toMatchObject({ _id: 'e-wjj', name: '王建军', unit: { _id: 'u-sa' } });
    expect(storyIds(r)).toEqual(['s-1']);
    expect(r.stories?.items[0]?.highlight).toEqual({ field: 'exemplar', text: '王建军', marks: [[1, 3]] });
  });

  it('by pinyin initials: wjj → 王建军 (and WJJ, ｗｊｊ alike)', async () => {
    for (const q of ['wjj', 'WJJ', 'ｗｊｊ']) {
      const r = await find(q);
      expect(exemplarIds(r)).toEqual(['e-wjj']);
      expect(r.exemplars?.items[0]?.highlight).toEqual({ field: 'name', text: '王建军', marks: [[0, 3]] });
      expect(storyIds(r)).toEqual(['s-1']);
    }
  });

  it('by a unit: everything at the station, and everything under the detachment', async () => {
    const station = await find('天山区特勤站');
    expect(exemplarIds(station)).toEqual(['e-wjj', 'e-team']);
    expect(station.exemplars?.items[0]?.highlight.field).toBe('unit');
    const detachment = await find('乌鲁木齐支队', { kind: 'exemplar' });
    expect(exemplarIds(detachment)).toEqual(['e-wjj', 'e-team']);
    expect(detachment.stories).toBeNull();
  });

  it('by an honour', async () => {
    const r = await find('岗位能手');
    expect(exemplarIds(r)).toEqual(['e-wjj']);
    expect(r.exemplars?.items[0]?.highlight).toEqual({ field: 'honor', text: '全国青年岗位能手', marks: [[4, 8]] });
  });

  it('by a campaign', async () => {
    const r = await find('平凡榜样');
    expect(storyIds(r)).toEqual(['s-1']);
    expect(r.stories?.items[0]?.highlight.field).toBe('campaign');
  });

  it('by one character, in titles and names', async () => {
    const r = await find('烈');
    expect(storyIds(r)).toEqual(['s-1']);
  });

  it('several words must all match', async () => {
    expect(storyIds(await find('烈火 逆行'))).toEqual(['s-1']);
    expect(storyIds(await find('烈火 戈壁'))).toEqual([]);
  });
});

describe('never found', () => {
  it('drafts and stories taken down', async () => {
    const r = await find('烈火');
    expect(storyIds(r)).toEqual(['s-1']);
  });

  it('a person without consent that counts, by name, initials or honour — nor the stories linked to them', async () => {
    for (const q of ['王建国', 'wjg', '道德模范']) {
      const r = await find(q);
      expect(exemplarIds(r)).toEqual([]);
      expect(storyIds(r)).toEqual([]);
    }
    // The story itself is public: found by its own words, without naming the person.
    const own = await find('守护戈壁');
    expect(storyIds(own)).toEqual(['s-2']);
    expect(own.stories?.items[0]?.card.exemplars).toEqual([]);
  });

  it('an unpublished exemplar', async () => {
    expect(exemplarIds(await find('青年突击队'))).toEqual([]);
  });

  it('a bigram collision: 王建 and 建军 in different places are not 王建军', async () => {
    // 王建国 is hidden, but its keys (王建) and 建军 from elsewhere must not add up to a hit.
    const r = await find('王建军');
    expect(exemplarIds(r)).toEqual(['e-wjj']);
  });
});

describe('paging', () => {
  it('walks every match once, newest first, ties by id, within one group', async () => {
    const expected = [...series].sort((a, b) => (b.publishedAt! - a.publishedAt! || (a._id < b._id ? 1 : -1))).map((s) => s._id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await find('平凡岗位', { kind: 'story', limit: 4, ...(cursor ? { cursor } : {}) });
      expect(r.exemplars).toBeNull();
      seen.push(...storyIds(r));
      if (!r.stories?.next) break;
      cursor = r.stories.next;
    }
    expect(seen).toEqual(expected);
  });

  it('a page cut short by the read budget says so with `next`, and going on finds the rest', async () => {
    // Every decoy holds both keys of 戈壁沙漠 but never the phrase: they are read and dropped.
    const first = await find('戈壁沙漠', { kind: 'story', limit: 5 });
    expect(first.stories?.items).toEqual([]);
    expect(first.stories?.next).not.toBeNull();
    // Nothing found yet, but more to read: not "没有找到".
    expect(first.suggestions).toEqual([]);
    let cursor = first.stories!.next!;
    const found: string[] = [];
    for (let i = 0; i < 5 && cursor; i++) {
      const r = await find('戈壁沙漠', { kind: 'story', limit: 5, cursor });
      found.push(...storyIds(r));
      cursor = r.stories?.next as string;
    }
    expect(found).toEqual(['s-deep']);
    expect(READS_MAX).toBeGreaterThan(0);
  });

  it('a cursor pages one group only, and a bad one is refused', async () => {
    expect(await t.call('content', 'search', { q: '平凡', cursor: '1_abc' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await t.call('content', 'search', { q: '平凡', kind: 'story', cursor: '007_abc' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('the query', () => {
  it('is 1–32 characters after trimming', async () => {
    for (const q of ['', '   ', 'x'.repeat(33)]) {
      expect(await t.call('content', 'search', { q })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect((await find('  逆行  ')).q).toBe('逆行');
  });

  it('finds nothing: suggestions of shorter parts that match, campaigns and well-known exemplars', async () => {
    const r = await find('逆行者同志们');
    expect(storyIds(r)).toEqual([]);
    expect(exemplarIds(r)).toEqual([]);
    expect(r.suggestions[0]).toBe('逆行');
    expect(r.suggestions).toEqual(expect.arrayContaining(['身边典型•平凡榜样', '王建军']));
    // Never a hidden person, nor a campaign readers do not see (no published story).
    expect(r.suggestions).not.toContain('王建国');
    expect(r.suggestions).not.toContain('天山风华•蓝焰闪耀');
  });

  it('only punctuation: no results, somewhere to go', async () => {
    const r = await find('！？');
    expect(r.stories?.items).toEqual([]);
    expect(r.suggestions).toContain('身边典型•平凡榜样');
  });
});

describe('keys kept current by every write', () => {
  const base = { summary: '', cover: null, campaignId: 'c2', exemplarIds: ['e-team'], unitId: 'u-sa', author: '特勤站宣传员', markdown: '他第一个冲进浓烟。' };

  it('an approved story is found by its title, its campaign and its people', async () => {
    data(await t.call('authoring', 'saveDraft', { storyId: 's-new', baseVersion: 0, title: '零下三十度的坚守', ...base }, 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 's-new', version: 1 }, 'editor-a'));
    expect(storyIds(await find('零下三十度'))).toEqual([]);
    data(await t.call('authoring', 'review', { storyId: 's-new', version: 2, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(storyIds(await find('零下三十度'))).toEqual(['s-new']);
    expect(storyIds(await find('蓝焰闪耀'))).toEqual(['s-new']);
    expect(storyIds(await find('攻坚组'))).toEqual(['s-new']);
  });

  it('a new revision is found by its new title, not the old one', async () => {
    data(await t.call('authoring', 'saveDraft', { storyId: 's-new', baseVersion: 0, title: '冰雪中的守望', ...base }, 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 's-new', version: 1 }, 'editor-a'));
    data(await t.call('authoring', 'review', { storyId: 's-new', version: 2, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(storyIds(await find('冰雪中的守望'))).toEqual(['s-new']);
    expect(storyIds(await find('零下三十度'))).toEqual([]);
  });

  it('a story taken down drops out at once', async () => {
    data(await t.call('authoring', 'takeDown', { storyId: 's-new', reason: '信息有误', deleteArticle: false }, 'reviewer-a'));
    expect(storyIds(await find('冰雪中的守望'))).toEqual([]);
  });

  it('renaming a unit: everything under it is found by the new name, not the old', async () => {
    data(await t.call('admin', 'renameUnit', { unitId: 'u-sa', name: '天山区博格达消防救援站', shortName: '博格达站' }, 'admin-1'));
    const r = await find('博格达');
    expect(exemplarIds(r)).toEqual(['e-wjj', 'e-team']);
    expect(storyIds(r)).toContain('s-1');
    expect(exemplarIds(await find('天山区特勤站'))).toEqual([]);
  });

  it('moving a unit: its subtree is found by its new detachment', async () => {
    data(await t.call('admin', 'moveUnit', { unitId: 'u-sa2', parentId: 'u-bb' }, 'admin-1'));
    expect(storyIds(await find('克拉玛依支队', { kind: 'story' }))).toContain('s-2');
    expect(storyIds(await find('乌鲁木齐支队 守护戈壁', { kind: 'story' }))).toEqual([]);
  });

  it('renaming a campaign: its stories are found by the new name', async () => {
    data(await t.call('admin', 'saveCampaign', { id: 'c1', name: '身边的光', slug: 'c1', description: '说明', order: 1 }, 'admin-1'));
    expect(storyIds(await find('身边的光'))).toEqual(['s-1']);
    expect(storyIds(await find('平凡榜样'))).toEqual([]);
  });

  it('renaming an exemplar: the person and their stories are found by the new name', async () => {
    const editable = { kind: 'collective' as const, unitId: 'u-sa', category: 'rescue' as const, title: '尖刀班', summary: '一句话', photo: null, biography: '长文' };
    data(await t.call('authoring', 'saveExemplar', { id: 'e-team', name: '博格达突击组', ...editable }, 'editor-a'));
    expect(exemplarIds(await find('突击组'))).toEqual(['e-team']);
    expect(exemplarIds(await find('特勤攻坚组'))).toEqual([]);
    // The story approved above was taken down; a published one linking the team is found by its new name.
    data(await t.call('authoring', 'saveDraft', { storyId: 's-team', baseVersion: 0, title: '雪夜驰援', ...base }, 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 's-team', version: 1 }, 'editor-a'));
    data(await t.call('authoring', 'review', { storyId: 's-team', version: 2, decision: 'approve', comment: '' }, 'reviewer-a'));
    data(await t.call('authoring', 'saveExemplar', { id: 'e-team', name: '雪莲突击组', ...editable }, 'editor-a'));
    expect(storyIds(await find('雪莲'))).toEqual(['s-team']);
    expect(storyIds(await find('博格达突击组'))).toEqual([]);
  });

  it('a new exemplar is searchable once published', async () => {
    data(await t.call('authoring', 'saveExemplar', { id: 'e-new', kind: 'collective', name: '戈壁雄鹰队', unitId: 'u-sa', category: 'rescue', title: '尖兵', summary: '一句话', photo: null, biography: '长文' }, 'editor-a'));
    expect(exemplarIds(await find('雄鹰'))).toEqual([]);
    data(await t.call('authoring', 'setExemplarState', { id: 'e-new', state: 'published' }, 'editor-a'));
    expect(exemplarIds(await find('雄鹰'))).toEqual(['e-new']);
  });

  it('saving and removing an honour', async () => {
    data(await t.call('authoring', 'saveHonor', { exemplarId: 'e-new', honor: { _id: 'h-new', title: '新疆青年五四奖章集体', level: 'regional', date: '2024-05-04', awardedBy: '共青团新疆区委' } }, 'editor-a'));
    expect(exemplarIds(await find('五四奖章'))).toEqual(['e-new']);
    data(await t.call('authoring', 'saveHonor', { exemplarId: 'e-new', honor: { _id: 'h-new', title: '全国消防先进集体', level: 'national', date: '2024-05-04', awardedBy: '应急管理部' } }, 'editor-a'));
    expect(exemplarIds(await find('五四奖章'))).toEqual([]);
    expect(exemplarIds(await find('消防先进集体'))).toEqual(['e-new']);
    data(await t.call('authoring', 'removeHonor', { exemplarId: 'e-new', honorId: 'h-new' }, 'editor-a'));
    expect(exemplarIds(await find('消防先进集体'))).toEqual([]);
  });

  it('an enrolled nominee is searchable from enrolment', async () => {
    const req = { requestKey: 'search-enrol-1', nominatingUnitId: 'u-sa', nominee: { new: { kind: 'collective' as const, name: '胡杨林救援队', unitId: 'u-sa' } }, category: 'rescue' as const, targetTier: 'reserve' as const, deeds: '在沙漠公路救援中连续奋战三十六小时，转移被困群众二百余人，无一伤亡，受到当地群众的高度赞誉。', attachments: [] };
    grantReviewers();
    const n = data(await t.call('nominations', 'submit', req, 'editor-a')).nomination;
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'reviewer-a'));
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', comment: '同意公示' }, 'corps-rev'));
    t.cloud.db.patch('nominations', n._id, { noticeEndsAt: Date.now() - 1000 });
    const run = (await t.cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' })) as { data: { enrolled: string[] } };
    expect(run.data.enrolled).toEqual([n._id]);
    expect(exemplarIds(await find('胡杨林')).length).toBe(1);
  });

  it('every query above was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});

/** The corps reviewer the nomination ladder needs (granted late: the earlier tests do not need them). */
function grantReviewers(): void {
  t.cloud.db.insertMany('roles', docs([grant('g5', 'corps-rev', 'reviewer', 'u-corps')]));
}
