import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Page, StoryCard } from '@contract';
import { FeedScreen } from '../../client/src/features/feed/feed-screen';
import { NOW, campaign, storyCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, firePullDownRefresh, fireReachBottom } from './support/taro-fake';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => storyCard(from + k));

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  jest.restoreAllMocks();
});

function cardTitles(): string[] {
  return screen.getAllByTestId('story-card').map((c) => within(c).getByText(/^事迹标题/).textContent ?? '');
}

describe('the feed', () => {
  it('shows a skeleton, then campaign chips and story cards with who, where and when', async () => {
    serveFunctions({
      'content.campaigns': () => ok({ items: [campaign(1), campaign(2)] }),
      'content.feed': () => ok<Page<StoryCard>>({ items: [storyCard(0), storyCard(1)], next: null }),
    });
    render(<FeedScreen />);
    expect(screen.getByLabelText('加载中')).toBeInTheDocument();

    expect(await screen.findByText('事迹标题0')).toBeInTheDocument();
    expect(screen.getAllByTestId('campaign-chip').map((c) => c.textContent)).toEqual([
      '先进典型讲好消防故事4 篇事迹',
      '天山风华•蓝焰闪耀5 篇事迹',
    ]);
    const first = screen.getAllByTestId('story-card')[0]!;
    expect(within(first).getByText('典型0 · 特勤站')).toBeInTheDocument();
    expect(within(first).getByText('1 小时前')).toBeInTheDocument();
    expect(within(first).getByLabelText('点赞 10')).toHaveTextContent('♥ 10');
    expect(within(first).getByLabelText('阅读 100')).toBeInTheDocument();
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
  });

  it('says "暂无事迹" when nothing is published', async () => {
    serveFunctions({
      'content.campaigns': () => ok({ items: [] }),
      'content.feed': () => ok({ items: [], next: null }),
    });
    render(<FeedScreen />);
    expect(await screen.findByText('暂无事迹')).toBeInTheDocument();
    expect(screen.queryByTestId('story-card')).toBeNull();
  });

  it('shows "加载失败，点击重试" with the reason, and a tap loads again', async () => {
    let fail = true;
    serveFunctions({
      'content.campaigns': () => ok({ items: [] }),
      'content.feed': () => (fail ? err('UNAVAILABLE') : ok({ items: [storyCard(0)], next: null })),
    });
    render(<FeedScreen />);
    const error = await screen.findByText('加载失败，点击重试');
    expect(screen.getByText('网络不给力，请稍后重试')).toBeInTheDocument();
    fail = false;
    fireEvent.click(error);
    expect(await screen.findByText('事迹标题0')).toBeInTheDocument();
    expect(screen.queryByText('加载失败，点击重试')).toBeNull();
  });

  it('loads the next page at the bottom with the cursor and never shows a story twice', async () => {
    const served = serveFunctions({
      'content.campaigns': () => ok({ items: [] }),
      'content.feed': (data) => {
        const cursor = (data as { cursor?: string | null }).cursor ?? null;
        // A story published meanwhile shifts s9 onto the second page as well.
        return cursor === null ? ok({ items: range(0, 10), next: '100_s9' }) : ok({ items: range(9, 13), next: null });
      },
    });
    render(<FeedScreen />);
    await screen.findByText('事迹标题9');
    expect(screen.queryByText('没有更多了')).toBeNull();

    await act(async () => fireReachBottom());
    await screen.findByText('事迹标题12');
    expect(cardTitles()).toEqual(range(0, 13).map((s) => s.title));
    expect(served.calls.filter((c) => c.action === 'feed').map((c) => c.data)).toEqual([
      { cursor: null, limit: 10 },
      { cursor: '100_s9', limit: 10 },
    ]);
    expect(screen.getByText('没有更多了')).toBeInTheDocument();

    // At the end, reaching the bottom again asks for nothing.
    await act(async () => fireReachBottom());
    expect(served.calls.filter((c) => c.action === 'feed')).toHaveLength(2);
  });

  it('does not request the same page twice when the bottom is reached twice quickly', async () => {
    let release: () => void = () => {};
    const served = serveFunctions({
      'content.campaigns': () => ok({ items: [] }),
      'content.feed': (data) =>
        (data as { cursor?: string | null }).cursor
          ? new Promise((r) => {
              release = () => r(ok({ items: range(3, 5), next: null }));
            })
          : ok({ items: range(0, 3), next: '1_s2' }),
    });
    render(<FeedScreen />);
    await screen.findByText('事迹标题2');
    await act(async () => {
      fireReachBottom();
      fireReachBottom();
    });
    expect(screen.getByText('加载中…')).toBeInTheDocument();
    await act(async () => release());
    await screen.findByText('事迹标题4');
    expect(served.calls.filter((c) => c.action === 'feed')).toHaveLength(2);
  });

  it('offers a retry in the footer when a next page fails, keeping what is shown', async () => {
    let failMore = true;
    serveFunctions({
      'content.campaigns': () => ok({ items: [] }),
      'content.feed': (data) =>
        (data as { cursor?: string | null }).cursor
          ? failMore
            ? err('INTERNAL')
            : ok({ items: range(2, 3), next: null })
          : ok({ items: range(0, 2), next: '1_s1' }),
    });
    render(<FeedScreen />);
    await screen.findByText('事迹标题1');
    await act(async () => fireReachBottom());
    const retry = await screen.findByText('加载失败，点击重试');
    expect(screen.getAllByTestId('story-card')).toHaveLength(2);
    failMore = false;
    fireEvent.click(retry);
    await screen.findByText('事迹标题2');
    expect(cardTitles()).toEqual(['事迹标题0', '事迹标题1', '事迹标题2']);
  });

  it('pull-to-refresh reloads from the first page and stops the spinner', async () => {
    let round = 0;
    serveFunctions({
      'content.campaigns': () => ok({ items: [] }),
      'content.feed': () => ok({ items: round === 0 ? [storyCard(1)] : [storyCard(0), storyCard(1)], next: null }),
    });
    render(<FeedScreen />);
    await screen.findByText('事迹标题1');
    round = 1;
    await act(async () => firePullDownRefresh());
    await screen.findByText('事迹标题0');
    expect(cardTitles()).toEqual(['事迹标题0', '事迹标题1']);
    expect(fake.stopPullDownCount).toBe(1);
  });

  it('opens a story from its card and a campaign from its chip', async () => {
    serveFunctions({
      'content.campaigns': () => ok({ items: [campaign(1)] }),
      'content.feed': () => ok({ items: [storyCard(7)], next: null }),
    });
    render(<FeedScreen />);
    fireEvent.click(await screen.findByText('事迹标题7'));
    fireEvent.click(screen.getByTestId('campaign-chip'));
    await act(async () => {});
    expect(fake.navigations).toEqual([
      { kind: 'navigateTo', url: '/pages/story/index?id=s7' },
      { kind: 'navigateTo', url: '/pages/campaign/index?id=c1' },
    ]);
  });
});
