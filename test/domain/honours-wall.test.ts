/**
 * The honours wall's counting rules (cloudfunctions/src/domain/honours-wall.ts): exemplars are
 * counted once per band and year, once over a period however often they were honoured in it,
 * only while public; tallies move exactly with each honour and placement; and the figures of a
 * set of exemplars equal an independent count made here from the honour records themselves.
 */
import type { ConsentRecord, Exemplar, Honor, HonourBand, MediaPlacement, UnitRef } from '@contract';
import {
  addCounts,
  bandsOf,
  contributionOf,
  countsOf,
  countsOfSummary,
  honourKeysOf,
  honourListKeys,
  isMeritCitation,
  placementFields,
  placementListKeys,
  summaryAfter,
  tallyHonour,
  tallyPlacement,
  wallDelta,
  wallOf,
  wallView,
  type WallSubject,
} from '../../cloudfunctions/src/domain/honours-wall';

const consent = (name: string): ConsentRecord => ({ method: 'in_app', evidence: 'o-p', recordedAt: 1, recordedBy: 'o-p', name, verifiedBy: 'o-p', verifiedAt: 1 });

function h(exemplarId: string, level: Honor['level'], date: string, title = '先进个人'): Honor {
  return { _id: `${exemplarId}-${level}-${date}-${title}`, exemplarId, level, date, title, awardedBy: '机关' };
}

function subject(id: string, over: Partial<Exemplar> = {}, honours: Honor[] = [], placements: MediaPlacement[] = []): WallSubject & { _id: string } {
  const kind = over.kind ?? 'collective';
  const name = over.name ?? `典型${id}`;
  return {
    _id: id,
    kind,
    name,
    state: 'published',
    consent: kind === 'individual' ? consent(name) : null,
    tier: 'major',
    unitId: `u-${id}`,
    category: 'rescue',
    ...over,
    wall: wallOf(honours, placements),
  };
}

const placement = (exemplarId: string, outlet: string, date: string, level?: MediaPlacement['level']): MediaPlacement => ({
  _id: `${exemplarId}-${outlet}-${date}`,
  exemplarId,
  storyId: null,
  outlet,
  title: '报道',
  date,
  link: null,
  ...(level ? { level } : {}),
});

const group = (id: string): UnitRef => ({ _id: id, name: `${id}支队`, shortName: id, level: 'detachment' });
const view = (subjects: WallSubject[], since?: number, groupOf: (unitId: string) => UnitRef | null = () => group('d')) =>
  wallView({ _id: 'public', ...summaryAfter(null, countsOf(subjects), 1) }, since, groupOf);
const band = (v: ReturnType<typeof view>, b: HonourBand) => v.honoured.find((x) => x.band === b)!;

