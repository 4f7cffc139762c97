/**
 * The wire carries canonical EJSON strings (bson 4, as @cloudbase/database serialises them).
 * Decoding turns them into plain JS values mingo understands: BSONRegExp → RegExp,
 * `{$tcb_server_date:{offset}}` → the server's Date. Stored documents are relaxed EJSON text so
 * SQLite's json_extract sees plain numbers and strings.
 */
import { EJSON, BSONRegExp } from 'bson';
import { invalidParam } from './errors';

export type Doc = Record<string, unknown>;

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

function toRegExp(r: BSONRegExp): RegExp {
  // Mongo options ('x', 'l') have no JS meaning; the SDK also passes JS flags like 'g' through.
  const flags = [...new Set(r.options.split(''))].filter((f) => JS_REGEX_FLAGS.has(f)).join('');
  return new RegExp(r.pattern, flags);
}

function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Replace wire-only forms by their server-side values, recursively. */
export function materialise(value: unknown, now: number): unknown {
  if (value instanceof BSONRegExp) return toRegExp(value);
  if (Array.isArray(value)) return value.map((v) => materialise(v, now));
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const spec = value.$tcb_server_date as { offset?: unknown } | null;
      const offset = spec && typeof spec.offset === 'number' ? spec.offset : 0;
      return new Date(now + offset);
    }
    const out: Doc = {};
    for (const k of keys) out[k] = materialise(value[k], now);
    return out;
  }
  return value;
}

/** Parse one EJSON string param; `what` names it in the error. */
export function decode(text: unknown, what: string, now: number): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  return materialise(parsed, now);
}

export function decodeObject(text: unknown, what: string, now: number): Doc {
  const v = decode(text, what, now);
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`);
  return v;
}

/** Stored and replied form. RegExp values are kept as BSON regular expressions. */
export function encode(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

export function parseStored(text: string): Doc {
  return materialise(EJSON.parse(text, { relaxed: true }), 0) as Doc;
}

/**
 * Deep copy of a document. Deliberately not structuredClone: under jest's vm sandbox that
 * returns objects of the host realm, which mingo does not recognise as plain objects.
 */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneDoc(x);
    return out as T;
  }
  return v;
}

export { isPlainObject };
