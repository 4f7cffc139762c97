/**
 * The honours wall counted a second way, for tests: straight from the honour, placement,
 * exemplar and unit documents, with plain loops and none of the wall's own code (no tallies, no
 * summary, no delta arithmetic), so a figure the functions answer is checked against a count
 * that could not share its mistakes.
 */
import type { Exemplar, Honor, HonoursWallView, MediaPlacement, Unit } from '@contract';

export interface WallDocs {
  exemplars: Exemplar[];
  honors: Honor[];
  placements: MediaPlacement[];
  units: Unit[];
}

const LEVELS = ['national', 'regional', 'prefecture', 'county'] as const;
const BANDS = ['national_regional', 'national', 'regional', 'prefecture', 'county', 'merit', 'any'] as const;
const OUTLET_LEVELS = ['central', 'regional', 'prefecture', 'county', 'unrated'] as const;

/** PIPL art. 25 as the product states it: published, and a person only with verified consent under their current name. */
function shown(e: Exemplar): boolean {
  if (e.state !== 'published') return false;
  if (e.kind === 'collective') return true;
  const c = e.consent;
  if (!c || c.name !== e.name || !c.verifiedBy) return false;
  return c.method === 'in_app' || c.verifiedBy !== c.recordedBy;
}

const year = (date: string) => parseInt(date.slice(0, 4), 10);

function inBand(h: Honor, band: (typeof BANDS)[number]): boolean {
  switch (band) {
    case 'any':
      return true;
    case 'merit':
      return /[一二三]等功$/.test(h.title.trim());
    case 'national_regional':
      return h.level === 'national' || h.level === 'regional';
    default:
      return h.level === band;
  }
}

function split(es: Exemplar[]): { individuals: number; collectives: number } {
  return { individuals: es.filter((e) => e.kind === 'individual').length, collectives: es.filter((e) => e.kind === 'collective').length };
}

export function independentWall(docs: WallDocs, since?: number): Omit<HonoursWallView, 'updatedAt'> {
  const pub = docs.exemplars.filter(shown);
  const byId = new Map(pub.map((e) => [e._id, e]));
  const honours = docs.honors.filter((h) => byId.has(h.exemplarId));
  const placements = docs.placements.filter((p) => p.exemplarId !== null && byId.has(p.exemplarId));
  const years = [...new Set([...honours.map((h) => year(h.date)), ...placements.map((p) => year(p.date))])].sort((a, b) => a - b);
  const from = since ?? years[0] ?? null;
  const inPeriod = (date: string) => from !== null && year(date) >= from;
  const who = (test: (h: Honor) => boolean) => pub.filter((e) => honours.some((h) => h.exemplarId === e._id && test(h)));

  const units = new Map(docs.units.map((u) => [u._id, u]));
  const honouredSince = who((h) => inPeriod(h.date));
  const perGroup = new Map<string, number>();
  for (const e of honouredSince) {
    const u = units.get(e.unitId);
    const g = u ? (u.path[1] ?? u.path[0]) : undefined;
    if (g && units.has(g)) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
  }
  const periodPlacements = placements.filter((p) => inPeriod(p.date));
  const levelOf = (p: MediaPlacement) => p.level ?? 'unrated';
  const outletNames = [...new Set(periodPlacements.map((p) => p.outlet.trim()))];
  const outlets = outletNames.map((outlet) => {
    const mine = periodPlacements.filter((p) => p.outlet.trim() === outlet);
    const counts = OUTLET_LEVELS.map((l) => [l, mine.filter((p) => levelOf(p) === l).length] as const);
    const top = Math.max(...counts.map(([, n]) => n));
    return { outlet, level: counts.find(([, n]) => n === top)![0], n: mine.length };
  });

  return {
    years,
    since: from,
    honoured: BANDS.map((band) => ({ band, ...split(who((h) => inBand(h, band) && inPeriod(h.date))) })),
    awards: honours.filter((h) => inPeriod(h.date)).length,
    byYear: years.filter((y) => from !== null && y >= from).map((y) => ({ year: y, levels: LEVELS.map((level) => ({ level, ...split(who((h) => h.level === level && year(h.date) === y)) })) })),
    libraries: (['major', 'reserve'] as const).map((tier) => ({ tier, ...split(pub.filter((e) => e.tier === tier)) })),
    units: {
      total: new Set(honouredSince.map((e) => e.unitId)).size,
      detachments: [...perGroup]
        .map(([id, exemplars]) => {
          const u = units.get(id)!;
          return { unit: { _id: u._id, name: u.name, shortName: u.shortName, level: u.level }, exemplars };
        })
        .sort((a, b) => b.exemplars - a.exemplars || (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0)),
    },
    placements: {
      total: periodPlacements.length,
      byLevel: OUTLET_LEVELS.map((level) => ({ level, n: periodPlacements.filter((p) => levelOf(p) === level).length })).filter((l) => l.level !== 'unrated' || l.n > 0),
      byYear: years.filter((y) => from !== null && y >= from).map((y) => ({ year: y, n: periodPlacements.filter((p) => year(p.date) === y).length })),
      outlets: outlets.sort((a, b) => b.n - a.n || (a.outlet < b.outlet ? -1 : a.outlet > b.outlet ? 1 : 0)).slice(0, 12),
    },
  };
}

/** The exemplars behind a band's figure since a year, by id (what content.honoured must list). */
export function independentHonoured(docs: WallDocs, band: (typeof BANDS)[number], since: number, kind?: Exemplar['kind'], within?: string): string[] {
  const units = new Map(docs.units.map((u) => [u._id, u]));
  return docs.exemplars
    .filter(shown)
    .filter((e) => (kind ? e.kind === kind : true))
    .filter((e) => (within ? (units.get(e.unitId)?.path ?? []).includes(within) : true))
    .filter((e) => docs.honors.some((h) => h.exemplarId === e._id && inBand(h, band) && year(h.date) >= since))
    .map((e) => e._id)
    .sort();
}
