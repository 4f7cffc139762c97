/**
 * Reading offline through the one API client: the last answers of the reading actions are kept
 * in storage under a byte budget (least recently used first out), served marked stale when a
 * call gets no answer, never stand in for a refusal, and a copy from another version is dropped.
 */
import { act } from '@testing-library/react';
import type { Page, StoryCard } from '@contract';
import { ApiFailure, call } from '../../client/src/lib/api';
import { STALE_AFTER_MS } from '../../client/src/lib/api/client';
import { CACHE_BUDGET_BYTES, ENTRY_LIMIT_BYTES } from '../../client/src/lib/offline-cache';
import { connectivity, noteAnswered, noteShown } from '../../client/src/lib/offline-state';
import { NOW, storyCard, storyDetail } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRequestHandler } from './support/taro-fake';

function setNetwork(online: boolean): void {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  act(() => {
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  });
}

/** No answer at all, as when the cable is pulled (Taro.request fails with request:fail). */
function cutNetwork(): void {
  setRequestHandler(() => {
    throw new Error('net::ERR_INTERNET_DISCONNECTED');
  });
}

async function failureOf(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiFailure) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** What the cache occupies in storage, counted as the platform would store it (UTF-8 JSON). */
function cacheStorage(): { keys: string[]; bytes: number } {
  const keys = [...fake.storage.keys()].filter((k) => k.startsWith('offline-cache'));
  const bytes = keys.reduce((sum, k) => sum + utf8(k) + utf8(JSON.stringify(fake.storage.get(k))), 0);
  return { keys, bytes };
}

