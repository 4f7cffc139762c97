/**
 * The one place that touches wx-server-sdk. Its typings are loose (`get()` is typed
 * `Promise | void | string`, DYNAMIC_CURRENT_ENV is a symbol where a string is expected), so
 * the casts live here once and the functions get a typed, narrow surface: the collections we
 * declared, typed filters and projections, `doc().get()` that answers null for a missing
 * document, the caller's identity, and batched, cached temporary URLs.
 */
import * as sdk from 'wx-server-sdk';
import type { OaToken, PublishJob } from '@contract';
import type { ConsentRequest, MediaPlacement, StoryRevision } from '@contract';
import type { AuditEntry, Campaign, Exemplar, Honor, Id, InviteRecord, RoleGrant, StaffProfile, Story, TierChange, Unit } from '@contract';
import type { FileRecord, NominationDoc, NominationGuardDoc, ObjectionDoc } from '@contract';
import type { Like } from '@contract';
import type { HonoursSummary } from '@contract';
import type { PlanDoc, PlanTaskDoc } from '@contract';
import type { CommentDoc } from '@contract';
import type { PursuitDoc } from '@contract';
import type { SelectionCandidateDoc, SelectionRoundDoc, SelectionSheetDoc } from '@contract';
import { TempUrlCache, type TempUrlItem } from './temp-urls';

/** Collection name → the document type stored in it (cloudfunctions/database.ts declares them). */
export interface Collections {
  units: Unit;
  exemplars: Exemplar;
  honors: Honor;
  campaigns: Campaign;
  stories: Story;
  roles: RoleGrant;
  audit: AuditEntry;
  nominations: NominationDoc;
  objections: ObjectionDoc;
  nomination_guards: NominationGuardDoc;
  story_revisions: StoryRevision;
  consent_requests: ConsentRequest;
  placements: MediaPlacement;
  invites: InviteRecord;
  /** One per staff member: `_id` = profileIdOf(openid) (lib/people.ts). */
  staff_profiles: StaffProfile;
  tier_changes: TierChange;
  publish_jobs: PublishJob;
  oa_tokens: OaToken;
  oa_quota: { _id: Id; api: string; day: string; count: number };
  oa_push_nonces: { _id: Id; at: number; expiresAt: number };
  files: FileRecord;
  rate_limits: { _id: Id; n: number; expiresAt: number };
  /** One per (user, target): the id is likeId(), so the database itself refuses a second like. */
  likes: Like;
  /** One per (user, story, Asia/Shanghai day): the id is viewId(); `day` is shanghaiDay(at). */
  views: { _id: Id; storyId: Id; day: number; at: number };
  /** A story's mini-program code image (`_id` = the story id), reused while `path` still names it. */
  poster_codes: { _id: Id; path: string; fileId: string; scene: string; createdAt: number };
  /** A profile poster's code (`_id` = the code, its mini-program code's scene): the exemplar it opens and the image, reused while `path` still names it. */
  profile_codes: { _id: string; exemplarId: Id; path: string; fileId: string; createdAt: number };
  /** The honours wall's figures: one document, WALL_SUMMARY_ID (domain/honours-wall.ts). */
  honours_summary: HonoursSummary;
  /** 留言: one per (writer, requestKey), the id is commentId() (domain/comments.ts). */
  comments: CommentDoc;
  /** 争创荣誉: the awards the corps competes for (types/pursuits.ts). */
  pursuits: PursuitDoc;
  /** 岗位标兵 selections (types/selections.ts). */
  selection_rounds: SelectionRoundDoc;
  selection_candidates: SelectionCandidateDoc;
  selection_scores: SelectionSheetDoc;
  /** 挂图作业 (types/plans.ts): `_id` = planIdOf(year, unitId). */
  plans: PlanDoc;
  plan_tasks: PlanTaskDoc;
}
export type CollectionName = keyof Collections;

/**
 * Nested fields a collection's queries name by dot path (the SDK matches `{ 'target.id': x }`
 * inside `target`), so filters on them are typed like top-level fields. Only paths an index
 * serves belong here (cloudfunctions/database.ts).
 */
export interface QueryPaths {
  likes: { 'target.kind': Like['target']['kind']; 'target.id': Id };
}
/** The fields a query on collection N may filter and sort on: its own, plus its declared dot paths. */
export type Queryable<N extends CollectionName> = Collections[N] & (N extends keyof QueryPaths ? QueryPaths[N] : unknown);

