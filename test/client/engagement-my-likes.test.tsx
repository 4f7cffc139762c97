/** 我的点赞 on the me page: the reader's liked stories, paged, with an empty state. */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MeScreen } from '../../client/src/features/me/me-screen';
import { storyCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, fireDidShow, fireReachBottom } from './support/taro-fake';

const me = () => ok({ handle: '读者 3f9a', roles: [], reader: true });

describe('my likes', () => {
  it('lists liked stories and loads the next page at the bottom', async () => {
    const served = serveFunctions({
      'identity.me': me,
      'engagement.myLikes': (data) => {
        const { cursor } = data as { cursor: string | null };
        return cursor === null
          ? ok({ items: [storyCard(1), storyCard(2)], next: '100_s2' })
          : ok({ items: [storyCard(2), storyCard(3)], next: null });
      },
    });
    render(<MeScreen />);
    const likes = await screen.findByTestId('my-likes');
    expect(await within(likes).findByText('事迹标题2')).toBeInTheDocument();
    act(() => fireReachBottom());
    expect(await within(likes).findByText('事迹标题3')).toBeInTheDocument();
    // A story seen on both pages shows once.
    expect(within(likes).getAllByTestId('story-card')).toHaveLength(3);
    expect(within(likes).getByText('没有更多了')).toBeInTheDocument();
    expect(served.calls.filter((c) => c.action === 'myLikes').map((c) => c.data)).toEqual([
      { cursor: null, limit: 10 },
      { cursor: '100_s2', limit: 10 },
    ]);

    fireEvent.click(within(likes).getAllByTestId('story-card')[0]!);
    await act(async () => {});
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/story/index?id=s1' }]);
  });

  it('says so when the reader has liked nothing yet', async () => {
    serveFunctions({ 'identity.me': me, 'engagement.myLikes': () => ok({ items: [], next: null }) });
    render(<MeScreen />);
    const likes = await screen.findByTestId('my-likes');
    expect(await within(likes).findByText('还没有点赞的事迹，去动态看看吧')).toBeInTheDocument();
  });

  it('offers a retry when the list fails, and refreshes when the tab shows again', async () => {
    let fail = true;
    serveFunctions({
      'identity.me': me,
      'engagement.myLikes': () => (fail ? err('UNAVAILABLE') : ok({ items: [storyCard(5)], next: null })),
    });
    render(<MeScreen />);
    const likes = await screen.findByTestId('my-likes');
    expect(await within(likes).findByText('加载失败，点击重试')).toBeInTheDocument();
    fail = false;
    act(() => fireDidShow()); // first show: the mount already loaded
    act(() => fireDidShow());
    expect(await within(likes).findByText('事迹标题5')).toBeInTheDocument();
  });
});
