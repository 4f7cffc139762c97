/**
 * The local cloud's database: answers the `database.*` actions wx-server-sdk sends to `/admin`,
 * stores every collection in one SQLite file, and serves declared indexes from SQLite expression
 * indexes. Query/update/aggregation semantics come from mingo; SQL only narrows candidates (see
 * plan.ts). Transactions are optimistic: snapshot reads, versions checked at commit, conflicts
 * reported at commit with the code the SDK retries on.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Aggregator, Query, createUpdater } from 'mingo';
import 'mingo/init/system';
import { MingoError } from 'mingo/util';
import type { CollectionSpec, IndexSpec } from '../../cloudfunctions/database';
import { analyse, opKind } from './analyse';
import { cloneDoc, decode, decodeObject, encode, isPlainObject, parseStored, type Doc } from './ejson';
import {
  DbError,
  collectionNotExist,
  duplicateKey,
  invalidParam,
  requestFailed,
} from './errors';
import { checkIndexes } from './index-check';
import { bk, jsonPath, keyExpr, touchesArray } from './keys';
import { buildPlan, pushOne, type Order, type Plan } from './plan';

export type AdminReply = { data: unknown } | { code: string; message: string };

/**
 * Wire note for the server: send `{requestId, ...reply}`. `database.startTransaction` replies
 * carry `transactionId` next to `data`, because the SDK reads it from the top level of the body.
 */
export interface DatabaseBackend {
  /** Answer one /admin action whose name starts with `database.` (params = the body minus `action`). */
  handle(action: string, params: Record<string, unknown>): Promise<AdminReply>;
  /** Seeding and tests: insert plain JSON docs directly (bypasses index checks), in one SQLite transaction. */
  insertMany(collection: string, docs: Record<string, unknown>[]): void;
  /** Tests/bench: documents count, and a read of one doc by id, bypassing the wire format. */
  count(collection: string): number;
  findById(collection: string, id: string): Record<string, unknown> | null;
  /**
   * Tests: set top-level fields of one stored document, as time passing or an outside actor would
   * (e.g. make a check request look 40 minutes old). The write gets a new version like any other.
   */
  patch(collection: string, id: string, fields: Record<string, unknown>): void;
  /**
   * Tests: the next `times` writes to `collection` fail as a database outage would
   * (DATABASE_TIMEOUT), wherever they come from — a single write, or one write of a
   * transaction's commit, which then commits nothing. `times` 0 clears it.
   */
  failWrites(collection: string, times: number): void;
  /**
   * Tests: every stored document of every collection with its write version (collection → id →
   * `version:doc`), so a test can prove a refused call wrote nothing, not even a same-value write.
   */
  snapshot(): Record<string, Record<string, string>>;
  /** Warnings/refusals about unindexed queries seen so far (strict mode refuses, lenient logs). */
  indexReport(): { collection: string; query: string; reason: string; refused: boolean }[];
  /**
   * The environment's own management of collections and indexes, as WeChat Cloud's HTTP API
   * (tcb/databasecollection*, tcb/updateindex) and its console do it. Failures are DbErrors.
   * `indexes` never lists the `_id_` index every collection has; `indexCount` counts it.
   */
  listCollections(): CollectionInfo[];
  addCollection(name: string): void;
  dropCollection(name: string): void;
  indexesOf(collection: string): IndexSpec[];
  /**
   * Drops, then creates, in one step (all or nothing), with MongoDB's rules: creating an index
   * identical to an existing one (same name, fields and uniqueness) changes nothing; the same
   * name with other fields or uniqueness, or the same fields under another name, is refused;
   * dropping an index that does not exist, or `_id_`, is refused; a unique index over duplicate
   * values is refused with the duplicate key.
   */
  updateIndexes(collection: string, create: IndexSpec[], drop: string[]): void;
  close(): void;
}

export interface CollectionInfo {
  name: string;
  count: number;
  /** Bytes of the stored documents. */
  size: number;
  indexes: IndexSpec[];
  /** The declared-or-created indexes plus `_id_`. */
  indexCount: number;
}

export interface OpenOptions {
  file: string;
  /** Declared collections: queries on these are index-checked (against the indexes the environment has). */
  collections: CollectionSpec[];
  strict: boolean;
  /**
   * Create every declared collection with exactly its declared indexes at open (default). false
   * opens the environment as it is, like a new WeChat Cloud environment before anyone deployed
   * to it: collections and indexes exist only once created (HTTP API, SDK createCollection).
   */
  provision?: boolean;
  onWarning?: (message: string) => void;
}

export { DbError } from './errors';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll',
  '$addToSet', '$pop', '$currentDate', '$bit',
]);

interface Row {
  id: string;
  doc: string;
  version: number;
}

interface Txn {
  id: string;
  startSeq: number;
  /** Every key the transaction read or wrote: its commit is valid only if none changed since startSeq. */
  touched: Set<string>;
  writes: Map<string, { coll: string; id: string; doc: Doc | null }>;
}

/** The state of one document before a write, kept while transactions that may need it are open. */
interface PreImage {
  from: number;
  to: number;
  doc: string | null;
}

const keyOf = (coll: string, id: string): string => `${coll}\u0000${id}`;

/** The index every collection has, which nobody creates or drops. */
const ID_INDEX: IndexSpec = { name: '_id_', fields: [['_id', 1]] };
const INDEX_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const sameFields = (a: IndexSpec, b: IndexSpec): boolean =>
  a.fields.length === b.fields.length && a.fields.every(([f, d], i) => b.fields[i]![0] === f && b.fields[i]![1] === d);

/**
 * A declared index with a multikey field, served from a side table: one row per element of the
 * array (MongoDB's multikey index entries), keyed like the expression indexes (`bk`), so an
 * equality on an array field followed by a sort or a range is an index range scan, as on the cloud.
 */
interface SideIndex {
  table: string;
  fields: [string, 1 | -1][];
  /** The index's fields that are multikey in this collection (expanded with json_each). */
  arrays: string[];
}
const table = (coll: string): string => `"c_${coll}"`;
const newId = (): string => randomBytes(16).toString('hex');
const updater = createUpdater({ cloneMode: 'deep' });

