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
  /** The numeric sort field (desc), tie-broken by `_id` desc; it must be among the selected fields. */
  sortField: keyof D & keyof T & string;
  cursor: Cursor | null;
  limit: number;
  cmd: Cloud['command'];
  /** A rule no index can express; rows it rejects are skipped and reading goes on. */
  keep?: (row: T) => boolean;
}

function sortValue<T>(row: T, field: keyof T & string): number {
  const v = row[field];
  if (typeof v !== 'number') throw new Error(`row ${(row as { _id?: string })._id} has a non-numeric ${field}`);
  return v;
}

function rangeQuery<D, T extends { _id: Id }>(read: KeysetRead<D, T>, range: KeysetRange): Query<D, T> {
  const byId = '_id' as keyof D & string;
  const q = read.source();
  const { cmd, sortField } = read;
  switch (range.kind) {
    case 'head':
      return q.where(read.filter).orderBy(sortField, 'desc').orderBy(byId, 'desc').limit(range.take);
    case 'tie':
      return q
        .where({ ...read.filter, [sortField]: range.sortValue, _id: cmd.lt(range.idBelow) } as Filter<D>)
        .orderBy(byId, 'desc')
        .limit(range.take);
    case 'below':
      return q
        .where({ ...read.filter, [sortField]: cmd.lt(range.sortValue) } as Filter<D>)
        .orderBy(sortField, 'desc')
        .orderBy(byId, 'desc')
        .limit(range.take);
  }
}

/** One keyset page: never skip/offset, so page 500 costs what page 1 costs. */
export async function readKeysetPage<D, T extends { _id: Id }>(read: KeysetRead<D, T>): Promise<{ rows: T[]; next: string | null }> {
  const want = read.limit + 1;
  const kept: T[] = [];
  let range: KeysetRange | null = firstRange(read.cursor, read.limit);
  while (range) {
    const rows = await rangeQuery(read, range).get();
    // A missing sort value sorts last in a descending walk, and a row without one has no
    // position a cursor could name: the walk ends there (the visibility rules hide such rows).
    const end = rows.findIndex((r) => r[read.sortField] === null || r[read.sortField] === undefined);
    const placed = end === -1 ? rows : rows.slice(0, end);
    for (const row of placed) if (!read.keep || read.keep(row)) kept.push(row);
    if (end !== -1) break;
    const keysetRows = placed.map((r) => ({ sortValue: sortValue(r, read.sortField), id: r._id }));
    range = nextRange(range, keysetRows, want - kept.length);
  }
  return cutPage(kept, read.limit, (r) => sortValue(r, read.sortField));
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
