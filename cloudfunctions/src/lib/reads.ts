/**
 * Read patterns shared by the functions: keyset pages and batched joins. Both are written
 * against the typed adapter, never the SDK, and both only issue queries a declared index
 * serves (see cloudfunctions/database.ts).
 */
import type { Id } from '@contract';
import type { Cursor } from '../domain/cursor';
import { cutPage, firstRange, nextRange, type KeysetRange } from '../domain/paging';
import type { Cloud, Filter, Query } from '../adapters/cloud';
import { requestCursor } from './cursor';
import { isFailure, type Failure } from './handler';

/** The SDK sends `_.in` lists and limits per query; 100 is the default page the cloud returns. */
const IN_BATCH = 100;

export interface KeysetRead<D, T extends { _id: Id }> {
  /** The collection, already narrowed with `.select()`. */
  source: () => Query<D, T>;
  /** Equality filter of the index prefix (e.g. `{ state: 'published' }`). */
  filter: Filter<D>;
  /**
   * The numeric sort field, tie-broken by `_id` in the same direction; it must be among the
   * selected fields, or be a dot path into one (`consent.recordedAt` when `consent` is selected).
   */
  sortField: SortField<T>;
  /**
   * Newest first (`desc`, the default: feeds, libraries, logs) or oldest first (`asc`: work
   * queues, done in the order it arrived). The cursor names the last row shown either way.
   */
  order?: 'asc' | 'desc';
  cursor: Cursor | null;
  limit: number;
  cmd: Cloud['command'];
  /** A rule no index can express; rows it rejects are skipped and reading goes on. */
  keep?: (row: T) => boolean;
}

/** A selected field, or a dot path into a selected object field. */
export type SortField<T> = (keyof T & string) | `${keyof T & string}.${string}`;

function sortValue<T>(row: T, field: string): number {
  const v = rawSortValue(row, field);
  if (typeof v !== 'number') throw new Error(`row ${(row as { _id?: string })._id} has a non-numeric ${field}`);
  return v;
}