function intParam(v: unknown, what: string, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${what} must be a non-negative integer`);
  return v;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || !v) throw invalidParam(`${what} is required`);
  return v;
}

function parseOrder(text: unknown, now: number): Order {
  if (text === undefined || text === null || text === '') return [];
  const o = decode(text, 'order', now);
  // Older SDKs send [{field, direction}]; 4.x sends {field: 1|-1}.
  if (Array.isArray(o)) {
    return o.map((e) => {
      const { field, direction } = (e ?? {}) as { field?: unknown; direction?: unknown };
      if (typeof field !== 'string') throw invalidParam('order field must be a string');
      return [field, direction === 'desc' || direction === -1 ? -1 : 1];
    });
  }
  if (!isPlainObject(o)) throw invalidParam('order must be an object');
  return Object.entries(o).map(([f, d]) => {
    if (d !== 1 && d !== -1) throw invalidParam(`order direction of ${f} must be 1 or -1`);
    return [f, d];
  });
}

function mapMingoError(e: unknown): never {
  if (e instanceof MingoError) {
    if (/operator/i.test(e.message)) throw new DbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] ${e.message}`);
    throw requestFailed(e.message);
  }
  throw e;
}

function compileQuery(filter: Doc): Query {
  try {
    return new Query(filter);
  } catch (e) {
    mapMingoError(e);
  }
}

function topLevelPaths(update: Doc): string[] {
  return Object.values(update).flatMap((args) => (isPlainObject(args) ? Object.keys(args) : []));
}

