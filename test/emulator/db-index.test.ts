/**
 * Declared indexes: strict refusal and lenient warnings for unindexed queries, SQL pushdown
 * that answers exactly what MongoDB semantics (mingo) answer, unique indexes, and data that
 * survives closing and reopening the file.
 */
import { EJSON } from 'bson';
import { Query } from 'mingo';
import { openDatabase } from '../../emulator/db';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { rejection, startHarness, tempFile, type Harness } from './db-harness';

describe('strict mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ strict: true });
    h.backend.insertMany('stories', [
      { _id: 's1', title: 'A', state: 'published', publishedAt: 3, campaignId: 'c1', exemplarIds: ['e1'], code: 'K1' },
      { _id: 's2', title: 'B', state: 'published', publishedAt: 2, campaignId: 'c1', exemplarIds: ['e2'], code: 'K2' },
      { _id: 's3', title: 'C', state: 'draft', publishedAt: null, campaignId: 'c2', exemplarIds: ['e1', 'e2'], code: 'K3' },
    ]);
  });
  afterAll(() => h.close());
  const stories = () => h.db.collection('stories');
  const _ = () => h.db.command;

  test('the feed query is served by the feed index', async () => {
    const res = await stories().where({ state: 'published', publishedAt: _().lt(10) }).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').limit(10).get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['s1', 's2']);
  });

  test('campaign and exemplar feeds (multikey) are served by their indexes', async () => {
    const c = await stories().where({ campaignId: 'c1', state: 'published' }).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').get();
    expect(c.data.map((d: { _id: string }) => d._id)).toEqual(['s1', 's2']);
    const e = await stories().where({ exemplarIds: 'e2', state: 'published' }).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').get();
    expect(e.data.map((d: { _id: string }) => d._id)).toEqual(['s2']);
  });

  test('an unindexed filter is refused with an error naming the collection, the fields and the missing index', async () => {
    const err = await rejection(stories().where({ title: 'A' }).get());
    expect(err.errCode).toBe(-501001);
    expect(err.errMsg).toMatch(/collection "stories"/);
    expect(err.errMsg).toMatch(/title: equality/);
    expect(err.errMsg).toMatch(/missing index: \[\['title', 1\]\]/);
    expect(h.backend.indexReport()).toEqual(expect.arrayContaining([expect.objectContaining({ collection: 'stories', refused: true })]));
  });

  test('a sort no index yields is refused even when the filter is indexed', async () => {
    const err = await rejection(stories().where({ state: 'published' }).orderBy('title', 'asc').get());
    expect(err.errMsg).toMatch(/sort \{title: 1\}/);
    const cnt = await rejection(stories().where({ campaignId: _().exists(true) }).count());
    expect(cnt.errCode).toBe(-501001);
  });

  test('lookups by _id, whole-collection reads and undeclared collections are always served', async () => {
    expect((await stories().doc('s1').get()).data.title).toBe('A');
    expect((await stories().where({ _id: _().in(['s1', 's3']), title: 'C' }).get()).data).toHaveLength(1);
    expect((await stories().get()).data).toHaveLength(3);
    await h.db.createCollection('scratch');
    await h.db.collection('scratch').add({ data: { anything: 1 } });
    expect((await h.db.collection('scratch').where({ anything: 1 }).orderBy('other', 'asc').get()).data).toHaveLength(1);
  });

  test('a unique index rejects a second document with the same key (-502001) and keeps the first', async () => {
    const err = await rejection(stories().add({ data: { title: 'dup', code: 'K1' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/index: code/);
    expect((await stories().where({ code: 'K1' }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['s1']);
  });
});

describe('lenient mode', () => {
  test('an unindexed query is answered and reported once through onWarning', async () => {
    const warnings: string[] = [];
    const h = await startHarness({ strict: false, onWarning: (m) => warnings.push(m) });
    try {
      h.backend.insertMany('honors', [{ exemplarId: 'e', date: '2024-01-01', level: 'national' }]);
      const q = () => h.db.collection('honors').where({ level: 'national' }).get();
      expect((await q()).data).toHaveLength(1);
      expect((await q()).data).toHaveLength(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/level: equality.*collection "honors"/);
      expect(h.backend.indexReport()).toEqual([expect.objectContaining({ collection: 'honors', refused: false })]);
    } finally {
      await h.close();
    }
  });
});

describe('pushdown answers what MongoDB semantics answer', () => {
  // Mixed types on indexed fields exercise type bracketing: numbers, strings, null, missing, bools, dates.
  const values: unknown[] = [1, 2, 2.5, 10, -3, 'a', 'b', 'published', '', null, undefined, true, false, new Date(1000), new Date(5000)];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = () => values[rand(values.length)];
  const backend = openDatabase({ file: ':memory:', collections: COLLECTIONS, strict: false });
  const docs = Array.from({ length: 400 }, (_x, i) => {
    const d: Record<string, unknown> = { _id: `d${String(i).padStart(3, '0')}`, state: pick(), publishedAt: pick(), campaignId: rand(3) ? `c${rand(3)}` : 7 };
    for (const k of Object.keys(d)) if (d[k] === undefined) delete d[k];
    return d;
  });
  backend.insertMany('stories', docs);
  afterAll(() => backend.close());

  const cases: { filter: Record<string, unknown>; order: Record<string, 1 | -1>; skip?: number; limit?: number }[] = [
    { filter: { state: 'published' }, order: { publishedAt: -1, _id: -1 } },
    { filter: { state: 'published', publishedAt: { $lt: 3 } }, order: { publishedAt: -1, _id: -1 }, limit: 5 },
    { filter: { state: 'a', publishedAt: { $gte: 2 } }, order: { publishedAt: 1, _id: 1 } },
    { filter: { publishedAt: { $gt: 'a' } }, order: { publishedAt: -1, _id: -1 } },
    { filter: { publishedAt: { $lte: 'b', $gt: '' } }, order: {} },
    { filter: { publishedAt: { $gt: new Date(2000) } }, order: { _id: 1 } },
    { filter: { publishedAt: { $lt: new Date(6000) } }, order: { publishedAt: 1, _id: 1 } },
    { filter: { state: null }, order: { _id: -1 }, skip: 3, limit: 7 },
    { filter: { state: true }, order: { _id: 1 } },
    { filter: { state: { $in: ['a', 1, null] } }, order: { _id: 1 } },
    { filter: { campaignId: 'c1', state: 'published' }, order: { publishedAt: -1, _id: -1 } },
    { filter: { campaignId: 7 }, order: { _id: 1 }, skip: 10, limit: 10 },
    { filter: { state: 'b', $or: [{ publishedAt: 1 }, { publishedAt: 'a' }] }, order: { _id: 1 } },
    { filter: { state: { $ne: 'a' }, publishedAt: { $gte: -3, $lte: 2 } }, order: { publishedAt: -1, _id: 1 }, skip: 2, limit: 4 },
    { filter: { _id: { $gt: 'd100', $lt: 'd120' } }, order: { _id: -1 } },
    { filter: { state: 'published', $or: [{ publishedAt: { $lt: 2 } }, { publishedAt: 2, _id: { $lt: 'd200' } }] }, order: { publishedAt: -1, _id: -1 }, limit: 6 },
    { filter: { $or: [{ state: /^pub/ }, { publishedAt: { $in: [1, 'b'] } }] }, order: { _id: 1 }, skip: 1, limit: 9 },
  ];

  test.each(cases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    const limit = c.limit ?? 100;
    const skip = c.skip ?? 0;
    const reply = (await backend.handle('database.getDocument', {
      collectionName: 'stories',
      queryType: 'WHERE',
      query: EJSON.stringify(c.filter, { relaxed: false }),
      order: EJSON.stringify(c.order, { relaxed: false }),
      offset: skip,
      limit,
    })) as { data: { list: string[] } };
    const got = reply.data.list.map((t) => (EJSON.parse(t) as { _id: string })._id);
    let cursor = new Query(c.filter).find<{ _id: string }>(docs).sort(c.order).skip(skip).limit(limit);
    if (!Object.keys(c.order).length) cursor = new Query(c.filter).find<{ _id: string }>(docs).skip(skip).limit(limit);
    const want = cursor.all().map((d) => d._id);
    if (Object.keys(c.order).length) expect(got).toEqual(want);
    else expect([...got].sort()).toEqual([...want].sort());
    const count = (await backend.handle('database.calculateDocument', { collectionName: 'stories', query: EJSON.stringify(c.filter, { relaxed: false }) })) as { data: { total: number } };
    expect(count.data.total).toBe(new Query(c.filter).find(docs).all().length);
  });
});

describe('persistence', () => {
  test('documents, run-time collections and versions survive close and reopen', async () => {
    const file = tempFile('db.sqlite');
    const h1 = await startHarness({ file });
    await h1.db.collection('units').add({ data: { _id: 'u1', name: '总队', order: 1 } });
    await h1.db.collection('units').doc('u1').update({ data: { name: '新疆总队' } });
    await h1.db.createCollection('runtime_made');
    await h1.db.collection('runtime_made').add({ data: { _id: 'r1', v: 1 } });
    await h1.close();

    const h2 = await startHarness({ file });
    try {
      expect((await h2.db.collection('units').doc('u1').get()).data).toEqual({ _id: 'u1', name: '新疆总队', order: 1 });
      expect((await h2.db.collection('runtime_made').doc('r1').get()).data).toEqual({ _id: 'r1', v: 1 });
      expect(h2.backend.count('units')).toBe(1);
      // Versions continue past the old ones: a transaction that read before a write still conflicts.
      const t = await h2.db.startTransaction();
      await t.collection('units').doc('u1').get();
      await h2.db.collection('units').doc('u1').update({ data: { order: 2 } });
      await t.collection('units').doc('u1').update({ data: { order: 3 } });
      expect((await rejection(t.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    } finally {
      await h2.close();
    }
  });
});
