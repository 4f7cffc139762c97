/**
 * The honours wall (荣誉墙): what counts, defined once. Pure. The corps reports figures like
 * "since 2022: 34 collectives and 56 individuals honoured at national or regional level, 38
 * collectives and 69 individuals at prefecture level, 17 units cited for merit, 360+ media
 * placements"; these are the definitions behind every such figure the wall shows.
 *
 * - Only public exemplars count (visibility.ts `isPublicExemplar`: published and, for a person,
 *   consent that counts). A profile leaving public view takes all of its figures with it, one
 *   entering brings them: the wall never shows what the library would not.
 * - An honour's year is the calendar year of its date as awarded (the YYYY of YYYY-MM-DD).
 * - Exemplars are counted, not honours: an exemplar counts once per band and year however many
 *   honours of the band it received that year ("honoured at prefecture level in 2023" = distinct
 *   exemplars with at least one prefecture honour dated 2023).
 * - Over a period ("since Y"), an exemplar counts once per band when it holds at least one honour
 *   of the band dated Y or later: a station honoured in 2022 and again in 2024 is one of the "34
 *   collectives since 2022". Kept exact by filing each exemplar under the latest year of its
 *   honours in the band: those honoured since Y are exactly those whose latest year is ≥ Y.
 * - Bands: each level on its own; `national_regional` = national or regional (the corps reports
 *   them as one line; an exemplar with both counts once); `merit` = merit citations (记功: 一等功,
 *   二等功, 三等功, individual or collective, recognised by their title); `any` = any honour.
 * - Units cited for merit (记功单位) = collectives with a merit citation in the period (a collective
 *   exemplar is a unit: a station, a battalion): band `merit`, kind collective.
 * - Units honoured = distinct units whose own exemplars (the unit itself, or its people) were
 *   honoured in the period, counted by the exemplar's own unit (unitId): moving a unit in the tree
 *   changes no count; pages group them under detachments when they read them.
 * - Awards = honour records (not people) by level and year.
 * - Library sizes = public exemplars per library (major, reserve) and kind; retired ones in none.
 * - Library units = the same exemplars by their own unit, kind and post category: what the
 *   library's unit filter counts per subtree (summed over the tree as it stands when read).
 * - Media placements = placement records about public exemplars by outlet level (未分级 when it was
 *   not recorded), year of the date and outlet (its name as entered, trimmed).
 *
 * How it stays exact: every exemplar document carries its tally (`wall`: its honours by level,
 * year and merit, its placements by level, year and outlet), moved in the same transaction as the
 * honour or placement. What an exemplar contributes to the figures is a function of that tally and
 * of the fields that decide visibility, library and unit (`contributionOf`), so any write changes
 * the one summary document by exactly `contributionOf(after) − contributionOf(before)`.
 */
import type { Exemplar, ExemplarKind, ExemplarWall, Honor, HonorLevel, HonourBand, HonoursSummary, HonoursWallView, HonourTally, Id, IsoDate, KindCounts, MediaPlacement, PlacementLevel, PlacementTally, UnitRef } from '@contract';
import { HONOR_LEVELS, HONOUR_BANDS, OUTLET_LEVELS, WALL_TOP_OUTLETS } from '@contract';
import { isPublicExemplar } from './visibility';

/** What of an honour the wall counts by. */
export type HonourFacts = Pick<Honor, 'level' | 'date' | 'title'>;
/** What of a placement the wall counts by. */
export type PlacementFacts = Pick<MediaPlacement, 'outlet' | 'date' | 'level'>;

/** The one summary document of collection `honours_summary`. */
export const WALL_SUMMARY_ID = 'public';

export const EMPTY_WALL: ExemplarWall = { honours: [], placements: [] };

/** The calendar year of an honour or placement date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** 记功: 一等功, 二等功, 三等功 (个人 or 集体), the citations the corps counts as merit. */
export function isMeritCitation(title: string): boolean {
  return /[一二三]等功$/.test(title.trim());
}

