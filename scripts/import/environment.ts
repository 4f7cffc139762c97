/**
 * Reading and writing an environment's units, exemplars, honours and placements through WeChat
 * Cloud's HTTP API (scripts/deploy/wx-api.ts: the same token and errcode handling as deploy),
 * and running `reconcile` there by the API's function invocation.
 *
 * Reads page through `tcb/databasequery` (1000 documents a page, the API's most) in an order a
 * declared index serves, and check the documents read against the collection's count: a write
 * racing the read, or paging that skipped or repeated a document, stops the import instead of
 * planning from a wrong picture. Writes are `add` statements of up to WRITE_BATCH new documents
 * and one `doc(id).update` per changed document.
 */
import type { Exemplar, Honor, MediaPlacement, Unit } from '@contract';
import type { WxApi } from '../deploy/wx-api';
import type { Collection, Environment, Write } from './plan';

const PAGE = 1000;
/** New documents per `add` statement: small enough for any request-size limit (a biography is up to 10 000 characters). */
const WRITE_BATCH = 50;

/** The order each collection is read in, served by its declared index (cloudfunctions/database.ts). */
const READ_ORDER: Record<Collection, string> = {
  units: '.orderBy("order", "asc")',
  exemplars: '.orderBy("_id", "asc")',
  honors: '.orderBy("exemplarId", "asc").orderBy("date", "desc")',
  placements: '.orderBy("exemplarId", "asc").orderBy("date", "desc")',
};

export class EnvironmentChangedError extends Error {
  override name = 'EnvironmentChangedError';
}

async function readAll<T extends { _id: string }>(api: WxApi, collection: Collection): Promise<T[]> {
  const byId = new Map<string, T>();
  let total = 0;
  for (let skip = 0; ; skip += PAGE) {
    const r = await api.tcb('databasequery', { query: `db.collection(${JSON.stringify(collection)})${READ_ORDER[collection]}.skip(${skip}).limit(${PAGE}).get()` });
    const docs = ((r.data ?? []) as string[]).map((t) => JSON.parse(t) as T);
    for (const d of docs) byId.set(d._id, d);
    total = (r.pager as { Total?: number } | undefined)?.Total ?? byId.size;
    if (docs.length < PAGE) break;
  }
  if (byId.size !== total) throw new EnvironmentChangedError(`读取 ${collection} 时环境在变化（读到 ${byId.size} 条，共 ${total} 条）：请稍后再导入`);
  return [...byId.values()];
}

export async function readEnvironment(api: WxApi): Promise<Environment> {
  const [units, exemplars, honors, placements] = await Promise.all([
    readAll<Unit>(api, 'units'),
    readAll<Exemplar>(api, 'exemplars'),
    readAll<Honor>(api, 'honors'),
    readAll<MediaPlacement>(api, 'placements'),
  ]);
  return { units, exemplars, honors, placements };
}

const literal = (v: unknown): string => JSON.stringify(v);

/** Applies the writes in the plan's order; `progress` is told each statement's count of documents. */
export async function applyWrites(api: WxApi, writes: readonly Write[], progress: (collection: Collection, n: number) => void = () => {}): Promise<void> {
  let i = 0;
  while (i < writes.length) {
    const w = writes[i]!;
    if (w.op === 'create') {
      const batch: Write[] = [];
      while (i < writes.length && batch.length < WRITE_BATCH && writes[i]!.op === 'create' && writes[i]!.collection === w.collection) batch.push(writes[i++]!);
      await api.tcb('databaseadd', { query: `db.collection(${literal(w.collection)}).add({data: ${literal(batch.map((b) => ({ _id: b.id, ...b.data })))}})` });
      progress(w.collection, batch.length);
      continue;
    }
    await api.tcb('databaseupdate', { query: `db.collection(${literal(w.collection)}).doc(${literal(w.id)}).update({data: ${literal(w.data)}})` });
    progress(w.collection, 1);
    i++;
  }
}

export interface ReconcileOutcome {
  /** What reconcile did to the honours wall's summary. */
  summary: 'unchanged' | 'repaired' | 'built' | 'busy';
  retallied: number;
}

/**
 * Runs the `reconcile` function in the environment (tcb/invokecloudfunction: no user, as its
 * timer runs it) until the honours wall's summary is judged — it answers `busy` when a write in
 * the app moved the wall during its walk.
 */
export async function runReconcile(api: WxApi, tries = 3): Promise<ReconcileOutcome> {
  let last: ReconcileOutcome = { summary: 'busy', retallied: 0 };
  for (let n = 0; n < tries; n++) {
    const r = await api.tcb('invokecloudfunction', {}, { env: api.envId, name: 'reconcile' });
    const answer = JSON.parse(String(r.resp_data ?? 'null')) as { ok: boolean; data?: { wall?: { summary: ReconcileOutcome['summary']; retallied: unknown[] } }; error?: { code: string; message: string } } | null;
    if (!answer?.ok || !answer.data?.wall) throw new Error(`reconcile 没有成功：${JSON.stringify(answer?.error ?? answer)}`);
    last = { summary: answer.data.wall.summary, retallied: answer.data.wall.retallied.length };
    if (last.summary !== 'busy') return last;
  }
  return last;
}
