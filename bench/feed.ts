/**
 * Feed paging at scale: 100,000 published stories in the local cloud; page 1 and page 500
 * fetched through the real path (HTTP gateway → function runner → content function →
 * wx-server-sdk → /admin → SQLite). Keyset pagination should make page 500 cost what page 1
 * costs. Also the size on the wire of 20 stories' cards (the issue's budget: 30 KB), as the
 * client receives it (JSON, uncompressed: the cloud call is not gzip'd). Options: --stories N
 * (100000), --samples N (200).
 */
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { parseArgs } from 'node:util';
import { buildFunctions } from '../cloudfunctions/build';
import { startCloud } from '../emulator/server';
import { localFileId } from '../emulator/env';
import { callGateway, figures, percentile, round, tempDir, timed } from './_lib';

const { values } = parseArgs({ options: { stories: { type: 'string', default: '100000' }, samples: { type: 'string', default: '200' } } });
const STORIES = Number(values.stories);
const SAMPLES = Number(values.samples);
const PAGE = 10;
const DEEP_PAGE = 500;

function storyDoc(i: number, now: number): Record<string, unknown> {
  const id = `s${String(i).padStart(7, '0')}`;
  return {
    _id: id,
    code: `B${i.toString(36).toUpperCase().padStart(6, '0')}`,
    title: `基准事迹 ${i}`,
    summary: '用于分页性能测试的事迹摘要，长度与真实摘要相近，让投影与序列化的开销接近生产。',
    cover: localFileId(`bench/cover-${i % 5}.png`),
    campaignId: `c${i % 4}`,
    exemplarIds: [`e${i % 30}`],
    unitId: 'u-station',
    unitPath: ['u-corps', 'u-det', 'u-bat', 'u-station'],
    author: '宣传员',
    blocks: [{ type: 'paragraph', spans: [{ text: '正文'.repeat(200) }] }],
    state: i % 50 === 0 ? 'draft' : 'published',
    revision: 1,
    // Every 7th story shares its instant with the previous one: ties must page correctly.
    publishedAt: now - (i - (i % 7 === 0 ? 1 : 0)) * 60_000,
    createdAt: now - i * 60_000,
    updatedAt: now - i * 60_000,
    likeCount: i % 97,
    viewCount: i % 1013,
    shareCount: i % 11,
    article: null,
  };
}

async function main(): Promise<void> {
  const dataDir = tempDir('bench-feed');
  console.log(`building functions…`);
  await buildFunctions({ quiet: true });
  const now = Date.UTC(2026, 10, 30);
  const cover = new PNG({ width: 750, height: 600 });
  cover.data.fill(200);
  const png = PNG.sync.write(cover);
  console.log(`seeding ${STORIES} stories…`);
  const [cloud, seedMs] = await timed(() =>
    startCloud({
      port: 0,
      dataDir,
      strict: true,
      quiet: true,
      seed: (db, storage) => {
        for (let k = 0; k < 5; k++) storage.put(`bench/cover-${k}.png`, png);
        db.insertMany('units', [
          { _id: 'u-corps', name: '总队', shortName: '总队', level: 'corps', parentId: null, path: ['u-corps'], order: 0 },
          { _id: 'u-station', name: '特勤站', shortName: '特勤站', level: 'station', parentId: 'u-bat', path: ['u-corps', 'u-det', 'u-bat', 'u-station'], order: 1 },
        ]);
        db.insertMany(
          'campaigns',
          [0, 1, 2, 3].map((c) => ({ _id: `c${c}`, name: `专题${c}`, slug: `c${c}`, description: '', cover: null, startedAt: now, order: c, storyCount: 0 })),
        );
        db.insertMany(
          'exemplars',
          Array.from({ length: 30 }, (_, e) => ({
            _id: `e${e}`, kind: 'collective', tier: 'reserve', name: `典型${e}`, title: '', unitId: 'u-station',
            unitPath: ['u-corps', 'u-det', 'u-bat', 'u-station'], category: 'rescue', photo: null, summary: '', biography: '',
            consent: null, state: 'published', honorCount: 0, storyCount: 0, saluteCount: 0, enteredTierAt: now,
            nextReviewAt: now, createdAt: now, updatedAt: now, rank: e,
          })),
        );
        for (let start = 0; start < STORIES; start += 5000) {
          const batch: Record<string, unknown>[] = [];
          for (let i = start; i < Math.min(STORIES, start + 5000); i++) batch.push(storyDoc(i + 1, now));
          db.insertMany('stories', batch);
        }
      },
    }),
  );
  console.log(`seeded in ${round(seedMs / 1000)} s`);

  const feed = async (cursor: string | null): Promise<{ items: { _id: string }[]; next: string | null }> => {
    const { body } = await callGateway<{ items: { _id: string }[]; next: string | null }>(cloud.gatewayUrl, 'content', 'feed', { cursor, limit: PAGE });
    if (!body.ok || !body.data) throw new Error(`feed failed: ${JSON.stringify(body.error)}`);
    return body.data;
  };

  try {
    // Walk to page 500 with cursors (the only way a reader gets there), checking no duplicates.
    // The walk also warms every pooled function instance.
    let cursor: string | null = null;
    const seen = new Set<string>();
    const walkStart = performance.now();
    for (let p = 1; p < DEEP_PAGE; p++) {
      const page = await feed(cursor);
      for (const item of page.items) {
        if (seen.has(item._id)) throw new Error(`duplicate ${item._id} on page ${p}`);
        seen.add(item._id);
      }
      cursor = page.next;
      if (!cursor) throw new Error(`feed ended at page ${p}`);
    }
    const walkMs = performance.now() - walkStart;
    // Interleave the two pages so drift on a shared machine hits both alike.
    const page1: number[] = [];
    const deep: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      page1.push((await timed(() => feed(null)))[1]);
      deep.push((await timed(() => feed(cursor)))[1]);
    }
    // 20 cards in one answer, as two feed pages or a profile's list would bring them.
    const twenty = await callGateway(cloud.gatewayUrl, 'content', 'feed', { cursor: null, limit: 20 });
    const twentyBytes = Buffer.byteLength(twenty.text);
    const p50a = percentile(page1, 50);
    const p95a = percentile(page1, 95);
    const p50b = percentile(deep, 50);
    const p95b = percentile(deep, 95);
    console.log(`walked ${DEEP_PAGE - 1} pages (${seen.size} distinct stories) in ${round(walkMs / 1000)} s`);
    figures('feed', {
      stories: STORIES,
      page1_p50_ms: round(p50a),
      page1_p95_ms: round(p95a),
      page500_p50_ms: round(p50b),
      page500_p95_ms: round(p95b),
      ratio_p50: round(p50b / p50a, 2),
      feed20_bytes: twentyBytes,
    });
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
