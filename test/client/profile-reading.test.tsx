/**
 * What a reader does on a profile besides reading it: pages through its stories, sees a
 * station's people who are exemplars, shares it and makes its poster, and opens it from a
 * poster's code.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import type { ExemplarCard, StoryCard } from '@contract';
import { ProfileScreen } from '../../client/src/features/profile/profile-screen';
import { exemplarCard, NOW, profile, storyCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, fireReachBottom, setRouterParams } from './support/taro-fake';

const station = profile({
  _id: 'st1',
  kind: 'collective',
  name: '红山消防救援站',
  title: '赴汤蹈火 竭诚为民',
  unit: { _id: 'u-st', name: '乌鲁木齐支队红山消防救援站', shortName: '红山站', level: 'station' },
  stories: [storyCard(1), storyCard(2)],
  storiesNext: '100_s2',
});

async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  setRouterParams({ id: 'st1' });
});
afterEach(() => jest.restoreAllMocks());

/** What the page asked the content function (the salute button asks engagement for its state too). */
const contentCalls = (served: { calls: { fn: string; action: string }[] }) => served.calls.filter((c) => c.fn === 'content').map((c) => c.action);

const titles = () => screen.queryAllByTestId('story-card').map((c) => c.querySelector('.story-card__title')?.textContent);

describe('a profile’s stories', () => {
  it('shows the profile’s first page, then the next ones at the bottom of the page, once each, until the end', async () => {
    const pages: Record<string, { items: StoryCard[]; next: string | null }> = {
      '100_s2': { items: [storyCard(2), storyCard(3)], next: '90_s3' },
      '90_s3': { items: [storyCard(4)], next: null },
    };
    const served = serveFunctions({
      'content.profile': () => ok(station),
      'content.stationMembers': () => ok({ items: [], next: null }),
      'content.exemplarStories': (data) => ok(pages[(data as { cursor: string }).cursor]!),
    });
    render(<ProfileScreen />);
    await screen.findByText('事迹标题1');
    expect(titles()).toEqual(['事迹标题1', '事迹标题2']);
    await act(async () => fireReachBottom());
    await screen.findByText('事迹标题3');
    await act(async () => fireReachBottom());
    await screen.findByText('事迹标题4');
    expect(titles()).toEqual(['事迹标题1', '事迹标题2', '事迹标题3', '事迹标题4']);
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    expect(served.calls.filter((c) => c.action === 'exemplarStories').map((c) => c.data)).toEqual([
      { exemplarId: 'st1', cursor: '100_s2', limit: 10 },
      { exemplarId: 'st1', cursor: '90_s3', limit: 10 },
    ]);
  });

  it('with every story on the first page asks for nothing more and says nothing about an end', async () => {
    const served = serveFunctions({ 'content.profile': () => ok(profile({ stories: [storyCard(1)], storiesNext: null })) });
    render(<ProfileScreen />);
    await screen.findByText('事迹标题1');
    await act(async () => fireReachBottom());
    expect(contentCalls(served)).toEqual(['profile']);
    expect(screen.queryByText('没有更多了')).toBeNull();
  });

  it('a next page that fails offers a retry, which brings it', async () => {
    let fail = true;
    serveFunctions({
      'content.profile': () => ok(station),
      'content.stationMembers': () => ok({ items: [], next: null }),
      'content.exemplarStories': () => (fail ? err('UNAVAILABLE') : ok({ items: [storyCard(3)], next: null })),
    });
    render(<ProfileScreen />);
    await screen.findByText('事迹标题1');
    await act(async () => fireReachBottom());
    const retry = await screen.findByText('加载失败，点击重试');
    fail = false;
    await act(async () => retry.click());
    expect(await screen.findByText('事迹标题3')).toBeInTheDocument();
  });
});

