/**
 * The SDK surface the engagement and reconcile functions need beyond reading: inserts whose
 * duplicate-key failure is an answer (not an error), removes that say whether they removed,
 * atomic `_.inc` updates that return the document, guarded repairs, grouped counts, storage
 * uploads and the wxacode open API. Like adapters/cloud.ts, the SDK's loose typings are cast
 * here once so handlers stay typed.
 */
import * as sdk from 'wx-server-sdk';
import type { Id, Like } from '@contract';
import { cloud, wrapQuery, type Command, type Query } from './cloud';

/** The cloud DB's "duplicate key" errCode (insert of an existing _id, or a unique index hit). */
export const DUPLICATE_KEY = -502001;

export interface ViewRecord {
  _id: Id;
  storyId: Id;
  /** Asia/Shanghai day number. */
  day: number;
  at: number;
}

export interface RateWindowDoc {
  _id: Id;
  n: number;
  expiresAt: number;
}

export interface PosterCodeRecord {
  /** The story id. */
  _id: Id;
  path: string;
  fileId: string;
  scene: string;
  createdAt: number;
}

/** The fields a `likes` query may filter and sort on (nested fields by their dot path). */
export interface LikeQueryFields {
  _id: Id;
  openid: string;
  'target.kind': Like['target']['kind'];
  'target.id': Id;
  at: number;
}

export type CounterCollection = 'stories' | 'exemplars' | 'campaigns';

export interface EngagementDb {
  /** 'duplicate' when a document with that _id exists: the caller already did this. */
  insertOnce(collection: 'likes' | 'views', doc: Like | ViewRecord): Promise<'inserted' | 'duplicate'>;
  removeLike(id: Id): Promise<'removed' | 'absent'>;
  /** Atomic increments on one document, without reading it back; false when it does not exist. */
  bump(collection: CounterCollection, id: Id, deltas: Record<string, number>): Promise<boolean>;
  /** Atomic increments on one document; the document after them, or null when it does not exist. */
  increment(collection: CounterCollection, id: Id, deltas: Record<string, number>): Promise<Record<string, unknown> | null>;
  likedAmong(ids: readonly Id[]): Promise<Set<Id>>;
  likes(): Query<LikeQueryFields, Like>;
  /** Counts one call in a fixed rate window if it has room (fewer than `limit` calls); false when full. */
  admitCall(windowId: Id, expiresAt: number, limit: number): Promise<boolean>;
  removeExpiredWindows(before: number): Promise<number>;
  /** Deletes view records of Shanghai days before `day`. */
  removeViewsBefore(day: number): Promise<number>;
  /** Record counts per target id among `ids` (ids without records are absent). */
  countLikes(kind: Like['target']['kind'], ids: readonly Id[]): Promise<Map<Id, number>>;
  /**
   * Sets a counter to `now` only if it still holds `was` (null: only if it is missing or not a
   * number); false when someone changed it meanwhile.
   */
  repairCounter(collection: CounterCollection, id: Id, field: string, was: number | null, now: number): Promise<boolean>;
  posterRecord(storyId: Id): Promise<PosterCodeRecord | null>;
  savePosterRecord(record: PosterCodeRecord): Promise<void>;
  /** A PNG of a mini-program code; rejects with the WeChat errCode on failure. */
  wxacode(params: { scene: string; page: string; check_path: boolean; env_version: string; width: number }): Promise<Buffer>;
  upload(cloudPath: string, bytes: Buffer): Promise<string>;
  /** A temporary URL, or null when the file is gone. */
  tempUrl(fileId: string): Promise<string | null>;
  command: Commands;
}

export interface Commands {
  in(values: readonly (string | number)[]): Command;
  lt(value: number | string): Command;
}

// ------------------------------------------------------------------ SDK shapes we rely on