/** An SDK query command (`_.lt(x)`, `_.in([...])`…), opaque to callers. */
export interface Command {
  readonly __command: true;
}

type Element<V> = V extends readonly (infer E)[] ? E : never;
/** A field matches a value, a command, or (for array fields) one of its elements. */
export type Filter<T> = { [K in keyof T & string]?: T[K] | Element<T[K]> | Command };

export interface Commands {
  lt(value: number | string): Command;
  gt(value: number | string): Command;
  lte(value: number | string): Command;
  gte(value: number | string): Command;
  neq(value: string | number | boolean | null): Command;
  in(values: readonly (string | number)[]): Command;
  exists(present: boolean): Command;
  /** Update commands (atomic on the server). */
  inc(by: number): Command;
  push(...values: unknown[]): Command;
  pull(value: unknown): Command;
  addToSet(value: unknown): Command;
  /** Removes the field (`$unset`). */
  remove(): Command;
}

/** An update: fields to set (nested objects merge) or update commands. */
export type Update<T> = { [K in keyof T & string]?: T[K] | Command } & Record<string, unknown>;

/** Thrown by writes; `code` is the SDK's errCode (e.g. -502001 duplicate key, -502005 no collection). */
export class CloudWriteError extends Error {
  constructor(
    message: string,
    readonly errCode: number | string,
  ) {
    super(message);
    this.name = 'CloudWriteError';
  }
}

/** What WeChat cloud answers for a duplicate `_id` (or unique index) on insert. */
export const ERR_DUPLICATE_KEY = -502001;

export type Row<T, K extends keyof T> = Pick<T, K | ('_id' extends keyof T ? '_id' : never)>;

/** A query over documents `D` (filters and sorts name their fields) answering rows `R`. */
export interface Query<D, R = D> {
  where(filter: Filter<D>): Query<D, R>;
  orderBy(field: keyof D & string, direction: 'asc' | 'desc'): Query<D, R>;
  limit(n: number): Query<D, R>;
  /** Only these fields leave the database (`.field()`); `_id` always comes along. */
  select<K extends keyof D & string>(fields: readonly K[]): Query<D, Row<D, K>>;
  get(): Promise<R[]>;
}

export interface DocRef<D, R = D> {
  select<K extends keyof D & string>(fields: readonly K[]): DocRef<D, Row<D, K>>;
  /** The document, or null when no document has that id. */
  get(): Promise<R | null>;
  /** Merge-update; answers how many documents changed (0 when the id does not exist). */
  update(patch: Update<D>): Promise<number>;
  /** Replace (or create) the whole document. */
  set(doc: Omit<D, '_id'>): Promise<void>;
  /** Answers how many documents were removed (0 or 1). */
  remove(): Promise<number>;
  /**
   * Atomic `_.inc` of each field (dot paths allowed), then the document as it is after; null when
   * no document has that id. The SDK has no update-and-return: a concurrent increment may already
   * show in the read-back, which is still a count that was true at some instant.
   */
  increment(deltas: Readonly<Record<string, number>>): Promise<R | null>;
}

/** A collection of documents `D`; its queries may also name the dot paths of `Q` (QueryPaths). */
export interface CollectionRef<D, Q = D> extends Query<Q, D> {
  doc(id: Id): DocRef<D>;
  /** Insert; answers the id. A duplicate `_id` throws CloudWriteError with ERR_DUPLICATE_KEY. */
  add(doc: Omit<D, '_id'> & { _id?: Id }): Promise<Id>;
  /** Insert unless a document with this `_id` exists: 'created' or 'duplicate', never both for two callers. */
  addOnce(doc: D & { _id: Id }): Promise<'created' | 'duplicate'>;
  count(filter: Filter<Q>): Promise<number>;
  /** Multi-document update by filter. Never inside a transaction: the SDK sends it outside it. */
  updateWhere(filter: Filter<Q>, patch: Update<D>): Promise<number>;
  removeWhere(filter: Filter<Q>): Promise<number>;
  /** Aggregation pipeline as MongoDB stages (`[{ $match: … }, { $group: … }]`). */
  aggregate<T>(stages: readonly Record<string, unknown>[]): Promise<T[]>;
}

