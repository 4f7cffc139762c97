/**
 * The local database as cloud functions see it: every call goes through the real
 * wx-server-sdk over HTTP to emulator/db.
 */
import { rejection, startHarness, type Harness } from './db-harness';

let h: Harness;
let _: any; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  h = await startHarness();
  _ = h.db.command;
});
afterAll(async () => {
  await h.close();
});

const stories = () => h.db.collection('stories');

describe('add and get', () => {
  test('add returns a production-like 32-hex id and doc().get() reads the document back', async () => {
    const res = await stories().add({ data: { title: '火场逆行', state: 'draft', publishedAt: null, exemplarIds: ['e1'] } });
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    const got = await stories().doc(res._id).get();
    expect(got.data).toEqual({ _id: res._id, title: '火场逆行', state: 'draft', publishedAt: null, exemplarIds: ['e1'] });
    expect(h.backend.findById('stories', res._id)).toMatchObject({ title: '火场逆行' });
  });

  test('add with an explicit _id keeps it; a second add with the same _id fails with -502001 and changes nothing', async () => {
    await stories().add({ data: { _id: 'dup-1', title: 'first' } });
    const err = await rejection(stories().add({ data: { _id: 'dup-1', title: 'second' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/duplicate key/);
    expect((await stories().doc('dup-1').get()).data.title).toBe('first');
  });

  test('doc().get() on a missing document rejects as production does; where() on it yields an empty list', async () => {
    const err = await rejection(stories().doc('no-such-doc').get());
    expect(String(err.errMsg ?? err)).toMatch(/does not exist/);
    const res = await stories().where({ _id: 'no-such-doc' }).get();
    expect(res.data).toEqual([]);
  });

  test('a missing collection fails with -502005 on read and write', async () => {
    const e1 = await rejection(h.db.collection('nowhere').get());
    expect(e1.errCode).toBe(-502005);
    const e2 = await rejection(h.db.collection('nowhere').add({ data: { a: 1 } }));
    expect(e2.errCode).toBe(-502005);
  });

  test('Dates round-trip as Dates and db.serverDate() becomes the server time', async () => {
    const before = Date.now();
    const when = new Date('2024-05-01T08:00:00.000Z');
    const { _id } = await h.db.collection('honors').add({ data: { exemplarId: 'x', date: '2024-05-01', at: when, createdAt: h.db.serverDate() } });
    const { data } = await h.db.collection('honors').doc(_id).get();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.getTime()).toBe(when.getTime());
    expect(data.createdAt).toBeInstanceOf(Date);
    expect(data.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe('queries', () => {
  beforeAll(async () => {
    await h.db.createCollection('people');
    const docs = Array.from({ length: 12 }, (_x, i) => ({
      _id: `p${String(i).padStart(2, '0')}`,
      name: `name-${i}`,
      age: 20 + i,
      team: i % 3 === 0 ? 'red' : 'blue',
      profile: { city: i % 2 ? '乌鲁木齐' : '喀什', rank: i },
      tags: i % 4 === 0 ? ['hero', 'lead'] : ['member'],
      ...(i === 5 ? { nickname: '小五' } : {}),
    }));
    h.backend.insertMany('people', docs);
  });
  const people = () => h.db.collection('people');

  test('default limit is 100 and the SDK clamps limit to 1000', async () => {
    h.backend.insertMany('bulk', Array.from({ length: 1100 }, (_x, i) => ({ i })));
    expect((await h.db.collection('bulk').get()).data).toHaveLength(100);
    expect((await h.db.collection('bulk').limit(5000).get()).data).toHaveLength(1000);
    expect((await h.db.collection('bulk').count()).total).toBe(1100);
  });

  test('orderBy, skip, limit and field() shape the page', async () => {
    const res = await people().where({ team: 'blue' }).orderBy('age', 'desc').skip(1).limit(3).field({ name: true, age: true }).get();
    expect(res.data).toEqual([
      { _id: 'p10', name: 'name-10', age: 30 },
      { _id: 'p08', name: 'name-8', age: 28 },
      { _id: 'p07', name: 'name-7', age: 27 },
    ]);
  });

  test('nested objects in where() match by dot path', async () => {
    const res = await people().where({ profile: { city: '喀什' }, team: 'red' }).orderBy('age', 'asc').get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['p00', 'p06']);
  });

  test('db.command comparison and logic operators', async () => {
    const ids = (r: { data: { _id: string }[] }) => r.data.map((d) => d._id);
    expect(ids(await people().where({ age: _.gte(29) }).orderBy('age', 'asc').get())).toEqual(['p09', 'p10', 'p11']);
    expect(ids(await people().where({ _id: _.in(['p01', 'p03', 'zz']) }).orderBy('_id', 'asc').get())).toEqual(['p01', 'p03']);
    expect(ids(await people().where(_.or([{ age: _.lt(21) }, { age: _.gt(30) }])).orderBy('_id', 'asc').get())).toEqual(['p00', 'p11']);
    expect(ids(await people().where(_.and([{ age: _.gt(24) }, { age: _.lt(27) }])).orderBy('_id', 'asc').get())).toEqual(['p05', 'p06']);
    expect(ids(await people().where({ age: _.gt(20).and(_.lt(23)) }).orderBy('_id', 'asc').get())).toEqual(['p01', 'p02']);
    expect(ids(await people().where({ nickname: _.exists(true) }).get())).toEqual(['p05']);
    expect((await people().where({ nickname: _.exists(false) }).count()).total).toBe(11);
    expect((await people().where({ team: _.neq('red') }).count()).total).toBe(8);
    expect(ids(await people().where({ tags: 'hero' }).orderBy('_id', 'asc').get())).toEqual(['p00', 'p04', 'p08']);
    expect(ids(await people().where({ name: /^NAME-1\d$/i }).orderBy('_id', 'asc').get())).toEqual(['p10', 'p11']);
    expect(ids(await people().where({ name: h.db.RegExp({ regexp: 'e-3$', options: 'i' }) }).get())).toEqual(['p03']);
  });

  test('count follows the filter', async () => {
    expect((await people().where({ team: 'red' }).count()).total).toBe(4);
    expect((await people().count()).total).toBe(12);
  });

  test('an unknown query operator is refused with a database error', async () => {
    const err = await rejection(
      h.cloud.database().collection('people').where({ age: { $bogus: 1 } }).get(),
    );
    expect(err.errCode).toBe(-502002);
    expect(err.errMsg).toMatch(/\$bogus/);
  });
});

describe('updates', () => {
  const exemplars = () => h.db.collection('exemplars');

  test('update merges nested objects with operators on dot paths; set replaces the whole document', async () => {
    await exemplars().add({ data: { _id: 'ex1', name: '张三', stats: { likes: 1, views: 10 }, honors: ['a'], tags: ['x', 'y'], old: true, tmp: 5 } });
    const up = await exemplars().doc('ex1').update({
      data: {
        stats: { likes: _.inc(2), shares: 1 },
        honors: _.push(['b', 'c']),
        tags: _.pull('x'),
        old: _.remove(),
        tmp: _.mul(3),
        name: '张三丰',
        'profile.unit': '一站',
      },
    });
    expect(up.stats.updated).toBe(1);
    expect((await exemplars().doc('ex1').get()).data).toEqual({
      _id: 'ex1',
      name: '张三丰',
      stats: { likes: 3, views: 10, shares: 1 },
      honors: ['a', 'b', 'c'],
      tags: ['y'],
      tmp: 15,
      profile: { unit: '一站' },
    });
    const set = await exemplars().doc('ex1').set({ data: { name: '只剩名字' } });
    expect(set.stats).toEqual({ updated: 1, created: 0 });
    expect((await exemplars().doc('ex1').get()).data).toEqual({ _id: 'ex1', name: '只剩名字' });
  });

  test('set on a missing id creates it (upsert) and reports created', async () => {
    const res = await exemplars().doc('ex-new').set({ data: { name: '新' } });
    expect(res.stats).toEqual({ updated: 0, created: 1 });
    expect(h.backend.findById('exemplars', 'ex-new')).toEqual({ _id: 'ex-new', name: '新' });
  });

  test('update of a missing document updates nothing', async () => {
    const res = await exemplars().doc('ghost').update({ data: { a: 1 } });
    expect(res.stats.updated).toBe(0);
    expect(h.backend.findById('exemplars', 'ghost')).toBeNull();
  });

  test('addToSet, min, max, unshift, pop and rename behave like MongoDB', async () => {
    await h.db.createCollection('ops');
    await h.db.collection('ops').add({ data: { _id: 'o', set: [1], lo: 5, hi: 5, list: [2, 3], n: 1 } });
    await h.db.collection('ops').doc('o').update({ data: { set: _.addToSet(1), lo: _.min(3), hi: _.max(9), list: _.unshift([1]) } });
    await h.db.collection('ops').doc('o').update({ data: { set: _.addToSet(2), list: _.pop() } });
    await h.db.collection('ops').doc('o').update({ data: { n: _.rename('m') } });
    expect(h.backend.findById('ops', 'o')).toEqual({ _id: 'o', set: [1, 2], lo: 3, hi: 9, list: [1, 2], m: 1 });
  });

  test('_.inc is atomic under concurrent calls', async () => {
    await h.db.collection('ops').add({ data: { _id: 'counter', n: 0 } });
    await Promise.all(Array.from({ length: 20 }, () => h.db.collection('ops').doc('counter').update({ data: { n: _.inc(1) } })));
    expect(h.backend.findById('ops', 'counter')).toMatchObject({ n: 20 });
  });

  test('where().update() updates every match; where().remove() removes every match', async () => {
    await h.db.createCollection('bulkops');
    h.backend.insertMany('bulkops', [{ k: 'a', v: 1 }, { k: 'a', v: 2 }, { k: 'b', v: 3 }]);
    const up = await h.db.collection('bulkops').where({ k: 'a' }).update({ data: { v: _.inc(10) } });
    expect(up.stats.updated).toBe(2);
    const vs = (await h.db.collection('bulkops').orderBy('v', 'asc').get()).data.map((d: { v: number }) => d.v);
    expect(vs).toEqual([3, 11, 12]);
    const rm = await h.db.collection('bulkops').where({ v: _.gt(10) }).remove();
    expect(rm.stats.removed).toBe(2);
    expect(h.backend.count('bulkops')).toBe(1);
  });

  test('doc().remove() removes one document', async () => {
    const { _id } = await h.db.collection('ops').add({ data: { gone: true } });
    const rm = await h.db.collection('ops').doc(_id).remove();
    expect(rm.stats.removed).toBe(1);
    expect(h.backend.findById('ops', _id)).toBeNull();
  });

  test('an update that touches _id or mixes paths is refused and changes nothing', async () => {
    await h.db.collection('ops').add({ data: { _id: 'guard', a: { b: 1 } } });
    const err = await rejection(
      h.db.collection('ops').where({ _id: 'guard' }).update({ data: { a: _.set({ c: 1 }), 'a.b': _.inc(1) } }),
    );
    expect(err.errCode).toBe(-502001);
    expect(h.backend.findById('ops', 'guard')).toEqual({ _id: 'guard', a: { b: 1 } });
  });
});

describe('collections and aggregation', () => {
  test('createCollection makes a usable collection; creating it twice fails', async () => {
    await h.db.createCollection('fresh');
    await h.db.collection('fresh').add({ data: { x: 1 } });
    expect((await h.db.collection('fresh').count()).total).toBe(1);
    const err = await rejection(h.db.createCollection('fresh'));
    expect(err.errMsg).toMatch(/exist/i);
  });

  test('aggregate runs match, group, sort, project, unwind, lookup, addFields, skip, limit, count', async () => {
    await h.db.createCollection('agg_units');
    await h.db.createCollection('agg_people');
    h.backend.insertMany('agg_units', [{ _id: 'u1', name: '一站' }, { _id: 'u2', name: '二站' }]);
    h.backend.insertMany('agg_people', [
      { _id: 'a', unit: 'u1', score: 3, tags: ['x', 'y'] },
      { _id: 'b', unit: 'u1', score: 5, tags: ['x'] },
      { _id: 'c', unit: 'u2', score: 4, tags: [] },
      { _id: 'd', unit: 'u2', score: 1, tags: ['y'], off: true },
    ]);
    const $ = h.db.command.aggregate;
    const grouped = await h.db
      .collection('agg_people')
      .aggregate()
      .match({ off: _.neq(true) })
      .group({ _id: '$unit', total: $.sum('$score'), n: $.sum(1) })
      .sort({ total: -1 })
      .lookup({ from: 'agg_units', localField: '_id', foreignField: '_id', as: 'unit' })
      .addFields({ unitName: $.arrayElemAt(['$unit.name', 0]) })
      .project({ unit: 0 })
      .end();
    expect(grouped.list).toEqual([
      { _id: 'u1', total: 8, n: 2, unitName: '一站' },
      { _id: 'u2', total: 4, n: 1, unitName: '二站' },
    ]);
    const tags = await h.db.collection('agg_people').aggregate().unwind('$tags').sortByCount('$tags').end();
    // Both tags occur twice: their relative order is unspecified, as in MongoDB.
    expect(tags.list).toHaveLength(2);
    expect(tags.list).toEqual(expect.arrayContaining([{ _id: 'x', count: 2 }, { _id: 'y', count: 2 }]));
    const page = await h.db.collection('agg_people').aggregate().sort({ score: -1 }).skip(1).limit(2).project({ score: 1 }).end();
    expect(page.list).toEqual([{ _id: 'c', score: 4 }, { _id: 'a', score: 3 }]);
    const counted = await h.db.collection('agg_people').aggregate().match({ score: _.gte(3) }).count('n').end();
    expect(counted.list).toEqual([{ n: 3 }]);
  });
});
