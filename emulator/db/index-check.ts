/**
 * The rule from cloudfunctions/database.ts (MongoDB's equality-sort-range): an index serves a
 * query when its fields start with some of the query's equality fields, then continue with one
 * range field or with the sort keys in order (directions all equal or all reversed). Production
 * silently scans unindexed queries and times out once a collection grows; we refuse or warn
 * before that ships.
 */
import type { CollectionSpec, IndexSpec } from '../../cloudfunctions/database';
import { analyse, opKind, type Analysis } from './analyse';
import type { Doc } from './ejson';
import type { Order } from './plan';

interface Shape {
  eq: Set<string>;
  range: Set<string>;
  other: Set<string>;
}

function shapeOf(a: Analysis, base?: Shape): Shape {
  const s: Shape = {
    eq: new Set(base?.eq),
    range: new Set(base?.range),
    other: new Set(base?.other),
  };
  for (const { field, ops } of a.fields) {
    for (const [op, operand] of ops) {
      const k = opKind(op, operand);
      if (k === 'eq' || k === 'in') s.eq.add(field);
      else if (k === 'range') s.range.add(field);
      else s.other.add(field);
    }
  }
  for (const f of s.eq) {
    s.range.delete(f);
    s.other.delete(f);
  }
  return s;
}

function serves(index: IndexSpec, shape: Shape, order: Order): boolean {
  const fields = index.fields;
  let i = 0;
  while (i < fields.length && shape.eq.has(fields[i]![0])) i++;
  // Sorting on a field pinned by equality is free.
  const sort = order.filter(([f]) => !shape.eq.has(f));
  if (sort.length === 0) {
    if (order.length === 0 && shape.eq.size === 0 && shape.range.size === 0 && shape.other.size === 0) return true;
    return i > 0 || (i < fields.length && shape.range.has(fields[i]![0]));
  }
  let flip: boolean | null = null;
  let j = i;
  for (const [f, d] of sort) {
    while (j < fields.length && shape.eq.has(fields[j]![0]) && fields[j]![0] !== f) j++;
    const idx = fields[j];
    if (!idx || idx[0] !== f) return false;
    const reversed = idx[1] !== d;
    if (flip === null) flip = reversed;
    else if (flip !== reversed) return false;
    j++;
  }
  return true;
}

function describe(shape: Shape, order: Order): string {
  const parts = [
    ...[...shape.eq].map((f) => `${f}: equality`),
    ...[...shape.range].map((f) => `${f}: range`),
    ...[...shape.other].map((f) => `${f}: filter`),
  ];
  const sort = order.length ? ` sort {${order.map(([f, d]) => `${f}: ${d}`).join(', ')}}` : '';
  return `{${parts.join(', ')}}${sort}`;
}

function suggest(shape: Shape, order: Order): string {
  const eq = [...shape.eq].filter((f) => !order.some(([o]) => o === f));
  const sort = order.filter(([f]) => !shape.eq.has(f));
  const tail = sort.length ? sort.map(([f, d]) => `['${f}', ${d}]`) : [...shape.range].slice(0, 1).map((f) => `['${f}', 1]`);
  const fields = [...eq.map((f) => `['${f}', 1]`), ...tail];
  return fields.length ? `[${fields.join(', ')}]` : '(no field to index)';
}

export interface IndexVerdict {
  query: string;
  reason: string;
}

/** null when served (or exempt); otherwise what is wrong and which index would serve it. */
export function checkIndexes(spec: CollectionSpec, filter: Doc, order: Order): IndexVerdict | null {
  const a = analyse(filter);
  // Lookups by _id always ride the primary index.
  if (a.fields.some((c) => c.field === '_id' && c.ops.some(([op, v]) => ['eq', 'in'].includes(opKind(op, v))))) return null;
  const top = shapeOf(a);
  const servedBy = (shape: Shape, o: Order): boolean => spec.indexes.some((ix) => serves(ix, shape, o));
  let ok = servedBy(top, order);
  if (!ok && a.ors.length) {
    // Without a top-level index, every $or branch must be served on its own (MongoDB OR plans,
    // merged in sort order when each branch's index yields it).
    ok = a.ors.every((branches) => branches.every((b) => servedBy(shapeOf(b, top), order)));
  }
  if (ok) return null;
  const query = describe(top, order) + (a.ors.length ? ' with $or' : '');
  const declared = spec.indexes.map((ix) => `${ix.name}[${ix.fields.map(([f, d]) => `${f}:${d}`).join(', ')}]`).join(', ') || 'none';
  return {
    query,
    reason:
      `no declared index serves query ${query} on collection "${spec.name}" (declared: ${declared}); ` +
      `missing index: ${suggest(top, order)} — declare it in cloudfunctions/database.ts`,
  };
}
