/**
 * Translates the indexable part of a filter and the sort into SQL over `bk(...)` keys, so SQLite
 * answers it from the expression indexes. The SQL selects a superset of the matching documents;
 * when every condition was translated exactly (`exact`), the SQL result IS the answer and
 * LIMIT/OFFSET may be pushed down; otherwise mingo filters what SQL yields.
 */
import { analyse, opKind } from './analyse';
import type { Doc } from './ejson';
import { keyExpr, operandKey, TAG_DATE, type SqlKey } from './keys';

export interface Plan {
  where: string[];
  params: SqlKey[];
  /** ORDER BY clause body, or null when the sort cannot be done by SQL. */
  orderBy: string | null;
  exact: boolean;
}

export type Order = [string, 1 | -1][];

const DATE_LO = Buffer.from([TAG_DATE]);
const DATE_HI = Buffer.from([TAG_DATE + 1]);
const EMPTY_BLOB = Buffer.alloc(0);

/** `pushable(field)`: the field has a single-valued key (indexed, never an array) or is `_id`. */
export function buildPlan(filter: Doc, order: Order, pushable: (field: string) => boolean): Plan {
  const a = analyse(filter);
  const plan: Plan = { where: [], params: [], orderBy: null, exact: !a.opaque };
  for (const { field, ops } of a.fields) {
    const expr = pushable(field) ? keyExpr(field) : null;
    if (!expr) {
      plan.exact = false;
      continue;
    }
    for (const [op, operand] of ops) {
      if (!pushOne(plan, field, expr, op, operand)) plan.exact = false;
    }
  }
  // An $or whose branches are all exactly pushable becomes one SQL disjunction.
  for (const branches of a.ors) {
    const parts: string[] = [];
    const params: SqlKey[] = [];
    let ok = branches.length > 0;
    for (const b of branches) {
      if (!ok || b.opaque || b.ors.length) {
        ok = false;
        break;
      }
      const sub: Plan = { where: [], params: [], orderBy: null, exact: true };
      for (const { field, ops } of b.fields) {
        const expr = pushable(field) ? keyExpr(field) : null;
        if (!expr) ok = false;
        else for (const [op, operand] of ops) if (!pushOne(sub, field, expr, op, operand)) ok = false;
      }
      parts.push(sub.where.length ? `(${sub.where.join(' AND ')})` : '1');
      params.push(...sub.params);
    }
    if (ok) {
      plan.where.push(`(${parts.join(' OR ')})`);
      plan.params.push(...params);
    } else plan.exact = false;
  }
  if (order.length && order.every(([f]) => pushable(f) && keyExpr(f))) {
    plan.orderBy = order.map(([f, d]) => `${keyExpr(f)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ');
  }
  return plan;
}

/** Adds one condition on `expr` (a key expression) to the plan; false when it cannot be said in SQL. */
export function pushOne(plan: Plan, field: string, expr: string, op: string, operand: unknown): boolean {
  const kind = opKind(op, operand);
  // The id column is TEXT with TEXT affinity: SQLite would coerce a number to a string there.
  const idOnlyStrings = field === '_id';
  if (kind === 'eq') {
    const k = operandKey(operand);
    if (k === undefined || (idOnlyStrings && typeof k !== 'string')) return false;
    if (k === null) plan.where.push(`${expr} IS NULL`);
    else {
      plan.where.push(`${expr} = ?`);
      plan.params.push(k);
    }
    return true;
  }
  if (kind === 'in') {
    const keys = (operand as unknown[]).map(operandKey);
    if (keys.some((k) => k === undefined || (idOnlyStrings && typeof k !== 'string'))) return false;
    const nonNull = keys.filter((k): k is Exclude<SqlKey, null> => k !== null && k !== undefined);
    const parts: string[] = [];
    if (keys.some((k) => k === null)) parts.push(`${expr} IS NULL`);
    if (nonNull.length) {
      parts.push(`${expr} IN (${nonNull.map(() => '?').join(', ')})`);
      plan.params.push(...nonNull);
    }
    plan.where.push(parts.length ? `(${parts.join(' OR ')})` : '0');
    return true;
  }
  if (kind === 'range') {
    const k = operandKey(operand);
    if (k === undefined || k === null || (idOnlyStrings && typeof k !== 'string')) return false;
    const sqlOp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op as '$gt' | '$gte' | '$lt' | '$lte'];
    // MongoDB compares only within a type ("type bracketing"): add the bounds of the operand's type.
    if (typeof k === 'number') {
      plan.where.push(`${expr} ${sqlOp} ?`);
      plan.params.push(k);
      if (sqlOp.startsWith('>')) {
        plan.where.push(`${expr} < ?`);
        plan.params.push('');
      }
      return true;
    }
    if (typeof k === 'string') {
      plan.where.push(`${expr} ${sqlOp} ?`, `${expr} >= ?`, `${expr} < ?`);
      plan.params.push(k, '', EMPTY_BLOB);
      return true;
    }
    if (operand instanceof Date) {
      plan.where.push(`${expr} ${sqlOp} ?`, `${expr} >= ?`, `${expr} < ?`);
      plan.params.push(k, DATE_LO, DATE_HI);
      return true;
    }
    return false;
  }
  return false;
}