/** The bands an honour of this level (and merit) falls in. */
export function bandsOf(level: HonorLevel, merit: boolean): HonourBand[] {
  const bands: HonourBand[] = [level];
  if (level === 'national' || level === 'regional') bands.push('national_regional');
  if (merit) bands.push('merit');
  bands.push('any');
  return bands;
}

export function placementLevelOf(p: Pick<PlacementFacts, 'level'>): PlacementLevel {
  return p.level ?? 'unrated';
}

// ------------------------------------------------------------------ entries

type Entry = { n: number };

/** Adds `b` (times sign) to `a`, entry by key; zero entries are dropped; the result is in key order (so equal counts are equal JSON). */
function merge<E extends Entry>(a: readonly E[], b: readonly E[], key: (e: E) => string, sign: 1 | -1): E[] {
  const out = new Map<string, E>();
  for (const e of a) {
    const k = key(e);
    const was = out.get(k);
    out.set(k, { ...e, n: (was?.n ?? 0) + e.n });
  }
  for (const e of b) {
    const k = key(e);
    const was = out.get(k);
    out.set(k, { ...e, n: (was?.n ?? 0) + sign * e.n });
  }
  return [...out.entries()]
    .filter(([, e]) => e.n !== 0)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([, e]) => e);
}

const honourTallyKey = (e: HonourTally) => `${e.level}|${e.year}|${e.merit ? 1 : 0}`;
const placementTallyKey = (e: PlacementTally) => `${e.level}|${e.year}|${e.outlet}`;

// ------------------------------------------------------------------ one exemplar's tally

/** The tally after adding (by = 1) or taking away (by = −1) one honour. */
export function tallyHonour(wall: ExemplarWall | undefined, h: HonourFacts, by: 1 | -1): ExemplarWall {
  const w = wall ?? EMPTY_WALL;
  const entry: HonourTally = { level: h.level, year: yearOf(h.date), merit: isMeritCitation(h.title), n: 1 };
  return { honours: merge(w.honours, [entry], honourTallyKey, by), placements: merge(w.placements, [], placementTallyKey, 1) };
}

/** The tally after adding (by = 1) or taking away (by = −1) one placement. */
export function tallyPlacement(wall: ExemplarWall | undefined, p: PlacementFacts, by: 1 | -1): ExemplarWall {
  const w = wall ?? EMPTY_WALL;
  const entry: PlacementTally = { level: placementLevelOf(p), year: yearOf(p.date), outlet: p.outlet.trim(), n: 1 };
  return { honours: merge(w.honours, [], honourTallyKey, 1), placements: merge(w.placements, [entry], placementTallyKey, by) };
}

/** The tally of an exemplar's honours and placements, counted from the records themselves (the seed, the reconcile timer). */
export function wallOf(honours: readonly HonourFacts[], placements: readonly PlacementFacts[]): ExemplarWall {
  let w: ExemplarWall = EMPTY_WALL;
  for (const h of honours) w = tallyHonour(w, h, 1);
  for (const p of placements) w = tallyPlacement(w, p, 1);
  return w;
}

/** Whether two tallies count the same (a missing tally counts nothing). */
export function sameWall(a: ExemplarWall | undefined, b: ExemplarWall | undefined): boolean {
  const norm = (w: ExemplarWall | undefined) => JSON.stringify(w ? { h: merge(w.honours, [], honourTallyKey, 1), p: merge(w.placements, [], placementTallyKey, 1) } : { h: [], p: [] });
  return norm(a) === norm(b);
}

export function honourKey(band: HonourBand, year: number): string {
  return `${band}:${year}`;
}

/** `<band>:<year>` for every band and year the exemplar holds an honour in (Exemplar.honourKeys), sorted. */
export function honourKeysOf(wall: ExemplarWall | undefined): string[] {
  const keys = new Set<string>();
  for (const h of wall?.honours ?? []) for (const band of bandsOf(h.level, h.merit)) keys.add(honourKey(band, h.year));
  return [...keys].sort();
}

/** The keys a placement is listed under behind the wall's placement figures, by year: all, its outlet level, its outlet. */
export function placementKey(by: { level?: PlacementLevel; outlet?: string }, year: number): string {
  if (by.outlet !== undefined) return `o:${by.outlet.trim()}:${year}`;
  if (by.level !== undefined) return `l:${by.level}:${year}`;
  return `y:${year}`;
}