function rawSortValue<T>(row: T, field: string): unknown {
  let v: unknown = row;
  for (const key of field.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * The query of one range (domain/paging.ts names them for the newest-first walk: "below" is
 * "further along the walk", which for an oldest-first walk means greater).
 */
function rangeQuery<D, T extends { _id: Id }>(read: KeysetRead<D, T>, range: KeysetRange): Query<D, T> {
  const byId = '_id' as keyof D & string;
  const field = read.sortField as keyof D & string;
  const dir = read.order ?? 'desc';
  const past = (v: number | string) => (dir === 'desc' ? read.cmd.lt(v) : read.cmd.gt(v));
  const q = read.source();
  switch (range.kind) {
    case 'head':
      // Ascending, rows without a sort value would come first and end the walk at once (see
      // readKeysetPage): an oldest-first walk starts at the first row that has one.
      return q
        .where((dir === 'desc' ? read.filter : { ...read.filter, [field]: read.cmd.gt(Number.MIN_SAFE_INTEGER) }) as Filter<D>)
        .orderBy(field, dir)
        .orderBy(byId, dir)
        .limit(range.take);
    case 'tie':
      return q
        .where({ ...read.filter, [field]: range.sortValue, _id: past(range.idBelow) } as Filter<D>)
        .orderBy(byId, dir)
        .limit(range.take);
    case 'below':
      return q
        .where({ ...read.filter, [field]: past(range.sortValue) } as Filter<D>)
        .orderBy(field, dir)
        .orderBy(byId, dir)
        .limit(range.take);
  }
}

/** One keyset page: never skip/offset, so page 500 costs what page 1 costs. */
export async function readKeysetPage<D, T extends { _id: Id }>(read: KeysetRead<D, T>): Promise<{ rows: T[]; next: string | null }> {
  return cutPage(await readKept(read), read.limit, (r) => sortValue(r, read.sortField));
}

/** The kept rows of a page plus the look-ahead row, when there is one (at most limit + 1). */
async function readKept<D, T extends { _id: Id }>(read: KeysetRead<D, T>): Promise<T[]> {
  const want = read.limit + 1;
  const kept: T[] = [];
  let range: KeysetRange | null = firstRange(read.cursor, read.limit);
  while (range) {
    const rows = await rangeQuery(read, range).get();
    // A missing sort value sorts last in a descending walk, and a row without one has no
    // position a cursor could name: the walk ends there (the visibility rules hide such rows).
    const end = rows.findIndex((r) => rawSortValue(r, read.sortField) === null || rawSortValue(r, read.sortField) === undefined);
    const placed = end === -1 ? rows : rows.slice(0, end);
    for (const row of placed) if (!read.keep || read.keep(row)) kept.push(row);
    if (end !== -1) break;
    const keysetRows = placed.map((r) => ({ sortValue: sortValue(r, read.sortField), id: r._id }));
    range = nextRange(range, keysetRows, want - kept.length);
  }
  return kept;
}

/**
 * One page of a list merged from several keyset reads of the same collection, order and sort
 * field (a reviewer's queue over several subtrees or review levels). One cursor serves them
 * all: it names the last row shown of the merged order, and each read continues after it. A
 * read's first limit + 1 kept rows after the cursor hold every row it can contribute to the
 * page and its look-ahead, so the page is exact whatever the reads hold. A row two reads
 * both answer (overlapping subtrees) is shown once.
 */
export async function readMergedPage<D, T extends { _id: Id }>(
  req: { cursor?: string | null; limit?: number },
  defaultLimit: number,
  read: Omit<KeysetRead<D, T>, 'cursor' | 'limit' | 'filter'> & { filters: readonly Filter<D>[] },
): Promise<{ rows: T[]; next: string | null } | Failure<never>> {
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const limit = req.limit ?? defaultLimit;
  const { filters, ...shared } = read;
  const lists = await Promise.all(filters.map((filter) => readKept({ ...shared, filter, cursor, limit })));
  const byId = new Map<Id, T>();
  for (const list of lists) for (const row of list) byId.set(row._id, row);
  const sign = (read.order ?? 'desc') === 'desc' ? -1 : 1;
  const key = (r: T) => sortValue(r, read.sortField);
  // The database's order: the sort value, then _id compared as strings (code units, as the index does).
  const merged = [...byId.values()].sort((a, b) => sign * (key(a) - key(b) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)));
  return cutPage(merged, limit, key);
}

/** Documents by id with `_.in`, in batches: one query per 100 ids, never one per id. */
export async function byIds<D, T extends { _id: Id }>(source: () => Query<D, T>, cmd: Cloud['command'], ids: readonly Id[]): Promise<Map<Id, T>> {
  const unique = [...new Set(ids)];
  const out = new Map<Id, T>();
  const batches: Id[][] = [];
  for (let i = 0; i < unique.length; i += IN_BATCH) batches.push(unique.slice(i, i + IN_BATCH));
  const results = await Promise.all(
    batches.map((batch) =>
      source()
        .where({ _id: cmd.in(batch) } as Filter<D>)
        .limit(batch.length)
        .get(),
    ),
  );
  for (const rows of results) for (const row of rows) out.set(row._id, row);
  return out;
}

/**
 * The page a list request asks for: its cursor decoded by the one cursor codec (a cursor this
 * server did not issue is INVALID_ARGUMENT), its limit or the list's default.
 */
export async function readRequestedPage<D, T extends { _id: Id }>(
  req: { cursor?: string | null; limit?: number },
  defaultLimit: number,
  read: Omit<KeysetRead<D, T>, 'cursor' | 'limit'>,
): Promise<{ rows: T[]; next: string | null } | Failure<never>> {
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  return readKeysetPage({ ...read, cursor, limit: req.limit ?? defaultLimit });
}