/** Single-document operations inside a transaction (all the SDK allows). */
export interface TxCollection<D> {
  get(id: Id): Promise<D | null>;
  set(id: Id, doc: Omit<D, '_id'>): Promise<void>;
  update(id: Id, patch: Update<D>): Promise<void>;
  remove(id: Id): Promise<void>;
}
export interface Tx {
  collection<N extends CollectionName>(name: N): TxCollection<Collections[N]>;
}

export interface MiniProgramCodeParams {
  /** At most 32 visible ASCII characters; the opened page reads it as `scene`. */
  scene: string;
  /** The page to open, without a leading slash. */
  page: string;
  check_path: boolean;
  env_version: 'release' | 'trial' | 'develop';
  /** Pixels. */
  width: number;
}

export interface WxIdentity {
  /** The caller's OPENID, the only identity we trust; null when the call carries none. */
  openid: string | null;
  appid: string | null;
  env: string | null;
}

export interface Cloud {
  collection<N extends CollectionName>(name: N): CollectionRef<Collections[N], Queryable<N>>;
  readonly command: Commands;
  identity(): WxIdentity;
  /**
   * Temporary URLs for cloud file ids; unresolvable ids are absent. Only lib/files.ts calls it
   * (lint): it decides who may read which file.
   */
  tempUrls(fileIds: readonly string[]): Promise<Map<string, string>>;
  /** Delete stored files (at most 50 per call, as the SDK allows); answers the ids deleted. */
  deleteFiles(fileIds: readonly string[]): Promise<string[]>;
  /**
   * Run `fn` in a database transaction (snapshot reads, single-document writes). The SDK
   * retries commit-time conflicts (3 times); `fn` must be safe to run again.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Upload bytes to storage; answers the file id. */
  uploadFile(cloudPath: string, bytes: Buffer): Promise<string>;
  /** The bytes of a stored file. */
  downloadFile(fileId: string): Promise<Buffer>;
  /** The SDK's openapi namespace (`openapi.wxacode.getUnlimited(…)`); declare permissions in the function config. */
  openapi<T = unknown>(api: string, params: Record<string, unknown>): Promise<T>;
  /**
   * wxacode.getUnlimited: the PNG of a mini-program code. Rejects with an Error carrying WeChat's
   * `errCode` (-1 busy, 45009 over quota, …) when no image comes back. Declare the permission.
   */
  miniProgramCode(params: MiniProgramCodeParams): Promise<Buffer>;
  callFunction<T = unknown>(name: string, data: unknown): Promise<T>;
}

// ------------------------------------------------------------------ SDK shapes we rely on

