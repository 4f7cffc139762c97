/**
 * Workboard — the figures reported upward, the leaders' dashboard and its Excel workbook.
 * Request schemas live in types/schemas.ts (figureSchemas); views and the Api interface here.
 *
 * Staff figures, not the public wall: every exemplar in the unit subtree counts, published or
 * not, with or without a person's consent to publication (the wall, types/honours.ts, shows only
 * what readers may see). What counts is defined once, in cloudfunctions/src/domain/figures.ts.
 */
import type { z } from 'zod';
import type { ExemplarKind, HonorLevel, Id, IsoDate } from './entities';
import type { PlacementLevel } from './honours';
import type { UnitNode } from './staff';
import type { UnitRef } from './views';
import type { figureSchemas } from './schemas';

/** Distinct exemplars of each kind: a person counts once, a collective (a station, a unit) once. */
export interface KindPair {
  collectives: number;
  individuals: number;
}

/** Honours by level: distinct exemplars honoured at each level in the period. */
export interface HonourCells {
  /** National or regional (兵团) — one line in the corps' reports; an exemplar with both counts once. */
  nationalRegional: KindPair;
  national: KindPair;
  regional: KindPair;
  prefecture: KindPair;
  county: KindPair;
  /** Honour records (not people) in the period. */
  awards: number;
}

/** Media placements by outlet level (未分级: recorded before levels existed). */
export type PlacementCells = Record<PlacementLevel, number> & { total: number };

/** Library sizes now, and the library decisions taken in the period. */
export interface LibraryCells {
  major: KindPair;
  reserve: KindPair;
  /** Tier changes dated in the period. */
  promoted: number;
  demoted: number;
  retired: number;
  reinstated: number;
  enrolled: number;
}

/** Plan tasks due in the period (collection plan_tasks): done of total, and overdue (not done, due before today). */
export interface PlanCells {
  total: number;
  done: number;
  overdue: number;
}

/** One unit's subtree in every table: rows of the dashboard's and the workbook's tables. */
export interface UnitFigures {
  unit: UnitRef;
  parentId: Id | null;
  /** 0 for the unit asked about, 1 for its children… (the workbook indents by it). */
  depth: number;
  honours: HonourCells;
  /** Collectives commended with a merit citation (记功: 集体一/二/三等功) in the period. */
  commendedUnits: number;
  placements: PlacementCells;
  library: LibraryCells;
  plans: PlanCells;
}

/** A commended collective, as the 单位记功 list shows it. */
export interface CommendationRow {
  exemplarId: Id;
  name: string;
  unit: UnitRef | null;
  title: string;
  level: HonorLevel;
  date: IsoDate;
  awardedBy: string;
}

export interface FiguresView {
  /** The unit asked about and the period, as normalised (a year becomes its first or last day). */
  unit: UnitRef;
  from: IsoDate;
  to: IsoDate;
  /** Today in Asia/Shanghai: what "overdue" is judged against. */
  today: IsoDate;
  /** The unit's whole subtree (its row first): totals of the period. */
  total: UnitFigures;
  /** The unit's direct children, in order, each with its subtree's figures (the dashboard's rows). */
  children: UnitFigures[];
  /** Per year of the period, oldest first: distinct exemplars honoured at each level, and placements. */
  byYear: { year: number; levels: ({ level: HonorLevel } & KindPair)[]; placements: PlacementCells }[];
  commendations: CommendationRow[];
  /** Units the caller may ask about (their grants' subtrees), for the unit picker. */
  scope: UnitNode[];
}

/** The workbook made for a figures request: a temporary URL of the stored .xlsx. */
export interface FiguresExport {
  url: string;
  fileName: string;
  /** When the URL stops working (epoch ms, an estimate: the cloud decides). */
  expiresAt: number;
}

export type FiguresRequest = z.input<typeof figureSchemas.figures>;

/** Kinds in the order tables show them: collectives first, as the corps reports them. */
export const FIGURE_KINDS: readonly ExemplarKind[] = ['collective', 'individual'];

/** The `workboard` function's figures actions. */
export interface FiguresApi {
  /** The figures of a unit subtree over a period (staff with any role over the unit). */
  figures: { req: z.input<typeof figureSchemas.figures>; res: FiguresView };
  /** The same figures as an Excel workbook in storage, answered as a temporary URL. */
  exportFigures: { req: z.input<typeof figureSchemas.exportFigures>; res: FiguresExport };
}

/** `2022年1月1日` from `2022-01-01`. */
function chineseDate(d: IsoDate): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/**
 * How the period reads at the head of the figure sentence: 自2022年以来 (from a new year's day
 * up to today), 2023年 (one whole year), 2022年至2024年 (whole years), else the two dates.
 */
export function periodPhrase(v: Pick<FiguresView, 'from' | 'to' | 'today'>): string {
  const fromYearStart = v.from.endsWith('-01-01');
  const toYearEnd = v.to.endsWith('-12-31');
  const fy = Number(v.from.slice(0, 4));
  const ty = Number(v.to.slice(0, 4));
  if (fromYearStart && v.to === v.today) return `自${fy}年以来`;
  if (fromYearStart && toYearEnd) return fy === ty ? `${fy}年` : `${fy}年至${ty}年`;
  if (v.to === v.today) return `自${chineseDate(v.from)}以来`;
  return `${chineseDate(v.from)}至${chineseDate(v.to)}`;
}

/**
 * The figure sentence the corps reports in: "自2022年以来，共有34个集体和56名个人获国家级或自治区级
 * 表彰，38个集体和69名个人获地州级表彰，17个单位受到县级以上记功表彰，媒体刊发报道360篇（次）。"
 */
export function figuresSentence(v: Pick<FiguresView, 'from' | 'to' | 'today' | 'total'>): string {
  const h = v.total.honours;
  return (
    `${periodPhrase(v)}，${v.total.unit.name}共有${h.nationalRegional.collectives}个集体和${h.nationalRegional.individuals}名个人获国家级或自治区（兵团）级表彰，` +
    `${h.prefecture.collectives}个集体和${h.prefecture.individuals}名个人获地州级表彰，` +
    `${v.total.commendedUnits}个单位受到县级以上记功表彰，媒体刊发报道${v.total.placements.total}篇（次）。`
  );
}
