/**
 * What a caller sees when the data itself is broken: the function answers INTERNAL with a
 * request id instead of throwing at WeChat, and reveals nothing of the failure.
 */
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { docs, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('robustness', (db) => {
    db.insertMany('units', docs([corps]));
    // A published story whose publishedAt is not a number cannot be placed in the feed.
    db.insertMany('stories', docs([{ ...story('broken', corps), publishedAt: 'yesterday' as unknown as number }]));
  });
});

afterAll(async () => {
  await t?.stop();
});

it('a corrupt document turns the feed into INTERNAL with a request id, not a thrown error', async () => {
  const res = await t.call('content', 'feed', {});
  expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId: expect.stringMatching(/.+/) } });
});

it('each failing call gets its own request id', async () => {
  const a = await t.call('content', 'feed', {});
  const b = await t.call('content', 'feed', {});
  if (a.ok || b.ok) throw new Error('expected failures');
  expect(a.error.requestId).not.toBe(b.error.requestId);
});

it('other actions keep working', async () => {
  await expect(t.call('content', 'units', {})).resolves.toMatchObject({ ok: true, data: { items: [{ _id: 'u-corps' }] } });
});
