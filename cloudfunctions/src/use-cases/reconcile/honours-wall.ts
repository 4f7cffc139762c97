/**
 * The honours wall's repair, run by the `reconcile` timer: recount every exemplar's tally from
 * its honour and placement records, repair tallies (and list keys) that drifted, then recompute
 * the summary from the exemplars and repair it, reporting what it found. Writes keep the wall
 * exact in their own transactions (workflows/honours-wall/summary.ts); what this catches is
 * whatever bypassed them — documents from before the wall existed (it builds their tallies and
 * the first summary), a hand edit in the console, a bug.
 *
 * Writers racing the walk are never overwritten:
 * - a tally is repaired only if it still holds what the walk read (compare-and-set in a
 *   transaction; a write in between rewrote it from fresh records and is left alone), and the
 *   repair moves the summary by its own difference in the same transaction;
 * - the summary is repaired only if its revision is still the one read before the walk (plus
 *   this run's own repairs): every write that moves a figure moves the revision, so an unchanged
 *   revision means the walk saw what the summary counts. Otherwise the run reports `busy` and
 *   the next run tries again.
 *
 * Bounded like the counter recount: exemplars in pages of BATCH by `_id`, each page's honours and
 * placements read with one `_.in` query each (split further if a page's records reach the read limit).
 */
import type { ExemplarWall, Id, MediaPlacement } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import {
  addCounts,
  contributionOf,
  countsDrift,
  countsEqual,
  countsOf,
  countsOfSummary,
  honourKeysOf,
  placementFields,
  sameWall,
  summaryAfter,
  WALL_SUBJECT_FIELDS,
  WALL_SUMMARY_ID,
  wallOf,
  type HonourFacts,
  type PlacementFacts,
  type WallCounts,
} from '../../domain/honours-wall';
import type { TimerContext } from '../../lib/timer';
import { transact } from '../../lib/transaction';
import { moveWall, wallFields } from '../../workflows/honours-wall/summary';

export interface WallReconcileReport {
  /** Exemplars walked. */
  checked: number;
  /** Exemplars whose tally or list keys were repaired. */
  retallied: Id[];
  /** Placements whose list keys were repaired. */
  rekeyed: number;
  /** Tallies a write changed while the walk ran: left to that write. */
  skipped: number;
  /** built: there was none; repaired: it had `drift` wrong entries; busy: a write moved it during the walk (next run). */
  summary: 'unchanged' | 'repaired' | 'built' | 'busy';
  drift: number;
}

const BATCH = 100;
/** The most rows one query returns. */
const READ_LIMIT = 1000;

/** Every record of `collection` whose exemplarId is among `ids` (halving the id list while a read comes back full). */
async function recordsOf<T extends { exemplarId: Id | null }>(read: (ids: Id[]) => Promise<T[]>, ids: Id[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const rows = await read(ids);
  if (rows.length < READ_LIMIT) return rows;
  if (ids.length === 1) throw new Error(`reconcile: exemplar ${ids[0]} has ${READ_LIMIT}+ records in one collection`);
  const half = Math.ceil(ids.length / 2);
  return [...(await recordsOf(read, ids.slice(0, half))), ...(await recordsOf(read, ids.slice(half)))];
}

function groupBy<T extends { exemplarId: Id | null }>(rows: readonly T[]): Map<Id, T[]> {
  const out = new Map<Id, T[]>();
  for (const r of rows) if (r.exemplarId) out.set(r.exemplarId, [...(out.get(r.exemplarId) ?? []), r]);
  return out;
}

// Order-blind on both sides: stored keys and freshly derived ones need not come in the same order.
const sameKeys = (a: readonly string[] | undefined, b: readonly string[]): boolean => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...b].sort());

type PlacementRow = Pick<MediaPlacement, '_id' | 'exemplarId' | 'wallKeys' | 'day'> & PlacementFacts;

async function rekeyPlacement(ctx: TimerContext, p: PlacementRow): Promise<boolean> {
  const want = placementFields(p);
  if (sameKeys(p.wallKeys, want.wallKeys) && p.day === want.day) return false;
  return transact(ctx, async ({ tx }) => {
    const cur = await tx.collection('placements').get(p._id);
    if (!cur) return false;
    await tx.collection('placements').update(p._id, placementFields(cur));
    return true;
  });
}