/** What a placement document carries for the lists: its keys and its date as a number (20240315) to order by. */
export function placementFields(p: PlacementFacts): { wallKeys: string[]; day: number } {
  const year = yearOf(p.date);
  return {
    wallKeys: [placementKey({}, year), placementKey({ level: placementLevelOf(p) }, year), placementKey({ outlet: p.outlet }, year)],
    day: Number(p.date.replace(/-/g, '')),
  };
}

// ------------------------------------------------------------------ contributions

/** The figures of the summary without its bookkeeping. */
export type WallCounts = Pick<HonoursSummary, 'honoured' | 'latest' | 'awards' | 'units' | 'library' | 'libraryUnits' | 'placements'>;

/** What decides an exemplar's contribution: visibility, kind, library, unit and its tally. */
export type WallSubject = Pick<Exemplar, 'kind' | 'state' | 'consent' | 'name' | 'tier' | 'unitId' | 'category' | 'wall'>;

export const WALL_SUBJECT_FIELDS = ['kind', 'state', 'consent', 'name', 'tier', 'unitId', 'category', 'wall'] as const satisfies readonly (keyof Exemplar)[];

const ZERO: WallCounts = { honoured: [], latest: [], awards: [], units: [], library: [], libraryUnits: [], placements: [] };

type Section<K extends keyof WallCounts> = (e: WallCounts[K][number]) => string;
const KEYS: { [K in keyof WallCounts]: Section<K> } = {
  honoured: (e) => `${e.band}|${e.year}|${e.kind}`,
  latest: (e) => `${e.band}|${e.year}|${e.kind}`,
  awards: (e) => `${e.level}|${e.year}|${e.kind}`,
  units: (e) => `${e.unitId}|${e.year}`,
  library: (e) => `${e.tier}|${e.kind}`,
  libraryUnits: (e) => `${e.unitId}|${e.tier}|${e.kind}|${e.category}`,
  placements: (e) => `${e.level}|${e.year}|${e.outlet}`,
};

/** `a + sign·b`, section by section, in canonical order. */
export function addCounts(a: WallCounts, b: WallCounts, sign: 1 | -1 = 1): WallCounts {
  return {
    honoured: merge(a.honoured, b.honoured, KEYS.honoured, sign),
    latest: merge(a.latest, b.latest, KEYS.latest, sign),
    awards: merge(a.awards, b.awards, KEYS.awards, sign),
    units: merge(a.units, b.units, KEYS.units, sign),
    library: merge(a.library, b.library, KEYS.library, sign),
    libraryUnits: merge(a.libraryUnits, b.libraryUnits, KEYS.libraryUnits, sign),
    placements: merge(a.placements, b.placements, KEYS.placements, sign),
  };
}

function isZero(c: WallCounts): boolean {
  return (Object.keys(ZERO) as (keyof WallCounts)[]).every((k) => c[k].length === 0);
}

/** What one exemplar adds to the figures: nothing unless it is public. */
export function contributionOf(s: WallSubject | null | undefined): WallCounts {
  if (!s || !isPublicExemplar(s)) return ZERO;
  const kind: ExemplarKind = s.kind;
  const honours = (s.wall?.honours ?? []).filter((h) => h.n > 0);
  const perYear = new Set<string>();
  const latest = new Map<HonourBand, number>();
  for (const h of honours) {
    for (const band of bandsOf(h.level, h.merit)) {
      perYear.add(`${band}|${h.year}`);
      latest.set(band, Math.max(latest.get(band) ?? h.year, h.year));
    }
  }
  const honoured = [...perYear].map((k) => {
    const [band, year] = k.split('|') as [HonourBand, string];
    return { band, year: Number(year), kind, n: 1 };
  });
  const latestAny = latest.get('any');
  const c: WallCounts = {
    honoured,
    latest: [...latest].map(([band, year]) => ({ band, year, kind, n: 1 })),
    awards: honours.map((h) => ({ level: h.level, year: h.year, kind, n: h.n })),
    units: latestAny === undefined ? [] : [{ unitId: s.unitId, year: latestAny, n: 1 }],
    library: s.tier === 'retired' ? [] : [{ tier: s.tier, kind, n: 1 }],
    libraryUnits: s.tier === 'retired' ? [] : [{ unitId: s.unitId, tier: s.tier, kind, category: s.category, n: 1 }],
    placements: (s.wall?.placements ?? []).filter((p) => p.n > 0).map((p) => ({ ...p })),
  };
  return addCounts(ZERO, c);
}

