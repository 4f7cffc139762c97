/**
 * What a caller sees when the data itself is broken: the function answers INTERNAL with a
 * request id instead of throwing at WeChat, and reveals nothing of the failure.
 */
import type { CallResult } from '@contract';
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { campaign, docs, NOW, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('robustness', (db) => {
    db.insertMany('units', docs([corps]));
    // A published story whose publishedAt is not a number cannot be placed in the feed.
    db.insertMany('campaigns', docs([campaign('c-odd', 1), campaign('c-broken', 2)]));
    db.insertMany(
      'stories',
      docs([
        { ...story('broken', corps, { campaignId: 'c-broken' }), publishedAt: 'yesterday' as unknown as number },
        // Marked published but never given an instant: hidden, and it must not break its campaign feed.
        story('no-instant', corps, { campaignId: 'c-odd', publishedAt: null }),
        story('fine-1', corps, { campaignId: 'c-odd', publishedAt: NOW }),
        story('fine-2', corps, { campaignId: 'c-odd', publishedAt: NOW - 1 }),
      ]),
    );
  });
});

afterAll(async () => {
  await t?.stop();
});

const brokenFeed = () => t.call('content', 'campaignFeed', { campaignId: 'c-broken' });

it('a corrupt document turns its feed into INTERNAL with a request id, not a thrown error', async () => {
  const res = await brokenFeed();
  expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId: expect.stringMatching(/.+/) } });
});

it('each failing call gets its own request id', async () => {
  const a = await brokenFeed();
  const b = await brokenFeed();
  if (a.ok || b.ok) throw new Error('expected failures');
  expect(a.error.requestId).not.toBe(b.error.requestId);
});

it('other actions keep working', async () => {
  await expect(t.call('content', 'units', {})).resolves.toMatchObject({ ok: true, data: { items: [{ _id: 'u-corps' }] } });
});

it('a published story without an instant is hidden and ends the walk cleanly', async () => {
  for (const limit of [1, 2, 3]) {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: CallResult<'content', 'campaignFeed'> = await t.call('content', 'campaignFeed', { campaignId: 'c-odd', cursor, limit });
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      ids.push(...res.data.items.map((s) => s._id));
      cursor = res.data.next;
    } while (cursor);
    expect(ids).toEqual(['fine-1', 'fine-2']);
  }
  await expect(t.call('content', 'story', { id: 'no-instant' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