/** Apply a MongoDB update document (`$set`, `$inc`…) to a copy of `doc`. */
function applyUpdate(doc: Doc, update: Doc): Doc {
  const entries = Object.entries(update);
  if (!entries.length) throw requestFailed('update document is empty');
  for (const [op, args] of entries) {
    if (!op.startsWith('$')) throw requestFailed(`update document requires atomic operators, found field '${op}'`);
    if (!UPDATE_OPERATORS.has(op)) throw new DbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] unknown update operator: ${op}`);
    if (!isPlainObject(args)) throw requestFailed(`modifier ${op} needs an object argument`);
  }
  const paths = topLevelPaths(update);
  for (const p of paths) {
    if (p === '_id' || p.startsWith('_id.')) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    const clash = paths.find((q) => q !== p && (q.startsWith(`${p}.`) || p.startsWith(`${q}.`)));
    if (clash || paths.indexOf(p) !== paths.lastIndexOf(p)) throw requestFailed(`Updating the path '${p}' would create a conflict at '${clash ?? p}'`);
  }
  const out = cloneDoc(doc);
  try {
    for (const [op, args] of entries) updater(out, { [op]: args } as never);
  } catch (e) {
    mapMingoError(e);
  }
  return out;
}

function replacement(doc: Doc, id: string): Doc {
  for (const k of Object.keys(doc)) {
    if (k.startsWith('$')) throw requestFailed(`replacement document must not contain operator '${k}'`);
  }
  const { _id: ignored, ...rest } = doc;
  void ignored;
  return { _id: id, ...rest };
}

function validateNewDoc(doc: Doc): void {
  for (const k of Object.keys(doc)) {
    if (k.startsWith('$')) throw invalidParam(`field name '${k}' must not start with '$'`);
  }
  if (doc._id !== undefined && (typeof doc._id !== 'string' || doc._id === '')) throw invalidParam('_id must be a non-empty string');
}

class LocalDatabase implements DatabaseBackend {
  private readonly db: Database.Database;
  /** The indexes each existing collection has now (without `_id_`). */
  private readonly specs = new Map<string, CollectionSpec>();
  /** Declared collections, whose queries are index-checked. */
  private readonly declared = new Set<string>();
  private readonly existing = new Set<string>();
  private readonly indexFields = new Map<string, Set<string>>();
  private readonly multikey = new Map<string, Set<string>>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly txns = new Map<string, Txn>();
  private history = new Map<string, PreImage[]>();
  private pending: [string, PreImage][] = [];
  private readonly report = new Map<string, { collection: string; query: string; reason: string; refused: boolean }>();
  private seq = 0;
  /** Injected write failures per collection (tests: failWrites). */
  private readonly writeFaults = new Map<string, number>();
  /** Side tables of the indexes that have a multikey field, per collection. */
  private readonly sideIndexes = new Map<string, SideIndex[]>();

  constructor(private readonly opts: OpenOptions) {
    this.db = new Database(opts.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.function('bk', { deterministic: true }, bk);
    this.db.exec(`CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS _multikey (collection TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (collection, field));
      CREATE TABLE IF NOT EXISTS _side_indexes (name TEXT PRIMARY KEY, definition TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _indexes (collection TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (collection, name));`);
    for (const { name } of this.db.prepare('SELECT name FROM _collections').all() as { name: string }[]) this.existing.add(name);
    for (const { collection, field } of this.db.prepare('SELECT collection, field FROM _multikey').all() as { collection: string; field: string }[]) {
      this.multikeySet(collection).add(field);
    }
    for (const spec of opts.collections) this.declared.add(spec.name);
    this.db.transaction(() => {
      const provisioned = new Set<string>();
      if (opts.provision !== false) {
        for (const spec of opts.collections) {
          this.createCollection(spec.name);
          this.setIndexes(spec.name, spec.indexes);
          provisioned.add(spec.name);
        }
      }
      for (const name of this.existing) if (!provisioned.has(name)) this.setIndexes(name, this.storedIndexes(name));
    })();
    for (const name of this.existing) {
      const row = this.db.prepare(`SELECT max(version) AS v FROM ${table(name)}`).get() as { v: number | null };
      this.seq = Math.max(this.seq, row.v ?? 0);
    }
  }

  // ── collections and indexes ────────────────────────────────────────────────────────────

  private createCollection(name: string): boolean {
    if (this.existing.has(name)) return false;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL)`);
    this.db.prepare('INSERT OR IGNORE INTO _collections (name, created_at) VALUES (?, ?)').run(name, Date.now());
    this.existing.add(name);
    return true;
  }

  private storedIndexes(coll: string): IndexSpec[] {
    const rows = this.db.prepare('SELECT name, definition FROM _indexes WHERE collection = ? ORDER BY seq').all(coll) as { name: string; definition: string }[];
    return rows.map((r) => ({ name: r.name, ...(JSON.parse(r.definition) as Omit<IndexSpec, 'name'>) }));
  }

  /** Make `indexes` the collection's indexes: recorded, built in SQLite, served. Runs inside a SQLite transaction. */
  private setIndexes(coll: string, indexes: IndexSpec[]): void {
    const spec: CollectionSpec = { name: coll, indexes: indexes.map((ix) => ({ ...ix, fields: ix.fields.map(([f, d]) => [f, d]) })), rule: { read: false, write: false } };
    this.db.prepare('DELETE FROM _indexes WHERE collection = ?').run(coll);
    const insert = this.db.prepare('INSERT INTO _indexes (collection, name, definition, seq) VALUES (?, ?, ?, ?)');
    spec.indexes.forEach((ix, i) => insert.run(coll, ix.name, JSON.stringify({ fields: ix.fields, ...(ix.unique ? { unique: true } : {}) }), i));
    this.specs.set(coll, spec);
    this.indexFields.set(coll, new Set(spec.indexes.flatMap((ix) => ix.fields.map(([f]) => f))));
    this.syncIndexes(spec);
    this.syncSideIndexes(coll);
  }

  private syncIndexes(spec: CollectionSpec): void {
    const prefix = `ix_${spec.name}_`;
    const wanted = new Map<string, string>();
    for (const ix of spec.indexes) {
      const cols = ix.fields.map(([f, d]) => {
        const expr = keyExpr(f);
        if (!expr) throw new Error(`index ${spec.name}.${ix.name}: field '${f}' cannot be indexed`);
        return `${expr}${d === -1 ? ' DESC' : ''}`;
      });
      wanted.set(prefix + ix.name, `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX "${prefix + ix.name}" ON ${table(spec.name)} (${cols.join(', ')})`);
    }
    const have = this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
      .all(`c_${spec.name}`) as { name: string; sql: string | null }[];
    for (const { name, sql } of have) {
      if (!name.startsWith(prefix)) continue;
      // A changed declaration replaces the old index; a removed one is dropped.
      if (wanted.get(name) !== sql) this.db.exec(`DROP INDEX "${name}"`);
      else wanted.delete(name);
    }
    for (const sql of wanted.values()) this.db.exec(sql);
  }

  /**
   * (Re)builds the side tables of `coll`'s declared indexes that hold a multikey field: created
   * (and filled from the stored documents) when a field is first seen holding an array, rebuilt
   * when the declaration changed, kept as they are otherwise.
   */
  private syncSideIndexes(coll: string): void {
    const spec = this.specs.get(coll);
    const multi = this.multikey.get(coll);
    const out: SideIndex[] = [];
    if (spec && multi && multi.size > 0 && this.existing.has(coll)) {
      for (const ix of spec.indexes) {
        const arrays = ix.fields.map(([f]) => f).filter((f) => multi.has(f));
        if (arrays.length === 0 || arrays.some((f) => !jsonPath(f))) continue;
        const side: SideIndex = { table: `mx_${coll}_${ix.name}`, fields: ix.fields, arrays };
        const definition = JSON.stringify({ fields: ix.fields, arrays });
        const known = this.db.prepare('SELECT definition FROM _side_indexes WHERE name = ?').get(side.table) as { definition: string } | undefined;
        if (known?.definition !== definition) {
          const cols = ix.fields.map((_f, i) => `k${i}`);
          this.db.exec(`DROP TABLE IF EXISTS "${side.table}"`);
          this.db.exec(`CREATE TABLE "${side.table}" (id TEXT NOT NULL, ${cols.join(', ')})`);
          this.db.exec(`CREATE INDEX "${side.table}_keys" ON "${side.table}" (${ix.fields.map(([, d], i) => `k${i}${d === -1 ? ' DESC' : ''}`).join(', ')}, id)`);
          this.db.exec(`CREATE INDEX "${side.table}_id" ON "${side.table}" (id)`);
          this.db.prepare(`INSERT INTO "${side.table}" ${this.sideRowsSql(coll, side, false)}`).run();
          this.db.prepare('INSERT OR REPLACE INTO _side_indexes (name, definition) VALUES (?, ?)').run(side.table, definition);
          this.statements.clear();
        }
        out.push(side);
      }
    }
    this.dropSideTables(coll, new Set(out.map((x) => x.table)));
    this.sideIndexes.set(coll, out);
  }

  /** Drops the side tables of `coll` that are not in `keep` (an index dropped, or the collection). */
  private dropSideTables(coll: string, keep: Set<string>): void {
    const prefix = `mx_${coll}_`;
    const names = (this.db.prepare('SELECT name FROM _side_indexes').all() as { name: string }[]).map((r) => r.name);
    for (const name of names) {
      if (!name.startsWith(prefix) || keep.has(name)) continue;
      this.db.exec(`DROP TABLE IF EXISTS "${name}"`);
      this.db.prepare('DELETE FROM _side_indexes WHERE name = ?').run(name);
      this.statements.clear();
    }
  }

  /** The SELECT of a side table's rows: each array field expanded by json_each, the rest by its key expression. */
  private sideRowsSql(coll: string, side: SideIndex, oneId: boolean): string {
    const joins = side.arrays.map((f, i) => `LEFT JOIN json_each(c.doc, '${jsonPath(f)!.replace(/'/g, "''")}') AS j${i}`);
    const exprs = side.fields.map(([f]) => {
      const a = side.arrays.indexOf(f);
      if (a !== -1) return `bk(j${a}.type, j${a}.value)`;
      if (f === '_id') return 'c.id';
      return keyExpr(f)!.replace(/\bdoc\b/g, 'c.doc');
    });
    return `SELECT DISTINCT c.id, ${exprs.join(', ')} FROM ${table(coll)} AS c ${joins.join(' ')}${oneId ? ' WHERE c.id = ?' : ''}`;
  }

  /** A document's entries in its collection's side tables, after it was written (null: removed). */
  private writeSideRows(coll: string, id: string, present: boolean): void {
    for (const side of this.sideIndexes.get(coll) ?? []) {
      this.stmt(`DELETE FROM "${side.table}" WHERE id = ?`).run(id);
      if (present) this.stmt(`INSERT INTO "${side.table}" ${this.sideRowsSql(coll, side, true)}`).run(id);
    }
  }

  /**
   * Candidates of a query with an equality on a multikey field, in the query's order, from a side
   * table whose equality prefix pins that field and whose next fields give the sort (and take a
   * range): an index range scan, as MongoDB's multikey index answers it. null when no side table
   * serves the query; every candidate is still tested against the whole filter.
   */
  private sideSelect(coll: string, filter: Doc, order: Order, offset: number, limit: number): { id: string; text: string; doc: Doc }[] | null {
    const sides = this.sideIndexes.get(coll);
    if (!sides?.length) return null;
    const a = analyse(filter);
    const conds = new Map<string, [string, unknown][]>();
    for (const { field, ops } of a.fields) conds.set(field, [...(conds.get(field) ?? []), ...ops]);
    const pinned = (f: string) => (conds.get(f) ?? []).some(([op, v]) => opKind(op, v) === 'eq' || opKind(op, v) === 'in');
    for (const side of sides) {
      const plan: Plan = { where: [], params: [], orderBy: null, exact: true };
      let i = 0;
      for (; i < side.fields.length; i++) {
        const f = side.fields[i]![0];
        if (!pinned(f)) break;
        const eqs = conds.get(f)!.filter(([op, v]) => opKind(op, v) === 'eq' || opKind(op, v) === 'in');
        if (!eqs.every(([op, v]) => pushOne(plan, f, `m.k${i}`, op, v))) break;
      }
      if (!side.fields.slice(0, i).some(([f]) => side.arrays.includes(f))) continue;
      const sort = order.filter(([f]) => !pinned(f));
      let flip: boolean | null = null;
      const served = sort.every(([f, d], j) => {
        const ix = side.fields[i + j];
        if (!ix || ix[0] !== f) return false;
        const reversed = ix[1] !== d;
        flip ??= reversed;
        return flip === reversed;
      });
      if (!served) continue;
      const next = side.fields[i];
      if (next) for (const [op, v] of conds.get(next[0]) ?? []) if (opKind(op, v) === 'range') pushOne(plan, next[0], `m.k${i}`, op, v);
      const orderBy = sort.map(([, d], j) => `m.k${i + j} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ');
      const sql = `SELECT m.id AS id, c.doc AS text FROM "${side.table}" AS m JOIN ${table(coll)} AS c ON c.id = m.id${plan.where.length ? ` WHERE ${plan.where.join(' AND ')}` : ''}${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
      const q = compileQuery(filter);
      const out: { id: string; text: string; doc: Doc }[] = [];
      const seen = new Set<string>();
      let skipped = 0;
      if (limit === 0) return out;
      for (const row of this.stmt(sql).iterate(...plan.params) as IterableIterator<{ id: string; text: string }>) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        const doc = parseStored(row.text);
        if (!q.test(doc)) continue;
        if (skipped < offset) {
          skipped++;
          continue;
        }
        out.push({ ...row, doc });
        if (out.length >= limit) break;
      }
      return out;
    }
    return null;
  }

  private multikeySet(coll: string): Set<string> {
    let s = this.multikey.get(coll);
    if (!s) this.multikey.set(coll, (s = new Set()));
    return s;
  }

  private markMultikey(coll: string, doc: Doc): void {
    const fields = this.indexFields.get(coll);
    if (!fields) return;
    const set = this.multikeySet(coll);
    let added = false;
    for (const f of fields) {
      if (f !== '_id' && !set.has(f) && touchesArray(doc, f)) {
        set.add(f);
        this.stmt('INSERT OR IGNORE INTO _multikey (collection, field) VALUES (?, ?)').run(coll, f);
        added = true;
      }
    }
    if (added) this.syncSideIndexes(coll);
  }

  private pushable(coll: string): (field: string) => boolean {
    const fields = this.indexFields.get(coll);
    const multi = this.multikey.get(coll);
    return (f) => f === '_id' || (!!fields?.has(f) && !multi?.has(f));
  }

  private requireCollection(params: Record<string, unknown>): string {
    const name = str(params.collectionName, 'collectionName');
    if (!this.existing.has(name)) throw collectionNotExist(name);
    return name;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  // ── rows ───────────────────────────────────────────────────────────────────────────────

  private readRow(coll: string, id: string): Row | undefined {
    return this.stmt(`SELECT id, doc, version FROM ${table(coll)} WHERE id = ?`).get(id) as Row | undefined;
  }

  /** Run `fn` in one SQLite transaction; pre-images are published only if it commits. */
  private atomic<T>(fn: () => T): T {
    this.pending = [];
    try {
      const out = this.db.transaction(fn)();
      for (const [k, p] of this.pending) {
        const list = this.history.get(k);
        if (list) list.push(p);
        else this.history.set(k, [p]);
      }
      return out;
    } finally {
      this.pending = [];
    }
  }

  /** Insert, replace (doc) or delete (null) one document, bumping its version. */
  private write(coll: string, id: string, doc: Doc | null, old: Row | undefined): void {
    const fault = this.writeFaults.get(coll) ?? 0;
    if (fault > 0) {
      this.writeFaults.set(coll, fault - 1);
      throw new DbError('DATABASE_TIMEOUT', `[FailedOperation] injected fault: write to ${coll} timed out`);
    }
    const version = ++this.seq;
    const t = table(coll);
    try {
      if (doc === null) {
        if (old) this.stmt(`DELETE FROM ${t} WHERE id = ?`).run(id);
        if (old) this.writeSideRows(coll, id, false);
      } else {
        this.markMultikey(coll, doc);
        const text = encode(doc);
        if (old) this.stmt(`UPDATE ${t} SET doc = ?, version = ? WHERE id = ?`).run(text, version, id);
        else this.stmt(`INSERT INTO ${t} (id, doc, version) VALUES (?, ?, ?)`).run(id, text, version);
        this.writeSideRows(coll, id, true);
      }
    } catch (e) {
      throw this.mapConstraint(e, coll, id, doc);
    }
    if (this.txns.size) this.pending.push([keyOf(coll, id), { from: old?.version ?? 0, to: version, doc: old?.doc ?? null }]);
  }

  private mapConstraint(e: unknown, coll: string, id: string, doc: Doc | null): unknown {
    const err = e as { code?: string; message?: string };
    if (err.code !== 'SQLITE_CONSTRAINT_UNIQUE' && err.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return e;
    const m = /index '([^']+)'/.exec(err.message ?? '');
    if (!m) return duplicateKey(coll, '_id_', `_id: ${JSON.stringify(id)}`);
    const ixName = m[1]!.slice(`ix_${coll}_`.length);
    const ix = this.specs.get(coll)?.indexes.find((i) => i.name === ixName);
    const key = (ix?.fields ?? []).map(([f]) => `${f}: ${JSON.stringify(doc ? doc[f] ?? null : null)}`).join(', ');
    return duplicateKey(coll, ixName, key);
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────

  private checkIndex(coll: string, filter: Doc, order: Order): void {
    const spec = this.specs.get(coll);
    if (!spec || !this.declared.has(coll)) return; // collections the product does not declare are never checked
    // Every collection also has the primary index on _id.
    const verdict = checkIndexes({ ...spec, indexes: [...spec.indexes, ID_INDEX] }, filter, order);
    if (!verdict) return;
    const refused = this.opts.strict;
    const entry = { collection: coll, query: verdict.query, reason: verdict.reason, refused };
    const k = `${coll}|${verdict.query}|${refused}`;
    if (!this.report.has(k)) {
      this.report.set(k, entry);
      if (!refused) this.opts.onWarning?.(`[local cloud] unindexed query: ${verdict.reason}`);
    }
    if (refused) {
      throw new DbError('DATABASE_TIMEOUT', `[LimitExceeded] query refused by the local cloud's strict index check: ${verdict.reason}`);
    }
  }

  /** Matching rows in order, skipping `offset`, at most `limit`. */
  private select(coll: string, filter: Doc, order: Order, offset: number, limit: number): { id: string; text: string; doc?: Doc }[] {
    const side = this.sideSelect(coll, filter, order, offset, limit);
    if (side) return side;
    const plan = buildPlan(filter, order, this.pushable(coll));
    const where = plan.where.length ? ` WHERE ${plan.where.join(' AND ')}` : '';
    const base = `SELECT id, doc AS text FROM ${table(coll)}${where}`;
    if (plan.exact && (order.length === 0 || plan.orderBy)) {
      const sql = `${base}${plan.orderBy ? ` ORDER BY ${plan.orderBy}` : ''} LIMIT ? OFFSET ?`;
      return this.stmt(sql).all(...plan.params, Number.isFinite(limit) ? limit : -1, offset) as { id: string; text: string }[];
    }
    const q = compileQuery(filter);
    const out: { id: string; text: string; doc: Doc }[] = [];
    if (limit === 0) return out;
    if (plan.orderBy || order.length === 0) {
      // SQL yields candidates already in order: stop as soon as the page is full.
      let skipped = 0;
      const sql = `${base}${plan.orderBy ? ` ORDER BY ${plan.orderBy}` : ''}`;
      for (const row of this.stmt(sql).iterate(...plan.params) as IterableIterator<{ id: string; text: string }>) {
        const doc = parseStored(row.text);
        if (!q.test(doc)) continue;
        if (skipped < offset) {
          skipped++;
          continue;
        }
        out.push({ ...row, doc });
        if (out.length >= limit) break;
      }
      return out;
    }
    const rows = (this.stmt(base).all(...plan.params) as { id: string; text: string }[])
      .map((r) => ({ ...r, doc: parseStored(r.text) }))
      .filter((r) => q.test(r.doc));
    const byDoc = new Map(rows.map((r) => [r.doc, r]));
    try {
      let cursor = new Query({}).find<Doc>(rows.map((r) => r.doc)).sort(Object.fromEntries(order)).skip(offset);
      if (Number.isFinite(limit)) cursor = cursor.limit(limit);
      return cursor.all().map((d) => byDoc.get(d)!);
    } catch (e) {
      mapMingoError(e);
    }
  }

  private countMatching(coll: string, filter: Doc): number {
    const plan = buildPlan(filter, [], this.pushable(coll));
    const where = plan.where.length ? ` WHERE ${plan.where.join(' AND ')}` : '';
    if (plan.exact) return (this.stmt(`SELECT count(*) AS n FROM ${table(coll)}${where}`).get(...plan.params) as { n: number }).n;
    const q = compileQuery(filter);
    let n = 0;
    for (const row of this.stmt(`SELECT doc FROM ${table(coll)}${where}`).iterate(...plan.params) as IterableIterator<{ doc: string }>) {
      if (q.test(parseStored(row.doc))) n++;
    }
    return n;
  }

  private allDocs(coll: string): Doc[] {
    if (!this.existing.has(coll)) return [];
    return (this.stmt(`SELECT doc FROM ${table(coll)}`).all() as { doc: string }[]).map((r) => parseStored(r.doc));
  }

  // ── transactions ───────────────────────────────────────────────────────────────────────

  private txnOf(params: Record<string, unknown>): Txn | null {
    const id = params.transactionId;
    if (id === undefined || id === null || id === '') return null;
    const t = typeof id === 'string' ? this.txns.get(id) : undefined;
    if (!t) throw new DbError('DATABASE_TRANSACTION_FAIL', `[FailedOperation] transaction ${String(id)} does not exist or has already ended`);
    return t;
  }

  /** The document as the transaction sees it: its own writes, else the snapshot at its start. */
  private txnRead(t: Txn, coll: string, id: string): Doc | null {
    const k = keyOf(coll, id);
    t.touched.add(k);
    const w = t.writes.get(k);
    if (w) return w.doc;
    const row = this.readRow(coll, id);
    if (row && row.version <= t.startSeq) return parseStored(row.doc);
    const pre = this.history.get(k)?.find((p) => p.from <= t.startSeq && t.startSeq < p.to);
    if (pre) return pre.doc === null ? null : parseStored(pre.doc);
    return row ? parseStored(row.doc) : null;
  }

  private changedSince(k: string, seq: number): boolean {
    return (this.history.get(k) ?? []).some((p) => p.to > seq);
  }

  private endTxn(t: Txn): void {
    this.txns.delete(t.id);
    if (this.txns.size === 0) {
      this.history = new Map();
      return;
    }
    const oldest = Math.min(...[...this.txns.values()].map((x) => x.startSeq));
    for (const [k, list] of this.history) {
      const keep = list.filter((p) => p.to > oldest);
      if (keep.length) this.history.set(k, keep);
      else this.history.delete(k);
    }
  }

  private docIdOf(filter: Doc): string {
    const id = filter._id;
    if (typeof id !== 'string' || !id) throw invalidParam('a document operation needs a string _id');
    return id;
  }

  private singleDocOnly(params: Record<string, unknown>): void {
    if (params.queryType !== 'DOC') throw requestFailed('transactions support single-document operations only (doc().get/set/update/remove, add)');
  }

  // ── actions ────────────────────────────────────────────────────────────────────────────

  async handle(action: string, params: Record<string, unknown>): Promise<AdminReply> {
    try {
      return this.dispatch(action, params ?? {});
    } catch (e) {
      if (e instanceof DbError) return { code: e.code, message: e.message };
      throw e;
    }
  }

  private dispatch(action: string, params: Record<string, unknown>): AdminReply {
    const now = Date.now();
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(params, now);
      case 'database.insertDocument':
        return this.insertDocument(params, now);
      case 'database.modifyDocument':
        return this.modifyDocument(params, now, false);
      case 'database.modifyAndReturnDoc':
        return this.modifyDocument(params, now, true);
      case 'database.removeDocument':
        return this.removeDocument(params, now);
      case 'database.calculateDocument':
        return this.calculateDocument(params, now);
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(params, now);
      case 'database.addCollection':
      case 'database.createCollection':
        return this.addCollectionAction(params);
      case 'database.startTransaction': {
        const t: Txn = { id: newId(), startSeq: this.seq, touched: new Set(), writes: new Map() };
        this.txns.set(t.id, t);
        const reply = { data: { transactionId: t.id }, transactionId: t.id };
        return reply;
      }
      case 'database.commitTransaction':
        return this.commit(params);
      case 'database.abortTransaction': {
        const t = this.txnOf(params);
        if (!t) throw invalidParam('transactionId is required');
        this.endTxn(t);
        return { data: {} };
      }
      default:
        throw new DbError('INVALID_ACTION', `[InvalidParameter] unsupported action ${action}`);
    }
  }

  private getDocument(params: Record<string, unknown>, now: number): AdminReply {
    const coll = this.requireCollection(params);
    const filter = params.query === undefined || params.query === '' ? {} : decodeObject(params.query, 'query', now);
    const projection = params.projection === undefined ? null : decodeObject(params.projection, 'projection', now);
    const t = this.txnOf(params);
    let rows: { id: string; text: string; doc?: Doc }[];
    let offset = 0;
    let limit = DEFAULT_LIMIT;
    if (t) {
      this.singleDocOnly(params);
      const doc = this.txnRead(t, coll, this.docIdOf(filter));
      rows = doc && compileQuery(filter).test(doc) ? [{ id: String(doc._id), text: encode(doc), doc }] : [];
    } else if (params.queryType === 'DOC') {
      const row = this.readRow(coll, this.docIdOf(filter));
      const doc = row ? parseStored(row.doc) : null;
      rows = row && doc && compileQuery(filter).test(doc) ? [{ id: row.id, text: row.doc, doc }] : [];
    } else {
      const order = parseOrder(params.order, now);
      offset = intParam(params.offset, 'offset', 0);
      limit = Math.min(intParam(params.limit, 'limit', DEFAULT_LIMIT), MAX_LIMIT);
      this.checkIndex(coll, filter, order);
      rows = this.select(coll, filter, order, offset, limit);
    }
    let list = rows.map((r) => r.text);
    if (projection && Object.keys(projection).length) {
      try {
        list = new Query({})
          .find<Doc>(rows.map((r) => r.doc ?? parseStored(r.text)), projection)
          .all()
          .map(encode);
      } catch (e) {
        mapMingoError(e);
      }
    }
    return { data: { list, offset, limit } };
  }

  private insertDocument(params: Record<string, unknown>, now: number): AdminReply {
    const coll = this.requireCollection(params);
    if (!Array.isArray(params.data) || params.data.length === 0) throw invalidParam('data must be a non-empty array of documents');
    const docs = params.data.map((d, i) => decodeObject(d, `data[${i}]`, now));
    docs.forEach(validateNewDoc);
    const withIds = docs.map((d) => ({ ...d, _id: (d._id as string | undefined) ?? newId() }));
    const ids = withIds.map((d) => d._id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw duplicateKey(coll, '_id_', `_id: ${JSON.stringify(dup)}`);
    const t = this.txnOf(params);
    if (t) {
      for (const d of withIds) {
        if (this.txnRead(t, coll, d._id) !== null) throw duplicateKey(coll, '_id_', `_id: ${JSON.stringify(d._id)}`);
      }
      for (const d of withIds) t.writes.set(keyOf(coll, d._id), { coll, id: d._id, doc: d });
    } else {
      this.atomic(() => {
        for (const d of withIds) this.write(coll, d._id, d, undefined);
      });
    }
    return { data: { insertedIds: ids } };
  }

  private modifyDocument(params: Record<string, unknown>, now: number, returnDoc: boolean): AdminReply {
    const coll = this.requireCollection(params);
    const filter = params.query === undefined || params.query === '' ? {} : decodeObject(params.query, 'query', now);
    const data = decodeObject(params.data, 'data', now);
    const merge = params.merge !== false;
    const upsert = params.upsert === true;
    const multi = returnDoc ? false : params.multi !== false;
    const change = (doc: Doc | null, id: string): Doc => (merge ? applyUpdate(doc ?? { _id: id }, data) : replacement(data, id));
    const t = this.txnOf(params);
    if (t) {
      this.singleDocOnly(params);
      const id = this.docIdOf(filter);
      const cur = this.txnRead(t, coll, id);
      if (!cur && !upsert) return { data: { updated: 0 } };
      const next = change(cur, id);
      t.writes.set(keyOf(coll, id), { coll, id, doc: next });
      return { data: cur ? { updated: encode(cur) === encode(next) ? 0 : 1 } : { updated: 0, upsert_id: id } };
    }
    let targets: { id: string; text: string; doc?: Doc }[];
    if (params.queryType === 'DOC') {
      const row = this.readRow(coll, this.docIdOf(filter));
      targets = row ? [{ id: row.id, text: row.doc }] : [];
    } else {
      this.checkIndex(coll, filter, []);
      targets = this.select(coll, filter, [], 0, multi ? Infinity : 1);
    }
    let updated = 0;
    let upsertId: string | undefined;
    let last: Doc | null = null;
    this.atomic(() => {
      for (const r of targets) {
        const old = this.readRow(coll, r.id);
        if (!old) continue;
        const next = change(parseStored(old.doc), r.id);
        last = next;
        if (encode(next) === old.doc) continue;
        this.write(coll, r.id, next, old);
        updated++;
      }
      if (targets.length === 0 && upsert) {
        const id = params.queryType === 'DOC' ? this.docIdOf(filter) : typeof filter._id === 'string' ? filter._id : newId();
        const seed: Doc = { _id: id };
        for (const { field, ops } of analyse(filter).fields) {
          const eq = ops.find(([op, v]) => opKind(op, v) === 'eq');
          if (eq && !field.includes('.') && field !== '_id') seed[field] = eq[1];
        }
        const next = merge ? applyUpdate(seed, data) : replacement(data, id);
        this.write(coll, id, next, undefined);
        upsertId = id;
        last = next;
      }
    });
    if (returnDoc) return { data: { updated, doc: last ? encode(last) : null } };
    return { data: upsertId ? { updated, upsert_id: upsertId } : { updated } };
  }

  private removeDocument(params: Record<string, unknown>, now: number): AdminReply {
    const coll = this.requireCollection(params);
    const filter = params.query === undefined || params.query === '' ? {} : decodeObject(params.query, 'query', now);
    const t = this.txnOf(params);
    if (t) {
      this.singleDocOnly(params);
      const id = this.docIdOf(filter);
      const cur = this.txnRead(t, coll, id);
      if (cur) t.writes.set(keyOf(coll, id), { coll, id, doc: null });
      return { data: { deleted: cur ? 1 : 0 } };
    }
    let targets: { id: string }[];
    if (params.queryType === 'DOC') {
      const row = this.readRow(coll, this.docIdOf(filter));
      targets = row ? [row] : [];
    } else {
      this.checkIndex(coll, filter, []);
      targets = this.select(coll, filter, [], 0, params.multi === false ? 1 : Infinity);
    }
    let deleted = 0;
    this.atomic(() => {
      for (const { id } of targets) {
        const old = this.readRow(coll, id);
        if (!old) continue;
        this.write(coll, id, null, old);
        deleted++;
      }
    });
    return { data: { deleted } };
  }

  private calculateDocument(params: Record<string, unknown>, now: number): AdminReply {
    const coll = this.requireCollection(params);
    if (this.txnOf(params)) throw requestFailed('count is not supported inside a transaction');
    const filter = params.query === undefined || params.query === '' ? {} : decodeObject(params.query, 'query', now);
    this.checkIndex(coll, filter, []);
    return { data: { total: this.countMatching(coll, filter) } };
  }

  private aggregateDocuments(params: Record<string, unknown>, now: number): AdminReply {
    const coll = this.requireCollection(params);
    if (!Array.isArray(params.stages)) throw invalidParam('stages must be an array');
    const pipeline = params.stages.map((s, i) => {
      const { stageKey, stageValue } = (s ?? {}) as { stageKey?: unknown; stageValue?: unknown };
      if (typeof stageKey !== 'string' || !stageKey.startsWith('$')) throw invalidParam(`stages[${i}].stageKey must be a $stage name`);
      return { [stageKey]: decode(stageValue, `stages[${i}].stageValue`, now) } as Doc;
    });
    let source: Doc[];
    const first = pipeline[0];
    if (first && isPlainObject(first.$match)) {
      // A leading $match narrows by index like a query; the rest runs in mingo.
      const match = first.$match;
      const second = pipeline[1];
      const order: Order = second && isPlainObject(second.$sort) ? (Object.entries(second.$sort) as Order) : [];
      this.checkIndex(coll, match, order);
      source = this.select(coll, match, [], 0, Infinity).map((r) => r.doc ?? parseStored(r.text));
      pipeline.shift();
    } else {
      if (pipeline.some((s) => '$sort' in s || '$match' in s)) this.checkIndex(coll, {}, []);
      source = this.allDocs(coll);
    }
    try {
      const out = new Aggregator(pipeline, { collectionResolver: (name: string) => this.allDocs(name) }).run(source);
      return { data: { list: out.map((d) => encode(d as Doc)) } };
    } catch (e) {
      mapMingoError(e);
    }
  }

  private addCollectionAction(params: Record<string, unknown>): AdminReply {
    this.addCollection(str(params.collectionName, 'collectionName'));
    return { data: {} };
  }

  // ── the environment's management of collections and indexes ────────────────────────────

  addCollection(name: string): void {
    if (!COLLECTION_NAME.test(name)) throw invalidParam(`collection name '${name}' is invalid: letters, digits, '_' and '-', starting with a letter, at most 64`);
    if (this.existing.has(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceUnavailable.TableExist] Table exist: ${name}`);
    this.db.transaction(() => {
      this.createCollection(name);
      this.setIndexes(name, []);
    })();
  }

  dropCollection(name: string): void {
    if (!this.existing.has(name)) throw collectionNotExist(name);
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${table(name)}`);
      this.db.prepare('DELETE FROM _collections WHERE name = ?').run(name);
      this.db.prepare('DELETE FROM _indexes WHERE collection = ?').run(name);
      this.db.prepare('DELETE FROM _multikey WHERE collection = ?').run(name);
      this.dropSideTables(name, new Set());
    })();
    this.statements.clear();
    this.existing.delete(name);
    this.specs.delete(name);
    this.indexFields.delete(name);
    this.multikey.delete(name);
    this.sideIndexes.delete(name);
  }

  listCollections(): CollectionInfo[] {
    return [...this.existing].sort().map((name) => {
      const row = this.stmt(`SELECT count(*) AS n, coalesce(sum(length(doc)), 0) AS bytes FROM ${table(name)}`).get() as { n: number; bytes: number };
      const indexes = this.indexesOf(name);
      return { name, count: row.n, size: row.bytes, indexes, indexCount: indexes.length + 1 };
    });
  }

  indexesOf(collection: string): IndexSpec[] {
    if (!this.existing.has(collection)) throw collectionNotExist(collection);
    return (this.specs.get(collection)?.indexes ?? []).map((ix) => ({ name: ix.name, fields: ix.fields.map(([f, d]) => [f, d] as [string, 1 | -1]), ...(ix.unique ? { unique: true } : {}) }));
  }

  updateIndexes(collection: string, create: IndexSpec[], drop: string[]): void {
    if (!this.existing.has(collection)) throw collectionNotExist(collection);
    let next = this.indexesOf(collection);
    for (const name of drop) {
      if (name === ID_INDEX.name) throw requestFailed(`cannot drop _id index`);
      if (!next.some((ix) => ix.name === name)) throw requestFailed(`index not found with name [${name}]`);
      next = next.filter((ix) => ix.name !== name);
    }
    const names = new Set<string>();
    for (const ix of create) {
      if (!INDEX_NAME.test(ix.name)) throw invalidParam(`index name '${ix.name}' is invalid: letters, digits, '_' and '-', at most 64`);
      if (names.has(ix.name)) throw invalidParam(`index ${ix.name} is named twice`);
      names.add(ix.name);
      if (ix.fields.length === 0) throw invalidParam(`index ${ix.name} has no field`);
      for (const [f, d] of ix.fields) {
        if (!f || f.startsWith('$') || keyExpr(f) === null) throw invalidParam(`index ${ix.name}: field '${f}' cannot be indexed`);
        if (d !== 1 && d !== -1) throw invalidParam(`index ${ix.name}: direction of ${f} must be 1 or -1`);
      }
      if (new Set(ix.fields.map(([f]) => f)).size !== ix.fields.length) throw invalidParam(`index ${ix.name} names a field twice`);
      const same = [ID_INDEX, ...next].find((x) => x.name === ix.name);
      if (same) {
        if (sameFields(same, ix) && !!same.unique === !!ix.unique) continue; // MongoDB: an identical index is already there
        throw requestFailed(`Index with name: ${ix.name} already exists with different options`);
      }
      const twin = [ID_INDEX, ...next].find((x) => sameFields(x, ix));
      if (twin) throw requestFailed(`Index already exists with a different name: ${twin.name}`);
      next.push({ name: ix.name, fields: ix.fields, ...(ix.unique ? { unique: true } : {}) });
    }
    const before = this.indexesOf(collection);
    try {
      this.db.transaction(() => this.setIndexes(collection, next))();
    } catch (e) {
      // SQLite rolled its part back; the served indexes go back with it.
      this.db.transaction(() => this.setIndexes(collection, before))();
      const err = e as { code?: string; message?: string };
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const ix = next.find((x) => x.unique && !before.some((b) => b.name === x.name));
        throw requestFailed(`E11000 duplicate key error collection: ${collection} index: ${ix?.name ?? '?'} (existing documents hold the same key)`);
      }
      throw e;
    }
  }

  private commit(params: Record<string, unknown>): AdminReply {
    const t = this.txnOf(params);
    if (!t) throw invalidParam('transactionId is required');
    try {
      if (t.writes.size === 0) return { data: {} };
      for (const k of t.touched) {
        if (this.changedSince(k, t.startSeq)) {
          throw new DbError('DATABASE_TRANSACTION_CONFLICT', `[FailedOperation.TransactionConflict] Transaction is conflicted: a document it used was changed after it started`);
        }
      }
      this.atomic(() => {
        for (const w of t.writes.values()) this.write(w.coll, w.id, w.doc, this.readRow(w.coll, w.id));
      });
      return { data: {} };
    } finally {
      this.endTxn(t);
    }
  }

  // ── direct access for seeding, tests and benchmarks ────────────────────────────────────

  insertMany(collection: string, docs: Record<string, unknown>[]): void {
    if (!COLLECTION_NAME.test(collection)) throw invalidParam(`collection name '${collection}' is invalid`);
    const prepared = docs.map((d) => {
      validateNewDoc(d);
      return { ...d, _id: (d._id as string | undefined) ?? newId() };
    });
    this.atomic(() => {
      this.createCollection(collection);
      for (const d of prepared) this.write(collection, d._id, d, undefined);
    });
  }

  count(collection: string): number {
    if (!this.existing.has(collection)) return 0;
    return (this.stmt(`SELECT count(*) AS n FROM ${table(collection)}`).get() as { n: number }).n;
  }

  failWrites(collection: string, times: number): void {
    if (times > 0) this.writeFaults.set(collection, times);
    else this.writeFaults.delete(collection);
  }

  patch(collection: string, id: string, fields: Record<string, unknown>): void {
    const old = this.existing.has(collection) ? this.readRow(collection, id) : undefined;
    if (!old) throw new Error(`patch: no document ${collection}/${id}`);
    this.atomic(() => this.write(collection, id, { ...parseStored(old.doc), ...fields, _id: id } as Doc, old));
  }

  findById(collection: string, id: string): Record<string, unknown> | null {
    if (!this.existing.has(collection)) return null;
    const row = this.readRow(collection, id);
    return row ? parseStored(row.doc) : null;
  }

  snapshot(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const name of [...this.existing].sort()) {
      const rows = this.stmt(`SELECT id, doc, version FROM ${table(name)} ORDER BY id`).all() as { id: string; doc: string; version: number }[];
      const docs: Record<string, string> = {};
      for (const r of rows) docs[r.id] = `${r.version}:${r.doc}`;
      out[name] = docs;
    }
    return out;
  }

  indexReport(): { collection: string; query: string; reason: string; refused: boolean }[] {
    return [...this.report.values()];
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}

export function openDatabase(opts: OpenOptions): DatabaseBackend {
  return new LocalDatabase(opts);
}
