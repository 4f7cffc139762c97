/**
 * The figures the corps reports upward (issue 12), defined once. Pure: the use cases load the
 * records of one unit subtree and one period (use-cases/figures/load.ts) and this counts them.
 *
 * - Staff figures: every exemplar of the subtree counts, published or not, with or without a
 *   person's consent to publication. The public honours wall (honours-wall.ts) counts only what
 *   readers see; these are the department's own numbers, shown only to staff.
 * - A unit's figures are those of its whole subtree, counted by the exemplar's unit as the tree
 *   stands (its unitPath copy, kept current when a unit moves).
 * - A period is two calendar dates, both included. A year stands for its first day (as `from`)
 *   or its last (as `to`); no `to` means today in Asia/Shanghai.
 * - Honours: exemplars are counted, not honour records — a person or a collective counts once per
 *   level however many honours of that level they received in the period. National-or-regional
 *   is one line (an exemplar with both counts once). `awards` counts the records.
 * - Commended units (单位记功): collectives with a merit citation (集体一/二/三等功, recognised by
 *   the title as honours-wall.ts does) dated in the period, at any level — all levels are county
 *   government or above.
 * - Media placements: placement records dated in the period by outlet level (未分级 when none was
 *   recorded). A placement linked to a story is one record, so a story carried once counts once
 *   however many exemplars it features.
 * - Libraries: sizes as they are now (retired exemplars are in none); movements are the tier
 *   decisions dated in the period (`keep`, a review that moves nothing, is not a movement).
 * - Plans: tasks due in the period, by their owner unit: done of total, and overdue = not done
 *   and due before today.
 */
import type { OutletLevel, CommendationRow, ExemplarKind, FiguresView, HonorLevel, HonourCells, Id, IsoDate, KindPair, LibraryCells, PlacementCells, PlanCells, Tier, TierHistoryKind, UnitFigures, UnitNode, UnitRef } from '@contract';
import { HONOR_LEVELS } from '@contract';
import { isMeritCitation, placementLevelOf } from './honours-wall';