describe('what counts as an honoured exemplar', () => {
  it('counts an exemplar once per band and year however many honours of that band it got that year, and every honour as an award', () => {
    const ex = subject('a', {}, [h('a', 'prefecture', '2023-03-01', '甲'), h('a', 'prefecture', '2023-09-01', '乙'), h('a', 'prefecture', '2024-01-05', '丙')]);
    const v = view([ex]);
    expect(v.byYear.map((y) => [y.year, y.levels.find((l) => l.level === 'prefecture')!.collectives])).toEqual([
      [2023, 1],
      [2024, 1],
    ]);
    expect(v.awards).toBe(3);
  });

  it('over a period, counts an exemplar honoured in several of its years once, and not at all after its last honour', () => {
    const ex = subject('a', { kind: 'individual' }, [h('a', 'regional', '2022-05-01'), h('a', 'regional', '2024-05-01')]);
    expect(band(view([ex], 2022), 'regional').individuals).toBe(1);
    expect(band(view([ex], 2024), 'regional').individuals).toBe(1);
    expect(band(view([ex], 2025), 'regional').individuals).toBe(0);
  });

  it('counts national-or-regional as one line: an exemplar with both is one of them', () => {
    const both = subject('a', {}, [h('a', 'national', '2023-01-01'), h('a', 'regional', '2022-01-01')]);
    const regionalOnly = subject('b', {}, [h('b', 'regional', '2024-01-01')]);
    const prefectureOnly = subject('c', {}, [h('c', 'prefecture', '2024-01-01')]);
    const v = view([both, regionalOnly, prefectureOnly], 2022);
    expect(band(v, 'national_regional').collectives).toBe(2);
    expect(band(v, 'national').collectives).toBe(1);
    expect(band(v, 'regional').collectives).toBe(2);
    expect(band(v, 'any').collectives).toBe(3);
  });

  it('recognises merit citations (记功) by their title, at whatever level they were awarded', () => {
    expect(['集体一等功', '个人二等功', '个人三等功', ' 集体三等功 '].map(isMeritCitation)).toEqual([true, true, true, true]);
    expect(['先进集体', '二等功臣', '三等奖', '优秀共产党员'].map(isMeritCitation)).toEqual([false, false, false, false]);
    expect(bandsOf('prefecture', true)).toEqual(['prefecture', 'merit', 'any']);
    expect(bandsOf('national', false)).toEqual(['national', 'national_regional', 'any']);
    const cited = subject('a', {}, [h('a', 'prefecture', '2023-01-01', '集体三等功')]);
    const person = subject('b', { kind: 'individual' }, [h('b', 'regional', '2023-01-01', '个人二等功')]);
    const v = view([cited, person]);
    expect(band(v, 'merit')).toEqual({ band: 'merit', individuals: 1, collectives: 1 });
  });

  it('counts only public exemplars: a draft, a person without consent, a person renamed since consenting', () => {
    const honours = (id: string) => [h(id, 'national', '2023-01-01')];
    const draft = subject('a', { state: 'draft' }, honours('a'));
    const noConsent = subject('b', { kind: 'individual', consent: null }, honours('b'));
    const renamed = subject('c', { kind: 'individual', name: '新名字', consent: consent('旧名字') }, honours('c'));
    const shown = subject('d', { kind: 'individual' }, honours('d'));
    for (const hidden of [draft, noConsent, renamed]) expect(contributionOf(hidden)).toEqual(contributionOf(null));
    const v = view([draft, noConsent, renamed, shown]);
    expect(band(v, 'national')).toEqual({ band: 'national', individuals: 1, collectives: 0 });
    expect(v.libraries.find((l) => l.tier === 'major')).toEqual({ tier: 'major', individuals: 1, collectives: 0 });
  });

  it('sizes the libraries by public exemplars of each kind; a retired exemplar is in none but its honours still count', () => {
    const v = view([subject('a', { tier: 'major' }), subject('b', { tier: 'reserve', kind: 'individual' }), subject('c', { tier: 'retired' }, [h('c', 'county', '2024-02-02')])]);
    expect(v.libraries).toEqual([
      { tier: 'major', individuals: 0, collectives: 1 },
      { tier: 'reserve', individuals: 1, collectives: 0 },
    ]);
    expect(band(v, 'county').collectives).toBe(1);
  });

  it('counts the libraries by each public exemplar’s own unit, kind and post category (the library’s unit filter), never a retired or hidden one', () => {
    const counts = countsOf([
      subject('a', { unitId: 'u-st', category: 'rescue' }),
      subject('b', { unitId: 'u-st', category: 'rescue' }),
      subject('c', { unitId: 'u-st', kind: 'individual', category: 'law', tier: 'reserve' }),
      subject('d', { unitId: 'u-st', tier: 'retired' }),
      subject('e', { unitId: 'u-st', state: 'draft' }),
      subject('f', { unitId: 'u-st', kind: 'individual', consent: null }),
    ]);
    expect(counts.libraryUnits).toEqual([
      { unitId: 'u-st', tier: 'major', kind: 'collective', category: 'rescue', n: 2 },
      { unitId: 'u-st', tier: 'reserve', kind: 'individual', category: 'law', n: 1 },
    ]);
  });

  it('a new post category moves the library’s unit counts, and nothing else', () => {
    const before = subject('a', { unitId: 'u-st', category: 'rescue' });
    const delta = wallDelta(before, { ...before, category: 'law' })!;
    expect(delta.libraryUnits).toEqual([
      { unitId: 'u-st', tier: 'major', kind: 'collective', category: 'law', n: 1 },
      { unitId: 'u-st', tier: 'major', kind: 'collective', category: 'rescue', n: -1 },
    ]);
    expect([delta.library, delta.honoured, delta.units]).toEqual([[], [], []]);
  });

  it('counts honoured units by the exemplar’s own unit and groups them under their detachments', () => {
    const a = subject('a', { unitId: 's1' }, [h('a', 'county', '2022-01-01')]);
    const b = subject('b', { unitId: 's1', kind: 'individual' }, [h('b', 'county', '2024-01-01')]);
    const c = subject('c', { unitId: 's2' }, [h('c', 'county', '2024-06-01')]);
    const gone = subject('d', { unitId: 'gone' }, [h('d', 'county', '2024-06-01')]);
    const groupOf = (unitId: string) => (unitId === 'gone' ? null : unitId === 's1' ? group('wlmq') : group('klmy'));
    const v = view([a, b, c, gone], 2022, groupOf);
    expect(v.units.total).toBe(3);
    expect(v.units.detachments).toEqual([
      { unit: group('wlmq'), exemplars: 2 },
      { unit: group('klmy'), exemplars: 1 },
    ]);
    expect(view([a, b, c, gone], 2024, groupOf).units.detachments).toEqual([
      { unit: group('klmy'), exemplars: 1 },
      { unit: group('wlmq'), exemplars: 1 },
    ]);
  });

  it('counts media placements by outlet level (未分级 when none was recorded), year and outlet', () => {
    const ex = subject('a', {}, [], [
      placement('a', '新疆日报', '2023-01-01', 'regional'),
      placement('a', '新疆日报', '2024-01-01', 'regional'),
      placement('a', '人民日报', '2024-03-01', 'central'),
      placement('a', '老报道', '2024-03-01'),
    ]);
    const v = view([ex], 2023);
    expect(v.placements.total).toBe(4);
    expect(v.placements.byLevel).toEqual([
      { level: 'central', n: 1 },
      { level: 'regional', n: 2 },
      { level: 'prefecture', n: 0 },
      { level: 'county', n: 0 },
      { level: 'unrated', n: 1 },
    ]);
    expect(v.placements.byYear).toEqual([
      { year: 2023, n: 1 },
      { year: 2024, n: 3 },
    ]);
    expect(v.placements.outlets[0]).toEqual({ outlet: '新疆日报', level: 'regional', n: 2 });
    expect(view([ex], 2024).placements.total).toBe(3);
  });

  it('with nothing to count, says so rather than inventing a period', () => {
    const v = wallView(null, undefined, () => null);
    expect([v.years, v.since, v.awards, v.placements.total, v.updatedAt]).toEqual([[], null, 0, 0, null]);
  });
});

