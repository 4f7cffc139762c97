import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Me, RenderedBlock } from '@contract';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { storyDetail } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

const blocks: RenderedBlock[] = [
  { type: 'heading', level: 2, text: '烈火中的逆行' },
  {
    type: 'paragraph',
    spans: [
      { text: '那天凌晨，' },
      { text: '三十七名群众', bold: true },
      { text: '被安全转移，' },
      { text: '无一伤亡', italic: true },
      { text: '。详见', href: undefined },
      { text: '新华网报道', href: 'https://www.news.cn/a/1' },
    ],
  },
  { type: 'quote', spans: [{ text: '我们是最后撤离的人。' }], cite: '站长 王强' },
  { type: 'list', ordered: true, items: [[{ text: '侦察火情' }], [{ text: '破拆救人' }]] },
  { type: 'list', ordered: false, items: [[{ text: '呼吸器' }], [{ text: '热成像仪' }]] },
  { type: 'image', url: 'https://img.local/a.jpg', width: 1000, height: 750, caption: '救援现场' },
  { type: 'divider' },
  { type: 'image', url: 'https://img.local/b.jpg', width: 800, height: 800 },
  { type: 'heading', level: 3, text: '后记' },
];

describe('a story', () => {
  it('renders every block type natively', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(storyDetail({ title: '逆行者', blocks })) });
    const { container } = render(<StoryScreen />);
    expect(await screen.findByText('逆行者')).toBeInTheDocument();

    expect(screen.getByText('烈火中的逆行')).toHaveClass('blocks__h--2');
    expect(screen.getByText('后记')).toHaveClass('blocks__h--3');
    expect(screen.getByText('三十七名群众')).toHaveClass('span--bold');
    expect(screen.getByText('无一伤亡')).toHaveClass('span--italic');
    expect(screen.getByText('新华网报道')).toHaveClass('span--link');
    expect(screen.getByText('我们是最后撤离的人。').closest('.blocks__quote')).toHaveTextContent('—— 站长 王强');

    const [ordered, bullets] = screen.getAllByRole('list');
    expect(within(ordered!).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['1.侦察火情', '2.破拆救人']);
    expect(within(bullets!).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['•呼吸器', '•热成像仪']);

    const images = container.querySelectorAll('.blocks__img');
    expect(Array.from(images).map((i) => i.getAttribute('src'))).toEqual(['https://img.local/a.jpg', 'https://img.local/b.jpg']);
    expect(screen.getByText('救援现场')).toHaveClass('blocks__caption');
    expect(screen.getAllByRole('separator')).toHaveLength(1);
  });

  it('shows the meta line: campaign, unit, author, date', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(storyDetail({ publishedAt: Date.UTC(2024, 2, 8, 4) })) });
    render(<StoryScreen />);
    expect(await screen.findByText('身边典型•平凡榜样')).toBeInTheDocument();
    expect(screen.getByText('乌鲁木齐支队特勤站')).toBeInTheDocument();
    expect(screen.getByText('宣传员 李明')).toBeInTheDocument();
    expect(screen.getByText('2024年3月8日')).toBeInTheDocument();
  });

  it('previews the tapped image among all images of the story', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(storyDetail({ blocks })) });
    const { container } = render(<StoryScreen />);
    await screen.findByText('烈火中的逆行');
    fireEvent.click(container.querySelectorAll('.blocks__img')[1]!);
    await act(async () => {});
    expect(fake.previews).toEqual([{ current: 'https://img.local/b.jpg', urls: ['https://img.local/a.jpg', 'https://img.local/b.jpg'] }]);
  });

  it('copies a link on tap, since a mini-program cannot open it', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(storyDetail({ blocks })) });
    render(<StoryScreen />);
    fireEvent.click(await screen.findByText('新华网报道'));
    await act(async () => {});
    expect(fake.clipboard).toBe('https://www.news.cn/a/1');
    expect(fake.toasts.at(-1)?.title).toBe('链接已复制，可在浏览器打开');
  });

  it('links its exemplars to their profiles', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({
      'content.story': () => ok(storyDetail({ exemplars: [{ _id: 'e9', name: '张伟', kind: 'individual' }] })),
    });
    render(<StoryScreen />);
    fireEvent.click(await screen.findByTestId('story-exemplar'));
    await act(async () => {});
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/profile/index?id=e9' }]);
  });

  it('says "该事迹不存在或已下线" when the server answers NOT_FOUND', async () => {
    setRouterParams({ id: 'gone' });
    serveFunctions({ 'content.story': () => err('NOT_FOUND') });
    render(<StoryScreen />);
    expect(await screen.findByText('该事迹不存在或已下线')).toBeInTheDocument();
    expect(screen.queryByText('加载失败，点击重试')).toBeNull();
  });

  it('a story taken down reads as a polite 该事迹已撤回 page, with no retry and nothing of the story', async () => {
    setRouterParams({ id: 'gone' });
    serveFunctions({ 'content.story': () => ({ ok: false, error: { code: 'NOT_FOUND', reason: 'story_withdrawn', message: 'story gone was taken down' } }) });
    render(<StoryScreen />);
    expect(await screen.findByText('该事迹已撤回')).toBeInTheDocument();
    expect(screen.getByText(/发布单位已撤回这篇事迹，感谢你的关注。/)).toBeInTheDocument();
    expect(screen.queryByText('加载失败，点击重试')).toBeNull();
    expect(screen.queryByText('该事迹不存在或已下线')).toBeNull();
  });

  it('treats a mangled share link as not found without asking the server', async () => {
    setRouterParams({ id: '../../etc' });
    const served = serveFunctions({ 'content.story': () => ok(storyDetail()) });
    render(<StoryScreen />);
    expect(await screen.findByText('该事迹不存在或已下线')).toBeInTheDocument();
    expect(served.calls).toHaveLength(0);
  });

  it('offers a retry on other failures', async () => {
    setRouterParams({ id: 's1' });
    let fail = true;
    serveFunctions({ 'content.story': () => (fail ? err('INTERNAL') : ok(storyDetail({ title: '恢复了' }))) });
    render(<StoryScreen />);
    const retry = await screen.findByText('加载失败，点击重试');
    expect(screen.getByText('服务开小差了，请稍后重试')).toBeInTheDocument();
    fail = false;
    fireEvent.click(retry);
    expect(await screen.findByText('恢复了')).toBeInTheDocument();
  });
});

