/**
 * Splits a MongoDB filter into per-field conjuncts, the shape both the SQL planner and the
 * index check reason about. Anything that is not a top-level field condition (an `$or`, `$nor`,
 * `$expr`…) is kept as "opaque": mingo evaluates it, SQL never sees it.
 */
import { isPlainObject, type Doc } from './ejson';

export type OpKind = 'eq' | 'in' | 'range' | 'other';

export interface FieldCondition {
  field: string;
  /** Operator → operand, `$eq` for a bare value. */
  ops: [string, unknown][];
}

export interface Analysis {
  fields: FieldCondition[];
  /** `$or` branches (each analysed), needed by the index check. */
  ors: Analysis[][];
  /** True when some part of the filter is neither a field condition nor an `$or`. */
  opaque: boolean;
}

function isOperatorObject(v: unknown): v is Doc {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));
}

export function analyse(filter: Doc): Analysis {
  const out: Analysis = { fields: [], ors: [], opaque: false };
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) {
        if (!isPlainObject(sub)) {
          out.opaque = true;
          continue;
        }
        const a = analyse(sub);
        out.fields.push(...a.fields);
        out.ors.push(...a.ors);
        out.opaque ||= a.opaque;
      }
    } else if (key === '$or' && Array.isArray(value)) {
      out.ors.push(value.map((b) => (isPlainObject(b) ? analyse(b) : { fields: [], ors: [], opaque: true })));
    } else if (key.startsWith('$')) {
      out.opaque = true;
    } else if (isOperatorObject(value)) {
      out.fields.push({ field: key, ops: Object.entries(value) });
    } else {
      out.fields.push({ field: key, ops: [['$eq', value]] });
    }
  }
  return out;
}

export function opKind(op: string, operand: unknown): OpKind {
  switch (op) {
    case '$eq':
      // Equality with a RegExp is a pattern match, not a point lookup.
      return operand instanceof RegExp ? 'other' : 'eq';
    case '$in':
      return Array.isArray(operand) && !operand.some((v) => v instanceof RegExp) ? 'in' : 'other';
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return 'range';
    default:
      return 'other';
  }
}