/** The figures of a set of exemplars (the seed; the reconcile timer's recount). */
export function countsOf(subjects: Iterable<WallSubject>): WallCounts {
  let total = ZERO;
  for (const s of subjects) total = addCounts(total, contributionOf(s));
  return total;
}

/** How a write moves the figures (`after − before`); null when it moves nothing (no summary write, no conflict). */
export function wallDelta(before: WallSubject | null | undefined, after: WallSubject | null | undefined): WallCounts | null {
  const d = addCounts(contributionOf(after), contributionOf(before), -1);
  return isZero(d) ? null : d;
}

export function countsEqual(a: WallCounts, b: WallCounts): boolean {
  return isZero(addCounts(a, b, -1));
}

/** How many entries differ between two sets of figures (what the reconcile timer reports as drift). */
export function countsDrift(a: WallCounts, b: WallCounts): number {
  const d = addCounts(a, b, -1);
  return (Object.keys(ZERO) as (keyof WallCounts)[]).reduce((sum, k) => sum + d[k].length, 0);
}

export function countsOfSummary(s: HonoursSummary): WallCounts {
  return addCounts(ZERO, { honoured: s.honoured ?? [], latest: s.latest ?? [], awards: s.awards ?? [], units: s.units ?? [], library: s.library ?? [], libraryUnits: s.libraryUnits ?? [], placements: s.placements ?? [] });
}

/** The summary document after a write's delta. */
export function summaryAfter(s: HonoursSummary | null, delta: WallCounts, now: number): Omit<HonoursSummary, '_id'> {
  const counts = addCounts(s ? countsOfSummary(s) : ZERO, delta);
  return { ...counts, revision: (s?.revision ?? 0) + 1, updatedAt: now };
}

// ------------------------------------------------------------------ reading

/** Years with an honour or a placement, oldest first. */
export function yearsOf(c: WallCounts): number[] {
  const years = new Set<number>();
  for (const e of c.honoured) if (e.n > 0) years.add(e.year);
  for (const e of c.placements) if (e.n > 0) years.add(e.year);
  return [...years].sort((a, b) => a - b);
}

/** The keys of the list behind an honours figure: one year, or every year since one that has honours of the band. */
export function honourListKeys(c: WallCounts, band: HonourBand, q: { year?: number; since?: number }): string[] {
  if (q.year !== undefined) return [honourKey(band, q.year)];
  const since = q.since ?? Number.MIN_SAFE_INTEGER;
  const years = new Set(c.honoured.filter((e) => e.band === band && e.year >= since && e.n > 0).map((e) => e.year));
  return [...years].sort((a, b) => a - b).map((y) => honourKey(band, y));
}

/** The keys of the list behind a placement figure (by outlet, else by level, else all), for one year or every year since one. */
export function placementListKeys(c: WallCounts, by: { level?: PlacementLevel; outlet?: string }, q: { year?: number; since?: number }): string[] {
  if (q.year !== undefined) return [placementKey(by, q.year)];
  const since = q.since ?? Number.MIN_SAFE_INTEGER;
  const outlet = by.outlet?.trim();
  const years = new Set(
    c.placements.filter((e) => e.year >= since && e.n > 0 && (outlet === undefined || e.outlet === outlet) && (by.level === undefined || e.level === by.level)).map((e) => e.year),
  );
  return [...years].sort((a, b) => a - b).map((y) => placementKey(by, y));
}

