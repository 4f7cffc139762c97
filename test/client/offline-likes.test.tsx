/**
 * Likes and salutes made with no network: kept on the device (待同步), sent once when the network
 * is back or the app starts again with one, and never lost without the reader being told —
 * a wish the server refuses later comes back with a toast that says why.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { LikeState } from '@contract';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { ProfileScreen } from '../../client/src/features/profile/profile-screen';
import { QUEUED_TEXT, NOT_KEPT_TEXT } from '../../client/src/components/like-button/use-like';
import { noteAnswered, noteShown } from '../../client/src/lib/offline-state';
import { queuedWishes, SYNCED_TEXT } from '../../client/src/lib/offline-outbox';
import { profile, storyDetail } from './support/fixtures';
import { err, ok, serveFunctions, type ActionHandler } from './support/local-cloud';
import { fake, setRequestHandler, setRouterParams } from './support/taro-fake';

const DEBOUNCE = 400;

function setNetwork(online: boolean): void {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  act(() => {
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  });
}

async function elapse(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function likeState(liked: boolean, count: number, kind: 'story' | 'exemplar' = 'story', id = 's1'): LikeState {
  return { target: { kind, id }, liked, count };
}

/** The engagement function as it behaves: setLike sets the reader's state and answers the count. */
function server(overrides: Partial<Record<string, ActionHandler>> = {}) {
  const state = { liked: false, others: 11 };
  const served = serveFunctions({
    'content.story': () => ok(storyDetail({ _id: 's1', likeCount: 11 })),
    'content.profile': () => ok(profile({ _id: 'e1', saluteCount: 5 })),
    'engagement.view': () => ok({ counted: true, viewCount: 101 }),
    'engagement.status': (d) => {
      const t = (d as { targets: LikeState['target'][] }).targets[0]!;
      return ok({ items: [likeState(state.liked, state.others + (state.liked ? 1 : 0), t.kind, t.id)] });
    },
    'engagement.setLike': (data) => {
      const { liked, target } = data as { liked: boolean; target: LikeState['target'] };
      state.liked = liked;
      return ok(likeState(state.liked, state.others + (state.liked ? 1 : 0), target.kind, target.id));
    },
    ...overrides,
  });
  const setLikes = () => served.calls.filter((c) => c.action === 'setLike').map((c) => (c.data as { liked: boolean }).liked);
  return { served, state, setLikes };
}

/** The network goes: every request fails without an answer, and the platform says so. */
function goOffline(): void {
  setRequestHandler(() => {
    throw new Error('net::ERR_INTERNET_DISCONNECTED');
  });
  setNetwork(false);
}

async function openStory() {
  setRouterParams({ id: 's1' });
  const view = render(<StoryScreen />);
  await elapse(0);
  return { ...view, button: () => screen.getByTestId('like-story') };
}