describe('taking a story down from its page', () => {
  const unit = { _id: 'u-wlmq', name: '乌鲁木齐支队', shortName: '乌鲁木齐支队', level: 'detachment' as const };
  const reviewer: Me = { handle: 'h1', reader: false, roles: [{ role: 'reviewer', unit }] };
  const reader: Me = { handle: 'h2', reader: true, roles: [] };
  const onAccount = storyDetail({ _id: 's1', title: '逆火而行', article: { url: 'https://mp.weixin.qq.com/s/a', publishedAt: 1 } });

  it('a reader is offered nothing', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(onAccount), 'identity.me': () => ok(reader), 'engagement.view': () => ok({ counted: true, viewCount: 1 }) });
    render(<StoryScreen />);
    expect(await screen.findByText('逆火而行')).toBeInTheDocument();
    await act(async () => {});
    expect(screen.queryByTestId('take-down-open')).toBeNull();
  });

  it('a reviewer gives a reason, keeps or drops 同时删除公众号文章, confirms, and the page turns into 已撤回', async () => {
    setRouterParams({ id: 's1' });
    let down = false;
    const served = serveFunctions({
      'content.story': () => (down ? { ok: false, error: { code: 'NOT_FOUND', reason: 'story_withdrawn', message: 'taken down' } } : ok(onAccount)),
      'identity.me': () => ok(reviewer),
      'engagement.view': () => ok({ counted: true, viewCount: 1 }),
      'authoring.takeDown': () => {
        down = true;
        return ok({ storyId: 's1', state: 'withdrawn', withdrawnAt: 2, articleJobs: ['s1-r1'] });
      },
    });
    render(<StoryScreen />);
    fireEvent.click(await screen.findByTestId('take-down-open'));
    const sheet = screen.getByTestId('take-down-sheet');
    // On by default for a story on the account; the reviewer may keep the article.
    const option = within(sheet).getByTestId('take-down-delete-article');
    expect(option).toHaveAttribute('aria-checked', 'true');

    await act(async () => {
      fireEvent.click(within(sheet).getByText('确认撤回'));
    });
    expect(within(sheet).getByRole('alert')).toHaveTextContent('请填写撤回原因');
    expect(served.calls.some((c) => c.action === 'takeDown')).toBe(false);

    fireEvent.click(within(sheet).getByText('当事人申请撤回'));
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(within(sheet).getByText('确认撤回'));
    });
    expect(fake.modals.at(-1)).toMatchObject({ title: '撤回事迹' });
    expect(fake.modals.at(-1)?.content).toMatch(/《逆火而行》将立即对读者下线，公众号上的文章也将删除且无法恢复/);
    expect(served.calls.some((c) => c.action === 'takeDown')).toBe(false);

    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(within(sheet).getByText('确认撤回'));
    });
    expect(served.calls.find((c) => c.action === 'takeDown')?.data).toEqual({ storyId: 's1', reason: '当事人申请撤回', deleteArticle: true });
    expect(fake.toasts.at(-1)?.title).toBe('已撤回，公众号文章将在几分钟内删除');
    expect(await screen.findByText('该事迹已撤回')).toBeInTheDocument();
  });

  it('unticked, the article stays; a refusal (outside the reviewer’s units) is shown in the sheet', async () => {
    setRouterParams({ id: 's1' });
    const served = serveFunctions({
      'content.story': () => ok(onAccount),
      'identity.me': () => ok(reviewer),
      'engagement.view': () => ok({ counted: true, viewCount: 1 }),
      'authoring.takeDown': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope', message: 'outside' } }),
    });
    render(<StoryScreen />);
    fireEvent.click(await screen.findByTestId('take-down-open'));
    fireEvent.click(screen.getByTestId('take-down-delete-article'));
    expect(screen.getByTestId('take-down-delete-article')).toHaveAttribute('aria-checked', 'false');
    fireEvent.input(screen.getByLabelText('撤回原因（必填）'), { target: { value: '内容待核实' } });
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤回'));
    });
    expect(served.calls.find((c) => c.action === 'takeDown')?.data).toEqual({ storyId: 's1', reason: '内容待核实', deleteArticle: false });
    expect(await screen.findByText('该内容不在你所管辖的单位范围内')).toBeInTheDocument();
    expect(screen.getByText('逆火而行')).toBeInTheDocument();
  });
});