describe('one exemplar’s tally', () => {
  it('moves by each honour and back: a second honour of the same level and year keeps one list key, removing one keeps it', () => {
    const first = h('a', 'regional', '2023-04-01');
    const second = h('a', 'regional', '2023-10-01', '另一项');
    const one = tallyHonour(undefined, first, 1);
    const two = tallyHonour(one, second, 1);
    expect(honourKeysOf(two)).toEqual(honourKeysOf(one));
    expect(honourKeysOf(one)).toEqual(['any:2023', 'national_regional:2023', 'regional:2023']);
    expect(two.honours).toEqual([{ level: 'regional', year: 2023, merit: false, n: 2 }]);
    const back = tallyHonour(two, first, -1);
    expect(honourKeysOf(back)).toEqual(honourKeysOf(one));
    expect(tallyHonour(back, second, -1)).toEqual({ honours: [], placements: [] });
  });

  it('a second honour of the same band and year moves no distinct count, only the awards', () => {
    const before = subject('a', {}, [h('a', 'prefecture', '2023-01-01')]);
    const after = { ...before, wall: tallyHonour(before.wall, h('a', 'prefecture', '2023-05-01', '另一项'), 1) };
    const delta = wallDelta(before, after)!;
    expect(delta.honoured).toEqual([]);
    expect(delta.latest).toEqual([]);
    expect(delta.awards).toEqual([{ level: 'prefecture', year: 2023, kind: 'collective', n: 1 }]);
  });

  it('a write that changes no figure moves nothing; publishing moves exactly the exemplar’s own figures', () => {
    const draft = subject('a', { state: 'draft' }, [h('a', 'national', '2024-01-01')], [placement('a', '人民日报', '2024-02-01', 'central')]);
    expect(wallDelta(draft, { ...draft, name: '改名后' })).toBeNull();
    const published = { ...draft, state: 'published' as const };
    expect(wallDelta(draft, published)).toEqual(contributionOf(published));
    expect(addCounts(contributionOf(published), wallDelta(published, draft)!)).toEqual(contributionOf(null));
  });

  it('re-tallies a placement moved to another outlet level', () => {
    const old = placement('a', '新疆日报', '2024-01-01');
    const rated = { ...old, level: 'regional' as const };
    const wall = tallyPlacement(tallyPlacement(wallOf([], [old]), old, -1), rated, 1);
    expect(wall.placements).toEqual([{ level: 'regional', year: 2024, outlet: '新疆日报', n: 1 }]);
    expect(placementFields(rated)).toEqual({ wallKeys: ['y:2024', 'l:regional:2024', 'o:新疆日报:2024'], day: 20240101 });
  });
});

