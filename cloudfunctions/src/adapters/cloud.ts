/**
 * The one place that touches wx-server-sdk. Its typings are loose (`get()` is typed
 * `Promise | void | string`, DYNAMIC_CURRENT_ENV is a symbol where a string is expected), so
 * the casts live here once and the functions get a typed, narrow surface: the collections we
 * declared, typed filters and projections, `doc().get()` that answers null for a missing
 * document, the caller's identity, and batched, cached temporary URLs.
 */
import * as sdk from 'wx-server-sdk';
import type { Campaign, Exemplar, Honor, Id, RoleGrant, Story, Unit } from '@contract';
import { TempUrlCache, type TempUrlItem } from './temp-urls';

/** Collection name → the document type stored in it (cloudfunctions/database.ts declares them). */
export interface Collections {
  units: Unit;
  exemplars: Exemplar;
  honors: Honor;
  campaigns: Campaign;
  stories: Story;
  roles: RoleGrant;
}
export type CollectionName = keyof Collections;

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
  neq(value: string | number | null): Command;
  in(values: readonly (string | number)[]): Command;
}

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
}

export interface CollectionRef<D> extends Query<D> {
  doc(id: Id): DocRef<D>;
}

export interface WxIdentity {
  /** The caller's OPENID, the only identity we trust; null when the call carries none. */
  openid: string | null;
  appid: string | null;
  env: string | null;
}

export interface Cloud {
  collection<N extends CollectionName>(name: N): CollectionRef<Collections[N]>;
  readonly command: Commands;
  identity(): WxIdentity;
  /** Temporary URLs for cloud file ids; unresolvable ids are absent. */
  tempUrls(fileIds: readonly string[]): Promise<Map<string, string>>;
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
}
interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDoc;
}
interface SdkDatabase {
  collection(name: string): SdkCollection;
  command: Record<'lt' | 'gt' | 'neq' | 'in', (v: unknown) => unknown>;
}

function projection(fields: readonly string[]): Record<string, true> {
  const p: Record<string, true> = { _id: true };
  for (const f of fields) p[f] = true;
  return p;
}

function wrapQuery<D, R>(q: SdkQuery): Query<D, R> {
  return {
    where: (filter) => wrapQuery<D, R>(q.where(filter)),
    orderBy: (field, direction) => wrapQuery<D, R>(q.orderBy(field, direction)),
    limit: (n) => wrapQuery<D, R>(q.limit(n)),
    select: <K extends keyof D & string>(fields: readonly K[]) => wrapQuery<D, Row<D, K>>(q.field(projection(fields))),
    get: async () => (await q.get()).data as R[],
  };
}

function wrapDoc<D, R>(d: SdkDoc): DocRef<D, R> {
  return {
    select: <K extends keyof D & string>(fields: readonly K[]) => wrapDoc<D, Row<D, K>>(d.field(projection(fields))),
    get: async () => {
      const { data } = await d.get();
      return (data ?? null) as R | null;
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
      return { ...wrapQuery<Collections[N], Collections[N]>(c), doc: (id: Id) => wrapDoc<Collections[N], Collections[N]>(c.doc(id)) };
    },
    command: {
      lt: (v) => _.lt(v) as Command,
      gt: (v) => _.gt(v) as Command,
      neq: (v) => _.neq(v) as Command,
      in: (vs) => _.in([...vs]) as Command,
    },
    identity: () => {
      const ctx = sdk.getWXContext() as Record<string, unknown>;
      return { openid: stringOrNull(ctx.OPENID), appid: stringOrNull(ctx.APPID), env: stringOrNull(ctx.ENV) };
    },
    tempUrls: (fileIds) => urls.resolve(fileIds),
  };
  return instance;
}