export interface FigureUnit extends UnitNode {
  path: Id[];
}
export interface FigureExemplar {
  _id: Id;
  kind: ExemplarKind;
  tier: Tier;
  name: string;
  unitId: Id;
  unitPath: Id[];
}
export interface FigureHonour {
  exemplarId: Id;
  level: HonorLevel;
  date: IsoDate;
  title: string;
  awardedBy: string;
}
export interface FigurePlacement {
  exemplarId: Id | null;
  date: IsoDate;
  level?: OutletLevel;
}
export interface FigureTierChange {
  unitPath: Id[];
  kind: TierHistoryKind;
  /** The Asia/Shanghai date of the decision. */
  date: IsoDate;
}
export interface FigureTask {
  unitPath: Id[];
  due: IsoDate;
  status: 'not_started' | 'in_progress' | 'done';
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(at: number): IsoDate {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant an Asia/Shanghai date begins. */
export function shanghaiStart(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
}

/** A request's bounds as two dates: a year is its first day as `from`, its last as `to`; no `to` is today. */
export function periodOf(from: number | IsoDate, to: number | IsoDate | undefined, today: IsoDate): Period {
  const f = typeof from === 'number' ? `${from}-01-01` : from;
  const t = to === undefined ? today : typeof to === 'number' ? `${to}-12-31` : to;
  return { from: f, to: t };
}

export const inPeriod = (p: Period, date: IsoDate): boolean => date >= p.from && date <= p.to;

/** The years a period touches, oldest first. */
export function yearsOfPeriod(p: Period): number[] {
  const out: number[] = [];
  for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++) out.push(y);
  return out;
}

const pair = (): KindPair => ({ collectives: 0, individuals: 0 });
const emptyPlacements = (): PlacementCells => ({ central: 0, regional: 0, prefecture: 0, county: 0, unrated: 0, total: 0 });

/** The tier decisions a movement column counts (`keep` moves nothing). */
const MOVEMENT: Partial<Record<TierHistoryKind, keyof Pick<LibraryCells, 'promoted' | 'demoted' | 'retired' | 'reinstated' | 'enrolled'>>> = {
  promote: 'promoted',
  demote: 'demoted',
  retire: 'retired',
  reinstate: 'reinstated',
  enrol: 'enrolled',
};

/** Counting sets of one unit's subtree; turned into cells at the end. */
interface Tally {
  honoured: Record<HonorLevel | 'nationalRegional', Record<ExemplarKind, Set<Id>>>;
  awards: number;
  commended: Set<Id>;
  placements: PlacementCells;
  library: LibraryCells;
  plans: PlanCells;
}

function newTally(): Tally {
  const sets = () => ({ collective: new Set<Id>(), individual: new Set<Id>() });
  return {
    honoured: { nationalRegional: sets(), national: sets(), regional: sets(), prefecture: sets(), county: sets() },
    awards: 0,
    commended: new Set(),
    placements: emptyPlacements(),
    library: { major: pair(), reserve: pair(), promoted: 0, demoted: 0, retired: 0, reinstated: 0, enrolled: 0 },
    plans: { total: 0, done: 0, overdue: 0 },
  };
}

const pairOf = (s: Record<ExemplarKind, Set<Id>>): KindPair => ({ collectives: s.collective.size, individuals: s.individual.size });

function honourCells(t: Tally): HonourCells {
  return {
    nationalRegional: pairOf(t.honoured.nationalRegional),
    national: pairOf(t.honoured.national),
    regional: pairOf(t.honoured.regional),
    prefecture: pairOf(t.honoured.prefecture),
    county: pairOf(t.honoured.county),
    awards: t.awards,
  };
}

export interface FigureRecords {
  /** The subtree of the unit asked about (that unit included), as the tree stands. */
  units: readonly FigureUnit[];
  exemplars: readonly FigureExemplar[];
  /** Honours of those exemplars; records outside the period are ignored here. */
  honours: readonly FigureHonour[];
  placements: readonly FigurePlacement[];
  tierChanges: readonly FigureTierChange[];
  tasks: readonly FigureTask[];
}

export interface FigureTable {
  /** Every unit of the subtree with its subtree's figures, in tree order (parent before children, siblings by order). */
  rows: UnitFigures[];
  byYear: FiguresView['byYear'];
  commendations: CommendationRow[];
}

const refOf = (u: FigureUnit): UnitRef => ({ _id: u._id, name: u.name, shortName: u.shortName, level: u.level });

/**
 * The figures of `rootId`'s subtree over `period`, one row per unit of the subtree. Each record
 * is added to every unit on its path that lies in the subtree, so a row is its subtree's total.
 */
export function countFigures(rootId: Id, period: Period, today: IsoDate, r: FigureRecords): FigureTable {
  const inTree = new Map(r.units.map((u) => [u._id, u]));
  const tallies = new Map<Id, Tally>(r.units.map((u) => [u._id, newTally()]));
  /** The tallies of the subtree's units on a path (the root's and every unit below it on the way). */
  const along = (path: readonly Id[]): Tally[] => path.filter((id) => inTree.has(id)).map((id) => tallies.get(id) as Tally);
  const exemplars = new Map(r.exemplars.map((e) => [e._id, e]));

  for (const e of r.exemplars) {
    if (e.tier === 'retired') continue;
    for (const t of along(e.unitPath)) t.library[e.tier][e.kind === 'collective' ? 'collectives' : 'individuals'] += 1;
  }

  const years = yearsOfPeriod(period);
  const yearSets = new Map(years.map((y) => [y, new Map(HONOR_LEVELS.map((l) => [l, { collective: new Set<Id>(), individual: new Set<Id>() }]))]));
  const yearPlacements = new Map(years.map((y) => [y, emptyPlacements()]));
  const commendations: CommendationRow[] = [];

  for (const h of r.honours) {
    const e = exemplars.get(h.exemplarId);
    if (!e || !inPeriod(period, h.date)) continue;
    const merit = e.kind === 'collective' && isMeritCitation(h.title);
    for (const t of along(e.unitPath)) {
      t.awards += 1;
      t.honoured[h.level][e.kind].add(e._id);
      if (h.level === 'national' || h.level === 'regional') t.honoured.nationalRegional[e.kind].add(e._id);
      if (merit) t.commended.add(e._id);
    }
    yearSets.get(Number(h.date.slice(0, 4)))?.get(h.level)?.[e.kind].add(e._id);
    if (merit) {
      const unit = inTree.get(e.unitId);
      commendations.push({ exemplarId: e._id, name: e.name, unit: unit ? refOf(unit) : null, title: h.title, level: h.level, date: h.date, awardedBy: h.awardedBy });
    }
  }

  for (const p of r.placements) {
    const e = p.exemplarId === null ? undefined : exemplars.get(p.exemplarId);
    if (!e || !inPeriod(period, p.date)) continue;
    const level = placementLevelOf(p);
    for (const t of along(e.unitPath)) {
      t.placements[level] += 1;
      t.placements.total += 1;
    }
    const y = yearPlacements.get(Number(p.date.slice(0, 4)));
    if (y) {
      y[level] += 1;
      y.total += 1;
    }
  }

  for (const c of r.tierChanges) {
    const column = MOVEMENT[c.kind];
    if (!column || !inPeriod(period, c.date)) continue;
    for (const t of along(c.unitPath)) t.library[column] += 1;
  }

  for (const task of r.tasks) {
    if (!inPeriod(period, task.due)) continue;
    for (const t of along(task.unitPath)) {
      t.plans.total += 1;
      if (task.status === 'done') t.plans.done += 1;
      else if (task.due < today) t.plans.overdue += 1;
    }
  }

  // Tree order: the root, then each child's subtree in the children's order.
  const children = new Map<Id, FigureUnit[]>();
  for (const u of r.units) {
    if (u._id === rootId || u.parentId === null) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const rows: UnitFigures[] = [];
  const visit = (u: FigureUnit, depth: number) => {
    const t = tallies.get(u._id) as Tally;
    rows.push({
      unit: refOf(u),
      parentId: u.parentId,
      depth,
      honours: honourCells(t),
      commendedUnits: t.commended.size,
      placements: t.placements,
      library: t.library,
      plans: t.plans,
    });
    for (const c of [...(children.get(u._id) ?? [])].sort((a, b) => a.order - b.order)) visit(c, depth + 1);
  };
  const root = inTree.get(rootId);
  if (root) visit(root, 0);

  commendations.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    rows,
    byYear: years.map((year) => ({
      year,
      levels: HONOR_LEVELS.map((level) => {
        const s = yearSets.get(year)?.get(level);
        return { level, collectives: s?.collective.size ?? 0, individuals: s?.individual.size ?? 0 };
      }),
      placements: yearPlacements.get(year) ?? emptyPlacements(),
    })),
    commendations,
  };
}
