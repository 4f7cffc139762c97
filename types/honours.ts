/**
 * The honours wall (荣誉墙): the corps' honours and media placements as figures a reader takes in
 * at a glance. What counts is defined once, in cloudfunctions/src/domain/honours-wall.ts; this
 * file holds the shapes the summary is stored in and the view pages receive.
 */
import type { ExemplarKind, HonorLevel, Id, IsoDate, Millis, PostCategory } from './entities';
import type { ExemplarRef, UnitRef } from './views';

/** A media outlet's level: 中央 · 自治区/兵团 · 地州市 · 县市. */
export type OutletLevel = 'central' | 'regional' | 'prefecture' | 'county';
export const OUTLET_LEVELS: readonly OutletLevel[] = ['central', 'regional', 'prefecture', 'county'];
export const OUTLET_LEVEL_LABEL: Record<OutletLevel, string> = {
  central: '中央媒体',
  regional: '自治区媒体',
  prefecture: '地州市媒体',
  county: '县市媒体',
};
/** A placement recorded before outlets had levels counts under 未分级 until an editor sets one. */
export type PlacementLevel = OutletLevel | 'unrated';
export const PLACEMENT_LEVEL_LABEL: Record<PlacementLevel, string> = { ...OUTLET_LEVEL_LABEL, unrated: '未分级' };

/**
 * The sets of honours a figure counts: one honour level, national-or-regional together (the
 * corps reports them as one line), merit citations (记功: 一/二/三等功), or any honour at all.
 */
export type HonourBand = HonorLevel | 'national_regional' | 'merit' | 'any';
export const HONOUR_BANDS: readonly HonourBand[] = ['national_regional', 'national', 'regional', 'prefecture', 'county', 'merit', 'any'];
export const HONOUR_BAND_LABEL: Record<HonourBand, string> = {
  national_regional: '国家级和自治区（兵团）级',
  national: '国家级',
  regional: '自治区（兵团）级',
  prefecture: '地州市级',
  county: '县市级',
  merit: '记功',
  any: '各级',
};

/** One exemplar's honours counted by level, year and whether they are merit citations (Exemplar.wall). */
export interface HonourTally {
  level: HonorLevel;
  year: number;
  merit: boolean;
  n: number;
}

/** One exemplar's media placements counted by outlet level, year and outlet (Exemplar.wall). */
export interface PlacementTally {
  level: PlacementLevel;
  year: number;
  outlet: string;
  n: number;
}

/**
 * What an exemplar contributes to the wall, kept on its document and moved in the same
 * transaction as its honours and placements: a second honour of the same level and year finds
 * the first already counted, and a profile leaving public view takes exactly its own figures away.
 */
export interface ExemplarWall {
  honours: HonourTally[];
  placements: PlacementTally[];
}

/**
 * The precomputed figures (collection `honours_summary`, one document): moved in the same
 * transaction as every write that changes them, rebuilt by the reconcile timer. Entries with
 * n = 0 are left out.
 */
export interface HonoursSummary {
  _id: Id;
  /** Distinct public exemplars with at least one honour of the band dated in the year. */
  honoured: { band: HonourBand; year: number; kind: ExemplarKind; n: number }[];
  /** Distinct public exemplars by the latest year of their honours in the band: "since Y" adds the years ≥ Y. */
  latest: { band: HonourBand; year: number; kind: ExemplarKind; n: number }[];
  /** Honours (records, not people) of public exemplars by level and year. */
  awards: { level: HonorLevel; year: number; kind: ExemplarKind; n: number }[];
  /** Public honoured exemplars by their own unit and the latest year of any of their honours. */
  units: { unitId: Id; year: number; n: number }[];
  /** Public exemplars in each library (retired ones are in none). */
  library: { tier: 'major' | 'reserve'; kind: ExemplarKind; n: number }[];
  /**
   * Public exemplars in each library by their own unit (unitId), kind and post category: the
   * library's unit filter sums them over a subtree as the tree stands (content.libraryUnits), so
   * its counts cost one read whatever the library's size. Absent on summaries written before it
   * existed (read as empty until the reconcile timer rebuilds the summary).
   */
  libraryUnits: { unitId: Id; tier: 'major' | 'reserve'; kind: ExemplarKind; category: PostCategory; n: number }[];
  /** Media placements about public exemplars by outlet level, year and outlet. */
  placements: { level: PlacementLevel; year: number; outlet: string; n: number }[];
  /** Moved by every write: the reconcile timer repairs only a summary nothing wrote while it counted. */
  revision: number;
  updatedAt: Millis;
}

export interface KindCounts {
  individuals: number;
  collectives: number;
}

/** content.honoursWall: the figures since a year (the corps reports "since 2022"). */
export interface HonoursWallView {
  /** Years with an honour or a placement of a public exemplar, oldest first (the period chips). */
  years: number[];
  /** The period's first year; null while there is nothing to count. */
  since: number | null;
  /** Distinct exemplars honoured since `since`, per band (HONOUR_BANDS order, 'any' last). */
  honoured: ({ band: HonourBand } & KindCounts)[];
  /** Honours (records) since `since`. */
  awards: number;
  /** Per year since `since`, oldest first: distinct exemplars honoured at each level that year. */
  byYear: { year: number; levels: ({ level: HonorLevel } & KindCounts)[] }[];
  libraries: ({ tier: 'major' | 'reserve' } & KindCounts)[];
  units: {
    /** Units (stations, battalions, detachments) with an exemplar of their own honoured since `since`. */
    total: number;
    /** Honoured exemplars since `since` per detachment (the corps' own bodies under 总队), most first. */
    detachments: { unit: UnitRef; exemplars: number }[];
  };
  placements: {
    total: number;
    byLevel: { level: PlacementLevel; n: number }[];
    byYear: { year: number; n: number }[];
    /** The outlets with the most placements, most first (at most WALL_TOP_OUTLETS). */
    outlets: { outlet: string; level: PlacementLevel; n: number }[];
  };
  /** When a write last moved the figures; null before the summary exists. */
  updatedAt: Millis | null;
}

export const WALL_TOP_OUTLETS = 12;

/** A media placement as the list behind a placement figure shows it. */
export interface PlacementCard {
  _id: Id;
  outlet: string;
  level: PlacementLevel;
  title: string;
  date: IsoDate;
  link: string | null;
  exemplar: ExemplarRef | null;
}
