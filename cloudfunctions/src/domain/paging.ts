/**
 * Keyset paging over (sort value desc, _id desc) without skip/offset.
 *
 * A page after cursor (t, id) is the union of two exact, index-served ranges:
 *   1. the rest of the tie group: sort = t and _id < id, by _id desc;
 *   2. everything older:          sort < t, by sort desc then _id desc.
 * Range 2 is only read when range 1 did not fill the page. We ask for one row more than the
 * page shows, so the presence of that extra row tells whether a next page exists without a
 * count query.
 *
 * Rows may also be dropped after reading by a rule no index can express (an individual's
 * consent): then reading simply continues after the last row read, with the same two ranges,
 * until enough rows were kept or the ranges are exhausted. Without such a rule this costs
 * nothing extra.
 */
import type { Id } from '@contract';
import { encodeCursor, type Cursor } from './cursor';

export type KeysetRange =
  /** First page: the newest rows. */
  | { kind: 'head'; take: number }
  /** Rows tied with the sort value, below the id. */
  | { kind: 'tie'; sortValue: number; idBelow: Id; take: number }
  /** Rows strictly below the sort value. */
  | { kind: 'below'; sortValue: number; take: number };

export interface KeysetRow {
  sortValue: number;
  id: Id;
}

/** The first range to read for a page of `limit` items (limit + 1 rows: the look-ahead). */
export function firstRange(cursor: Cursor | null, limit: number): KeysetRange {
  const take = limit + 1;
  if (!cursor) return { kind: 'head', take };
  return { kind: 'tie', sortValue: cursor.sortValue, idBelow: cursor.id, take };
}

/**
 * What to read after `range` returned `rows` (in order), when `stillNeeded` more kept rows
 * are wanted; null when the page is settled.
 */
export function nextRange(range: KeysetRange, rows: readonly KeysetRow[], stillNeeded: number): KeysetRange | null {
  if (stillNeeded <= 0) return null;
  const last = rows[rows.length - 1];
  if (rows.length >= range.take && last) {
    // The range may hold more: continue right after the last row read.
    return { kind: 'tie', sortValue: last.sortValue, idBelow: last.id, take: stillNeeded };
  }
  // The range is exhausted; only a tie range leaves older rows unread.
  if (range.kind === 'tie') return { kind: 'below', sortValue: range.sortValue, take: stillNeeded };
  return null;
}

/**
 * Cuts the kept rows (in order, at most limit + 1) into the rows to show and the cursor of
 * the next page, which exists only when a further row was seen. Views are built afterwards
 * from the shown rows only, so joins never fetch for the look-ahead row.
 */
export function cutPage<R extends { _id: Id }>(
  rows: readonly R[],
  limit: number,
  sortValueOf: (row: R) => number,
): { rows: R[]; next: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  const next = rows.length > limit && last ? encodeCursor(sortValueOf(last), last._id) : null;
  return { rows: shown, next };
}