describe('the lists behind the figures', () => {
  const counts = countsOf([
    subject('a', {}, [h('a', 'regional', '2022-01-01'), h('a', 'county', '2024-01-01')], [placement('a', '新疆日报', '2022-05-01', 'regional'), placement('a', '伊犁日报', '2024-05-01', 'prefecture')]),
  ]);

  it('read the keys of the years the figure adds up: one year, or every year since one that has honours of the band', () => {
    expect(honourListKeys(counts, 'regional', { year: 2023 })).toEqual(['regional:2023']);
    expect(honourListKeys(counts, 'any', { since: 2022 })).toEqual(['any:2022', 'any:2024']);
    expect(honourListKeys(counts, 'regional', { since: 2023 })).toEqual([]);
    expect(placementListKeys(counts, {}, { since: 2022 })).toEqual(['y:2022', 'y:2024']);
    expect(placementListKeys(counts, { level: 'prefecture' }, { since: 2022 })).toEqual(['l:prefecture:2024']);
    expect(placementListKeys(counts, { outlet: '新疆日报' }, { since: 2023 })).toEqual([]);
  });
});

describe('the figures of many exemplars equal an independent count from the honour records', () => {
  // A deterministic mix: kinds, states, consent, libraries, honours over four years.
  const levels: Honor['level'][] = ['national', 'regional', 'prefecture', 'county'];
  const honours: Honor[] = [];
  const exemplars: (WallSubject & { _id: string })[] = [];
  for (let i = 0; i < 40; i++) {
    const id = `e${i}`;
    const own: Honor[] = [];
    for (let j = 0; j < (i * 7) % 5; j++) own.push(h(id, levels[(i + j * 3) % 4]!, `${2021 + ((i + j) % 4)}-0${1 + (j % 9)}-10`, j % 3 === 0 ? '个人三等功' : `荣誉${j}`));
    honours.push(...own);
    exemplars.push(
      subject(id, { kind: i % 3 === 0 ? 'collective' : 'individual', state: i % 11 === 5 ? 'draft' : 'published', tier: i % 4 === 0 ? 'reserve' : i % 9 === 0 ? 'retired' : 'major', ...(i % 13 === 7 ? { consent: null } : {}) }, own),
    );
  }
  const isPublic = (e: WallSubject) => e.state === 'published' && (e.kind === 'collective' || (e.consent !== null && e.consent.name === e.name));
  const inBand = (x: Honor, b: HonourBand): boolean =>
    b === 'any' ? true : b === 'merit' ? /等功$/.test(x.title) : b === 'national_regional' ? x.level === 'national' || x.level === 'regional' : x.level === b;

  it.each([2021, 2022, 2023, 2024])('since %i, per band and kind', (since) => {
    const v = view(exemplars, since);
    for (const b of ['national_regional', 'national', 'regional', 'prefecture', 'county', 'merit', 'any'] as const) {
      const who = exemplars.filter((e) => isPublic(e) && honours.some((x) => x.exemplarId === e._id && inBand(x, b) && Number(x.date.slice(0, 4)) >= since));
      expect([b, band(v, b).individuals, band(v, b).collectives]).toEqual([b, who.filter((e) => e.kind === 'individual').length, who.filter((e) => e.kind === 'collective').length]);
    }
    const awards = honours.filter((x) => Number(x.date.slice(0, 4)) >= since && isPublic(exemplars.find((e) => e._id === x.exemplarId)!)).length;
    expect(v.awards).toBe(awards);
  });

  it('per year and level', () => {
    const v = view(exemplars, 2021);
    for (const y of v.byYear) {
      for (const l of y.levels) {
        const who = exemplars.filter((e) => isPublic(e) && honours.some((x) => x.exemplarId === e._id && x.level === l.level && x.date.startsWith(String(y.year))));
        expect([y.year, l.level, l.individuals + l.collectives]).toEqual([y.year, l.level, who.length]);
      }
    }
  });

  it('the summary built from the sum equals the sum of every exemplar added one write at a time', () => {
    let summary = summaryAfter(null, countsOf([]), 1);
    for (const e of exemplars) summary = summaryAfter({ _id: 'public', ...summary }, wallDelta(null, e) ?? countsOf([]), 2);
    expect(countsOfSummary({ _id: 'public', ...summary })).toEqual(countsOf(exemplars));
    expect(summary.revision).toBe(exemplars.length + 1);
  });
});
