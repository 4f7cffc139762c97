/**
 * The weapp poster page (poster-screen.weapp.tsx) against the Taro fake's Canvas 2D node:
 * story → engagement.posterCode → cover and code drawn at 1.5× → exported temp file shown →
 * 保存到相册 through privacy and the album scope, the share counted as a poster only when saved.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PosterScreen } from '../../client/src/features/poster/poster-screen.weapp';
import { profile, storyDetail } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

const COVER = 'https://img.local/s7-cover.jpg';
const CODE = 'https://cloud.local/poster-codes/Ab12Cd.png';

function serve(code: () => ReturnType<typeof ok> | ReturnType<typeof err> = () => ok({ url: CODE, scene: 'Ab12Cd', page: 'pages/story/index' })) {
  return serveFunctions({
    'content.story': () => ok(storyDetail({ _id: 's7', title: '烈火中的逆行者', cover: COVER })),
    'engagement.posterCode': code,
    'engagement.share': () => ok({ shareCount: 1 }),
  });
}

async function settle(ms = 200): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

describe('the weapp poster page', () => {
  beforeEach(() => setRouterParams({ id: 's7' }));

  it('draws cover, title and the mini-program code on the 2D canvas and shows the exported image', async () => {
    const served = serve();
    const { container } = render(<PosterScreen />);
    await screen.findByText('海报生成中…');
    // Wait for what the user waits for — the exported poster — not for a fixed time.
    await waitFor(() => expect(container.querySelector('img.poster__img')).not.toBeNull(), { timeout: 5000 });
    expect(served.calls.filter((c) => c.action === 'posterCode').map((c) => c.data)).toEqual([{ storyId: 's7' }]);
    const node = fake.canvasNodes.get('poster-canvas')!;
    expect([node.width, node.height]).toEqual([1125, 1770]);
    const ops = node.context!.ops;
    expect(ops[0]).toEqual(['scale', 1.5, 1.5]);
    expect(ops.filter((o) => o[0] === 'drawImage').map((o) => o[1])).toEqual([COVER, CODE]);
    expect(ops.filter((o) => o[0] === 'fillText').map((o) => o[1])).toContain('烈火中的逆行者');
    expect(ops.filter((o) => o[0] === 'fillText').map((o) => o[1])).toContain('长按识别小程序码，阅读全文');
    expect(container.querySelector('img.poster__img')?.getAttribute('src')).toBe('wxfile://tmp/poster-canvas-1.png');
  });

  it('saves to the album after privacy and the album scope, and counts a poster share', async () => {
    const served = serve();
    render(<PosterScreen />);
    fireEvent.click(await screen.findByText('保存到相册', {}, { timeout: 5000 }));
    await waitFor(() => expect(served.calls.some((c) => c.action === 'share')).toBe(true), { timeout: 5000 });
    expect(fake.privacyCalls).toBe(1);
    expect(fake.savedToAlbum).toEqual(['wxfile://tmp/poster-canvas-1.png']);
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([{ target: { kind: 'story', id: 's7' }, channel: 'poster' }]);
  });

  it('counts nothing when the album is refused', async () => {
    fake.authorizeAnswer = false;
    fake.modalAnswer = false;
    const served = serve();
    render(<PosterScreen />);
    fireEvent.click(await screen.findByText('保存到相册', {}, { timeout: 5000 }));
    // The refusal ends at the explanation dialog; only then is "nothing saved" meaningful.
    await waitFor(() => expect(fake.modals.length).toBeGreaterThan(0), { timeout: 5000 });
    await settle(50);
    expect(fake.savedToAlbum).toEqual([]);
    expect(served.calls.filter((c) => c.action === 'share')).toEqual([]);
  });

  it('says the poster failed when the code image does not load, and offers no save', async () => {
    fake.brokenImages.add(CODE);
    serve();
    render(<PosterScreen />);
    expect(await screen.findByText('海报生成失败，请稍后重试', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByText('保存到相册')).toBeNull();
  });

  it("shows the server's reason when no code can be made", async () => {
    serve(() => err('RATE_LIMITED'));
    render(<PosterScreen />);
    expect(await screen.findByText('操作太频繁，请稍后再试', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(fake.tempFiles).toEqual([]);
  });
});

describe('the weapp poster page of a profile', () => {
  const PHOTO = 'https://img.local/e1-photo.jpg';
  const PCODE = 'https://cloud.local/poster-codes/p-0123456789abcdef.png';

  function serveProfile(answer: () => ReturnType<typeof ok> | ReturnType<typeof err> = () => ok(profile({ _id: 'e1', name: '王建军', photo: PHOTO }))) {
    return serveFunctions({
      'content.profile': answer,
      'engagement.posterCode': () => ok({ url: PCODE, scene: '0123456789abcdef', page: 'pages/profile/index' }),
      'engagement.share': () => ok({ shareCount: 1 }),
    });
  }

  beforeEach(() => setRouterParams({ id: 'e1', kind: 'exemplar' }));

  it('draws the photo, the name and the profile’s own code, and counts a saved poster as a share of the profile', async () => {
    const served = serveProfile();
    const { container } = render(<PosterScreen />);
    await waitFor(() => expect(container.querySelector('img.poster__img')).not.toBeNull(), { timeout: 5000 });
    expect(served.calls.filter((c) => c.action === 'posterCode').map((c) => c.data)).toEqual([{ exemplarId: 'e1' }]);
    const ops = fake.canvasNodes.get('poster-canvas')!.context!.ops;
    expect(ops.filter((o) => o[0] === 'drawImage').map((o) => o[1])).toEqual([PHOTO, PCODE]);
    const texts = ops.filter((o) => o[0] === 'fillText').map((o) => o[1]);
    expect(texts).toContain('王建军');
    expect(texts).toContain('长按识别小程序码，查看典型事迹');
    fireEvent.click(screen.getByText('保存到相册'));
    await waitFor(() => expect(served.calls.some((c) => c.action === 'share')).toBe(true), { timeout: 5000 });
    expect(served.calls.filter((c) => c.action === 'share').map((c) => c.data)).toEqual([{ target: { kind: 'exemplar', id: 'e1' }, channel: 'poster' }]);
  });

  it('says the profile is not public when it is not, and draws nothing', async () => {
    serveProfile(() => err('NOT_FOUND'));
    render(<PosterScreen />);
    expect(await screen.findByText('该典型不存在或暂未公开')).toBeInTheDocument();
    expect(fake.tempFiles).toEqual([]);
  });

  it('reads an unknown poster kind as nothing to draw, without asking', async () => {
    setRouterParams({ id: 'e1', kind: 'campaign' });
    const served = serveProfile();
    render(<PosterScreen />);
    expect(await screen.findByText('该事迹不存在或已下线')).toBeInTheDocument();
    expect(served.calls).toEqual([]);
  });
});