describe('a station’s members', () => {
  const members: ExemplarCard[] = [exemplarCard(11, { name: '王建军' }), exemplarCard(12, { name: '李娜', tier: 'reserve' }), exemplarCard(13, { name: '马强' })];

  it('lists the station’s people who are exemplars, a page at a time behind 查看更多, each opening their profile', async () => {
    const served = serveFunctions({
      'content.profile': () => ok(station),
      'content.stationMembers': (data) => {
        const cursor = (data as { cursor?: string | null }).cursor;
        return ok(cursor ? { items: members.slice(2), next: null } : { items: members.slice(0, 2), next: '80_e12' });
      },
    });
    render(<ProfileScreen />);
    const section = await screen.findByTestId('station-members');
    expect(section).toHaveTextContent('本站典型');
    expect(screen.getAllByTestId('station-member').map((m) => m.querySelector('.member-tile__name')?.textContent)).toEqual(['王建军', '李娜']);
    screen.getByTestId('station-members-more').click();
    await screen.findByText('马强');
    expect(screen.queryByTestId('station-members-more')).toBeNull();
    expect(served.calls.filter((c) => c.action === 'stationMembers').map((c) => c.data)).toEqual([
      { exemplarId: 'st1', cursor: null, limit: 6 },
      { exemplarId: 'st1', cursor: '80_e12', limit: 6 },
    ]);
    screen.getByText('李娜').click();
    await settle();
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/profile/index?id=e12' }]);
  });

  it('a station without any shows no section; a person or a battalion’s collective never asks', async () => {
    serveFunctions({ 'content.profile': () => ok(station), 'content.stationMembers': () => ok({ items: [], next: null }) });
    const first = render(<ProfileScreen />);
    await screen.findByText('红山消防救援站');
    await settle();
    expect(screen.queryByTestId('station-members')).toBeNull();
    first.unmount();

    for (const p of [profile({ kind: 'individual' }), profile({ kind: 'collective', unit: { _id: 'u-b', name: '米东大队', shortName: '米东', level: 'battalion' } })]) {
      const served = serveFunctions({ 'content.profile': () => ok(p) });
      const view = render(<ProfileScreen />);
      await screen.findByText(p.name);
      await settle();
      expect(contentCalls(served)).toEqual(['profile']);
      view.unmount();
    }
  });
});

describe('sharing a profile and its poster', () => {
  it('生成海报 opens the poster page of this profile', async () => {
    serveFunctions({ 'content.profile': () => ok(profile({ _id: 'e1' })) });
    setRouterParams({ id: 'e1' });
    render(<ProfileScreen />);
    await screen.findByText('典型1');
    screen.getByTestId('profile-poster').click();
    await settle();
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-share/poster/index?id=e1&kind=exemplar' }]);
  });

  it('分享 on h5 copies the page link and counts a chat share of the profile', async () => {
    const served = serveFunctions({ 'content.profile': () => ok(profile({ _id: 'e1' })), 'engagement.share': () => ok({ shareCount: 1 }) });
    setRouterParams({ id: 'e1' });
    render(<ProfileScreen />);
    await screen.findByText('典型1');
    screen.getByTestId('profile-share').click();
    await settle();
    expect(fake.clipboard).toBe(window.location.href);
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([{ target: { kind: 'exemplar', id: 'e1' }, channel: 'chat' }]);
  });

  it('in Moments’ single-page mode offers no share, and the poster says to open the mini-program first', async () => {
    fake.scene = 1154;
    serveFunctions({ 'content.profile': () => ok(profile({ _id: 'e1' })) });
    setRouterParams({ id: 'e1' });
    render(<ProfileScreen />);
    await screen.findByText('典型1');
    expect(screen.queryByTestId('profile-share')).toBeNull();
    screen.getByTestId('profile-poster').click();
    await settle();
    expect(fake.navigations).toEqual([]);
    expect(fake.toasts.at(-1)?.title).toBe('请点击下方「前往小程序」后生成海报');
  });
});

describe('opening a profile from its poster’s code', () => {
  const code = '0123456789abcdef';

  it('resolves the scene (URL-encoded) to the profile and shares it by its id', async () => {
    const served = serveFunctions({
      'content.resolveProfileCode': () => ok({ exemplarId: 'e1' }),
      'content.profile': () => ok(profile({ _id: 'e1', name: '王建军' })),
    });
    setRouterParams({ scene: encodeURIComponent(code) });
    render(<ProfileScreen />);
    await screen.findByText('王建军');
    expect(served.calls.filter((c) => c.fn === 'content').map((c) => [c.action, c.data])).toEqual([
      ['resolveProfileCode', { code }],
      ['profile', { id: 'e1' }],
    ]);
    expect(fake.shareAppMessage?.()).toMatchObject({ path: '/pages/profile/index?id=e1' });
  });

  it('reads a malformed code as a profile that is not there, without asking, and an unknown one as the server says', async () => {
    const served = serveFunctions({ 'content.resolveProfileCode': () => err('NOT_FOUND') });
    setRouterParams({ scene: 'not-a-code' });
    const first = render(<ProfileScreen />);
    expect(await screen.findByText('该典型不存在或暂未公开')).toBeInTheDocument();
    expect(served.calls).toEqual([]);
    first.unmount();

    setRouterParams({ scene: code });
    render(<ProfileScreen />);
    expect(await screen.findByText('该典型不存在或暂未公开')).toBeInTheDocument();
    await waitFor(() => expect(served.calls.map((c) => c.action)).toEqual(['resolveProfileCode']));
  });
});