interface SdkQuery {
  where(condition: object): SdkQuery;
  orderBy(field: string, order: string): SdkQuery;
  limit(n: number): SdkQuery;
  field(projection: object): SdkQuery;
  get(): Promise<{ data: unknown[] }>;
}
interface SdkDoc {
  field(projection: object): SdkDoc;
  get(): Promise<{ data: unknown }>;
  update(req: { data: object }): Promise<{ stats: { updated: number } }>;
  set(req: { data: object }): Promise<unknown>;
  remove(): Promise<{ stats: { removed: number } }>;
}
interface SdkWhere extends SdkQuery {
  count(): Promise<{ total: number }>;
  update(req: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
interface SdkAggregate {
  [stage: string]: unknown;
  end(): Promise<{ list: unknown[] }>;
}
interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDoc;
  add(req: { data: object }): Promise<{ _id: string }>;
  where(condition: object): SdkWhere;
  aggregate(): SdkAggregate;
}
interface SdkTxCollection {
  doc(id: string): { get(): Promise<{ data: unknown }>; set(req: { data: object }): Promise<unknown>; update(req: { data: object }): Promise<unknown>; remove(): Promise<unknown> };
}
interface SdkDatabase {
  collection(name: string): SdkCollection;
  command: Record<string, (...v: unknown[]) => unknown>;
  runTransaction<T>(fn: (tx: { collection(name: string): SdkTxCollection }) => Promise<T>, retries?: number): Promise<T>;
}

function errCodeOf(err: unknown): number | string {
  const e = err as { errCode?: number | string; code?: number | string };
  return e?.errCode ?? e?.code ?? 'UNKNOWN';
}

function isDuplicateKey(err: unknown): boolean {
  const code = errCodeOf(err);
  return code === ERR_DUPLICATE_KEY || /duplicate|E11000/i.test(String((err as Error)?.message ?? ''));
}

/** Run one aggregation stage list on the SDK's chaining builder (`.match(x).group(y)…end()`). */
async function runAggregate<T>(c: SdkCollection, stages: readonly Record<string, unknown>[]): Promise<T[]> {
  let agg = c.aggregate();
  for (const stage of stages) {
    const [key, value] = Object.entries(stage)[0] ?? [];
    if (!key) continue;
    const method = key.replace(/^\$/, '');
    const fn = agg[method];
    if (typeof fn !== 'function') throw new Error(`aggregate: unsupported stage ${key}`);
    agg = (fn as (v: unknown) => SdkAggregate).call(agg, value);
  }
  return (await agg.end()).list as T[];
}

function projection(fields: readonly string[]): Record<string, true> {
  const p: Record<string, true> = { _id: true };
  for (const f of fields) p[f] = true;
  return p;
}

/** Typed view of an SDK query: filters and sorts name the fields of `D`, rows are `R`. */
function wrapQuery<D, R>(q: SdkQuery): Query<D, R> {
  return {
    where: (filter) => wrapQuery<D, R>(q.where(filter)),
    orderBy: (field, direction) => wrapQuery<D, R>(q.orderBy(field, direction)),
    limit: (n) => wrapQuery<D, R>(q.limit(n)),
    select: <K extends keyof D & string>(fields: readonly K[]) => wrapQuery<D, Row<D, K>>(q.field(projection(fields))),
    get: async () => (await q.get()).data as R[],
  };
}

function wrapDoc<D, R>(d: SdkDoc, inc: (by: number) => unknown): DocRef<D, R> {
  return {
    select: <K extends keyof D & string>(fields: readonly K[]) => wrapDoc<D, Row<D, K>>(d.field(projection(fields)), inc),
    get: async () => {
      const { data } = await d.get();
      return (data ?? null) as R | null;
    },
    update: async (patch) => (await d.update({ data: patch })).stats.updated,
    set: async (doc) => {
      await d.set({ data: doc });
    },
    remove: async () => (await d.remove()).stats.removed,
    increment: async (deltas) => {
      const data: Record<string, unknown> = {};
      for (const [field, by] of Object.entries(deltas)) data[field] = inc(by);
      if ((await d.update({ data })).stats.updated === 0) return null;
      return ((await d.get()).data ?? null) as R | null;
    },
  };
}

function stringOrNull(v: unknown): string | null {
  if (typeof v === 'string' && v.length > 0) return v;
  // getWXContext turns digit-only values into numbers.
  if (typeof v === 'number') return String(v);
  return null;
}

let instance: Cloud | null = null;

/**
 * The cloud of this function instance, initialised once (a warm instance keeps it, and its
 * URL cache, between requests). DYNAMIC_CURRENT_ENV makes the SDK use the environment the
 * function runs in, so the same bundle serves every environment.
 */
export function cloud(): Cloud {
  if (instance) return instance;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  // throwOnNotFound: false makes doc().get() answer { data: null } for a missing id instead
  // of rejecting with a message we would have to parse.
  const db = sdk.database({ throwOnNotFound: false } as unknown as Parameters<typeof sdk.database>[0]) as unknown as SdkDatabase;
  const _ = db.command;
  const urls = new TempUrlCache({
    fetch: async (fileIds, maxAge) => {
      const res = (await sdk.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge })) })) as unknown as { fileList: TempUrlItem[] };
      return res.fileList;
    },
  });
  instance = {
    collection: <N extends CollectionName>(name: N) => {
      const c = db.collection(name);
      type D = Collections[N];
      const ref: CollectionRef<D, Queryable<N>> = {
        ...wrapQuery<Queryable<N>, D>(c),
        doc: (id: Id) => wrapDoc<D, D>(c.doc(id), (by) => _.inc!(by)),
        add: async (doc) => {
          try {
            return (await c.add({ data: doc }))._id;
          } catch (err) {
            throw new CloudWriteError(String((err as Error)?.message ?? err), errCodeOf(err));
          }
        },
        addOnce: async (doc) => {
          try {
            await c.add({ data: doc });
            return 'created';
          } catch (err) {
            if (isDuplicateKey(err)) return 'duplicate';
            throw new CloudWriteError(String((err as Error)?.message ?? err), errCodeOf(err));
          }
        },
        count: async (filter) => (await c.where(filter).count()).total,
        updateWhere: async (filter, patch) => (await c.where(filter).update({ data: patch })).stats.updated,
        removeWhere: async (filter) => (await c.where(filter).remove()).stats.removed,
        aggregate: (stages) => runAggregate(c, stages),
      };
      return ref;
    },
    command: {
      lt: (v) => _.lt!(v) as Command,
      gt: (v) => _.gt!(v) as Command,
      lte: (v) => _.lte!(v) as Command,
      gte: (v) => _.gte!(v) as Command,
      neq: (v) => _.neq!(v) as Command,
      in: (vs) => _.in!([...vs]) as Command,
      exists: (present) => _.exists!(present) as Command,
      inc: (by) => _.inc!(by) as Command,
      push: (...values) => _.push!(values) as Command,
      pull: (value) => _.pull!(value) as Command,
      addToSet: (value) => _.addToSet!(value) as Command,
      remove: () => _.remove!() as Command,
    },
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      db.runTransaction<T>(async (sdkTx) =>
        fn({
          collection: <N extends CollectionName>(name: N): TxCollection<Collections[N]> => {
            const c = sdkTx.collection(name);
            return {
              get: async (id) => {
                try {
                  return ((await c.doc(id).get()).data ?? null) as Collections[N] | null;
                } catch (err) {
                  // Inside a transaction the SDK rejects a missing document instead of answering null.
                  if (/not exist|does not exist|cannot find/i.test(String((err as Error)?.message))) return null;
                  throw err;
                }
              },
              set: async (id, doc) => {
                await c.doc(id).set({ data: doc });
              },
              update: async (id, patch) => {
                await c.doc(id).update({ data: patch });
              },
              remove: async (id) => {
                await c.doc(id).remove();
              },
            };
          },
        }),
      ),
    uploadFile: async (cloudPath, bytes) => {
      const res = (await sdk.uploadFile({ cloudPath, fileContent: bytes })) as unknown as { fileID: string };
      return res.fileID;
    },
    deleteFiles: async (fileIds) => {
      if (fileIds.length === 0) return [];
      const res = (await sdk.deleteFile({ fileList: [...fileIds] })) as unknown as { fileList: { fileID: string; status: number }[] };
      return res.fileList.filter((f) => f.status === 0).map((f) => f.fileID);
    },
    downloadFile: async (fileId) => {
      const res = (await sdk.downloadFile({ fileID: fileId })) as unknown as { fileContent: Buffer };
      return res.fileContent;
    },
    openapi: async <T>(api: string, params: Record<string, unknown>) => {
      const [ns, method] = api.split('.');
      const group = (sdk.openapi as unknown as Record<string, Record<string, (p: unknown) => Promise<T>>>)[ns ?? ''];
      const call = group?.[method ?? ''];
      if (!call) throw new Error(`openapi: unknown api ${api}`);
      return call.call(group, params);
    },
    miniProgramCode: async (params) => {
      const api = (sdk.openapi as unknown as { wxacode: { getUnlimited(p: object): Promise<{ buffer?: Buffer | Uint8Array; errCode?: number; errMsg?: string }> } }).wxacode;
      const res = await api.getUnlimited({ ...params });
      if (!res.buffer) throw Object.assign(new Error(res.errMsg ?? 'wxacode.getUnlimited returned no image'), { errCode: res.errCode ?? -1 });
      return Buffer.from(res.buffer);
    },
    callFunction: async <T>(name: string, data: unknown) => {
      const res = (await sdk.callFunction({ name, data: data as Record<string, unknown> })) as unknown as { result: T };
      return res.result;
    },
    identity: () => {
      const ctx = sdk.getWXContext() as Record<string, unknown>;
      return { openid: stringOrNull(ctx.OPENID), appid: stringOrNull(ctx.APPID), env: stringOrNull(ctx.ENV) };
    },
    tempUrls: (fileIds) => urls.resolve(fileIds),
  };
  return instance;
}