beforeEach(() => {
  jest.useFakeTimers();
  setNetwork(true);
  noteAnswered();
  noteShown(null);
});
afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe('a like made with no network', () => {
  it('shows 已点赞 with 待同步 and says it will be sent; back online it is sent once and the hint goes', async () => {
    const { setLikes } = server();
    const { button } = await openStory();
    goOffline();

    fireEvent.click(button());
    await elapse(DEBOUNCE);
    expect(button()).toHaveTextContent('已点赞12待同步');
    expect(button()).toHaveAttribute('aria-label', '已点赞 12，待同步');
    expect(fake.toasts.map((t) => t.title)).toEqual([QUEUED_TEXT.story]);
    expect(queuedWishes()).toEqual([{ target: { kind: 'story', id: 's1' }, liked: true, at: expect.any(Number) }]);

    // The network is back: the engagement function answers again (the reader has not liked yet).
    const back = server();
    setNetwork(true);
    await elapse(0);
    expect(back.setLikes()).toEqual([true]);
    expect(button()).toHaveTextContent('已点赞12');
    expect(button()).not.toHaveTextContent('待同步');
    expect(queuedWishes()).toEqual([]);
    expect(fake.toasts.at(-1)?.title).toBe(SYNCED_TEXT);
    await elapse(5000);
    expect(back.setLikes()).toEqual([true]);
    expect(setLikes()).toEqual([]);
  });

  it('keeps nothing when the reader likes and unlikes again before the network is back', async () => {
    server();
    const { button } = await openStory();
    goOffline();
    fireEvent.click(button());
    await elapse(DEBOUNCE);
    expect(queuedWishes()).toHaveLength(1);
    fireEvent.click(button());
    await elapse(DEBOUNCE);
    expect(queuedWishes()).toEqual([]);
    expect(button()).toHaveTextContent('点赞11');
    expect(button()).not.toHaveTextContent('待同步');

    const back = server();
    setNetwork(true);
    await elapse(1000);
    expect(back.setLikes()).toEqual([]);
  });

  it('is kept when the reader leaves the page before the wish was even sent', async () => {
    server();
    const { button, unmount } = await openStory();
    goOffline();
    fireEvent.click(button());
    unmount();
    await elapse(0);
    expect(queuedWishes()).toEqual([{ target: { kind: 'story', id: 's1' }, liked: true, at: expect.any(Number) }]);
    expect(fake.toasts.map((t) => t.title)).toEqual([QUEUED_TEXT.story]);
  });

  it('still shows as 待同步 when the story is opened again before the network is back', async () => {
    server();
    const first = await openStory();
    goOffline();
    fireEvent.click(first.button());
    await elapse(DEBOUNCE);
    first.unmount();

    // Opened again offline: the story from storage, the wish from the outbox.
    const again = await openStory();
    expect(again.button()).toHaveTextContent('已点赞12待同步');
  });

  it('a wish the server refuses once back online is dropped with a toast that says why, and the button rolls back', async () => {
    server();
    const { button } = await openStory();
    goOffline();
    fireEvent.click(button());
    await elapse(DEBOUNCE);

    const back = server({ 'engagement.setLike': () => err('NOT_FOUND') });
    setNetwork(true);
    await elapse(0);
    expect(back.setLikes()).toEqual([true]);
    expect(queuedWishes()).toEqual([]);
    expect(fake.toasts.at(-1)?.title).toBe('点赞未能同步：内容不存在或已下线');
    expect(button()).toHaveTextContent('点赞11');
    expect(button()).not.toHaveTextContent('待同步');
  });

  it('sends again later when the server answers RATE_LIMITED on the way back', async () => {
    let refusals = 1;
    server();
    const { button } = await openStory();
    goOffline();
    fireEvent.click(button());
    await elapse(DEBOUNCE);

    const back = server({
      'engagement.setLike': (d) => (refusals-- > 0 ? err('RATE_LIMITED') : ok(likeState((d as { liked: boolean }).liked, 12))),
    });
    setNetwork(true);
    await elapse(0);
    expect(queuedWishes()).toHaveLength(1);
    await elapse(5000);
    expect(back.setLikes()).toEqual([true, true]);
    expect(queuedWishes()).toEqual([]);
    expect(button()).toHaveTextContent('已点赞12');
  });

  it('refuses clearly, and rolls back, when the device will not even store the wish', async () => {
    server();
    const { button } = await openStory();
    goOffline();
    const Taro = (await import('@tarojs/taro')).default as unknown as { setStorageSync: (k: string, v: unknown) => void };
    const real = Taro.setStorageSync.bind(Taro);
    jest.spyOn(Taro, 'setStorageSync').mockImplementation((k, v) => {
      if (k === 'offline-outbox') throw new Error('setStorageSync:fail exceed storage max size 10MB');
      real(k, v);
    });
    fireEvent.click(button());
    await elapse(DEBOUNCE);
    expect(fake.toasts.map((t) => t.title)).toEqual([NOT_KEPT_TEXT.story]);
    expect(button()).toHaveTextContent('点赞11');
  });

  it('a salute made offline on a profile waits as 待同步 and is sent when the network is back', async () => {
    server();
    setRouterParams({ id: 'e1' });
    render(<ProfileScreen />);
    await elapse(0);
    goOffline();
    fireEvent.click(screen.getByTestId('like-exemplar'));
    await elapse(DEBOUNCE);
    expect(screen.getByTestId('like-exemplar')).toHaveTextContent('已致敬12待同步');
    expect(fake.toasts.map((t) => t.title)).toEqual([QUEUED_TEXT.exemplar]);

    const back = server();
    setNetwork(true);
    await elapse(0);
    expect(back.served.calls.filter((c) => c.action === 'setLike').map((c) => c.data)).toEqual([{ target: { kind: 'exemplar', id: 'e1' }, liked: true }]);
    expect(screen.getByTestId('like-exemplar')).not.toHaveTextContent('待同步');
  });
});

describe('the outbox across a restart', () => {
  it('a wish queued before the app closed is sent once when the app starts again with a network', async () => {
    server();
    const { button, unmount } = await openStory();
    goOffline();
    fireEvent.click(button());
    await elapse(DEBOUNCE);
    unmount();
    const kept = new Map(fake.storage);

    // A fresh start: new module instances (the app's memory is gone), the same device storage.
    await jest.isolateModulesAsync(async () => {
      const taro = (await import('./support/taro-fake')) as typeof import('./support/taro-fake');
      const cloud = (await import('./support/local-cloud')) as typeof import('./support/local-cloud');
      kept.forEach((v, k) => taro.fake.storage.set(k, v));
      const setLikes: unknown[] = [];
      cloud.serveFunctions({
        'engagement.setLike': (d) => {
          setLikes.push(d);
          return cloud.ok(likeState(true, 12));
        },
      });
      setNetwork(true);
      const outbox = (await import('../../client/src/lib/offline-outbox')) as typeof import('../../client/src/lib/offline-outbox');
      // The first page's banner subscribes at launch.
      outbox.subscribeOutbox(() => undefined);
      await jest.advanceTimersByTimeAsync(0);
      await outbox.sendOutbox();
      expect(setLikes).toEqual([{ target: { kind: 'story', id: 's1' }, liked: true }]);
      expect(outbox.queuedWishes()).toEqual([]);
    });
  });
});
