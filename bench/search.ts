/**
 * Search at scale: 100,000 published stories with realistic Chinese titles and summaries (people,
 * places, units, campaigns), 5,000 exemplars, the demo unit tree, in the local cloud in strict
 * index mode; content.search called through the real path (HTTP gateway → function runner →
 * content function → wx-server-sdk → /admin → SQLite), with queries of one character, two
 * characters, three or more, and pinyin initials, plus a few that find nothing (they also pay
 * for suggestions). Keys are cut by the same domain rule the functions use.
 *
 * Prints one line per query class, then `search: n=… p50_ms=… p95_ms=…` over all samples.
 * Options: --stories N (100000), --samples N per class (40).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Exemplar, Story, Unit } from '@contract';
import { buildFunctions } from '../cloudfunctions/build';
import { exemplarSearchIndex, storySearchIndex } from '../cloudfunctions/src/domain/search';
import { startCloud } from '../emulator/server';
import { createRng, type Rng } from '../emulator/seed/prng';
import { buildUnits, unitIndex } from '../emulator/seed/units';
import { callGateway, figures, percentile, round, tempDir, timed } from './_lib';

const { values } = parseArgs({ options: { stories: { type: 'string', default: '100000' }, samples: { type: 'string', default: '40' } } });
const STORIES = Number(values.stories);
const SAMPLES = Number(values.samples);
const EXEMPLARS = Math.max(50, Math.round(STORIES / 20));
const NOW = Date.UTC(2026, 10, 30);

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段'];
const GIVEN = [...'建军国华明伟强磊洋勇艳杰娟涛斌超秀英志刚文平海峰俊辉鹏宇浩然晓燕丽敏静芳红军亮新春雪梅兰玉成德福'];
const UYGHUR = ['艾力·买买提', '努尔兰·别克', '阿依古丽·吐尔逊', '古丽娜尔·艾山', '买买提·阿不都', '热合曼·托合提', '帕提古丽·依明', '吐尔洪·卡德尔'];
const THEMES = ['火场逆行', '化工救援', '山火扑救', '冰雪驰援', '沙漠搜救', '地震救援', '抗洪抢险', '高层灭火', '隧道事故处置', '油罐火灾', '雪崩救援', '消防宣传', '防火检查', '夜间出警', '应急演练', '执法检查'];
const NOUNS = ['逆行者', '守护人', '先锋', '尖兵', '老班长', '铁军', '蓝焰', '追火人', '活地图', '排头兵'];
const PLACES = ['天山', '戈壁', '昆仑', '塔里木', '准噶尔', '博格达', '赛里木湖', '火焰山', '喀纳斯', '胡杨林', '帕米尔', '伊犁河谷'];
const CAMPAIGNS = [
  { _id: 'cp-pingfan', name: '身边典型•平凡榜样' },
  { _id: 'cp-gushi', name: '先进典型讲好消防故事' },
  { _id: 'cp-xiaofangzhang', name: '一级消防长风采展示' },
  { _id: 'cp-tianshan', name: '天山风华•蓝焰闪耀' },
];

function personName(rng: Rng): string {
  if (rng.chance(0.08)) return rng.pick(UYGHUR);
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

function storyTitle(rng: Rng, name: string, station: Unit, i: number): string {
  switch (i % 6) {
    case 0:
      return `${name}：${rng.pick(THEMES)}的${rng.int(2, 36)}小时`;
    case 1:
      return `${rng.pick(PLACES)}脚下的${rng.pick(NOUNS)}——记${station.shortName}${name}`;
    case 2:
      return `${station.shortName}：${rng.pick(THEMES)}一线的${rng.pick(NOUNS)}`;
    case 3:
      return `${rng.int(10, 30)}年${rng.pick(THEMES)}路，${name}的坚守`;
    case 4:
      return `从${rng.pick(PLACES)}到${rng.pick(PLACES)}：${name}和他的战友们`;
    default:
      return `${rng.pick(NOUNS)}${name}：第${rng.int(1, 999)}次出警`;
  }
}

function summaryOf(rng: Rng, name: string, station: Unit): string {
  return `${station.shortName}${name}在一次${rng.pick(THEMES)}中，带领队员连续奋战${rng.int(3, 48)}小时，转移群众${rng.int(10, 300)}人，守护了${rng.pick(PLACES)}一方平安。`;
}

interface Corpus {
  stories: Record<string, unknown>[];
  exemplars: Record<string, unknown>[];
  names: string[];
}

function corpus(units: Unit[]): Corpus {
  const rng = createRng(0x5ea4c4);
  const get = unitIndex(units);
  const stations = units.filter((u) => u.level === 'station');
  const people: (Omit<Exemplar, '_id'> & { _id: string })[] = [];
  const names: string[] = [];
  for (let e = 0; e < EXEMPLARS; e++) {
    const station = rng.pick(stations);
    const name = personName(rng);
    names.push(name);
    people.push({
      _id: `ex${String(e).padStart(6, '0')}`,
      kind: 'individual',
      tier: e % 5 === 0 ? 'major' : 'reserve',
      name,
      title: `${rng.pick(['一级消防士', '二级消防长', '一级消防长', '三级指挥员'])} · ${station.shortName}${rng.pick(['班长', '站长', '驾驶员', '战斗员'])}`,
      unitId: station._id,
      unitPath: station.path,
      category: 'rescue',
      photo: null,
      summary: `${station.shortName}的${rng.pick(NOUNS)}`,
      biography: '',
      // Consent that counts: the bench is about reading speed, not the consent rule.
      consent: { method: 'in_app', evidence: 'o-bench', recordedAt: NOW, recordedBy: 'o-bench', name, verifiedBy: 'o-bench', verifiedAt: NOW },
      state: 'published',
      honorCount: 0,
      storyCount: 0,
      saluteCount: 0,
      enteredTierAt: NOW,
      nextReviewAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
      rank: rng.int(0, 500),
    });
  }
  const exemplars = people.map((p) => ({ ...p, ...exemplarSearchIndex({ name: p.name, kind: p.kind, title: p.title, unitPath: p.unitPath.map(get), honors: [] }) }));
  const stories: Record<string, unknown>[] = [];
  for (let i = 0; i < STORIES; i++) {
    const person = people[rng.int(0, people.length - 1)]!;
    const station = get(person.unitId);
    const campaign = rng.chance(0.6) ? rng.pick(CAMPAIGNS) : null;
    const title = storyTitle(rng, person.name, station, i);
    const summary = summaryOf(rng, person.name, station);
    const story: Omit<Story, '_id'> & { _id: string } = {
      _id: `s${String(i).padStart(7, '0')}`,
      code: `B${i.toString(36).toUpperCase().padStart(6, '0')}`,
      title,
      summary,
      cover: null,
      campaignId: campaign?._id ?? null,
      exemplarIds: [person._id],
      unitId: station._id,
      unitPath: station.path,
      author: `${station.shortName}宣传员`,
      blocks: [{ type: 'paragraph', spans: [{ text: summary.repeat(4) }] }],
      state: 'published',
      revision: 1,
      // Every 7th story shares its instant with the previous one: ties page like production.
      publishedAt: NOW - (i - (i % 7 === 0 ? 1 : 0)) * 60_000,
      createdAt: NOW - i * 60_000,
      updatedAt: NOW - i * 60_000,
      likeCount: i % 97,
      viewCount: i % 1013,
      shareCount: i % 11,
      article: null,
    };
    stories.push({
      ...story,
      ...storySearchIndex({ title, summary, author: story.author, unitPath: station.path.map(get), campaign: campaign?.name ?? null, exemplars: [{ name: person.name, kind: 'individual' }] }),
    });
  }
  return { stories, exemplars, names };
}

/** Queries a reader types, by class: drawn from the corpus's own words, deterministic. */
function queries(names: string[], units: Unit[]): Record<string, string[]> {
  const rng = createRng(0x9e51);
  const stations = units.filter((u) => u.level === 'station');
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  const initials = (name: string) => {
    // The initials the domain indexes: taken from the name's own keys (a:… of its full length).
    const keys = exemplarSearchIndex({ name, kind: 'individual', title: '', unitPath: [], honors: [] }).searchKeys;
    const letters = keys.filter((k) => k.startsWith('a:')).map((k) => k.slice(2));
    return letters.sort((a, b) => b.length - a.length)[0] ?? 'w';
  };
  const han = names.filter((n) => !n.includes('·'));
  const out: Record<string, string[]> = { one_char: [], two_chars: [], three_plus: [], initials: [], nothing: [] };
  for (let i = 0; i < SAMPLES; i++) {
    out.one_char!.push(pick([pick(SURNAMES), pick(GIVEN), pick([...'火站险援'])]));
    out.two_chars!.push(pick([[...pick(han)].slice(1, 3).join(''), pick(PLACES).slice(0, 2), pick(THEMES).slice(0, 2)]));
    out.three_plus!.push(pick([pick(han), pick(stations).shortName, pick(NOUNS).length >= 3 ? pick(NOUNS) : pick(THEMES), `${pick(PLACES)} ${pick(NOUNS)}`]));
    out.initials!.push(initials(pick(han)));
  }
  for (let i = 0; i < Math.max(2, Math.round(SAMPLES / 10)); i++) out.nothing!.push(pick(['不存在的名字', '量子计算机', '海底两万里', '宇宙飞船']));
  return out;
}

