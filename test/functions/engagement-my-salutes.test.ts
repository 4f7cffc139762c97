/**
 * 我的致敬 (engagement.mySalutes) through the real SDK on the local cloud (strict indexes): the
 * exemplars the caller saluted, newest salute first, paged without repeats, leaving out every
 * profile the public may no longer see (unpublished, consent withdrawn) and every liked story.
 */
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { consentOf, docs, exemplar, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const station = unit('u-st', 'station', corps, 1);
const people = ['e1', 'e2', 'e3', 'e4', 'e5'].map((id) => exemplar(id, station, { kind: 'individual', consent: consentOf(`典型${id}`) }));
const squad = exemplar('e-squad', station);
const liked = story('s1', station);

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('engagement-my-salutes', (db) => {
    db.insertMany('units', docs([corps, station]));
    db.insertMany('exemplars', docs([...people, squad]));
    db.insertMany('stories', docs([liked]));
  });
});

afterAll(async () => {
  await t?.stop();
});

const salute = (id: string, openid: string) => t.call('engagement', 'setLike', { target: { kind: 'exemplar', id }, liked: true }, openid);

describe('mySalutes', () => {
  it('pages the caller’s saluted exemplars newest salute first, leaving out profiles no longer public and liked stories', async () => {
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5', 'e-squad']) {
      data(await salute(id, 'o-fan'));
      // Distinct salute instants make the expected order unambiguous.
      await new Promise((r) => setTimeout(r, 3));
    }
    data(await t.call('engagement', 'setLike', { target: { kind: 'story', id: 's1' }, liked: true }, 'o-fan'));
    // Since the salutes: e2 unpublished, e4's consent withdrawn.
    t.cloud.db.patch('exemplars', 'e2', { state: 'draft' });
    t.cloud.db.patch('exemplars', 'e4', { consent: null });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { _id: string }[]; next: string | null } = data(await t.call('engagement', 'mySalutes', { cursor, limit: 2 }, 'o-fan'));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i._id));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['e-squad', 'e5', 'e3', 'e1']);

    const first = data(await t.call('engagement', 'mySalutes', {}, 'o-fan'));
    expect(first.items[0]).toMatchObject({ _id: 'e-squad', name: squad.name, unit: { _id: 'u-st' }, saluteCount: 1 });
    expect(data(await t.call('engagement', 'mySalutes', {}, 'o-nobody'))).toEqual({ items: [], next: null });
    expect(await t.cloud.invoke('engagement', { action: 'mySalutes', data: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
