/**
 * 留言 on the client: under a story (write, a draft that survives a failed send, the reader's own
 * messages marked 仅自己可见, delete after asking), 留言管理 for reviewers (tabs with counts,
 * 精选 / 不精选 with a reason / 作者回复, the server's refusal in Chinese), and 我的 › 致敬 / 留言.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CommentView, ModerationItem, MyCommentView } from '@contract';
import { StoryComments } from '../../client/src/features/comments/story-comments';
import { ModerationScreen } from '../../client/src/features/comments/moderation-screen';
import { MyActivity } from '../../client/src/features/me/my-activity';
import { exemplarCard, NOW } from './support/fixtures';
import { err, ok, serveFunctions, type Served } from './support/local-cloud';
import { fake, fireDidShow, setRouterParams } from './support/taro-fake';

const MIN = 60_000;
const PERSON = { name: '李明', unit: { _id: 'u-d1', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' as const } };
const UNIT = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };

function comment(i: number, over: Partial<CommentView> = {}): CommentView {
  return { _id: `cm${i}`, storyId: 's1', text: `留言内容${i}`, byline: `读者 ${String(i).padStart(4, 'a')}`, createdAt: NOW - i * MIN, state: 'featured', mine: false, reply: null, ...over };
}

function item(i: number, over: Partial<ModerationItem> = {}): ModerationItem {
  return {
    _id: `cm${i}`,
    text: `待处理留言${i}`,
    createdAt: NOW - i * MIN,
    state: 'pending',
    contentHeld: false,
    story: { _id: 's1', title: '烈火中的逆行者', published: true },
    unit: UNIT,
    featured: null,
    hidden: null,
    reply: null,
    ...over,
  };
}

function mine(i: number, over: Partial<MyCommentView> = {}): MyCommentView {
  return { ...comment(i, { byline: '我', mine: true, state: 'pending' }), story: { _id: `s${i}`, title: `事迹标题${i}` }, ...over };
}

const refusal = (code: string, reason: string) => ({ ok: false as const, error: { code: code as 'FAILED_PRECONDITION', reason: reason as 'comment_deleted', message: reason } });
const callsOf = (served: Served, action: string) => served.calls.filter((c) => c.fn === 'comments' && c.action === action).map((c) => c.data);
const field = () => screen.getByLabelText('写留言') as HTMLTextAreaElement;

describe('留言 under a story', () => {
  it('shows featured messages with the author’s reply and the reader’s own with where they stand; only the own ones can be deleted', async () => {
    serveFunctions({
      'comments.listForStory': () =>
        ok({
          items: [comment(1, { reply: { text: '谢谢你的关注', at: NOW } }), comment(2)],
          next: null,
          mine: [comment(3, { byline: '我', mine: true, state: 'pending' }), comment(4, { byline: '我', mine: true, state: 'hidden' })],
        }),
    });
    render(<StoryComments storyId='s1' />);
    const own = await screen.findAllByTestId('comment-own');
    expect(own.map((c) => c.textContent)).toEqual([expect.stringContaining('仅自己可见，精选后公开'), expect.stringContaining('未精选，仅自己可见')]);
    own.forEach((c) => expect(within(c).getByRole('button', { name: '删除' })).toBeInTheDocument());
    const shown = await screen.findAllByTestId('comment');
    expect(shown.map((c) => within(c).getByText(/^留言内容/).textContent)).toEqual(['留言内容1', '留言内容2']);
    expect(within(shown[0]!).getByTestId('comment-reply')).toHaveTextContent('作者回复谢谢你的关注');
    expect(within(shown[1]!).queryByTestId('comment-reply')).toBeNull();
    // Someone else's message: no delete, no note.
    shown.forEach((c) => expect(within(c).queryByRole('button', { name: '删除' })).toBeNull());
    expect(shown[0]).not.toHaveTextContent('仅自己可见');
  });

  it('says there is nothing yet, and loads more on request without repeating a message', async () => {
    let empty = true;
    const served = serveFunctions({
      'comments.listForStory': (data) => {
        if (empty) return ok({ items: [], next: null, mine: [] });
        const { cursor } = data as { cursor: string | null };
        // As the server does: the reader's own come with the first page only.
        return cursor === null
          ? ok({ items: [comment(1), comment(2)], next: 'k2', mine: [comment(8, { byline: '我', mine: true, state: 'pending' })] })
          : ok({ items: [comment(2), comment(3)], next: null, mine: [] });
      },
    });
    const { unmount } = render(<StoryComments storyId='s1' />);
    expect(await screen.findByText('还没有精选留言，写下你的感想吧')).toBeInTheDocument();
    unmount();
    empty = false;
    render(<StoryComments storyId='s1' />);
    fireEvent.click(await screen.findByTestId('comment-more'));
    await screen.findByText('留言内容3');
    expect(screen.getAllByTestId('comment')).toHaveLength(3);
    expect(screen.getByTestId('comment-own')).toHaveTextContent('留言内容8');
    expect(screen.queryByTestId('comment-more')).toBeNull();
    expect(callsOf(served, 'listForStory').slice(-2)).toEqual([
      { storyId: 's1', cursor: null },
      { storyId: 's1', cursor: 'k2' },
    ]);
  });

  it('writes a message: sent trimmed with a request key, shown at once as the reader’s own, the box closed and the draft gone', async () => {
    const served = serveFunctions({
      'comments.listForStory': () => ok({ items: [comment(1)], next: null, mine: [] }),
      'comments.post': (data) => {
        const { text } = data as { text: string };
        return ok({ comment: comment(9, { text, byline: '我', mine: true, state: 'pending', createdAt: NOW }), created: true });
      },
    });
    render(<StoryComments storyId='s1' />);
    await screen.findByTestId('comment');
    fireEvent.click(screen.getByTestId('comment-write'));
    // Nothing typed (or only spaces): nothing is sent.
    fireEvent.change(field(), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('comment-send'));
    await act(async () => {});
    expect(callsOf(served, 'post')).toEqual([]);
    fireEvent.change(field(), { target: { value: '  向英雄致敬！  ' } });
    expect(screen.getByText('6/300')).toBeInTheDocument();
    expect(fake.storage.get('comments:draft:s1')).toEqual({ text: '  向英雄致敬！  ', requestKey: expect.any(String) });
    fireEvent.click(screen.getByTestId('comment-send'));
    const own = await screen.findByTestId('comment-own');
    expect(own).toHaveTextContent('向英雄致敬！');
    expect(own).toHaveTextContent('仅自己可见，精选后公开');
    const [sent] = callsOf(served, 'post') as { storyId: string; text: string; requestKey: string }[];
    expect(sent).toEqual({ storyId: 's1', text: '向英雄致敬！', requestKey: expect.stringMatching(/^c[a-z0-9]+$/) });
    expect(fake.toasts).toContainEqual({ title: '已发表，精选后公开', icon: 'none' });
    expect(screen.queryByTestId('comment-composer')).toBeNull();
    expect(fake.storage.has('comments:draft:s1')).toBe(false);
    // The next message is another one: a new key.
    fireEvent.click(screen.getByTestId('comment-write'));
    expect(field().value).toBe('');
    fireEvent.change(field(), { target: { value: '第二条' } });
    expect((fake.storage.get('comments:draft:s1') as { requestKey: string }).requestKey).not.toBe(sent!.requestKey);
  });

  it('keeps the draft and its request key when a send fails, across a closed page, and resends it as the same message', async () => {
    let answer: 'risky' | 'network' | 'ok' = 'risky';
    const served = serveFunctions({
      'comments.listForStory': () => ok({ items: [], next: null, mine: [] }),
      'comments.post': (data) => {
        if (answer === 'risky') return refusal('INVALID_ARGUMENT', 'content_risky');
        if (answer === 'network') return err('UNAVAILABLE');
        return ok({ comment: comment(9, { text: (data as { text: string }).text, byline: '我', mine: true, state: 'pending' }), created: true });
      },
    });
    const { unmount } = render(<StoryComments storyId='s1' />);
    await screen.findByText('还没有精选留言，写下你的感想吧');
    fireEvent.click(screen.getByTestId('comment-write'));
    fireEvent.change(field(), { target: { value: '不当内容' } });
    fireEvent.click(screen.getByTestId('comment-send'));
    expect(await screen.findByTestId('comment-error')).toHaveTextContent('内容未通过安全检测，请修改后重试');
    expect(field().value).toBe('不当内容');
    // Editing clears the refusal; the text stays one message with one key.
    fireEvent.change(field(), { target: { value: '致敬英雄' } });
    expect(screen.queryByTestId('comment-error')).toBeNull();
    answer = 'network';
    fireEvent.click(screen.getByTestId('comment-send'));
    expect(await screen.findByTestId('comment-error')).toBeInTheDocument();
    expect(screen.queryByTestId('comment-own')).toBeNull();
    const keys = (callsOf(served, 'post') as { requestKey: string }[]).map((d) => d.requestKey);
    expect(new Set(keys).size).toBe(1);

    // The page is closed and opened again: the box comes back with the same text and key.
    unmount();
    answer = 'ok';
    render(<StoryComments storyId='s1' />);
    await screen.findByText('还没有精选留言，写下你的感想吧');
    fireEvent.click(screen.getByTestId('comment-write'));
    expect(field().value).toBe('致敬英雄');
    fireEvent.click(screen.getByTestId('comment-send'));
    expect(await screen.findByTestId('comment-own')).toHaveTextContent('致敬英雄');
    const last = callsOf(served, 'post').at(-1) as { text: string; requestKey: string };
    expect(last).toEqual({ storyId: 's1', text: '致敬英雄', requestKey: keys[0] });
    expect(fake.storage.has('comments:draft:s1')).toBe(false);
  });

  it('deletes the reader’s own message only after they confirm, and says why when the delete fails', async () => {
    let fails = false;
    const served = serveFunctions({
      'comments.listForStory': () => ok({ items: [comment(1, { byline: '我', mine: true, reply: { text: '感谢', at: NOW } })], next: null, mine: [comment(2, { byline: '我', mine: true, state: 'pending' })] }),
      'comments.remove': () => (fails ? err('UNAVAILABLE') : ok({ removed: true })),
    });
    render(<StoryComments storyId='s1' />);
    const featured = await screen.findByText('留言内容1');
    const featuredCard = featured.closest('[data-testid=comment-own]') as HTMLElement;

    fake.modalAnswer = false;
    fireEvent.click(within(featuredCard).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(fake.modals).toHaveLength(1));
    // Deleting a featured message takes the reply away from everyone: the question says so.
    expect(fake.modals[0]).toEqual({ title: '删除留言', content: expect.stringContaining('精选留言和作者回复') });
    await act(async () => {});
    expect(callsOf(served, 'remove')).toEqual([]);
    expect(screen.getByText('留言内容1')).toBeInTheDocument();

    fake.modalAnswer = true;
    fails = true;
    fireEvent.click(within(featuredCard).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(fake.toasts.at(-1)?.title).toBe('网络不给力，请稍后重试'));
    expect(screen.getByText('留言内容1')).toBeInTheDocument();

    fails = false;
    fireEvent.click(within(featuredCard).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(screen.queryByText('留言内容1')).toBeNull());
    expect(callsOf(served, 'remove')).toEqual([{ id: 'cm1' }, { id: 'cm1' }]);
    expect(fake.modals[2]?.content).toBe('删除后，这条精选留言和作者回复将不再对任何人显示。');
    // The other own message stays.
    expect(screen.getByText('留言内容2')).toBeInTheDocument();
  });

  it('in Moments’ single-page mode nothing can be written, and the page says where to write', async () => {
    fake.scene = 1154;
    serveFunctions({ 'comments.listForStory': () => ok({ items: [comment(1)], next: null, mine: [] }) });
    render(<StoryComments storyId='s1' />);
    await screen.findByTestId('comment');
    expect(screen.getByText('请点击下方「前往小程序」后写留言')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('comment-write'));
    expect(screen.queryByTestId('comment-composer')).toBeNull();
  });
});

describe('留言管理', () => {
  function serveQueue(over: Record<string, (data: unknown) => unknown> = {}) {
    const pending = [item(1, { contentHeld: true }), item(2, { story: { _id: 's2', title: '雪夜驰援', published: false } }), item(3)];
    const featured = [item(4, { state: 'featured', featured: { by: PERSON, at: NOW }, reply: { text: '感谢支持', by: PERSON, at: NOW } })];
    return serveFunctions({
      'comments.queue': (data) => {
        const { tab } = data as { tab: 'pending' | 'featured' };
        return ok({ items: tab === 'pending' ? pending : featured, next: null, counts: { pending: 3, featured: 1 } });
      },
      'comments.feature': (data) => ok({ comment: { ...item(Number((data as { id: string }).id.slice(2))), state: 'featured', featured: { by: PERSON, at: NOW } } }),
      ...(over as Record<string, never>),
    });
  }

  const tab = (name: RegExp) => screen.getByRole('tab', { name });
  const card = (text: string) => screen.getByText(text).closest('[data-testid=moderation-item]') as HTMLElement;

  it('shows both tabs with their counts and each message in full with its story, unit and flags', async () => {
    const served = serveQueue();
    render(<ModerationScreen />);
    await screen.findByText('待处理留言1');
    expect(tab(/^待精选/)).toHaveTextContent('待精选 3');
    expect(tab(/^已精选/)).toHaveTextContent('已精选 1');
    expect(tab(/^待精选/)).toHaveAttribute('aria-selected', 'true');
    expect(card('待处理留言1')).toHaveTextContent('内容需人工复核');
    expect(card('待处理留言1')).toHaveTextContent('《烈火中的逆行者》天山区特勤消防救援站');
    expect(card('待处理留言3')).not.toHaveTextContent('内容需人工复核');
    // A message under a story taken down cannot be shown to anyone: no 精选, and it says why.
    expect(card('待处理留言2')).toHaveTextContent('事迹已撤回，留言不再公开');
    expect(within(card('待处理留言2')).queryByTestId('moderation-feature')).toBeNull();
    expect(within(card('待处理留言2')).getByTestId('moderation-hide')).toBeInTheDocument();
    expect(within(card('待处理留言1')).getByTestId('moderation-feature')).toBeInTheDocument();
    // The story opens from the card.
    fireEvent.click(within(card('待处理留言1')).getByRole('link'));
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/story/index?id=s1' }]);

    fireEvent.click(tab(/^已精选/));
    const featured = await screen.findByText('待处理留言4');
    const c = featured.closest('[data-testid=moderation-item]') as HTMLElement;
    expect(c).toHaveTextContent(/李明 于 .* 精选/);
    expect(within(c).getByTestId('moderation-reply')).toHaveTextContent('作者回复 · 李明');
    expect(within(c).getByTestId('moderation-reply')).toHaveTextContent('感谢支持');
    expect(within(c).getByTestId('moderation-hide')).toHaveTextContent('取消精选');
    expect(within(c).getByTestId('moderation-reply-open')).toHaveTextContent('改回复');
    expect(within(c).queryByTestId('moderation-feature')).toBeNull();
    expect(callsOf(served, 'queue')).toEqual([
      { tab: 'pending', cursor: null },
      { tab: 'featured', cursor: null },
    ]);
  });

  it('opens on 已精选 when the link asks for it', async () => {
    setRouterParams({ tab: 'featured' });
    const served = serveQueue();
    render(<ModerationScreen />);
    await screen.findByText('待处理留言4');
    expect(callsOf(served, 'queue')).toEqual([{ tab: 'featured', cursor: null }]);
  });

  it('精选 takes the message out of 待精选 and moves one from one count to the other', async () => {
    const served = serveQueue();
    render(<ModerationScreen />);
    await screen.findByText('待处理留言1');
    fireEvent.click(within(card('待处理留言3')).getByTestId('moderation-feature'));
    await waitFor(() => expect(screen.queryByText('待处理留言3')).toBeNull());
    expect(callsOf(served, 'feature')).toEqual([{ id: 'cm3' }]);
    expect(tab(/^待精选/)).toHaveTextContent('待精选 2');
    expect(tab(/^已精选/)).toHaveTextContent('已精选 2');
    expect(screen.getAllByTestId('moderation-item')).toHaveLength(2);
    expect(fake.toasts).toContainEqual({ title: '已精选', icon: 'success' });
  });

  it('a refused 精选 keeps the message and shows the server’s reason in Chinese', async () => {
    serveQueue({ 'comments.feature': () => refusal('PERMISSION_DENIED', 'own_work') });
    render(<ModerationScreen />);
    await screen.findByText('待处理留言1');
    fireEvent.click(within(card('待处理留言1')).getByTestId('moderation-feature'));
    // In the card acted on, not at the top of a long list.
    expect(await within(card('待处理留言1')).findByTestId('moderation-error')).toHaveTextContent('不能审核自己撰写或提交的内容，请由其他审核员处理');
    expect(screen.getAllByTestId('moderation-error')).toHaveLength(1);
    expect(screen.getByText('待处理留言1')).toBeInTheDocument();
    expect(tab(/^待精选/)).toHaveTextContent('待精选 3');
  });

  it('不精选 needs a reason; the server’s refusal shows in the sheet; a hidden message leaves 待精选', async () => {
    let hideAnswer: 'deleted' | 'ok' = 'deleted';
    const served = serveQueue({
      'comments.hide': (data) => {
        const { id, reason } = data as { id: string; reason: string };
        if (hideAnswer === 'deleted') return refusal('FAILED_PRECONDITION', 'comment_deleted');
        return ok({ comment: { ...item(Number(id.slice(2))), state: 'hidden', hidden: { by: PERSON, at: NOW, reason } } });
      },
    });
    render(<ModerationScreen />);
    await screen.findByText('待处理留言1');
    fireEvent.click(within(card('待处理留言1')).getByTestId('moderation-hide'));
    // The sheet opens in the card it acts on, in place of its buttons.
    const sheet = within(card('待处理留言1')).getByTestId('moderation-hide-sheet');
    expect(sheet).toHaveTextContent('不精选这条留言');
    expect(within(card('待处理留言1')).queryByTestId('moderation-feature')).toBeNull();
    fireEvent.click(within(sheet).getByRole('button', { name: '确认' }));
    expect(await within(sheet).findByRole('alert')).toHaveTextContent('请写明原因');
    expect(callsOf(served, 'hide')).toEqual([]);

    fireEvent.click(within(sheet).getByText('与事迹无关'));
    fireEvent.click(within(sheet).getByRole('button', { name: '确认' }));
    await waitFor(() => expect(within(sheet).getByRole('alert')).toHaveTextContent('读者已删除这条留言'));
    expect(screen.getByTestId('moderation-hide-sheet')).toBeInTheDocument();
    expect(screen.getByText('待处理留言1')).toBeInTheDocument();

    hideAnswer = 'ok';
    fireEvent.change(within(sheet).getByLabelText('原因（必填）'), { target: { value: '与事迹无关，且含电话号码' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '确认' }));
    await waitFor(() => expect(screen.queryByTestId('moderation-hide-sheet')).toBeNull());
    expect(screen.queryByText('待处理留言1')).toBeNull();
    expect(callsOf(served, 'hide')).toEqual([
      { id: 'cm1', reason: '与事迹无关' },
      { id: 'cm1', reason: '与事迹无关，且含电话号码' },
    ]);
    expect(tab(/^待精选/)).toHaveTextContent('待精选 2');
    expect(tab(/^已精选/)).toHaveTextContent('已精选 1');
  });

  it('取消精选 takes a message out of 已精选 and lowers its count', async () => {
    setRouterParams({ tab: 'featured' });
    serveQueue({ 'comments.hide': () => ok({ comment: { ...item(4), state: 'hidden', hidden: { by: PERSON, at: NOW, reason: '用语不当' } } }) });
    render(<ModerationScreen />);
    await screen.findByText('待处理留言4');
    fireEvent.click(within(card('待处理留言4')).getByTestId('moderation-hide'));
    const sheet = screen.getByTestId('moderation-hide-sheet');
    expect(sheet).toHaveTextContent('取消精选');
    fireEvent.click(within(sheet).getByText('用语不当'));
    fireEvent.click(within(sheet).getByRole('button', { name: '确认' }));
    await waitFor(() => expect(screen.queryByText('待处理留言4')).toBeNull());
    expect(screen.getByText('还没有精选留言')).toBeInTheDocument();
    expect(tab(/^已精选/)).toHaveTextContent('已精选 0');
    expect(tab(/^待精选/)).toHaveTextContent('待精选 3');
  });

  it('回复 writes the 作者回复 under the message, which stays in its tab; a refused reply keeps the sheet with the reason', async () => {
    let replyAnswer: 'risky' | 'ok' = 'risky';
    const served = serveQueue({
      'comments.reply': (data) => {
        const { id, text } = data as { id: string; text: string };
        if (replyAnswer === 'risky') return refusal('INVALID_ARGUMENT', 'content_risky');
        return ok({ comment: { ...item(Number(id.slice(2))), reply: { text, by: PERSON, at: NOW } } });
      },
    });
    render(<ModerationScreen />);
    await screen.findByText('待处理留言1');
    fireEvent.click(within(card('待处理留言3')).getByTestId('moderation-reply-open'));
    const sheet = within(card('待处理留言3')).getByTestId('moderation-reply-sheet');
    expect(sheet).toHaveTextContent('作者回复');
    fireEvent.click(within(sheet).getByRole('button', { name: '发送' }));
    expect(await within(sheet).findByRole('alert')).toHaveTextContent('请写下回复');
    fireEvent.change(within(sheet).getByLabelText('回复内容（必填）'), { target: { value: '谢谢你的留言' } });
    fireEvent.click(within(sheet).getByRole('button', { name: '发送' }));
    await waitFor(() => expect(within(sheet).getByRole('alert')).toHaveTextContent('内容未通过安全检测，请修改后重试'));
    expect(within(card('待处理留言3')).queryByTestId('moderation-reply')).toBeNull();

    replyAnswer = 'ok';
    fireEvent.click(within(sheet).getByRole('button', { name: '发送' }));
    await waitFor(() => expect(screen.queryByTestId('moderation-reply-sheet')).toBeNull());
    const replied = card('待处理留言3');
    expect(within(replied).getByTestId('moderation-reply')).toHaveTextContent('谢谢你的留言');
    expect(within(replied).getByTestId('moderation-reply-open')).toHaveTextContent('改回复');
    expect(tab(/^待精选/)).toHaveTextContent('待精选 3');
    expect(callsOf(served, 'reply')).toEqual([
      { id: 'cm3', text: '谢谢你的留言' },
      { id: 'cm3', text: '谢谢你的留言' },
    ]);
    // Changing it shows the reply it replaces.
    fireEvent.click(within(replied).getByTestId('moderation-reply-open'));
    expect(screen.getByTestId('moderation-reply-sheet')).toHaveTextContent('修改作者回复原回复：谢谢你的留言');
  });

  it('a reader without the role is told so, and the list is read again when the page shows again', async () => {
    let denied = true;
    serveFunctions({
      'comments.queue': () => (denied ? refusal('PERMISSION_DENIED', 'role_required') : ok({ items: [item(1)], next: null, counts: { pending: 1, featured: 0 } })),
    });
    render(<ModerationScreen />);
    expect(await screen.findByTestId('state-denied')).toHaveTextContent('你没有此操作所需的角色，请向管理员申请');
    denied = false;
    act(() => fireDidShow()); // the first show: the mount already loaded
    act(() => fireDidShow());
    expect(await screen.findByText('待处理留言1')).toBeInTheDocument();
    expect(tab(/^待精选/)).toHaveTextContent('待精选 1');
  });
});

describe('我的 › 致敬 / 留言', () => {
  it('致敬 lists the exemplars saluted, each opening its profile; nothing saluted says where to go', async () => {
    let none = false;
    const served = serveFunctions({
      'engagement.myLikes': () => ok({ items: [], next: null }),
      'engagement.mySalutes': () => ok({ items: none ? [] : [exemplarCard(1), exemplarCard(2, { name: '王建军' })], next: null }),
    });
    const { unmount } = render(<MyActivity />);
    fireEvent.click(screen.getByRole('tab', { name: '致敬' }));
    const list = await screen.findByTestId('my-salutes');
    expect(within(list).getAllByTestId('exemplar-card').map((c) => within(c).getByText(/^(典型1|王建军)$/).textContent)).toEqual(['典型1', '王建军']);
    fireEvent.click(within(list).getAllByTestId('exemplar-card')[1]!);
    await act(async () => {});
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/profile/index?id=e2' }]);
    expect(served.calls.filter((c) => c.action === 'mySalutes').map((c) => c.data)).toEqual([{ cursor: null }]);

    unmount();
    none = true;
    render(<MyActivity />);
    fireEvent.click(screen.getByRole('tab', { name: '致敬' }));
    expect(await screen.findByText('还没有致敬的典型，去典型库看看吧')).toBeInTheDocument();
  });

  it('留言 lists the reader’s messages with where each stands and the reply, each opening its story', async () => {
    serveFunctions({
      'engagement.myLikes': () => ok({ items: [], next: null }),
      'comments.mine': () =>
        ok({
          items: [mine(1), mine(2, { state: 'featured', reply: { text: '感谢你的留言', at: NOW } }), mine(3, { state: 'hidden' }), mine(4, { story: null })],
          next: null,
        }),
    });
    render(<MyActivity />);
    fireEvent.click(screen.getByRole('tab', { name: '留言' }));
    const list = await screen.findByTestId('my-comments');
    const cards = within(list).getAllByTestId('my-comment');
    expect(cards.map((c) => c.querySelector('.comment-card__note')?.textContent)).toEqual(['仅自己可见，精选后公开', '已精选，所有读者可见', '未精选，仅自己可见', '仅自己可见，精选后公开']);
    expect(within(cards[1]!).getByTestId('comment-reply')).toHaveTextContent('作者回复感谢你的留言');
    expect(within(cards[0]!).queryByTestId('comment-reply')).toBeNull();
    expect(list).toHaveTextContent('《事迹标题1》');
    expect(list).toHaveTextContent('事迹已撤回，留言不再公开');

    fireEvent.click(within(list).getByText('《事迹标题2》'));
    fireEvent.click(within(list).getByText('事迹已撤回，留言不再公开'));
    await act(async () => {});
    // A story taken down goes nowhere.
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/story/index?id=s2' }]);
  });

  it('a message is deleted only after the reader confirms; the last one gone shows the empty state', async () => {
    const served = serveFunctions({
      'engagement.myLikes': () => ok({ items: [], next: null }),
      'comments.mine': () => ok({ items: [mine(1, { state: 'featured' })], next: null }),
      'comments.remove': () => ok({ removed: true }),
    });
    render(<MyActivity />);
    fireEvent.click(screen.getByRole('tab', { name: '留言' }));
    const list = await screen.findByTestId('my-comments');
    fake.modalAnswer = false;
    fireEvent.click(within(list).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(fake.modals).toHaveLength(1));
    await act(async () => {});
    expect(callsOf(served, 'remove')).toEqual([]);
    expect(screen.getByText('留言内容1')).toBeInTheDocument();

    fake.modalAnswer = true;
    fireEvent.click(within(list).getByRole('button', { name: '删除' }));
    expect(await screen.findByText('还没有留言，读完事迹写下你的感想吧')).toBeInTheDocument();
    expect(callsOf(served, 'remove')).toEqual([{ id: 'cm1' }]);
    expect(fake.modals[1]?.content).toBe('删除后，这条精选留言和作者回复将不再对任何人显示。');
    expect(fake.toasts).toContainEqual({ title: '已删除', icon: 'none' });
  });

  it('a failed list offers a retry that reads it again', async () => {
    let fails = true;
    serveFunctions({
      'engagement.myLikes': () => ok({ items: [], next: null }),
      'comments.mine': () => (fails ? err('UNAVAILABLE') : ok({ items: [mine(1)], next: null })),
    });
    render(<MyActivity />);
    fireEvent.click(screen.getByRole('tab', { name: '留言' }));
    const retry = await screen.findByTestId('state-error');
    fails = false;
    fireEvent.click(retry);
    expect(await screen.findByTestId('my-comment')).toHaveTextContent('留言内容1');
  });
});
