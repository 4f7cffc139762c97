/**
 * Counter reconciliation: recount like records per story and salute records per exemplar and
 * repair counters that drifted (the residual risk of the engagement design: a crash between a
 * like record's write and its `_.inc`), then drop expired rate-limit windows and old view
 * records. Runs from a timer at 03:00.
 *
 * Memory and load stay bounded whatever the collection sizes: targets are walked by `_id` in
 * pages of BATCH, and each page's records are counted by the database with one grouped
 * aggregate (`$match` on the target index, `$group` by target id), so no record is ever loaded
 * into the function and no page costs more than one read and one aggregate.
 */
import type { Id } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import type { EngagementDb } from '../../adapters/engagement-db';
import { confirmedRepairs, driftedCounters, reportOf, shanghaiDay, type CounterObservation, type Drift, type Repair, type TargetKind } from '../../domain/engagement';
import { byIds } from '../../lib/reads';

export interface ReconcileDeps {
  cloud: () => Cloud;
  db: () => EngagementDb;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Time for in-flight likes (insert done, `_.inc` not yet) to land before a drift is believed. */
  settleMs: number;
}

export interface ReconcileReport {
  checked: number;
  repaired: Repair[];
  /** Drifts seen once but not confirmed (in-flight likes) or changed before the guarded write. */
  skipped: number;
  expiredWindows: number;
  oldViews: number;
}

/** Targets per page: one `_.in` aggregate per page keeps each call small. */
const BATCH = 100;
/** View records are only needed for today's dedup; yesterday's stay for the day boundary. */
const VIEW_DAYS_KEPT = 2;

const FIELD = { story: 'likeCount', exemplar: 'saluteCount' } as const;

async function observe(deps: ReconcileDeps, kind: TargetKind, rows: readonly { _id: Id; counter: unknown }[]): Promise<CounterObservation[]> {
  const counts = await deps.db().countLikes(kind, rows.map((r) => r._id));
  return rows.map((r) => ({ id: r._id, counter: typeof r.counter === 'number' ? r.counter : null, records: counts.get(r._id) ?? 0 }));
}

async function page(deps: ReconcileDeps, kind: TargetKind, after: Id | null): Promise<{ _id: Id; counter: unknown }[]> {
  const c = deps.cloud();
  if (kind === 'story') {
    const q = c.collection('stories').select(['likeCount']);
    const rows = await (after === null ? q.where({}) : q.where({ _id: c.command.gt(after) })).orderBy('_id', 'asc').limit(BATCH).get();
    return rows.map((r) => ({ _id: r._id, counter: r.likeCount }));
  }
  const q = c.collection('exemplars').select(['saluteCount']);
  const rows = await (after === null ? q.where({}) : q.where({ _id: c.command.gt(after) })).orderBy('_id', 'asc').limit(BATCH).get();
  return rows.map((r) => ({ _id: r._id, counter: r.saluteCount }));
}

async function reread(deps: ReconcileDeps, kind: TargetKind, ids: readonly Id[]): Promise<{ _id: Id; counter: unknown }[]> {
  const c = deps.cloud();
  if (kind === 'story') {
    const rows = await byIds(() => c.collection('stories').select(['likeCount']), c.command, ids);
    return [...rows.values()].map((r) => ({ _id: r._id, counter: r.likeCount }));
  }
  const rows = await byIds(() => c.collection('exemplars').select(['saluteCount']), c.command, ids);
  return [...rows.values()].map((r) => ({ _id: r._id, counter: r.saluteCount }));
}

export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  let checked = 0;
  const suspects: Drift[] = [];
  for (const kind of ['story', 'exemplar'] as const) {
    let after: Id | null = null;
    for (;;) {
      const rows = await page(deps, kind, after);
      if (rows.length === 0) break;
      checked += rows.length;
      suspects.push(...driftedCounters(kind, await observe(deps, kind, rows)));
      after = rows[rows.length - 1]!._id;
      if (rows.length < BATCH) break;
    }
  }

  const repaired: Repair[] = [];
  let skipped = 0;
  if (suspects.length > 0) {
    await deps.sleep(deps.settleMs);
    for (const kind of ['story', 'exemplar'] as const) {
      const first = suspects.filter((s) => s.kind === kind);
      if (first.length === 0) continue;
      const second: Drift[] = [];
      for (let i = 0; i < first.length; i += BATCH) {
        const rows = await reread(deps, kind, first.slice(i, i + BATCH).map((s) => s.id));
        second.push(...driftedCounters(kind, await observe(deps, kind, rows)));
      }
      const confirmed = confirmedRepairs(first, second);
      skipped += first.length - confirmed.length;
      const collection = kind === 'story' ? 'stories' : 'exemplars';
      for (const d of confirmed) {
        if (await deps.db().repairCounter(collection, d.id, FIELD[kind], d.missing ? null : d.was, d.now)) repaired.push(reportOf(d));
        else skipped++;
      }
    }
  }

  const now = deps.now();
  const db = deps.db();
  const expiredWindows = await db.removeExpiredWindows(now);
  const oldViews = await db.removeViewsBefore(shanghaiDay(now) - VIEW_DAYS_KEPT + 1);
  return { checked, repaired, skipped, expiredWindows, oldViews };
}

