/**
 * Order-preserving index keys. Each indexed field becomes the SQL expression
 * `bk(json_type(doc, path), json_extract(doc, path))`; `bk` is a deterministic JS function
 * registered on the connection, so SQLite can build expression indexes over it and compare keys
 * in a way that follows MongoDB's cross-type order:
 *   missing/null → NULL, numbers → REAL/INTEGER, strings → TEXT (binary, as BSON compares UTF-8),
 *   then BLOBs tagged with the BSON type byte: object 0x03, array 0x04, bool 0x08, date 0x09.
 * SQLite's own ordering (NULL < numeric < TEXT < BLOB) then matches BSON's for every type we push down.
 */
import { EJSON } from 'bson';

export const TAG_OBJECT = 0x03;
export const TAG_ARRAY = 0x04;
export const TAG_BOOL = 0x08;
export const TAG_DATE = 0x09;

export type SqlKey = number | string | Buffer | null;

export function dateKey(ms: number): Buffer {
  const b = Buffer.alloc(9);
  b[0] = TAG_DATE;
  // Flip the sign bit so two's-complement big-endian bytes sort like the signed value.
  b.writeBigUInt64BE(BigInt.asUintN(64, BigInt(Math.trunc(ms))) ^ (1n << 63n), 1);
  return b;
}

export function boolKey(v: boolean): Buffer {
  return Buffer.from([TAG_BOOL, v ? 1 : 0]);
}

/** The `bk` SQL function: (json_type, json_extract) → key. */
export function bk(type: unknown, value: unknown): SqlKey {
  switch (type) {
    case null:
    case undefined:
    case 'null':
      return null;
    case 'integer':
    case 'real':
      return value as number;
    case 'text':
      return value as string;
    case 'true':
      return boolKey(true);
    case 'false':
      return boolKey(false);
    case 'array':
      return Buffer.concat([Buffer.from([TAG_ARRAY]), Buffer.from(String(value), 'utf8')]);
    case 'object': {
      const text = String(value);
      if (text.startsWith('{"$date":')) {
        const d = EJSON.parse(text) as unknown;
        if (d instanceof Date) return dateKey(d.getTime());
      }
      return Buffer.concat([Buffer.from([TAG_OBJECT]), Buffer.from(text, 'utf8')]);
    }
    default:
      return null;
  }
}

/** A field path whose every segment is a plain name can be addressed by a JSON path. */
export function jsonPath(field: string): string | null {
  const parts = field.split('.');
  if (parts.some((p) => p === '' || /^\d+$/.test(p) || p.includes('"') || p.startsWith('$'))) return null;
  return '$' + parts.map((p) => `."${p}"`).join('');
}

/** SQL expression of a field's key; `_id` is the primary-key column itself. */
export function keyExpr(field: string): string | null {
  if (field === '_id') return 'id';
  const path = jsonPath(field);
  if (!path) return null;
  const lit = `'${path.replace(/'/g, "''")}'`;
  return `bk(json_type(doc, ${lit}), json_extract(doc, ${lit}))`;
}

/** Key of a query operand, or undefined when the operand is not a scalar we can push down. */
export function operandKey(v: unknown): SqlKey | undefined {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return boolKey(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : dateKey(v.getTime());
  return undefined;
}

/**
 * True when the value at `field` passes through or is an array in `doc`: such a field is
 * multikey (MongoDB flags an index the same way), and equality on it means "contains",
 * which a single-valued SQL key cannot answer.
 */
export function touchesArray(doc: unknown, field: string): boolean {
  let cur: unknown = doc;
  for (const part of field.split('.')) {
    if (Array.isArray(cur)) return true;
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return Array.isArray(cur);
}
