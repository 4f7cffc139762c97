/**
 * Transactions as the SDK drives them: snapshot reads, writes applied only at commit, conflicts
 * reported at commit (so runTransaction retries), abort discarding everything.
 */
import { rejection, startHarness, type Harness } from './db-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.db.createCollection('accounts');
});
afterAll(async () => {
  await h.close();
});

const reset = async (docs: { _id: string; balance: number }[]) => {
  await h.db.collection('accounts').where({ balance: h.db.command.exists(true) }).remove();
  h.backend.insertMany('accounts', docs);
};

test('runTransaction moves money atomically and returns the callback result', async () => {
  await reset([{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }]);
  const result = await h.db.runTransaction(async (t: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const a = await t.collection('accounts').doc('a').get();
    await t.collection('accounts').doc('a').update({ data: { balance: a.data.balance - 30 } });
    await t.collection('accounts').doc('b').update({ data: { balance: h.db.command.inc(30) } });
    await t.collection('accounts').add({ data: { _id: 'log1', balance: 30 } });
    return 'moved';
  });
  expect(result).toBe('moved');
  expect(h.backend.findById('accounts', 'a')).toMatchObject({ balance: 70 });
  expect(h.backend.findById('accounts', 'b')).toMatchObject({ balance: 30 });
  expect(h.backend.findById('accounts', 'log1')).toMatchObject({ balance: 30 });
});

test('writes stay invisible outside until commit; reads inside see the snapshot plus own writes', async () => {
  await reset([{ _id: 'a', balance: 10 }]);
  const t = await h.db.startTransaction();
  await t.collection('accounts').doc('a').update({ data: { balance: 11 } });
  expect(h.backend.findById('accounts', 'a')).toMatchObject({ balance: 10 });
  expect((await t.collection('accounts').doc('a').get()).data.balance).toBe(11);
  await t.commit();
  expect(h.backend.findById('accounts', 'a')).toMatchObject({ balance: 11 });
});

test('a transaction reads its snapshot even after another writer changed the document', async () => {
  await reset([{ _id: 'a', balance: 1 }]);
  const t = await h.db.startTransaction();
  await h.db.collection('accounts').doc('a').update({ data: { balance: 2 } });
  expect((await t.collection('accounts').doc('a').get()).data.balance).toBe(1);
  await t.rollback();
});

test('a stale read followed by a write conflicts at commit with the code runTransaction retries on', async () => {
  await reset([{ _id: 'a', balance: 1 }, { _id: 'b', balance: 0 }]);
  const t = await h.db.startTransaction();
  await t.collection('accounts').doc('a').get();
  await h.db.collection('accounts').doc('a').update({ data: { balance: 5 } });
  // The write itself succeeds; the conflict is only known at commit, as in production.
  await t.collection('accounts').doc('b').update({ data: { balance: 1 } });
  const err = await rejection(t.commit());
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(h.backend.findById('accounts', 'b')).toMatchObject({ balance: 0 });
});

test('runTransaction retries after a commit-time conflict and the retry sees fresh data', async () => {
  await reset([{ _id: 'a', balance: 100 }]);
  let attempts = 0;
  await h.db.runTransaction(async (t: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    attempts++;
    const a = await t.collection('accounts').doc('a').get();
    if (attempts === 1) {
      // Another function instance deposits while this one is mid-transaction.
      await h.db.collection('accounts').doc('a').update({ data: { balance: h.db.command.inc(50) } });
    }
    await t.collection('accounts').doc('a').update({ data: { balance: a.data.balance - 10 } });
  });
  expect(attempts).toBe(2);
  expect(h.backend.findById('accounts', 'a')).toMatchObject({ balance: 140 });
});

test('two transactions writing the same document: the first commit wins, the second conflicts', async () => {
  await reset([{ _id: 'a', balance: 0 }]);
  const t1 = await h.db.startTransaction();
  const t2 = await h.db.startTransaction();
  await t1.collection('accounts').doc('a').set({ data: { balance: 1 } });
  await t2.collection('accounts').doc('a').set({ data: { balance: 2 } });
  await t1.commit();
  const err = await rejection(t2.commit());
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(h.backend.findById('accounts', 'a')).toEqual({ _id: 'a', balance: 1 });
});

test('a concurrent insert of the id a transaction saw as absent is a conflict', async () => {
  await reset([]);
  const t = await h.db.startTransaction();
  // Inside a transaction too, the SDK turns "no such document" into a rejection.
  const seen = await rejection(t.collection('accounts').doc('fresh').get());
  expect(String(seen.errMsg)).toMatch(/does not exist/);
  await h.db.collection('accounts').add({ data: { _id: 'fresh', balance: 9 } });
  await t.collection('accounts').doc('fresh').set({ data: { balance: 1 } });
  expect((await rejection(t.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(h.backend.findById('accounts', 'fresh')).toMatchObject({ balance: 9 });
});

test('rollback discards every write; the transaction id is then unusable', async () => {
  await reset([{ _id: 'a', balance: 7 }]);
  const t = await h.db.startTransaction();
  await t.collection('accounts').doc('a').remove();
  await t.collection('accounts').add({ data: { _id: 'tmp', balance: 1 } });
  await t.rollback();
  expect(h.backend.findById('accounts', 'a')).toMatchObject({ balance: 7 });
  expect(h.backend.findById('accounts', 'tmp')).toBeNull();
  const err = await rejection(t.collection('accounts').doc('a').get());
  expect(err.errCode).toBe(-501001);
});

test('runTransaction aborts on a thrown error and keeps nothing', async () => {
  await reset([{ _id: 'a', balance: 3 }]);
  const err = await rejection(
    h.db.runTransaction(async (t: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      await t.collection('accounts').doc('a').update({ data: { balance: 0 } });
      throw new Error('insufficient funds');
    }),
  );
  expect(String(err.message)).toMatch(/insufficient funds/);
  expect(h.backend.findById('accounts', 'a')).toMatchObject({ balance: 3 });
});

test('a duplicate add inside a transaction fails at once with -502001', async () => {
  await reset([{ _id: 'a', balance: 1 }]);
  const t = await h.db.startTransaction();
  const err = await rejection(t.collection('accounts').add({ data: { _id: 'a', balance: 2 } }));
  expect(err.errCode).toBe(-502001);
  await t.rollback();
});

test('queries by filter inside a transaction are refused (single-document operations only)', async () => {
  await reset([{ _id: 'a', balance: 1 }]);
  const t = await h.db.startTransaction();
  const err = await rejection(t.collection('accounts').where({ balance: 1 }).get());
  expect(err.errCode).toBe(-502001);
  expect(err.errMsg).toMatch(/single-document/);
  await t.rollback();
});
