/**
 * Multikey indexes (an array field in a declared index: stories.search, exemplar_feed,
 * unit_path…) are served as MongoDB serves them: one index entry per element, so an equality on
 * the array field followed by the index's sort or a range reads only the matching entries, in
 * order. The answers are exactly what MongoDB semantics (mingo) answer, and stay so through
 * updates, removals, transactions and a reopen.
 */
import { EJSON } from 'bson';
import { Query } from 'mingo';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { openDatabase, type DatabaseBackend } from '../../emulator/db';
import { tempFile } from './db-harness';

type Doc = Record<string, unknown> & { _id: string };

async function find(backend: DatabaseBackend, filter: Record<string, unknown>, order: Record<string, 1 | -1>, skip = 0, limit = 100): Promise<string[]> {
  const reply = (await backend.handle('database.getDocument', {
    collectionName: 'stories',
    queryType: 'WHERE',
    query: EJSON.stringify(filter, { relaxed: false }),
    order: EJSON.stringify(order, { relaxed: false }),
    offset: skip,
    limit,
  })) as { data?: { list: string[] }; message?: string };
  if (!reply.data) throw new Error(reply.message);
  return reply.data.list.map((t) => (EJSON.parse(t) as { _id: string })._id);
}

function want(docs: Doc[], filter: Record<string, unknown>, order: Record<string, 1 | -1>, skip = 0, limit = 100): string[] {
  return new Query(filter).find<Doc>(docs).sort(order).skip(skip).limit(limit).all().map((d) => d._id);
}

describe('multikey pushdown answers what MongoDB semantics answer', () => {
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const KEYS = ['火场', '逆行', '王建', '建军', 'a:wjj', '天山', '戈壁'];
  const docs: Doc[] = Array.from({ length: 300 }, (_x, i) => {
    const d: Doc = { _id: `s${String(i).padStart(3, '0')}`, state: rand(5) ? 'published' : 'draft', publishedAt: rand(40) };
    const shape = rand(10);
    // Arrays (with a repeated element now and then), a scalar, an empty array, or no field at all.
    if (shape < 7) d.searchKeys = Array.from({ length: rand(4) + 1 }, () => KEYS[rand(KEYS.length)]!);
    else if (shape === 7) d.searchKeys = KEYS[rand(KEYS.length)];
    else if (shape === 8) d.searchKeys = [];
    d.exemplarIds = [`e${rand(5)}`];
    return d;
  });
  const backend = openDatabase({ file: ':memory:', collections: COLLECTIONS, strict: true });
  backend.insertMany('stories', docs);
  afterAll(() => backend.close());

  const cases: { filter: Record<string, unknown>; order: Record<string, 1 | -1>; skip?: number; limit?: number }[] = [
    { filter: { searchKeys: '火场', state: 'published' }, order: { publishedAt: -1, _id: -1 } },
    { filter: { searchKeys: '火场', state: 'published' }, order: { publishedAt: -1, _id: -1 }, limit: 5 },
    { filter: { searchKeys: 'a:wjj', state: 'published', publishedAt: { $lt: 20 } }, order: { publishedAt: -1, _id: -1 }, limit: 7 },
    { filter: { searchKeys: '逆行', state: 'published', publishedAt: 12, _id: { $lt: 's200' } }, order: { _id: -1 } },
    { filter: { searchKeys: '天山', state: 'published' }, order: { publishedAt: 1, _id: 1 }, skip: 3, limit: 4 },
    { filter: { searchKeys: { $in: ['戈壁', '王建'] }, state: 'published' }, order: { publishedAt: -1, _id: -1 }, limit: 10 },
    { filter: { searchKeys: '建军', state: 'draft' }, order: { publishedAt: -1, _id: -1 } },
    { filter: { searchKeys: '无此键', state: 'published' }, order: { publishedAt: -1, _id: -1 } },
    { filter: { exemplarIds: 'e2', state: 'published' }, order: { publishedAt: -1, _id: -1 }, limit: 9 },
  ];

  test.each(cases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    expect(await find(backend, c.filter, c.order, c.skip, c.limit)).toEqual(want(docs, c.filter, c.order, c.skip, c.limit));
  });
});

describe('multikey entries follow every write', () => {
  test('updates, removals, transactions and a reopen', async () => {
    const file = tempFile('mk.sqlite');
    let backend = openDatabase({ file, collections: COLLECTIONS, strict: true });
    const q = { searchKeys: '火场', state: 'published' };
    const order = { publishedAt: -1, _id: -1 } as const;
    backend.insertMany('stories', [
      { _id: 'a', state: 'published', publishedAt: 3, searchKeys: ['火场', '逆行'] },
      { _id: 'b', state: 'published', publishedAt: 2, searchKeys: ['逆行'] },
    ]);
    expect(await find(backend, q, order)).toEqual(['a']);
    // A replace that drops the key and one that adds it.
    backend.patch('stories', 'a', { searchKeys: ['逆行'] });
    backend.patch('stories', 'b', { searchKeys: ['火场', '火场'] });
    expect(await find(backend, q, order)).toEqual(['b']);
    // A transaction's write shows once committed.
    const t = (await backend.handle('database.startTransaction', {})) as { data: { transactionId: string } };
    const transactionId = t.data.transactionId;
    await backend.handle('database.modifyDocument', { collectionName: 'stories', queryType: 'DOC', query: EJSON.stringify({ _id: 'a' }), data: EJSON.stringify({ $set: { searchKeys: ['火场'] } }), merge: true, transactionId });
    expect(await find(backend, q, order)).toEqual(['b']);
    await backend.handle('database.commitTransaction', { transactionId });
    expect(await find(backend, q, order)).toEqual(['a', 'b']);
    // A removal by filter (itself served by the multikey index).
    await backend.handle('database.removeDocument', { collectionName: 'stories', queryType: 'WHERE', query: EJSON.stringify({ searchKeys: '火场', state: 'published', publishedAt: 2 }), multi: true });
    expect(await find(backend, q, order)).toEqual(['a']);
    backend.close();
    backend = openDatabase({ file, collections: COLLECTIONS, strict: true });
    try {
      expect(await find(backend, q, order)).toEqual(['a']);
      backend.insertMany('stories', [{ _id: 'c', state: 'published', publishedAt: 9, searchKeys: ['火场'] }]);
      expect(await find(backend, q, order)).toEqual(['c', 'a']);
    } finally {
      backend.close();
    }
  });
});
