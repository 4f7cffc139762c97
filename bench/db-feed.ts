/**
 * The local database under a feed workload: 100,000 stories, the home feed walked by keyset
 * pagination (page 1 and page 500 must cost the same: the SQLite index does the work), plus the
 * campaign feed, the exemplar feed (multikey: index-ordered scan + filter) and a count.
 * Prints `db-feed: key=value …` (milliseconds, medians over repeated runs).
 */
import { EJSON } from 'bson';
import { COLLECTIONS } from '../cloudfunctions/database';
import { openDatabase } from '../emulator/db';

const N = Number(process.env.DB_BENCH_DOCS ?? 100_000);
const db = openDatabase({ file: ':memory:', collections: COLLECTIONS, strict: true });

const t0 = performance.now();
const base = Date.UTC(2024, 0, 1);
const batch: Record<string, unknown>[] = [];
for (let i = 0; i < N; i++) {
  batch.push({
    _id: i.toString(16).padStart(32, '0'),
    code: `S${i}`,
    title: `事迹 ${i}`,
    state: i % 10 === 0 ? 'draft' : 'published',
    campaignId: `c${i % 20}`,
    exemplarIds: [`e${i % 500}`, `e${(i * 7) % 500}`],
    // Ties every 3 docs so the _id tie-breaker matters.
    publishedAt: base + Math.floor(i / 3) * 60_000,
    body: 'x'.repeat(400),
  });
  if (batch.length === 5000) db.insertMany('stories', batch.splice(0));
}
const insertMs = performance.now() - t0;

const ej = (v: Record<string, unknown>) => EJSON.stringify(v, { relaxed: false });
async function page(filter: Record<string, unknown>, limit = 10): Promise<{ ms: number; list: Record<string, unknown>[] }> {
  const s = performance.now();
  const r = (await db.handle('database.getDocument', {
    collectionName: 'stories',
    queryType: 'WHERE',
    query: ej(filter),
    order: ej({ publishedAt: -1, _id: -1 }),
    limit,
  })) as { data?: { list: string[] }; message?: string };
  const ms = performance.now() - s;
  if (!r.data) throw new Error(r.message);
  return { ms, list: r.data.list.map((t) => EJSON.parse(t) as Record<string, unknown>) };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  // Keyset walk as cloudfunctions/src/lib/reads.ts does it: finish the tie group at the cursor's
  // publishedAt (`_id < id`), then continue strictly below it; both queries ride the feed index.
  const times: number[] = [];
  let cursor: { at: number; id: string } | null = null;
  const now = base + N * 60_000;
  for (let p = 1; p <= 500; p++) {
    const s = performance.now();
    let list: Record<string, unknown>[];
    if (!cursor) list = (await page({ state: 'published', publishedAt: { $lt: now } })).list;
    else {
      list = (await page({ state: 'published', publishedAt: cursor.at, _id: { $lt: cursor.id } })).list;
      if (list.length < 10) list = list.concat((await page({ state: 'published', publishedAt: { $lt: cursor.at } }, 10 - list.length)).list);
    }
    times.push(performance.now() - s);
    const last = list[list.length - 1]!;
    cursor = { at: last.publishedAt as number, id: last._id as string };
  }
  // The same cursor written as one $or filter: pushed down as a SQL disjunction over index keys.
  const orDeep = await page({ state: 'published', $or: [{ publishedAt: { $lt: cursor!.at } }, { publishedAt: cursor!.at, _id: { $lt: cursor!.id } }] });
  // The brief's simpler form: a range bound on publishedAt alone, page 1 vs a deep bound.
  const simple = (t: number) => page({ state: 'published', publishedAt: { $lt: t } });
  const p1: number[] = [];
  const p500: number[] = [];
  for (let i = 0; i < 20; i++) {
    p1.push((await simple(now)).ms);
    p500.push((await simple(cursor!.at)).ms);
  }
  const campaign: number[] = [];
  const exemplar: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < 20; i++) {
    campaign.push((await page({ campaignId: `c${i}`, state: 'published' })).ms);
    exemplar.push((await page({ exemplarIds: `e${i * 7}`, state: 'published' })).ms);
    const s = performance.now();
    await db.handle('database.calculateDocument', { collectionName: 'stories', query: ej({ state: 'published' }) });
    counts.push(performance.now() - s);
  }
  const fmt = (x: number) => x.toFixed(2);
  console.log(`docs=${N} insert_s=${(insertMs / 1000).toFixed(1)}`);
  console.log(
    `db-feed: docs=${N} feed_p1_ms=${fmt(median(p1))} feed_p500_ms=${fmt(median(p500))} keyset_walk_first_ms=${fmt(times[0]!)} keyset_walk_p500_ms=${fmt(times[499]!)} keyset_walk_median_ms=${fmt(median(times))} or_cursor_p500_ms=${fmt(orDeep.ms)} campaign_feed_ms=${fmt(median(campaign))} exemplar_feed_multikey_ms=${fmt(median(exemplar))} count_published_ms=${fmt(median(counts))} insert_100k_s=${(insertMs / 1000).toFixed(1)}`,
  );
  db.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
