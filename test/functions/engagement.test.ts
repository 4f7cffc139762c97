/**
 * engagement through the real wx-server-sdk on the local cloud (strict indexes): likes and
 * salutes under concurrency and retries, the rate limit, identity from the context only,
 * views, shares, poster codes and my likes. The test process also holds an SDK of its own,
 * playing the staff and operator hands (unpublishing a story, counting records).
 */
import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { LikeState } from '@contract';
import { likeId } from '../../cloudfunctions/src/domain/engagement';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { campaign, consentOf, docs, exemplar, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const station = unit('u-st', 'station', corps, 1);

const published = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map((id) => story(id, station));
const draft = story('s-draft', station, { state: 'draft', publishedAt: null });
const withdrawn = story('s-gone', station, { state: 'withdrawn' });
const hero = exemplar('e-hero', station, { kind: 'individual', consent: consentOf('典型e-hero') });
const noConsent = exemplar('e-private', station, { kind: 'individual', consent: null });
const squad = exemplar('e-squad', station);
const draftExemplar = exemplar('e-draft', station, { state: 'draft' });
/** Consent on record that does not count (domain/consent.ts): a form only its uploader saw, and a name changed since. */
const uncheckedForm = exemplar('e-unchecked', station, {
  kind: 'individual',
  consent: { ...consentOf('典型e-unchecked'), method: 'signed_form', evidence: 'cloud://scan', recordedBy: 'o-editor', verifiedBy: null, verifiedAt: null },
});
const renamed = exemplar('e-renamed', station, { kind: 'individual', consent: consentOf('改名前的名字') });
const drive = campaign('c-drive', 1);

let t: TestCloud;
let sdk: typeof import('wx-server-sdk');
let db: ReturnType<typeof import('wx-server-sdk')['database']>;

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

beforeAll(async () => {
  t = await startTestCloud(
    'engagement',
    (backend) => {
      backend.insertMany('units', docs([corps, station]));
      backend.insertMany('stories', docs([...published, draft, withdrawn]));
      backend.insertMany('exemplars', docs([hero, noConsent, squad, draftExemplar, uncheckedForm, renamed]));
      backend.insertMany('campaigns', docs([drive]));
    },
    { POSTER_ENV_VERSION: 'develop' },
  );
  Object.assign(process.env, t.cloud.sdkEnv());
  sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  db = sdk.database();
});

afterAll(async () => {
  await t?.stop();
});

const like = (id: string, liked: boolean, openid: string, kind: 'story' | 'exemplar' = 'story') =>
  t.call('engagement', 'setLike', { target: { kind, id }, liked }, openid);

async function records(kind: 'story' | 'exemplar', id: string): Promise<number> {
  const res = (await db.collection('likes').where({ 'target.kind': kind, 'target.id': id }).count()) as unknown as { total: number };
  return res.total;
}

function counter(collection: 'stories' | 'exemplars', id: string): number {
  const doc = t.cloud.db.findById(collection, id);
  return (doc?.[collection === 'stories' ? 'likeCount' : 'saluteCount'] as number) ?? NaN;
}

describe('setLike', () => {
  it('many parallel likes from one user count once, and every answer says liked with count 1', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => like('s1', true, 'o-tapper')));
    for (const a of answers) expect(data(a)).toEqual({ target: { kind: 'story', id: 's1' }, liked: true, count: 1 });
    expect(counter('stories', 's1')).toBe(1);
    expect(await records('story', 's1')).toBe(1);
    expect(t.cloud.db.findById('likes', likeId({ kind: 'story', id: 's1' }, 'o-tapper', sha))).toMatchObject({
      openid: 'o-tapper',
      target: { kind: 'story', id: 's1' },
    });
  });

  it('many users liking at once, each tapping three times, count exactly the distinct users', async () => {
    const users = Array.from({ length: 24 }, (_, i) => `o-crowd-${i}`);
    const answers = await Promise.all(users.flatMap((u) => [like('s2', true, u), like('s2', true, u), like('s2', true, u)]));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(counter('stories', 's2')).toBe(24);
    expect(await records('story', 's2')).toBe(24);
    const final = data(await t.call('engagement', 'status', { targets: [{ kind: 'story', id: 's2' }] }, 'o-crowd-3'));
    expect(final.items).toEqual([{ target: { kind: 'story', id: 's2' }, liked: true, count: 24 }]);
  });

  it('set true/false toggles: unlike counts down once however often it is retried, relike counts up again', async () => {
    expect(data(await like('s3', true, 'o-toggle')).count).toBe(1);
    const unliked = await Promise.all([like('s3', false, 'o-toggle'), like('s3', false, 'o-toggle'), like('s3', false, 'o-toggle')]);
    // Every twin says "not liked"; the one that removed the record reads the count after its own
    // decrement (0), a twin may have read it just before that decrement landed (1).
    for (const u of unliked) expect(data(u)).toMatchObject({ target: { kind: 'story', id: 's3' }, liked: false });
    expect(unliked.map((u) => data(u).count)).toContain(0);
    expect(Math.max(...unliked.map((u) => data(u).count))).toBeLessThanOrEqual(1);
    expect(data(await like('s3', false, 'o-toggle')).count).toBe(0);
    expect(counter('stories', 's3')).toBe(0);
    expect(await records('story', 's3')).toBe(0);
    expect(data(await like('s3', true, 'o-toggle'))).toMatchObject({ liked: true, count: 1 });
    expect(counter('stories', 's3')).toBe(1);
  });

  it('concurrent likes and unlikes from one user converge: counter equals records, and the last call settles the state', async () => {
    const burst = await Promise.all([true, false, true, false, true, false, true].map((liked) => like('s4', liked, 'o-flapper')));
    expect(burst.every((a) => a.ok)).toBe(true);
    expect(counter('stories', 's4')).toBe(await records('story', 's4'));
    expect(counter('stories', 's4')).toBeLessThanOrEqual(1);
    // The client's final retry carries the user's final intent; set (not toggle) makes it win.
    expect(data(await like('s4', true, 'o-flapper'))).toMatchObject({ liked: true, count: 1 });
    expect(counter('stories', 's4')).toBe(1);
    expect(await records('story', 's4')).toBe(1);
  });

  it('salutes an exemplar the public can see; the salute count is separate from story likes', async () => {
    expect(data(await like('e-squad', true, 'o-saluter', 'exemplar'))).toEqual({ target: { kind: 'exemplar', id: 'e-squad' }, liked: true, count: 1 });
    expect(data(await like('e-hero', true, 'o-saluter', 'exemplar')).count).toBe(1);
    expect(counter('exemplars', 'e-squad')).toBe(1);
    expect(await records('exemplar', 'e-squad')).toBe(1);
    expect(data(await like('e-squad', false, 'o-saluter', 'exemplar')).count).toBe(0);
    expect(counter('exemplars', 'e-squad')).toBe(0);
  });

  it('drafts, withdrawn stories, exemplars without consent, unknown and malformed ids answer NOT_FOUND and change nothing', async () => {
    const before = t.cloud.db.count('likes');
    const cases: [string, 'story' | 'exemplar'][] = [
      ['s-draft', 'story'],
      ['s-gone', 'story'],
      ['no-such-story', 'story'],
      ['e-private', 'exemplar'],
      ['s1', 'exemplar'],
      ['bad id!', 'story'],
      ['../../etc', 'exemplar'],
      ['x'.repeat(65), 'story'],
    ];
    for (const [id, kind] of cases) {
      const res = await like(id, true, 'o-prober', kind);
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(t.cloud.db.count('likes')).toBe(before);
    expect(counter('stories', 's-draft')).toBe(0);
    expect(counter('exemplars', 'e-private')).toBe(0);
  });

  it('identity comes from the WeChat context only: an openid in the request is refused and nothing is written', async () => {
    const before = t.cloud.db.count('likes');
    const res = await t.raw('engagement', { action: 'setLike', data: { target: { kind: 'story', id: 's5' }, liked: true, openid: 'o-victim' } }, 'o-attacker');
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(t.cloud.db.count('likes')).toBe(before);
    // A call without any identity (not from WeChat) is refused as unauthenticated.
    const anonymous = (await t.cloud.invoke('engagement', { action: 'setLike', data: { target: { kind: 'story', id: 's5' }, liked: true } })) as { ok: boolean; error?: { code: string } };
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(counter('stories', 's5')).toBe(0);
  });

  it('a burst over the rate limit is RATE_LIMITED without changing state, and the next window accepts the final state', async () => {
    // Start right after a window boundary so the whole burst falls into one window.
    const windowMs = 10_000;
    await new Promise((r) => setTimeout(r, windowMs - (Date.now() % windowMs) + 20));
    const burst: Awaited<ReturnType<typeof like>>[] = [];
    for (let i = 0; i < 10; i++) burst.push(await like('s6', i % 2 === 0, 'o-spammer'));
    expect(burst.every((a) => a.ok)).toBe(true);
    // The tenth call unliked: the state is "not liked", count 0.
    expect(counter('stories', 's6')).toBe(0);
    const refused = await like('s6', true, 'o-spammer');
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(counter('stories', 's6')).toBe(0);
    expect(await records('story', 's6')).toBe(0);
    // Another user is not limited by this one.
    expect(data(await like('s6', true, 'o-bystander')).count).toBe(1);
    await new Promise((r) => setTimeout(r, windowMs - (Date.now() % windowMs) + 20));
    expect(data(await like('s6', true, 'o-spammer'))).toMatchObject({ liked: true, count: 2 });
    expect(await records('story', 's6')).toBe(2);
  }, 30_000);
});

