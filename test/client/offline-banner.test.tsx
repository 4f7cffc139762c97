/**
 * The offline banner on the reading pages: it says when the network is gone and that what is
 * shown is the last copy (and from when), says when the server does not answer, counts what
 * waits to be sent, and goes away once fresh content is back.
 */
import { act, render, screen, within } from '@testing-library/react';
import type { Page, StoryCard } from '@contract';
import FeedPage from '../../client/src/pages/feed/index';
import StoryPage from '../../client/src/pages/story/index';
import ProfilePage from '../../client/src/pages/profile/index';
import { bannerText, OfflineBanner } from '../../client/src/components/offline-banner';
import { noteAnswered, noteShown } from '../../client/src/lib/offline-state';
import { queueWish } from '../../client/src/lib/offline-outbox';
import { NOW, campaign, profile, storyCard, storyDetail } from './support/fixtures';
import { ok, serveFunctions } from './support/local-cloud';
import { firePullDownRefresh, setRequestHandler, setRouterParams } from './support/taro-fake';

function setNetwork(online: boolean): void {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  act(() => {
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  });
}

function cutNetwork(): void {
  setRequestHandler(() => {
    throw new Error('net::ERR_INTERNET_DISCONNECTED');
  });
}

const feedPage: Page<StoryCard> = { items: [storyCard(0), storyCard(1)], next: null };

function serveReading() {
  return serveFunctions({
    'content.campaigns': () => ok({ items: [campaign(1)] }),
    'content.feed': () => ok(feedPage),
    'content.story': () => ok(storyDetail({ _id: 's1', title: '雪夜驰援' })),
    'content.profile': () => ok(profile({ _id: 'e1', name: '王建军' })),
    'engagement.view': () => ok({ counted: true, viewCount: 101 }),
    'engagement.status': () => ok({ items: [] }),
  });
}

const banner = () => screen.queryByTestId('offline-banner');
const online = { online: true, unreachable: false, staleSince: null };

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  setNetwork(true);
  noteAnswered();
  noteShown(null);
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('what the banner says', () => {
  it('says nothing when the network is there and the content is fresh', () => {
    expect(bannerText(online, [])).toBeNull();
  });

  it('says the network is gone, that the last copy is shown, and from when (China time)', () => {
    expect(bannerText({ online: false, unreachable: false, staleSince: NOW }, [])).toEqual({
      title: '网络已断开，正在显示上次加载的内容',
      lines: ['内容更新于 2024-06-01 12:00'],
    });
    expect(bannerText({ online: false, unreachable: false, staleSince: null }, [])?.title).toBe('网络已断开，看过的内容仍可阅读');
  });

  it('tells a server that does not answer from a phone without network', () => {
    expect(bannerText({ online: true, unreachable: true, staleSince: NOW }, [])?.title).toBe('暂时连不上服务器，正在显示上次加载的内容');
    expect(bannerText({ online: true, unreachable: false, staleSince: NOW }, [])?.title).toBe('正在显示上次加载的内容，下拉刷新可查看最新内容');
  });

  it('counts the likes and salutes waiting to be sent, and says they are being sent once online', () => {
    const waiting = [
      { target: { kind: 'story' as const, id: 's1' }, liked: true, at: NOW },
      { target: { kind: 'story' as const, id: 's2' }, liked: true, at: NOW },
      { target: { kind: 'exemplar' as const, id: 'e1' }, liked: true, at: NOW },
    ];
    expect(bannerText({ online: false, unreachable: false, staleSince: null }, waiting)?.lines).toEqual(['2 个点赞、1 个致敬待同步，联网后自动发送']);
    expect(bannerText(online, waiting)).toEqual({ title: '正在同步离线时的操作', lines: ['正在同步2 个点赞、1 个致敬'] });
  });
});

describe('the banner on the reading pages', () => {
  it('appears as a status the moment the network goes, and leaves when it is back', () => {
    render(<OfflineBanner />);
    expect(banner()).toBeNull();
    setNetwork(false);
    expect(screen.getByRole('status')).toHaveTextContent('网络已断开，看过的内容仍可阅读');
    setNetwork(true);
    expect(banner()).toBeNull();
  });

  it('the feed read before reads again with no network, under the banner', async () => {
    serveReading();
    const first = render(<FeedPage />);
    expect(await screen.findByText('事迹标题1')).toBeInTheDocument();
    expect(banner()).toBeNull();
    first.unmount();

    jest.spyOn(Date, 'now').mockReturnValue(NOW + 3_600_000);
    cutNetwork();
    setNetwork(false);
    render(<FeedPage />);
    expect(await screen.findByText('事迹标题1')).toBeInTheDocument();
    expect(screen.getAllByTestId('campaign-chip')).toHaveLength(1);
    const strip = banner()!;
    expect(within(strip).getByText('网络已断开，正在显示上次加载的内容')).toBeInTheDocument();
    expect(within(strip).getByText('内容更新于 2024-06-01 12:00')).toBeInTheDocument();
  });

  it('a story and a profile opened before read again with no network, under the banner', async () => {
    serveReading();
    setRouterParams({ id: 's1' });
    const story = render(<StoryPage />);
    expect(await screen.findByText('雪夜驰援')).toBeInTheDocument();
    story.unmount();
    setRouterParams({ id: 'e1' });
    const person = render(<ProfilePage />);
    expect(await screen.findByText('王建军')).toBeInTheDocument();
    person.unmount();

    cutNetwork();
    setNetwork(false);
    setRouterParams({ id: 's1' });
    const storyAgain = render(<StoryPage />);
    expect(await screen.findByText('雪夜驰援')).toBeInTheDocument();
    expect(banner()).toHaveTextContent('网络已断开，正在显示上次加载的内容');
    storyAgain.unmount();
    setRouterParams({ id: 'e1' });
    render(<ProfilePage />);
    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(banner()).toHaveTextContent('网络已断开，正在显示上次加载的内容');
  });

  it('a story never opened says the page cannot load, the banner says why', async () => {
    cutNetwork();
    setNetwork(false);
    setRouterParams({ id: 's9' });
    render(<StoryPage />);
    expect(await screen.findByText('网络不给力，请稍后重试')).toBeInTheDocument();
    expect(banner()).toHaveTextContent('网络已断开，看过的内容仍可阅读');
  });

  it('says the server does not answer when the phone has a network, and leaves once a refresh brings fresh content', async () => {
    serveReading();
    const first = render(<FeedPage />);
    expect(await screen.findByText('事迹标题1')).toBeInTheDocument();
    first.unmount();

    cutNetwork();
    render(<FeedPage />);
    expect(await screen.findByText('事迹标题1')).toBeInTheDocument();
    expect(banner()).toHaveTextContent('暂时连不上服务器，正在显示上次加载的内容');

    serveReading();
    await act(async () => {
      firePullDownRefresh();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(banner()).toBeNull();
  });

  it('counts a like waiting to be sent', async () => {
    setNetwork(false);
    queueWish({ kind: 'story', id: 's1' }, true);
    render(<OfflineBanner />);
    expect(banner()).toHaveTextContent('1 个点赞待同步，联网后自动发送');
  });
});
