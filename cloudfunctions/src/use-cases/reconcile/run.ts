/**
 * Counter reconciliation, run by the `reconcile` timer at 03:00: recount like records per story
 * and salute records per exemplar and repair counters that drifted (the residual risk of the
 * engagement design, use-cases/engagement/shared.ts: a crash between a like record's write and
 * its `_.inc`), then drop expired rate-limit windows and old view records, and recount the
 * honours wall (./honours-wall.ts).
 *
 * Memory and load stay bounded whatever the collection sizes: targets are walked by `_id` in
 * pages of BATCH, and each page's records are counted by the database with one grouped
 * aggregate (`$match` on the target index, `$group` by target id), so no record is ever loaded
 * into the function and no page costs more than one read and one aggregate.
 */
import type { Id } from '@contract';
import type { Cloud, Filter, Queryable } from '../../adapters/cloud';
import { confirmedRepairs, driftedCounters, reportOf, shanghaiDay, type CounterObservation, type Drift, type Repair, type TargetKind } from '../../domain/engagement';
import { byIds } from '../../lib/reads';
import type { TimerContext } from '../../lib/timer';
import { reconcileHonoursWall, type WallReconcileReport } from './honours-wall';

export interface ReconcileReport {
  checked: number;
  repaired: Repair[];
  /** Drifts seen once but not confirmed (in-flight likes) or changed before the guarded write. */
  skipped: number;
  expiredWindows: number;
  oldViews: number;
  /** The honours wall's tallies and summary (./honours-wall.ts). */
  wall: WallReconcileReport;
}

/** Targets per page: one `_.in` aggregate per page keeps each call small. */
const BATCH = 100;
/** View records are only needed for today's dedup; yesterday's stay for the day boundary. */
const VIEW_DAYS_KEPT = 2;
/** Time for in-flight likes (insert done, `_.inc` not yet) to land before a drift is believed (RECONCILE_SETTLE_MS). */
const DEFAULT_SETTLE_MS = 2000;

function settleMs(raw: string | undefined): number {
  const n = raw === undefined || raw === '' ? DEFAULT_SETTLE_MS : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_SETTLE_MS;
}

type CounterRow = { _id: Id; counter: unknown };

/** Reading and repairing the counters of one kind of target. */
interface Counters {
  /** The next BATCH targets after `after` in `_id` order. */
  page(after: Id | null): Promise<CounterRow[]>;
  reread(ids: readonly Id[]): Promise<CounterRow[]>;
  /**
   * Sets the counter to `d.now` only if it still holds `d.was` (compare-and-set by value, applied
   * as an increment, so a like that landed since is never overwritten); false when it changed.
   * A missing counter cannot be compared on its value: a like racing that write is caught by the
   * next run's two-look check.
   */
  repair(d: Drift): Promise<boolean>;
}

function countersOf(c: Cloud, kind: TargetKind): Counters {
  const cmd = c.command;
  const from = (after: Id | null) => (after === null ? {} : { _id: cmd.gt(after) });
  if (kind === 'story') {
    const stories = c.collection('stories');
    const q = () => stories.select(['likeCount']);
    const rows = (rs: Iterable<{ _id: Id; likeCount: number }>) => [...rs].map((r) => ({ _id: r._id, counter: r.likeCount as unknown }));
    return {
      page: async (after) => rows(await q().where(from(after)).orderBy('_id', 'asc').limit(BATCH).get()),
      reread: async (ids) => rows((await byIds(q, cmd, ids)).values()),
      repair: async (d) =>
        (d.missing ? await stories.doc(d.id).update({ likeCount: d.now }) : await stories.updateWhere({ _id: d.id, likeCount: d.was }, { likeCount: cmd.inc(d.now - d.was) })) > 0,
    };
  }
  const exemplars = c.collection('exemplars');
  const q = () => exemplars.select(['saluteCount']);
  const rows = (rs: Iterable<{ _id: Id; saluteCount: number }>) => [...rs].map((r) => ({ _id: r._id, counter: r.saluteCount as unknown }));
  return {
    page: async (after) => rows(await q().where(from(after)).orderBy('_id', 'asc').limit(BATCH).get()),
    reread: async (ids) => rows((await byIds(q, cmd, ids)).values()),
    repair: async (d) =>
      (d.missing ? await exemplars.doc(d.id).update({ saluteCount: d.now }) : await exemplars.updateWhere({ _id: d.id, saluteCount: d.was }, { saluteCount: cmd.inc(d.now - d.was) })) > 0,
  };
}

/** Record counts of `kind` per target among `rows`, counted by the database (ids without records count 0). */
async function observe(c: Cloud, kind: TargetKind, rows: readonly CounterRow[]): Promise<CounterObservation[]> {
  const counts = new Map<Id, number>();
  if (rows.length > 0) {
    const match: Filter<Queryable<'likes'>> = { 'target.kind': kind, 'target.id': c.command.in(rows.map((r) => r._id)) };
    // At most BATCH groups: one per target of the page.
    const groups = await c.collection('likes').aggregate<{ _id: Id; n: number }>([{ $match: match }, { $group: { _id: '$target.id', n: { $sum: 1 } } }, { $limit: BATCH }]);
    for (const g of groups) counts.set(g._id, g.n);
  }
  return rows.map((r) => ({ id: r._id, counter: typeof r.counter === 'number' ? r.counter : null, records: counts.get(r._id) ?? 0 }));
}

export async function reconcile(ctx: TimerContext): Promise<ReconcileReport> {
  const c = ctx.cloud();
  let checked = 0;
  const suspects: Drift[] = [];
  for (const kind of ['story', 'exemplar'] as const) {
    const counters = countersOf(c, kind);
    let after: Id | null = null;
    for (;;) {
      const rows = await counters.page(after);
      if (rows.length === 0) break;
      checked += rows.length;
      suspects.push(...driftedCounters(kind, await observe(c, kind, rows)));
      after = rows[rows.length - 1]!._id;
      if (rows.length < BATCH) break;
    }
  }

  const repaired: Repair[] = [];
  let skipped = 0;
  if (suspects.length > 0) {
    const wait = settleMs(ctx.env('RECONCILE_SETTLE_MS'));
    await new Promise((resolve) => setTimeout(resolve, wait));
    for (const kind of ['story', 'exemplar'] as const) {
      const first = suspects.filter((s) => s.kind === kind);
      if (first.length === 0) continue;
      const counters = countersOf(c, kind);
      const second: Drift[] = [];
      for (let i = 0; i < first.length; i += BATCH) {
        const rows = await counters.reread(first.slice(i, i + BATCH).map((s) => s.id));
        second.push(...driftedCounters(kind, await observe(c, kind, rows)));
      }
      const confirmed = confirmedRepairs(first, second);
      skipped += first.length - confirmed.length;
      for (const d of confirmed) {
        if (await counters.repair(d)) repaired.push(reportOf(d));
        else skipped++;
      }
    }
  }

  const now = ctx.now();
  const expiredWindows = await c.collection('rate_limits').removeWhere({ expiresAt: c.command.lt(now) });
  const oldViews = await c.collection('views').removeWhere({ day: c.command.lt(shanghaiDay(now) - VIEW_DAYS_KEPT + 1) });
  const wall = await reconcileHonoursWall(ctx);
  return { checked, repaired, skipped, expiredWindows, oldViews, wall };
}
