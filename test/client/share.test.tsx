/**
 * Sharing: what WeChat receives from onShareAppMessage / onShareTimeline on the story,
 * profile and campaign pages (title, a path with the id so a first-time user lands on the
 * page, the cover as the 5:4 card image), shares counted by channel, views recorded on
 * open, and a poster's code (`scene`) resolved to its story.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { ProfileScreen } from '../../client/src/features/profile/profile-screen';
import { CampaignScreen } from '../../client/src/features/campaign/campaign-screen';
import { campaign, profile, storyCard, storyDetail } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, fireShareAppMessage, fireShareTimeline, setRouterParams } from './support/taro-fake';

const COVER = 'https://img.local/cover-s7.jpg';

function serveStory() {
  return serveFunctions({
    'content.story': (data) => {
      const { id } = data as { id: string };
      return id === 's7' ? ok(storyDetail({ _id: 's7', title: '烈火中的逆行者', cover: COVER, viewCount: 99 })) : err('NOT_FOUND');
    },
    'content.resolveCode': (data) => ((data as { code: string }).code === 'Ab12Cd' ? ok({ storyId: 's7' }) : err('NOT_FOUND')),
    'engagement.status': () => ok({ items: [{ target: { kind: 'story', id: 's7' }, liked: false, count: 3 }] }),
    'engagement.view': () => ok({ counted: true, viewCount: 100 }),
    'engagement.share': (data) => ok({ shareCount: (data as { channel: string }).channel === 'chat' ? 1 : 2 }),
  });
}

const settle = () => act(async () => {});

describe('sharing a story', () => {
  it('gives chat a title, a path with the id and the cover; counts the share as chat', async () => {
    const served = serveStory();
    setRouterParams({ id: 's7' });
    render(<StoryScreen />);
    await screen.findByText('烈火中的逆行者');
    expect(fireShareAppMessage()).toEqual({ title: '烈火中的逆行者', path: '/pages/story/index?id=s7', imageUrl: COVER });
    await settle();
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([{ target: { kind: 'story', id: 's7' }, channel: 'chat' }]);
  });

  it('gives Moments a title, the id as query and the cover; counts the share as moments', async () => {
    const served = serveStory();
    setRouterParams({ id: 's7' });
    render(<StoryScreen />);
    await screen.findByText('烈火中的逆行者');
    expect(fireShareTimeline()).toEqual({ title: '烈火中的逆行者', query: 'id=s7', imageUrl: COVER });
    await settle();
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([{ target: { kind: 'story', id: 's7' }, channel: 'moments' }]);
  });

  it('still shares a working path while the story is loading, and counts nothing then', async () => {
    const served = serveFunctions({ 'content.story': () => new Promise(() => undefined) });
    setRouterParams({ id: 's7' });
    render(<StoryScreen />);
    expect(fireShareAppMessage()).toEqual({ title: '身边典型', path: '/pages/story/index?id=s7' });
    await settle();
    expect(served.calls.map((c) => c.action)).toEqual(['story']);
  });

  it('records one view on open and shows the count the server answers', async () => {
    const served = serveStory();
    setRouterParams({ id: 's7' });
    render(<StoryScreen />);
    await screen.findByText('烈火中的逆行者');
    await waitFor(() => expect(screen.getByTestId('story-views')).toHaveTextContent('阅读 100'));
    expect(served.calls.filter((c) => c.action === 'view').map((c) => c.data)).toEqual([{ storyId: 's7' }]);
  });

  it("opens the story of a poster's code: scene → content.resolveCode → the story, shared by its id", async () => {
    const served = serveStory();
    setRouterParams({ scene: encodeURIComponent('Ab12Cd') });
    render(<StoryScreen />);
    expect(await screen.findByText('烈火中的逆行者')).toBeInTheDocument();
    expect(served.calls.slice(0, 2).map((c) => [c.action, c.data])).toEqual([
      ['resolveCode', { code: 'Ab12Cd' }],
      ['story', { id: 's7' }],
    ]);
    expect(fireShareAppMessage()).toMatchObject({ path: '/pages/story/index?id=s7' });
  });

  it('reads an unknown or malformed code as a story that is not there', async () => {
    const served = serveStory();
    setRouterParams({ scene: 'zz%2F..' });
    render(<StoryScreen />);
    expect(await screen.findByText('该事迹不存在或已下线')).toBeInTheDocument();
    expect(served.calls).toHaveLength(0);
  });
});

describe('sharing a profile and a campaign', () => {
  it('shares a profile with its name and title, its path and photo; counts chat and moments on the exemplar', async () => {
    const served = serveFunctions({
      'content.profile': () => ok(profile({ _id: 'e3', name: '张伟', title: '特勤站站长', photo: 'https://img.local/e3.jpg' })),
      'engagement.status': () => ok({ items: [] }),
      'engagement.share': () => ok({ shareCount: 1 }),
    });
    setRouterParams({ id: 'e3' });
    render(<ProfileScreen />);
    await screen.findByText('张伟');
    expect(fireShareAppMessage()).toEqual({ title: '张伟 · 特勤站站长', path: '/pages/profile/index?id=e3', imageUrl: 'https://img.local/e3.jpg' });
    expect(fireShareTimeline()).toEqual({ title: '身边典型 · 张伟', query: 'id=e3', imageUrl: 'https://img.local/e3.jpg' });
    await settle();
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([
      { target: { kind: 'exemplar', id: 'e3' }, channel: 'chat' },
      { target: { kind: 'exemplar', id: 'e3' }, channel: 'moments' },
    ]);
  });

  it('still shares a working profile path while loading, and counts nothing then', async () => {
    const served = serveFunctions({ 'content.profile': () => new Promise(() => undefined) });
    setRouterParams({ id: 'e3' });
    render(<ProfileScreen />);
    expect(fireShareAppMessage()).toEqual({ title: '身边典型', path: '/pages/profile/index?id=e3' });
    await settle();
    expect(served.calls.map((c) => c.action)).toEqual(['profile']);
  });

  it('shares a campaign with its name, its path and cover; counts chat and moments on the campaign', async () => {
    const served = serveFunctions({
      'content.campaignFeed': () =>
        ok({ items: [storyCard(1)], next: null, campaign: campaign(2, { _id: 'c2', cover: 'https://img.local/c2.jpg' }) }),
      'engagement.share': () => ok({ shareCount: 1 }),
    });
    setRouterParams({ id: 'c2' });
    render(<CampaignScreen />);
    await screen.findByText('事迹标题1');
    expect(fireShareAppMessage()).toEqual({ title: '身边典型 · 天山风华•蓝焰闪耀', path: '/pages/campaign/index?id=c2', imageUrl: 'https://img.local/c2.jpg' });
    expect(fireShareTimeline()).toEqual({ title: '身边典型 · 天山风华•蓝焰闪耀', query: 'id=c2', imageUrl: 'https://img.local/c2.jpg' });
    await settle();
    expect(fake.requests.map((r) => r.url)).toEqual(['/fn/content', '/fn/engagement', '/fn/engagement']);
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([
      { target: { kind: 'campaign', id: 'c2' }, channel: 'chat' },
      { target: { kind: 'campaign', id: 'c2' }, channel: 'moments' },
    ]);
  });

  it('still shares a working campaign path while loading, and counts nothing then', async () => {
    const served = serveFunctions({ 'content.campaignFeed': () => new Promise(() => undefined) });
    setRouterParams({ id: 'c2' });
    render(<CampaignScreen />);
    expect(fireShareTimeline()).toEqual({ title: '身边典型', query: 'id=c2' });
    await settle();
    expect(served.calls.map((c) => c.action)).toEqual(['campaignFeed']);
  });
});

describe('the poster button', () => {
  it('opens the poster page of the story', async () => {
    serveStory();
    setRouterParams({ id: 's7' });
    render(<StoryScreen />);
    await screen.findByText('烈火中的逆行者');
    screen.getByTestId('make-poster').click();
    await settle();
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-share/poster/index?id=s7' }]);
  });
});

describe('the share button on h5', () => {
  it('copies the page link (h5 has no share sheet) and counts a chat share', async () => {
    const served = serveStory();
    setRouterParams({ id: 's7' });
    render(<StoryScreen />);
    await screen.findByText('烈火中的逆行者');
    screen.getByText('分享').click();
    await settle();
    expect(fake.clipboard).toBe(window.location.href);
    expect(fake.toasts.at(-1)?.title).toBe('链接已复制，可在浏览器打开');
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([{ target: { kind: 'story', id: 's7' }, channel: 'chat' }]);
  });
});
