/**
 * Likes (点赞) and salutes (致敬) as a reader sees them: the button answers a tap at once,
 * the server hears only the final wish of a burst, failures roll back with a Chinese toast,
 * RATE_LIMITED keeps the wish and sends it again later, and the count never moves by more
 * than the reader's own one.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { LikeState } from '@contract';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { ProfileScreen } from '../../client/src/features/profile/profile-screen';
import { FeedScreen } from '../../client/src/features/feed/feed-screen';
import { profile, storyCard, storyDetail } from './support/fixtures';
import { err, ok, serveFunctions, type ActionHandler } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

const DEBOUNCE = 400;

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** Lets queued promises (the fake network) settle and timers up to `ms` fire. */
async function elapse(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function likeState(liked: boolean, count: number, kind: 'story' | 'exemplar' = 'story', id = 's1'): LikeState {
  return { target: { kind, id }, liked, count };
}

/** A server that keeps the reader's like and a count of other likers, as the engagement function does. */
function likeServer(start: { liked: boolean; others: number }, overrides: Partial<Record<string, ActionHandler>> = {}) {
  const state = { ...start };
  const served = serveFunctions({
    'content.story': () => ok(storyDetail({ _id: 's1', likeCount: start.others + (start.liked ? 1 : 0) })),
    'engagement.view': () => ok({ counted: true, viewCount: 101 }),
    'engagement.status': () => ok({ items: [likeState(state.liked, state.others + (state.liked ? 1 : 0))] }),
    'engagement.setLike': (data) => {
      const { liked } = data as { liked: boolean };
      state.liked = liked;
      return ok(likeState(state.liked, state.others + (state.liked ? 1 : 0)));
    },
    ...overrides,
  });
  const setLikes = () => served.calls.filter((c) => c.action === 'setLike').map((c) => (c.data as { liked: boolean }).liked);
  return { served, state, setLikes };
}

async function openStory() {
  setRouterParams({ id: 's1' });
  render(<StoryScreen />);
  await elapse(0);
  return screen.getByTestId('like-story');
}

describe('the like button on a story', () => {
  it("starts from the reader's own state as engagement.status reports it", async () => {
    likeServer({ liked: true, others: 11 });
    const button = await openStory();
    expect(button).toHaveTextContent('已点赞12');
    expect(button).toHaveAttribute('aria-pressed', 'true');
  });

  it('flips and counts at once on a tap, then sends the state once after a quiet moment', async () => {
    const { setLikes } = likeServer({ liked: false, others: 11 });
    const button = await openStory();
    expect(button).toHaveTextContent('点赞11');

    fireEvent.click(button);
    expect(button).toHaveTextContent('已点赞12');
    expect(setLikes()).toEqual([]);

    await elapse(DEBOUNCE);
    expect(setLikes()).toEqual([true]);
    expect(button).toHaveTextContent('已点赞12');
  });

  it('sends only the final state of a burst of taps, and nothing when the burst cancels out', async () => {
    const { setLikes } = likeServer({ liked: false, others: 11 });
    const button = await openStory();

    for (let i = 0; i < 4; i++) {
      fireEvent.click(button);
      await elapse(50);
    }
    await elapse(DEBOUNCE);
    expect(setLikes()).toEqual([]);
    expect(button).toHaveTextContent('点赞11');

    for (let i = 0; i < 7; i++) {
      fireEvent.click(button);
      // The count only ever shows the reader's own one on top of the others.
      expect(['♥点赞11', '♥已点赞12']).toContain(button.textContent);
      await elapse(50);
    }
    await elapse(DEBOUNCE);
    expect(setLikes()).toEqual([true]);
    expect(button).toHaveTextContent('已点赞12');
  });

  it('rolls back and says 点赞失败，请稍后重试 when the server fails', async () => {
    likeServer({ liked: false, others: 11 }, { 'engagement.setLike': () => err('INTERNAL') });
    const button = await openStory();
    fireEvent.click(button);
    expect(button).toHaveTextContent('已点赞12');
    await elapse(DEBOUNCE);
    expect(button).toHaveTextContent('点赞11');
    expect(button).toHaveAttribute('aria-pressed', 'false');
    expect(fake.toasts.map((t) => t.title)).toEqual(['点赞失败，请稍后重试']);
  });

  it('keeps the wish on RATE_LIMITED, says 操作太频繁，请稍后再试, and sends the final state again later', async () => {
    let refusals = 1;
    const { setLikes, state } = likeServer(
      { liked: false, others: 11 },
      {
        'engagement.setLike': (data) => {
          if (refusals-- > 0) return err('RATE_LIMITED');
          state.liked = (data as { liked: boolean }).liked;
          return ok(likeState(state.liked, 11 + (state.liked ? 1 : 0)));
        },
      },
    );
    const button = await openStory();
    fireEvent.click(button);
    await elapse(DEBOUNCE);
    expect(setLikes()).toEqual([true]);
    expect(fake.toasts.map((t) => t.title)).toEqual(['操作太频繁，请稍后再试']);
    expect(button).toHaveTextContent('已点赞12');

    await elapse(1500);
    expect(setLikes()).toEqual([true, true]);
    expect(state.liked).toBe(true);
    expect(button).toHaveTextContent('已点赞12');
  });

  it('gives up after repeated RATE_LIMITED and shows the server state again', async () => {
    const { setLikes } = likeServer({ liked: false, others: 11 }, { 'engagement.setLike': () => err('RATE_LIMITED') });
    const button = await openStory();
    fireEvent.click(button);
    await elapse(DEBOUNCE + 1500 + 3000 + 6000 + 100);
    expect(setLikes()).toEqual([true, true, true, true]);
    expect(button).toHaveTextContent('点赞11');
  });

  it('converges on the last wish when the reader taps again while a request is out', async () => {
    let release: (() => void) | null = null;
    const { setLikes, state } = likeServer(
      { liked: false, others: 11 },
      {
        'engagement.setLike': async (data) => {
          // The first request hangs until the test lets it answer.
          if (release === null && setLikesSoFar() === 1) await new Promise<void>((r) => (release = r));
          state.liked = (data as { liked: boolean }).liked;
          return ok(likeState(state.liked, 11 + (state.liked ? 1 : 0)));
        },
      },
    );
    const setLikesSoFar = () => setLikes().length;
    const button = await openStory();
    fireEvent.click(button);
    await elapse(DEBOUNCE);
    expect(setLikes()).toEqual([true]);
    fireEvent.click(button); // unlike while the like is still out
    expect(button).toHaveTextContent('点赞11');
    await elapse(DEBOUNCE);
    expect(setLikes()).toEqual([true]); // one request at a time
    await act(async () => release!());
    await elapse(0);
    // The answer confirms the like, but the wish is now "not liked": the view keeps the wish.
    expect(button).toHaveTextContent('点赞11');
    await elapse(DEBOUNCE);
    expect(setLikes()).toEqual([true, false]);
    expect(state.liked).toBe(false);
    expect(button).toHaveTextContent('点赞11');
  });

  it('shows the server count when others liked meanwhile', async () => {
    const { state } = likeServer({ liked: false, others: 11 });
    const button = await openStory();
    state.others = 40;
    fireEvent.click(button);
    await elapse(DEBOUNCE);
    expect(button).toHaveTextContent('已点赞41');
  });
});

describe('counts elsewhere', () => {
  it('the feed under the story page shows the confirmed count when the reader comes back', async () => {
    const state = { liked: false, others: 11 };
    serveFunctions({
      'content.campaigns': () => ok({ items: [] }),
      'content.feed': () => ok({ items: [storyCard(1, { _id: 's1', likeCount: 11 }), storyCard(2, { likeCount: 5 })], next: null }),
      'content.story': () => ok(storyDetail({ _id: 's1', likeCount: 11 })),
      'engagement.view': () => ok({ counted: true, viewCount: 101 }),
      'engagement.status': () => ok({ items: [likeState(false, 11)] }),
      'engagement.setLike': (data) => {
        state.liked = (data as { liked: boolean }).liked;
        return ok(likeState(state.liked, state.others + (state.liked ? 1 : 0)));
      },
    });
    setRouterParams({ id: 's1' });
    // The feed stays mounted below the story page, as it does after navigateTo.
    render(
      <>
        <FeedScreen />
        <StoryScreen />
      </>,
    );
    await elapse(0);
    const card = () => screen.getAllByTestId('story-card')[0]!;
    expect(card()).toHaveTextContent('♥ 11');
    fireEvent.click(screen.getByTestId('like-story'));
    await elapse(DEBOUNCE);
    expect(card()).toHaveTextContent('♥ 12');
    expect(screen.getAllByTestId('story-card')[1]).toHaveTextContent('♥ 5');
  });
});

describe('the salute button on a profile', () => {
  it('salutes an exemplar with engagement.setLike on the exemplar target and rolls back on NOT_FOUND', async () => {
    let fail = false;
    const served = serveFunctions({
      'content.profile': () => ok(profile({ _id: 'e1', saluteCount: 37 })),
      'engagement.status': () => ok({ items: [likeState(false, 37, 'exemplar', 'e1')] }),
      'engagement.setLike': (data) => {
        if (fail) return err('NOT_FOUND');
        const { liked } = data as { liked: boolean };
        return ok(likeState(liked, 37 + (liked ? 1 : 0), 'exemplar', 'e1'));
      },
    });
    setRouterParams({ id: 'e1' });
    render(<ProfileScreen />);
    await elapse(0);
    const button = screen.getByTestId('like-exemplar');
    expect(button).toHaveTextContent('致敬37');
    fireEvent.click(button);
    expect(button).toHaveTextContent('已致敬38');
    await elapse(DEBOUNCE);
    expect(served.calls.filter((c) => c.action === 'setLike').map((c) => c.data)).toEqual([
      { target: { kind: 'exemplar', id: 'e1' }, liked: true },
    ]);

    fail = true;
    fireEvent.click(button);
    expect(button).toHaveTextContent('致敬37');
    await elapse(DEBOUNCE);
    expect(button).toHaveTextContent('已致敬38');
    expect(fake.toasts.at(-1)?.title).toBe('内容不存在或已下线');
  });
});

describe('Moments single-page mode (scene 1154)', () => {
  it('reads well, the like button says 前往小程序 and explains instead of writing', async () => {
    fake.scene = 1154;
    const { served } = likeServer({ liked: false, others: 11 });
    const button = await openStory();
    expect(screen.getByText('事迹标题1')).toBeInTheDocument();
    expect(button).toHaveTextContent('前往小程序');
    fireEvent.click(button);
    await elapse(DEBOUNCE);
    expect(fake.toasts.map((t) => t.title)).toEqual(['请点击下方「前往小程序」后点赞']);
    expect(served.calls.map((c) => c.action)).not.toContain('setLike');
    expect(served.calls.map((c) => c.action)).not.toContain('status');
  });

  it('does not navigate where single-page mode cannot: profile links and the poster explain instead', async () => {
    fake.scene = 1154;
    likeServer({ liked: false, others: 11 });
    await openStory();
    fireEvent.click(screen.getByTestId('story-exemplar'));
    fireEvent.click(screen.getByTestId('make-poster'));
    await elapse(0);
    expect(fake.navigations).toEqual([]);
    expect(fake.toasts.map((t) => t.title)).toEqual(['请点击下方「前往小程序」后查看', '请点击下方「前往小程序」后生成海报']);
  });
});