async function main(): Promise<void> {
  const dataDir = tempDir('bench-search');
  console.log('building functions…');
  await buildFunctions({ quiet: true });
  const units = buildUnits();
  console.log(`cutting keys for ${STORIES} stories and ${EXEMPLARS} exemplars…`);
  const [data, cutMs] = await timed(async () => corpus(units));
  const keys = data.stories.reduce((n, s) => n + (s.searchKeys as string[]).length, 0);
  console.log(`cut in ${round(cutMs / 1000)} s (${round(keys / data.stories.length)} keys per story)`);
  console.log('seeding…');
  const [cloud, seedMs] = await timed(() =>
    startCloud({
      port: 0,
      dataDir,
      strict: true,
      quiet: true,
      seed: (db) => {
        db.insertMany('units', units as unknown as Record<string, unknown>[]);
        db.insertMany('campaigns', CAMPAIGNS.map((c, i) => ({ ...c, slug: c._id, description: '', cover: null, startedAt: NOW, order: i, storyCount: STORIES })));
        db.insertMany('exemplars', data.exemplars);
        for (let start = 0; start < data.stories.length; start += 5000) db.insertMany('stories', data.stories.slice(start, start + 5000));
      },
    }),
  );
  console.log(`seeded in ${round(seedMs / 1000)} s`);

  /** A failed search (e.g. the function's time limit) counts with the time it took, and as an error. */
  const search = async (q: string): Promise<{ stories: number; exemplars: number } | { error: string }> => {
    const { body } = await callGateway<{ stories: { items: unknown[] }; exemplars: { items: unknown[] } }>(cloud.gatewayUrl, 'content', 'search', { q });
    if (!body.ok || !body.data) return { error: JSON.stringify(body.error) };
    return { stories: body.data.stories.items.length, exemplars: body.data.exemplars.items.length };
  };

  try {
    const byClass = queries(data.names, units);
    // Warm every pooled function instance (and SQLite's page cache) before measuring.
    for (const q of ['王', '天山', '特勤站', 'wjj']) await search(q);
    let errors = 0;
    const all: number[] = [];
    const classes = Object.entries(byClass);
    // Interleave the classes so drift on a shared machine hits all alike.
    const samples: Record<string, number[]> = Object.fromEntries(classes.map(([k]) => [k, []]));
    const found: Record<string, number> = Object.fromEntries(classes.map(([k]) => [k, 0]));
    const longest = Math.max(...classes.map(([, qs]) => qs.length));
    for (let i = 0; i < longest; i++) {
      for (const [name, qs] of classes) {
        const q = qs[i];
        if (q === undefined) continue;
        const [r, ms] = await timed(() => search(q));
        samples[name]!.push(ms);
        all.push(ms);
        if ('error' in r) {
          errors++;
          console.log(`  ${name}: search ${JSON.stringify(q)} failed after ${round(ms)} ms: ${r.error}`);
        } else if (r.stories + r.exemplars > 0) found[name]!++;
      }
    }
    for (const [name, ms] of Object.entries(samples)) {
      console.log(`  ${name.padEnd(10)} n=${ms.length} found=${found[name]} p50_ms=${round(percentile(ms, 50))} p95_ms=${round(percentile(ms, 95))} max_ms=${round(Math.max(...ms))}`);
    }
    if (errors) console.log(`  ${errors} of ${all.length} searches failed (counted with the time they took)`);
    figures('search', { n: STORIES, p50_ms: round(percentile(all, 50)), p95_ms: round(percentile(all, 95)) });
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