/** A story whose body makes it about `kb` KB, as a long story with many paragraphs is. */
function bigStory(id: string, kb: number) {
  const paragraph = '消防救援站的同志们在寒冬中坚守岗位，守护一方平安。'.repeat(10);
  const count = Math.ceil((kb * 1024) / utf8(paragraph));
  return storyDetail({ _id: id, title: `事迹${id}`, blocks: Array.from({ length: count }, () => ({ type: 'paragraph', text: paragraph })) as never });
}

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  setNetwork(true);
  noteAnswered();
  noteShown(null);
});
afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe('the offline cache behind the api client', () => {
  it('serves the last feed page, marked stale with the time it was answered, when the network gives no answer', async () => {
    const page: Page<StoryCard> = { items: [storyCard(0), storyCard(1)], next: 'cursor-2' };
    serveFunctions({ 'content.feed': () => ok(page) });
    await expect(call('content', 'feed', { cursor: null, limit: 10 })).resolves.toEqual(page);
    expect(connectivity().staleSince).toBeNull();

    jest.spyOn(Date, 'now').mockReturnValue(NOW + 60_000);
    cutNetwork();
    await expect(call('content', 'feed', { limit: 10, cursor: null })).resolves.toEqual(page);
    expect(connectivity()).toEqual({ online: true, unreachable: true, staleSince: NOW });
  });

  it('serves a story and a profile it has read, and fails as before for one it has not', async () => {
    serveFunctions({
      'content.story': (d) => ok(storyDetail({ _id: (d as { id: string }).id })),
      'content.profile': () => ok({ _id: 'e1' }),
    });
    await call('content', 'story', { id: 's1' });
    await call('content', 'profile', { id: 'e1' });
    cutNetwork();
    await expect(call('content', 'story', { id: 's1' })).resolves.toMatchObject({ _id: 's1' });
    await expect(call('content', 'profile', { id: 'e1' })).resolves.toMatchObject({ _id: 'e1' });
    expect(connectivity().staleSince).toBe(NOW);
    const failure = await failureOf(call('content', 'story', { id: 's2' }));
    expect([failure.code, failure.unanswered, failure.message]).toEqual(['UNAVAILABLE', true, '网络不给力，请稍后重试']);
    // What that page shows is its error, not an old copy.
    expect(connectivity().staleSince).toBeNull();
  });

  it('keeps nothing of actions about the user or that write (engagement.status, identity.me)', async () => {
    serveFunctions({
      'engagement.status': () => ok({ items: [] }),
      'identity.me': () => ok({ handle: 'h', roles: [], reader: true }),
    });
    await call('engagement', 'status', { targets: [{ kind: 'story', id: 's1' }] });
    await call('identity', 'me', {});
    expect(cacheStorage().keys.filter((k) => k !== 'offline-cache')).toEqual([]);
    cutNetwork();
    expect((await failureOf(call('identity', 'me', {}))).code).toBe('UNAVAILABLE');
  });

  it('never serves a copy in place of a refusal, and a refusal drops the copy (a story taken down does not read on)', async () => {
    let withdrawn = false;
    serveFunctions({
      'content.story': () =>
        withdrawn ? { ok: false, error: { code: 'NOT_FOUND', message: 'taken down', reason: 'story_withdrawn' } } : ok(storyDetail({ _id: 's1' })),
    });
    await call('content', 'story', { id: 's1' });
    withdrawn = true;
    const refused = await failureOf(call('content', 'story', { id: 's1' }));
    expect([refused.code, refused.message]).toEqual(['NOT_FOUND', '该事迹已撤回']);
    cutNetwork();
    expect((await failureOf(call('content', 'story', { id: 's1' }))).code).toBe('UNAVAILABLE');
  });

  it('keeps the copy through a server fault or RATE_LIMITED, but shows the fault rather than the copy', async () => {
    let answer: 'ok' | 'INTERNAL' | 'RATE_LIMITED' = 'ok';
    serveFunctions({ 'content.story': () => (answer === 'ok' ? ok(storyDetail({ _id: 's1' })) : err(answer)) });
    await call('content', 'story', { id: 's1' });
    answer = 'INTERNAL';
    expect((await failureOf(call('content', 'story', { id: 's1' }))).code).toBe('INTERNAL');
    answer = 'RATE_LIMITED';
    expect((await failureOf(call('content', 'story', { id: 's1' }))).code).toBe('RATE_LIMITED');
    cutNetwork();
    await expect(call('content', 'story', { id: 's1' })).resolves.toMatchObject({ _id: 's1' });
  });

  it('stays under its budget (under 1 MB) by evicting the least recently used answers first', async () => {
    expect(CACHE_BUDGET_BYTES).toBeLessThan(1_000_000);
    serveFunctions({ 'content.story': (d) => ok(bigStory((d as { id: string }).id, 60)) });
    for (let i = 0; i < 8; i++) await call('content', 'story', { id: `s${i}` });
    // s0 read again offline: it becomes the most recently used.
    cutNetwork();
    await call('content', 'story', { id: 's0' });
    serveFunctions({ 'content.story': (d) => ok(bigStory((d as { id: string }).id, 60)) });
    // About 64 KB each: the budget holds 13 or 14, so these push out the oldest five or so.
    for (let i = 8; i < 18; i++) await call('content', 'story', { id: `s${i}` });

    const { bytes } = cacheStorage();
    expect(bytes).toBeLessThanOrEqual(CACHE_BUDGET_BYTES);
    expect(bytes).toBeGreaterThan(CACHE_BUDGET_BYTES - 2 * 62 * 1024);

    cutNetwork();
    const readable = async (id: string) => (await call('content', 'story', { id }).then(() => true, () => false));
    expect(await readable('s17')).toBe(true);
    expect(await readable('s8')).toBe(true);
    expect(await readable('s0')).toBe(true);
    expect(await readable('s1')).toBe(false);
    expect(await readable('s2')).toBe(false);
  });

  it('does not keep one answer too big for its share (and drops the older copy of it)', async () => {
    let kb = 10;
    serveFunctions({ 'content.story': () => ok(bigStory('s1', kb)) });
    await call('content', 'story', { id: 's1' });
    kb = ENTRY_LIMIT_BYTES / 1024 + 10;
    await call('content', 'story', { id: 's1' });
    expect(cacheStorage().keys).toEqual(['offline-cache']);
    cutNetwork();
    expect((await failureOf(call('content', 'story', { id: 's1' }))).code).toBe('UNAVAILABLE');
  });

  it('drops every copy written by another version (a contract change never reads an old shape)', async () => {
    serveFunctions({ 'content.story': () => ok(storyDetail({ _id: 's1' })) });
    await call('content', 'story', { id: 's1' });
    const index = fake.storage.get('offline-cache') as { v: string; entries: [string, number][] };
    const entryKey = index.entries[0]![0];
    expect(fake.storage.has(entryKey)).toBe(true);
    fake.storage.set('offline-cache', { ...index, v: '0:an-older-build' });

    cutNetwork();
    expect((await failureOf(call('content', 'story', { id: 's1' }))).code).toBe('UNAVAILABLE');
    expect(fake.storage.has(entryKey)).toBe(false);
  });

  it('with the platform reporting no network, shows the copy at once without a request', async () => {
    serveFunctions({ 'content.feed': () => ok({ items: [storyCard(0)], next: null }) });
    await call('content', 'feed', { cursor: null, limit: 10 });
    const before = fake.requests.length;
    setNetwork(false);
    await expect(call('content', 'feed', { cursor: null, limit: 10 })).resolves.toEqual({ items: [storyCard(0)], next: null });
    expect(fake.requests.length).toBe(before);
    expect(connectivity()).toMatchObject({ online: false, staleSince: NOW });
  });

  it(`on a slow network shows the copy after ${STALE_AFTER_MS} ms, and the late answer refreshes it`, async () => {
    jest.useFakeTimers({ now: NOW });
    serveFunctions({ 'content.story': () => ok(storyDetail({ _id: 's1', title: '旧标题' })) });
    await call('content', 'story', { id: 's1' });

    let answerLate: () => void = () => undefined;
    setRequestHandler(
      () =>
        new Promise((resolve) => {
          answerLate = () => resolve({ statusCode: 200, data: ok(storyDetail({ _id: 's1', title: '新标题' })) });
        }),
    );
    const shown = call('content', 'story', { id: 's1' });
    await jest.advanceTimersByTimeAsync(STALE_AFTER_MS);
    await expect(shown).resolves.toMatchObject({ title: '旧标题' });
    expect(connectivity().staleSince).toBe(NOW);

    answerLate();
    await jest.advanceTimersByTimeAsync(0);
    cutNetwork();
    await expect(call('content', 'story', { id: 's1' })).resolves.toMatchObject({ title: '新标题' });
  });

  it('treats a request that differs only in key order as the same request', async () => {
    serveFunctions({ 'content.exemplars': () => ok({ items: [], next: null }) });
    await call('content', 'exemplars', { tier: 'major', kind: 'individual', cursor: null, limit: 20 });
    cutNetwork();
    await expect(call('content', 'exemplars', { limit: 20, cursor: null, kind: 'individual', tier: 'major' })).resolves.toEqual({ items: [], next: null });
  });

  it('never fails a call because storage refused to keep the answer', async () => {
    serveFunctions({ 'content.story': () => ok(storyDetail({ _id: 's1' })) });
    const Taro = (await import('@tarojs/taro')).default as unknown as { setStorageSync: (k: string, v: unknown) => void };
    jest.spyOn(Taro, 'setStorageSync').mockImplementation(() => {
      throw new Error('setStorageSync:fail exceed storage max size 10MB');
    });
    await expect(call('content', 'story', { id: 's1' })).resolves.toMatchObject({ _id: 's1' });
  });
});