describe('status', () => {
  it('answers the caller\'s state and counts, leaving out what the public cannot see', async () => {
    await like('s7', true, 'o-status');
    const res = data(
      await t.call(
        'engagement',
        'status',
        {
          targets: [
            { kind: 'story', id: 's7' },
            { kind: 'story', id: 's1' },
            { kind: 'story', id: 's-draft' },
            { kind: 'exemplar', id: 'e-hero' },
            { kind: 'exemplar', id: 'e-private' },
            { kind: 'story', id: 's7' },
          ],
        },
        'o-status',
      ),
    );
    const expected: LikeState[] = [
      { target: { kind: 'story', id: 's7' }, liked: true, count: 1 },
      { target: { kind: 'story', id: 's1' }, liked: false, count: 1 },
      { target: { kind: 'exemplar', id: 'e-hero' }, liked: false, count: 1 },
    ];
    expect(res.items).toEqual(expected);
  });
});

describe('consent that counts', () => {
  it('treats a person whose consent does not count as not public: no salute, no status, no share', async () => {
    for (const id of [uncheckedForm._id, renamed._id]) {
      expect(await like(id, true, 'o-consent', 'exemplar')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await t.call('engagement', 'share', { target: { kind: 'exemplar', id }, channel: 'chat' }, 'o-consent')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(t.cloud.db.findById('exemplars', id)).toMatchObject({ saluteCount: 0 });
      expect(t.cloud.db.findById('exemplars', id)?.shareCount).toBeUndefined();
    }
    const res = data(
      await t.call(
        'engagement',
        'status',
        { targets: [{ kind: 'exemplar', id: uncheckedForm._id }, { kind: 'exemplar', id: renamed._id }, { kind: 'exemplar', id: 'e-hero' }] },
        'o-consent',
      ),
    );
    expect(res.items.map((i) => i.target.id)).toEqual(['e-hero']);
  });
});

describe('view and share', () => {
  it('counts one view per user per story per day', async () => {
    const first = data(await t.call('engagement', 'view', { storyId: 's8' }, 'o-viewer'));
    expect(first).toEqual({ counted: true, viewCount: 1 });
    const again = await Promise.all([1, 2, 3].map(() => t.call('engagement', 'view', { storyId: 's8' }, 'o-viewer')));
    for (const a of again) expect(data(a)).toEqual({ counted: false, viewCount: 1 });
    expect(data(await t.call('engagement', 'view', { storyId: 's8' }, 'o-viewer-2'))).toEqual({ counted: true, viewCount: 2 });
    expect(t.cloud.db.findById('stories', 's8')?.viewCount).toBe(2);
    expect(await t.call('engagement', 'view', { storyId: 's-draft' }, 'o-viewer')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('counts shares in total and by channel', async () => {
    expect(data(await t.call('engagement', 'share', { storyId: 's8', channel: 'chat' }, 'o-sharer'))).toEqual({ shareCount: 1 });
    await t.call('engagement', 'share', { storyId: 's8', channel: 'moments' }, 'o-sharer');
    await t.call('engagement', 'share', { storyId: 's8', channel: 'chat' }, 'o-sharer-2');
    expect(data(await t.call('engagement', 'share', { storyId: 's8', channel: 'poster' }, 'o-sharer'))).toEqual({ shareCount: 4 });
    expect(t.cloud.db.findById('stories', 's8')).toMatchObject({ shareCount: 4, shareByChannel: { chat: 2, moments: 1, poster: 1 } });
    const bad = await t.raw('engagement', { action: 'share', data: { storyId: 's8', channel: 'weibo' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(t.cloud.db.findById('stories', 's8')?.shareCount).toBe(4);
  });

  it('counts a story share named by target the same as by storyId', async () => {
    expect(data(await t.call('engagement', 'share', { target: { kind: 'story', id: 's7' }, channel: 'moments' }, 'o-sharer'))).toEqual({ shareCount: 1 });
    expect(t.cloud.db.findById('stories', 's7')).toMatchObject({ shareCount: 1, shareByChannel: { moments: 1 } });
  });

  it('counts profile and campaign shares in total and by channel, each on its own document', async () => {
    const share = (kind: 'exemplar' | 'campaign', id: string, channel: 'chat' | 'moments', openid: string) =>
      t.call('engagement', 'share', { target: { kind, id }, channel }, openid);
    expect(data(await share('exemplar', 'e-squad', 'chat', 'o-sharer'))).toEqual({ shareCount: 1 });
    await share('exemplar', 'e-squad', 'moments', 'o-sharer');
    expect(data(await share('exemplar', 'e-squad', 'chat', 'o-sharer-2'))).toEqual({ shareCount: 3 });
    expect(t.cloud.db.findById('exemplars', 'e-squad')).toMatchObject({ shareCount: 3, shareByChannel: { chat: 2, moments: 1 } });
    // A salute counter is a different thing: sharing leaves it alone.
    expect(t.cloud.db.findById('exemplars', 'e-squad')?.saluteCount).toBe(0);

    expect(data(await share('campaign', 'c-drive', 'moments', 'o-sharer'))).toEqual({ shareCount: 1 });
    expect(data(await share('campaign', 'c-drive', 'moments', 'o-sharer-2'))).toEqual({ shareCount: 2 });
    expect(data(await share('campaign', 'c-drive', 'chat', 'o-sharer'))).toEqual({ shareCount: 3 });
    expect(t.cloud.db.findById('campaigns', 'c-drive')).toMatchObject({ shareCount: 3, shareByChannel: { chat: 1, moments: 2 } });
  });

  it('answers NOT_FOUND for a draft or unconsented exemplar and an unknown campaign, counting nothing', async () => {
    for (const target of [
      { kind: 'exemplar' as const, id: 'e-draft' },
      { kind: 'exemplar' as const, id: 'e-private' },
      { kind: 'campaign' as const, id: 'c-nope' },
      { kind: 'campaign' as const, id: 'bad id' },
      { kind: 'story' as const, id: 's-draft' },
    ]) {
      expect(await t.call('engagement', 'share', { target, channel: 'chat' }, 'o-sharer-3')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(t.cloud.db.findById('exemplars', 'e-draft')?.shareCount).toBeUndefined();
    expect(t.cloud.db.findById('exemplars', 'e-private')?.shareCount).toBeUndefined();
    expect(t.cloud.db.findById('campaigns', 'c-nope')).toBeNull();
  });

  it('refuses a share naming both forms, neither, or an unknown kind as INVALID_ARGUMENT', async () => {
    for (const bad of [
      { storyId: 's8', target: { kind: 'story', id: 's8' }, channel: 'chat' },
      { channel: 'chat' },
      { target: { kind: 'unit', id: 'u-st' }, channel: 'chat' },
    ]) {
      expect(await t.raw('engagement', { action: 'share', data: bad })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(t.cloud.db.findById('stories', 's8')?.shareCount).toBe(4);
  });
});

describe('posterCode', () => {
  function decode(png: Buffer): string | null {
    const img = PNG.sync.read(png);
    return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
  }

  it('draws the story\'s code once (page without slash, scene = the short code, env version from config) and reuses it', async () => {
    const s = published[0]!;
    const before = t.cloud.openapiLog().length;
    const first = data(await t.call('engagement', 'posterCode', { storyId: s._id }, 'o-poster'));
    expect(first).toMatchObject({ scene: s.code, page: 'pages/story/index' });
    const res = await fetch(first.url);
    expect(res.status).toBe(200);
    expect(decode(Buffer.from(await res.arrayBuffer()))).toBe(`pages/story/index?scene=${s.code}`);
    const calls = t.cloud.openapiLog().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ api: 'wxacode.getUnlimited', caller: 'engagement', request: { scene: s.code, page: 'pages/story/index', check_path: false, env_version: 'develop' } });

    const second = data(await t.call('engagement', 'posterCode', { storyId: s._id }, 'o-other'));
    expect(second.scene).toBe(s.code);
    expect(t.cloud.openapiLog().length - before).toBe(1);
    const again = await fetch(second.url);
    expect(decode(Buffer.from(await again.arrayBuffer()))).toBe(`pages/story/index?scene=${s.code}`);
  });

  it('refuses drafts and unknown stories with NOT_FOUND without calling WeChat', async () => {
    const before = t.cloud.openapiLog().length;
    for (const id of ['s-draft', 'nope', 'bad id']) {
      expect(await t.call('engagement', 'posterCode', { storyId: id }, 'o-poster')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(t.cloud.openapiLog().length).toBe(before);
  });

  it('a busy wxacode answers UNAVAILABLE and stores nothing; the next call succeeds', async () => {
    const s = published[1]!;
    t.cloud.faults.failOpenApi('wxacode.getUnlimited', -1, 'system error', 1);
    expect(await t.call('engagement', 'posterCode', { storyId: s._id }, 'o-poster')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(t.cloud.db.findById('poster_codes', s._id)).toBeNull();
    const ok = data(await t.call('engagement', 'posterCode', { storyId: s._id }, 'o-poster'));
    expect(ok.scene).toBe(s.code);
  });
});

describe('content.resolveCode', () => {
  it('resolves a published story\'s code and nothing else', async () => {
    const s = published[2]!;
    expect(data(await t.call('content', 'resolveCode', { code: s.code }))).toEqual({ storyId: s._id });
    for (const code of [draft.code, withdrawn.code, 'ZZZZ9999', 'no!']) {
      expect(await t.call('content', 'resolveCode', { code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('myLikes', () => {
  it('pages the caller\'s liked stories newest like first, skipping stories unpublished since, without repeats', async () => {
    const order = ['s1', 's2', 's3', 's4', 's5', 's7', 's8'];
    for (const id of order) {
      await like(id, true, 'o-collector');
      // Distinct like instants make the expected order unambiguous.
      await new Promise((r) => setTimeout(r, 3));
    }
    // Not a story: a salute never shows among liked stories.
    await like('e-squad', true, 'o-collector', 'exemplar');
    // Staff withdraw s4 after the user liked it.
    await db.collection('stories').doc('s4').update({ data: { state: 'withdrawn' } });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { _id: string }[]; next: string | null } = data(await t.call('engagement', 'myLikes', { cursor, limit: 2 }, 'o-collector'));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i._id));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['s8', 's7', 's5', 's3', 's2', 's1']);
    const first = data(await t.call('engagement', 'myLikes', {}, 'o-collector'));
    expect(first.items[0]).toMatchObject({ _id: 's8', title: published[7]!.title, unit: { _id: 'u-st' } });
    expect(data(await t.call('engagement', 'myLikes', {}, 'o-nobody'))).toEqual({ items: [], next: null });
    expect(await t.call('engagement', 'myLikes', { cursor: '007_x' }, 'o-collector')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('indexes', () => {
  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
