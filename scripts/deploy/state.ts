/**
 * What an environment has now, read through the HTTP API without changing anything.
 *
 * WeChat's API lists collections with their document and index counts, but never an index's
 * fields, and says nothing of functions. So deploy keeps its own record in the environment, the
 * `deploy_ledger` collection: for each collection the indexes it made (name, fields, unique), for
 * each function the hash of the code it uploaded, the triggers it set and an HMAC of the
 * environment variables it set (never the values), for the mini-program
 * the hash of the package it uploaded. A record is written after each step succeeds, so a run
 * stopped half-way is resumed by the next. An index count that disagrees with the record means
 * someone changed indexes by hand, which the plan reports.
 */
import type { IndexSpec } from '../../cloudfunctions/database';
import type { Trigger } from './declared';
import type { WxApi } from './wx-api';

export const LEDGER = 'deploy_ledger';

export interface LedgerCollection {
  indexes: IndexSpec[];
}

export interface LedgerFunction {
  hash: string | null;
  triggers: Trigger[];
  /** HMAC of the environment variables deploy set (function-env.ts envDigest); never the values. */
  envDigest?: string | null;
}

export interface Ledger {
  collections: Map<string, LedgerCollection>;
  functions: Map<string, LedgerFunction>;
  miniprogram: { hash: string; version: string } | null;
}

export interface EnvState {
  /** Every collection of the environment, with what WeChat counts of it. */
  collections: Map<string, { count: number; indexCount: number }>;
  /** null: the environment has no ledger yet (never deployed to). */
  ledger: Ledger | null;
}

const PAGE = 100;

export async function readState(api: WxApi): Promise<EnvState> {
  const collections = new Map<string, { count: number; indexCount: number }>();
  for (let offset = 0; ; offset += PAGE) {
    const r = await api.tcb('databasecollectionget', { limit: PAGE, offset });
    const list = (r.collections ?? []) as { name: string; count: number; index_count: number }[];
    for (const c of list) collections.set(c.name, { count: c.count, indexCount: c.index_count });
    const total = (r.pager as { Total?: number } | undefined)?.Total ?? 0;
    if (list.length < PAGE || offset + PAGE >= total) break;
  }
  if (!collections.has(LEDGER)) return { collections, ledger: null };
  const ledger: Ledger = { collections: new Map(), functions: new Map(), miniprogram: null };
  for (let skip = 0; ; skip += PAGE) {
    const r = await api.tcb('databasequery', { query: `db.collection(${JSON.stringify(LEDGER)}).orderBy("_id", "asc").skip(${skip}).limit(${PAGE}).get()` });
    const docs = ((r.data ?? []) as string[]).map((t) => JSON.parse(t) as Record<string, unknown>);
    for (const d of docs) readEntry(ledger, d);
    if (docs.length < PAGE) break;
  }
  return { collections, ledger };
}

function readEntry(ledger: Ledger, d: Record<string, unknown>): void {
  const id = String(d._id ?? '');
  const [kind, ...rest] = id.split(':');
  const name = rest.join(':');
  if (kind === 'collection' && name) {
    const indexes = Array.isArray(d.indexes) ? (d.indexes as IndexSpec[]).map((ix) => ({ name: ix.name, fields: ix.fields, ...(ix.unique ? { unique: true } : {}) })) : [];
    ledger.collections.set(name, { indexes });
  } else if (kind === 'function' && name) {
    ledger.functions.set(name, {
      hash: typeof d.hash === 'string' ? d.hash : null,
      triggers: Array.isArray(d.triggers) ? (d.triggers as Trigger[]) : [],
      envDigest: typeof d.envDigest === 'string' ? d.envDigest : null,
    });
  } else if (kind === 'miniprogram' && typeof d.hash === 'string') {
    ledger.miniprogram = { hash: d.hash, version: String(d.version ?? '') };
  }
}

/** Writes one ledger entry (the whole of it), as `doc(id).set()`. */
export async function writeLedger(api: WxApi, id: string, data: Record<string, unknown>): Promise<void> {
  await api.tcb('databaseupdate', { query: `db.collection(${JSON.stringify(LEDGER)}).doc(${JSON.stringify(id)}).set({data: ${JSON.stringify({ ...data, at: new Date().toISOString() })}})` });
}