interface SdkQuery {
  where(condition: object): SdkQuery;
  orderBy(field: string, order: string): SdkQuery;
  limit(n: number): SdkQuery;
  field(projection: object): SdkQuery;
  get(): Promise<{ data: unknown[] }>;
  update(p: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
interface SdkDoc {
  get(): Promise<{ data: unknown }>;
  update(p: { data: object }): Promise<{ stats: { updated: number } }>;
  set(p: { data: object }): Promise<unknown>;
  remove(): Promise<{ stats: { removed: number } }>;
}
interface SdkAggregate {
  match(m: object): SdkAggregate;
  group(g: object): SdkAggregate;
  limit(n: number): SdkAggregate;
  end(): Promise<{ list: unknown[] }>;
}
interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDoc;
  add(p: { data: object }): Promise<{ _id: string }>;
  aggregate(): SdkAggregate;
}
interface SdkDatabase {
  collection(name: string): SdkCollection;
  command: Record<'lt' | 'in' | 'inc', (v: unknown) => unknown> & {
    aggregate: { sum(v: unknown): unknown };
  };
}

function errCodeOf(e: unknown): number | null {
  if (e && typeof e === 'object') {
    const c = (e as { errCode?: unknown }).errCode;
    if (typeof c === 'number') return c;
  }
  return null;
}

/** The cloud DB answers at most 1000 rows/groups per call. */
const MAX_ROWS = 1000;

let instance: EngagementDb | null = null;

export function engagementDb(): EngagementDb {
  if (instance) return instance;
  cloud(); // initialises the SDK for this instance (one init per process)
  const db = sdk.database() as unknown as SdkDatabase;
  const _ = db.command;
  instance = {
    async insertOnce(collection, doc) {
      try {
        await db.collection(collection).add({ data: doc });
        return 'inserted';
      } catch (e) {
        if (errCodeOf(e) === DUPLICATE_KEY) return 'duplicate';
        throw e;
      }
    },
    async removeLike(id) {
      const res = await db.collection('likes').doc(id).remove();
      return res.stats.removed > 0 ? 'removed' : 'absent';
    },
    async bump(collection, id, deltas) {
      const data: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(deltas)) data[k] = _.inc(v);
      return (await db.collection(collection).doc(id).update({ data })).stats.updated > 0;
    },
    async increment(collection, id, deltas) {
      const data: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(deltas)) data[k] = _.inc(v);
      // wx-server-sdk 4.0.2 has no update-and-return: increment atomically, then read back.
      const res = await db.collection(collection).doc(id).update({ data });
      if (res.stats.updated === 0) return null;
      const got = await db.collection(collection).doc(id).get();
      return (got.data as Record<string, unknown> | null) ?? null;
    },
    async likedAmong(ids) {
      if (ids.length === 0) return new Set();
      const rows = (await db.collection('likes').where({ _id: _.in([...ids]) }).field({ _id: true }).limit(ids.length).get()).data as { _id: Id }[];
      return new Set(rows.map((r) => r._id));
    },
    likes: () => wrapQuery<LikeQueryFields, Like>(db.collection('likes')),
    async admitCall(windowId, expiresAt, limit) {
      const coll = db.collection('rate_limits');
      // One conditional atomic update both checks and counts: it matches only while the window
      // has room, so a refused call writes nothing and the count never passes the limit.
      const counted = async () => (await coll.where({ _id: windowId, n: _.lt(limit) }).update({ data: { n: _.inc(1) } })).stats.updated > 0;
      if (await counted()) return true;
      try {
        await coll.add({ data: { _id: windowId, n: 1, expiresAt } satisfies RateWindowDoc });
        return true;
      } catch (e) {
        if (errCodeOf(e) !== DUPLICATE_KEY) throw e;
      }
      // The window exists (a concurrent first call just created it, or it was full all along).
      return counted();
    },
    async removeExpiredWindows(before) {
      const res = await db.collection('rate_limits').where({ expiresAt: _.lt(before) }).remove();
      return res.stats.removed;
    },
    async removeViewsBefore(day) {
      const res = await db.collection('views').where({ day: _.lt(day) }).remove();
      return res.stats.removed;
    },
    async countLikes(kind, ids) {
      const out = new Map<Id, number>();
      if (ids.length === 0) return out;
      const res = await db
        .collection('likes')
        .aggregate()
        .match({ 'target.kind': kind, 'target.id': _.in([...ids]) })
        .group({ _id: '$target.id', n: _.aggregate.sum(1) })
        .limit(MAX_ROWS)
        .end();
      for (const row of res.list as { _id: Id; n: number }[]) out.set(row._id, row.n);
      return out;
    },
    async repairCounter(collection, id, field, was, now) {
      if (was === null) {
        // A missing or non-numeric counter cannot be compared-and-set on its value; a like
        // racing this write is caught by the next run's two-look check.
        const res = await db.collection(collection).where({ _id: id }).update({ data: { [field]: now } });
        return res.stats.updated > 0;
      }
      // Compare-and-set by value, applied as an increment: if a like landed since we looked,
      // the guard fails and nothing is overwritten.
      const res = await db.collection(collection).where({ _id: id, [field]: was }).update({ data: { [field]: _.inc(now - was) } });
      return res.stats.updated > 0;
    },
    async posterRecord(storyId) {
      const rows = (await db.collection('poster_codes').where({ _id: storyId }).limit(1).get()).data as PosterCodeRecord[];
      return rows[0] ?? null;
    },
    async savePosterRecord(record) {
      const { _id, ...rest } = record;
      await db.collection('poster_codes').doc(_id).set({ data: rest });
    },
    async wxacode(params) {
      const api = (sdk as unknown as { openapi: { wxacode: { getUnlimited(p: object): Promise<{ buffer?: Buffer; errCode?: number; errMsg?: string }> } } }).openapi;
      const res = await api.wxacode.getUnlimited(params);
      if (!res.buffer) throw Object.assign(new Error(res.errMsg ?? 'wxacode.getUnlimited returned no image'), { errCode: res.errCode ?? -1 });
      return Buffer.from(res.buffer);
    },
    async upload(cloudPath, bytes) {
      const res = (await sdk.uploadFile({ cloudPath, fileContent: bytes })) as unknown as { fileID: string };
      return res.fileID;
    },
    async tempUrl(fileId) {
      const res = (await sdk.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 7200 }] })) as unknown as {
        fileList: { fileID: string; tempFileURL: string; status: number }[];
      };
      const item = res.fileList[0];
      return item && item.status === 0 && item.tempFileURL ? item.tempFileURL : null;
    },
    command: {
      in: (vs) => _.in([...vs]) as Command,
      lt: (v) => _.lt(v) as Command,
    },
  };
  return instance;
}