export async function reconcileHonoursWall(ctx: TimerContext): Promise<WallReconcileReport> {
  const c: Cloud = ctx.cloud();
  const cmd = c.command;
  const summaries = c.collection('honours_summary');
  const start = await summaries.doc(WALL_SUMMARY_ID).get();
  let expectedRevision = start?.revision ?? 0;
  const report: WallReconcileReport = { checked: 0, retallied: [], rekeyed: 0, skipped: 0, summary: 'unchanged', drift: 0 };
  let counts: WallCounts = countsOf([]);

  let after: Id | null = null;
  for (;;) {
    const rows = await c
      .collection('exemplars')
      .select([...WALL_SUBJECT_FIELDS, 'honourKeys'])
      .where(after === null ? {} : { _id: cmd.gt(after) })
      .orderBy('_id', 'asc')
      .limit(BATCH)
      .get();
    if (rows.length === 0) break;
    report.checked += rows.length;
    const ids = rows.map((r) => r._id);
    const [honours, placements] = await Promise.all([
      recordsOf((batch) => c.collection('honors').select(['exemplarId', 'level', 'date', 'title']).where({ exemplarId: cmd.in(batch) }).limit(READ_LIMIT).get(), ids),
      recordsOf((batch) => c.collection('placements').select(['exemplarId', 'outlet', 'date', 'level', 'wallKeys', 'day']).where({ exemplarId: cmd.in(batch) }).limit(READ_LIMIT).get(), ids),
    ]);
    const honoursOf = groupBy<HonourFacts & { exemplarId: Id }>(honours);
    const placementsOf = groupBy<PlacementRow>(placements);
    for (const p of placements) if (await rekeyPlacement(ctx, p)) report.rekeyed++;
    for (const row of rows) {
      const actual: ExemplarWall = wallOf(honoursOf.get(row._id) ?? [], placementsOf.get(row._id) ?? []);
      let counted = { ...row, wall: actual };
      if (!row.wall || !sameWall(row.wall, actual) || !sameKeys(row.honourKeys, honourKeysOf(actual))) {
        const outcome = await transact(ctx, async ({ tx }) => {
          const cur = await tx.collection('exemplars').get(row._id);
          // Changed since the walk read it: the write that changed it counted from fresh records.
          if (!cur || !sameWall(cur.wall, row.wall) || !sameKeys(cur.honourKeys, [...(row.honourKeys ?? [])].sort())) return { kind: 'skipped' as const };
          await tx.collection('exemplars').update(row._id, wallFields(actual));
          return { kind: 'repaired' as const, moved: await moveWall(tx, ctx.now(), cur, { ...cur, wall: actual }) };
        });
        if (outcome.kind === 'skipped') {
          report.skipped++;
          // Counted as the walk saw it; the summary's revision moved, so the summary is not judged this run.
          counted = { ...row, wall: row.wall ?? actual };
        } else {
          report.retallied.push(row._id);
          if (outcome.moved) expectedRevision++;
        }
      }
      counts = addCounts(counts, contributionOf(counted));
    }
    after = rows[rows.length - 1]!._id;
    if (rows.length < BATCH) break;
  }

  const now = ctx.now();
  const verdict = await transact(ctx, async ({ tx }) => {
    const cur = await tx.collection('honours_summary').get(WALL_SUMMARY_ID);
    if (!start) {
      if (cur) return { summary: 'busy' as const, drift: 0 };
      await tx.collection('honours_summary').set(WALL_SUMMARY_ID, summaryAfter(null, counts, now));
      return { summary: 'built' as const, drift: 0 };
    }
    if (!cur || cur.revision !== expectedRevision || report.skipped > 0) return { summary: 'busy' as const, drift: 0 };
    const stored = countsOfSummary(cur);
    if (countsEqual(stored, counts)) return { summary: 'unchanged' as const, drift: 0 };
    // The revision counts on from the stored one: a run that read the old one must see it moved.
    await tx.collection('honours_summary').set(WALL_SUMMARY_ID, { ...summaryAfter(null, counts, now), revision: cur.revision + 1 });
    return { summary: 'repaired' as const, drift: countsDrift(stored, counts) };
  });
  return { ...report, ...verdict };
}