const kindCounts = (entries: readonly { kind: ExemplarKind; n: number }[]): KindCounts => ({
  individuals: Math.max(0, entries.filter((e) => e.kind === 'individual').reduce((s, e) => s + e.n, 0)),
  collectives: Math.max(0, entries.filter((e) => e.kind === 'collective').reduce((s, e) => s + e.n, 0)),
});
const OUTLET_ORDER: readonly PlacementLevel[] = [...OUTLET_LEVELS, 'unrated'];
const sum = (entries: readonly { n: number }[]): number => Math.max(0, entries.reduce((s, e) => s + e.n, 0));

/**
 * The wall's figures since a year (default: the first year there is anything). `groupOf` names
 * the detachment a unit counts under (null: a unit that no longer exists, left out of the bars).
 */
export function wallView(summary: HonoursSummary | null, since: number | undefined, groupOf: (unitId: Id) => UnitRef | null): HonoursWallView {
  const c = summary ? countsOfSummary(summary) : ZERO;
  const years = yearsOf(c);
  const from = since ?? years[0] ?? null;
  const inPeriod = <E extends { year: number }>(es: readonly E[]): E[] => (from === null ? [] : es.filter((e) => e.year >= from));
  const latest = inPeriod(c.latest);
  const honoured = HONOUR_BANDS.map((band) => ({ band, ...kindCounts(latest.filter((e) => e.band === band)) }));
  const periodYears = from === null ? [] : years.filter((y) => y >= from);
  const byYear = periodYears.map((year) => ({
    year,
    levels: HONOR_LEVELS.map((level) => ({ level, ...kindCounts(c.honoured.filter((e) => e.band === level && e.year === year)) })),
  }));
  const units = inPeriod(c.units);
  const groups = new Map<Id, { unit: UnitRef; exemplars: number }>();
  for (const e of units) {
    const unit = groupOf(e.unitId);
    if (!unit || e.n <= 0) continue;
    const g = groups.get(unit._id) ?? { unit, exemplars: 0 };
    g.exemplars += e.n;
    groups.set(unit._id, g);
  }
  const placements = inPeriod(c.placements);
  // One bar per outlet, under the level most of its placements name (a name entered under two levels is one outlet).
  const perOutletLevel = new Map<string, Map<PlacementLevel, number>>();
  for (const p of placements) {
    const byLevel = perOutletLevel.get(p.outlet) ?? new Map<PlacementLevel, number>();
    byLevel.set(p.level, (byLevel.get(p.level) ?? 0) + p.n);
    perOutletLevel.set(p.outlet, byLevel);
  }
  const outlets = [...perOutletLevel].map(([outlet, byLevel]) => {
    const [level] = [...byLevel].sort((a, b) => b[1] - a[1] || OUTLET_ORDER.indexOf(a[0]) - OUTLET_ORDER.indexOf(b[0]))[0] as [PlacementLevel, number];
    return { outlet, level, n: [...byLevel.values()].reduce((s, n) => s + n, 0) };
  });
  return {
    years,
    since: from,
    honoured,
    awards: sum(inPeriod(c.awards)),
    byYear,
    libraries: (['major', 'reserve'] as const).map((tier) => ({ tier, ...kindCounts(c.library.filter((e) => e.tier === tier)) })),
    units: {
      total: new Set(units.filter((e) => e.n > 0).map((e) => e.unitId)).size,
      detachments: [...groups.values()].sort((a, b) => b.exemplars - a.exemplars || (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0)),
    },
    placements: {
      total: sum(placements),
      byLevel: OUTLET_ORDER.map((level) => ({ level, n: sum(placements.filter((p) => p.level === level)) })).filter((l) => l.level !== 'unrated' || l.n > 0),
      byYear: periodYears.map((year) => ({ year, n: sum(placements.filter((p) => p.year === year)) })),
      outlets: outlets.filter((o) => o.n > 0).sort((a, b) => b.n - a.n || (a.outlet < b.outlet ? -1 : a.outlet > b.outlet ? 1 : 0)).slice(0, WALL_TOP_OUTLETS),
    },
    updatedAt: summary?.updatedAt ?? null,
  };
}
