/**
 * Story authoring on the client: drafts are written to local storage before the server sees
 * them and kept until the server confirms; a reopened editor offers to restore unsynced text;
 * preview renders the server-compiled blocks with the story page's own component.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DraftView, Me, UnitExemplarItem } from '@contract';
import { DraftSync, readLocalDraft, writeLocalDraft, type DraftFields } from '../../client/src/features/authoring/draft-sync';
import { DraftsScreen } from '../../client/src/features/authoring/drafts-screen';
import { StoryEditorScreen, insertAt } from '../../client/src/features/authoring/story-editor';
import { ReviewStoryScreen } from '../../client/src/features/authoring/review-story-screen';
import { ExemplarEditorScreen } from '../../client/src/features/authoring/exemplar-editor';
import { ConsentScreen } from '../../client/src/features/authoring/consent-screen';
import type { ExemplarEditView } from '@contract';
import { ApiFailure } from '../../client/src/lib/api';
import { campaign, exemplarCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

const fields: DraftFields = { title: '标题', summary: '', cover: null, campaignId: null, exemplarIds: [], unitId: 'u1', author: '宣传员', markdown: '正文' };

describe('DraftSync', () => {
  it('writes every edit locally at once and clears the local copy only when the server confirmed that exact text', async () => {
    const saves: { baseVersion: number; markdown: string }[] = [];
    const statuses: string[] = [];
    const sync = new DraftSync({
      storyId: 's1',
      fields,
      version: 0,
      delayMs: 5,
      save: async (req) => {
        saves.push({ baseVersion: req.baseVersion, markdown: req.markdown });
        return { version: req.baseVersion + 1 };
      },
      onStatus: (s) => statuses.push(s),
    });
    sync.edit({ ...fields, markdown: '一' });
    expect(readLocalDraft('s1')?.fields.markdown).toBe('一');
    await waitFor(() => expect(sync.current.status).toBe('saved'));
    expect(saves).toEqual([{ baseVersion: 0, markdown: '一' }]);
    expect(readLocalDraft('s1')).toBeNull();
    sync.edit({ ...fields, markdown: '二' });
    await sync.flush();
    expect(saves[1]).toEqual({ baseVersion: 1, markdown: '二' });
    expect(statuses).toEqual(['pending', 'saving', 'saved', 'pending', 'saving', 'saved']);
  });

  it('on a bad network the local copy survives and the save is retried until it lands', async () => {
    let failures = 2;
    const statuses: string[] = [];
    const localDuringFailures: (string | undefined)[] = [];
    const sync = new DraftSync({
      storyId: 's2',
      fields,
      version: 3,
      delayMs: 1,
      retryMs: 5,
      save: async (req) => {
        if (failures-- > 0) {
          localDuringFailures.push(readLocalDraft('s2')?.fields.markdown);
          throw new ApiFailure('UNAVAILABLE', 'no network');
        }
        return { version: req.baseVersion + 1 };
      },
      onStatus: (s) => statuses.push(s),
    });
    sync.edit({ ...fields, markdown: '断网时写的' });
    await waitFor(() => expect(sync.current.status).toBe('saved'));
    expect(localDuringFailures).toEqual(['断网时写的', '断网时写的']);
    expect(statuses.filter((s) => s === 'offline')).toHaveLength(2);
    expect(sync.current.version).toBe(4);
    expect(readLocalDraft('s2')).toBeNull();
  });

  it('a CONFLICT stops autosave and keeps the local copy; overwrite saves over the server version the user chose', async () => {
    const seen: number[] = [];
    const sync = new DraftSync({
      storyId: 's3',
      fields,
      version: 1,
      delayMs: 1,
      save: async (req) => {
        seen.push(req.baseVersion);
        if (req.baseVersion !== 5) throw new ApiFailure('CONFLICT', 'stale');
        return { version: 6 };
      },
      onStatus: () => undefined,
    });
    sync.edit({ ...fields, markdown: '我的' });
    await waitFor(() => expect(sync.current.status).toBe('conflict'));
    sync.edit({ ...fields, markdown: '我的，再改' });
    expect(readLocalDraft('s3')?.fields.markdown).toBe('我的，再改');
    expect(seen).toEqual([1]);
    await sync.overwrite(5);
    expect(sync.current).toMatchObject({ status: 'saved', version: 6 });
    expect(readLocalDraft('s3')).toBeNull();
  });
});

describe('insertAt', () => {
  it('inserts at the cursor, starting a new line for block syntax only when needed', () => {
    expect(insertAt('ab', 1, '**x**')).toEqual({ text: 'a**x**b', cursor: 6 });
    expect(insertAt('ab', null, '\n## ')).toEqual({ text: 'ab\n## ', cursor: 6 });
    expect(insertAt('', null, '\n## ')).toEqual({ text: '## ', cursor: 3 });
  });
});

function unitExemplar(over: Partial<UnitExemplarItem> = {}): UnitExemplarItem {
  return { _id: 'e1', name: '典型', kind: 'individual', tier: 'reserve', state: 'draft', consent: 'missing', unit: null, honorCount: 0, storyCount: 0, updatedAt: 1, ...over };
}

const me: Me = { handle: 'abc', reader: false, roles: [{ role: 'editor', unit: { _id: 'u1', name: '特勤站', shortName: '特勤站', level: 'station' } }] };

function serverDraft(over: Partial<DraftView> = {}): DraftView {
  return {
    storyId: 's9',
    revision: 1,
    version: 2,
    state: 'draft',
    title: '服务器上的标题',
    summary: '',
    cover: null,
    coverUrl: null,
    imageUrls: {},
    campaignId: null,
    exemplarIds: [],
    unitId: 'u1',
    author: '宣传员',
    markdown: '服务器上的正文',
    comment: null,
    publishedRevision: null,
    secCheck: null,
    updatedAt: 1,
    ...over,
  };
}

function serveEditor(draft: DraftView, extra: Parameters<typeof serveFunctions>[0] = {}) {
  return serveFunctions({
    'identity.me': () => ok(me),
    'authoring.campaignOptions': () => ok({ items: [campaign(1)] }),
    'content.exemplars': () => ok({ items: [exemplarCard(1)], next: null }),
    'authoring.draft': () => ok(draft),
    'authoring.saveDraft': (d) => ok({ version: (d as { baseVersion: number }).baseVersion + 1, updatedAt: 2, issues: [] }),
    ...extra,
  });
}

describe('story editor', () => {
  it('reopening with an unsynced local copy asks, and restoring puts the local text back and saves it', async () => {
    setRouterParams({ id: 's9' });
    writeLocalDraft({ storyId: 's9', fields: { ...fields, title: '本机标题', markdown: '本机未同步的正文' }, baseVersion: 2, editedAt: Date.UTC(2025, 0, 1, 8, 30) });
    fake.modalAnswer = true;
    const served = serveEditor(serverDraft());
    render(<StoryEditorScreen />);
    await waitFor(() => expect(screen.getByDisplayValue('本机未同步的正文')).toBeInTheDocument());
    expect(fake.modals[0]?.content).toMatch(/未同步的草稿/);
    await waitFor(() => expect(served.calls.some((c) => c.action === 'saveDraft')), { timeout: 4000 });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('已保存'), { timeout: 4000 });
    const save = served.calls.find((c) => c.action === 'saveDraft');
    expect(save?.data).toMatchObject({ storyId: 's9', baseVersion: 2, markdown: '本机未同步的正文', title: '本机标题' });
    expect(readLocalDraft('s9')).toBeNull();
  });

  it('declining the restore drops the local copy and shows the server draft', async () => {
    setRouterParams({ id: 's9' });
    writeLocalDraft({ storyId: 's9', fields: { ...fields, markdown: '旧的本机正文' }, baseVersion: 1, editedAt: 0 });
    fake.modalAnswer = false;
    serveEditor(serverDraft());
    render(<StoryEditorScreen />);
    expect(await screen.findByDisplayValue('服务器上的正文')).toBeInTheDocument();
    expect(readLocalDraft('s9')).toBeNull();
  });

  it('typing autosaves: the local copy exists until the server answers', async () => {
    setRouterParams({ id: 's9' });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const served = serveEditor(serverDraft(), {
      'authoring.saveDraft': async (d) => {
        await gate;
        return ok({ version: (d as { baseVersion: number }).baseVersion + 1, updatedAt: 2, issues: [] });
      },
    });
    render(<StoryEditorScreen />);
    const area = await screen.findByDisplayValue('服务器上的正文');
    fireEvent.input(area, { target: { value: '新写的一段' } });
    expect(readLocalDraft('s9')?.fields.markdown).toBe('新写的一段');
    await waitFor(() => expect(served.calls.some((c) => c.action === 'saveDraft')).toBe(true), { timeout: 4000 });
    expect(readLocalDraft('s9')?.fields.markdown).toBe('新写的一段');
    await act(async () => release());
    await waitFor(() => expect(readLocalDraft('s9')).toBeNull());
    expect(screen.getByRole('status')).toHaveTextContent('已保存');
  });

  it('preview renders the server-compiled blocks with the story page component, and lists issues', async () => {
    setRouterParams({ id: 's9' });
    const served = serveEditor(serverDraft({ markdown: '## 小标题\n\n**加粗**' }), {
      'authoring.preview': () =>
        ok({
          blocks: [
            { type: 'heading', level: 2, text: '小标题' },
            { type: 'paragraph', spans: [{ text: '加粗', bold: true }] },
            { type: 'image', url: 'https://img.local/x.png', width: 4, height: 3 },
          ],
          issues: [{ line: 5, message: 'the image has no size' }],
        }),
    });
    const { container } = render(<StoryEditorScreen />);
    await screen.findByDisplayValue(/小标题/);
    fireEvent.click(screen.getByText('预览'));
    expect(await screen.findByText('小标题')).toHaveClass('blocks__h--2');
    expect(container.querySelector('.span--bold')?.textContent).toBe('加粗');
    expect(container.querySelector('.blocks__img')?.getAttribute('src')).toBe('https://img.local/x.png');
    expect(screen.getByText(/第 5 行/)).toBeInTheDocument();
    // The story is named, so images already on it (uploaded by another editor) render too.
    expect(served.calls.find((c) => c.action === 'preview')?.data).toEqual({ markdown: '## 小标题\n\n**加粗**', storyId: 's9' });
  });

  it('a returned draft shows the reviewer’s comment; a draft in review is locked with a withdraw button', async () => {
    setRouterParams({ id: 's9' });
    serveEditor(serverDraft({ state: 'returned', comment: '请补充时间地点' }));
    const { unmount } = render(<StoryEditorScreen />);
    expect(await screen.findByText('审核退回：请补充时间地点')).toBeInTheDocument();
    unmount();
    const served2 = serveEditor(serverDraft({ state: 'in_review' }));
    render(<StoryEditorScreen />);
    expect(await screen.findByText('撤回修改')).toBeInTheDocument();
    fireEvent.click(screen.getByText('提交审核'));
    await act(async () => undefined);
    expect(served2.calls.some((c) => c.action === 'submit' || c.action === 'saveDraft')).toBe(false);
  });

  it('submit saves first, then submits that version and returns to the drafts list', async () => {
    setRouterParams({ id: 's9' });
    const served = serveEditor(serverDraft(), {
      'authoring.submit': () => ok({ storyId: 's9', title: 't', state: 'in_review', revision: 1, published: false, unit: null, secCheck: 'pass', updatedAt: 3, submittedAt: 3 }),
    });
    render(<StoryEditorScreen />);
    const area = await screen.findByDisplayValue('服务器上的正文');
    fireEvent.input(area, { target: { value: '最终稿' } });
    fireEvent.click(screen.getByText('提交审核'));
    await waitFor(() => expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: '/pages-staff/drafts/index' }]));
    const actions = served.calls.filter((c) => c.fn === 'authoring').map((c) => c.action);
    expect(actions.slice(-2)).toEqual(['saveDraft', 'submit']);
    expect(served.calls.find((c) => c.action === 'submit')?.data).toEqual({ storyId: 's9', version: 3 });
  });

  it('a reader who opens the editor is told it is for editors', async () => {
    setRouterParams({ id: 's-new' });
    serveFunctions({
      'identity.me': () => ok({ ...me, roles: [], reader: true }),
      'authoring.campaignOptions': () => ok({ items: [] }),
      'content.exemplars': () => ok({ items: [], next: null }),
    });
    render(<StoryEditorScreen />);
    expect(await screen.findByText('仅宣传员可以撰写事迹')).toBeInTheDocument();
  });
});

describe('drafts and review', () => {
  it('my drafts marks drafts with unsynced local edits and opens the editor', async () => {
    writeLocalDraft({ storyId: 'a', fields, baseVersion: 1, editedAt: 0 });
    serveFunctions({
      'authoring.unitExemplars': () => ok({ items: [unitExemplar({ _id: 'e1', name: '王建军' })], next: null }),
      'authoring.myDrafts': () =>
        ok({ items: [{ storyId: 'a', title: '甲', state: 'returned', revision: 2, published: true, unit: null, secCheck: null, updatedAt: 1, submittedAt: null }], next: null }),
    });
    render(<DraftsScreen />);
    expect(await screen.findByText('甲')).toBeInTheDocument();
    expect(screen.getByText('已退回')).toBeInTheDocument();
    expect(screen.getByText('本机有未同步修改')).toBeInTheDocument();
    fireEvent.click(screen.getByText('甲'));
    await waitFor(() => expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-staff/story-editor/index?id=a' }]));
    fireEvent.click(screen.getByText('本单位典型资料'));
    fireEvent.click(await screen.findByText('王建军'));
    await waitFor(() => expect(fake.navigations.at(-1)?.url).toBe('/pages-staff/exemplar-editor/index?id=e1'));
  });

  it('a new draft whose first save never reached the server is listed from the device and reopens from it', async () => {
    writeLocalDraft({ storyId: 's-offline', fields: { ...fields, title: '断网写的新稿', markdown: '只在本机' }, baseVersion: 0, editedAt: 5 });
    serveFunctions({
      'authoring.unitExemplars': () => ok({ items: [], next: null }),
      'authoring.myDrafts': () => ok({ items: [], next: null }),
    });
    const { unmount } = render(<DraftsScreen />);
    expect(await screen.findByText('断网写的新稿')).toBeInTheDocument();
    expect(screen.getByText('仅存本机')).toBeInTheDocument();
    fireEvent.click(screen.getByText('断网写的新稿'));
    await waitFor(() => expect(fake.navigations.at(-1)?.url).toBe('/pages-staff/story-editor/index?id=s-offline'));
    unmount();
    setRouterParams({ id: 's-offline' });
    fake.modalAnswer = true;
    const served = serveEditor(serverDraft(), { 'authoring.draft': () => err('NOT_FOUND') });
    render(<StoryEditorScreen />);
    expect(await screen.findByDisplayValue('只在本机')).toBeInTheDocument();
    await waitFor(() => expect(served.calls.find((c) => c.action === 'saveDraft')?.data).toMatchObject({ storyId: 's-offline', baseVersion: 0, markdown: '只在本机' }), { timeout: 4000 });
    await waitFor(() => expect(readLocalDraft('s-offline')).toBeNull());
  });

  it('a reviewer reads the revision as published and cannot return it without a comment', async () => {
    setRouterParams({ id: 's9' });
    const served = serveFunctions({
      'authoring.draft': () => ok(serverDraft({ state: 'in_review', version: 4 })),
      'authoring.storyContext': () => ok({ storyId: 's9', campaign: null, exemplars: [], unit: null, current: null }),
      'authoring.preview': () => ok({ blocks: [{ type: 'paragraph', spans: [{ text: '审核中的正文' }] }], issues: [] }),
      'authoring.review': () => ok({ storyId: 's9', decision: 'return', revision: 1, published: false }),
    });
    render(<ReviewStoryScreen />);
    expect(await screen.findByText('审核中的正文')).toBeInTheDocument();
    fireEvent.click(screen.getByText('退回修改'));
    await waitFor(() => expect(fake.toasts.at(-1)?.title).toBe('退回时请写明原因'));
    expect(served.calls.some((c) => c.action === 'review')).toBe(false);
    fireEvent.input(screen.getByPlaceholderText('审核意见（退回时必填）'), { target: { value: '请补充细节' } });
    fireEvent.click(screen.getByText('退回修改'));
    await waitFor(() => expect(served.calls.find((c) => c.action === 'review')?.data).toEqual({ storyId: 's9', version: 4, decision: 'return', comment: '请补充细节' }));
  });

  it('a reviewer previews the images already on the story and approves only after confirming that it goes public', async () => {
    setRouterParams({ id: 's9' });
    const served = serveFunctions({
      'authoring.draft': () => ok(serverDraft({ state: 'in_review', version: 4, title: '烈火中的逆行者' })),
      'authoring.storyContext': () => ok({ storyId: 's9', campaign: null, exemplars: [], unit: null, current: null }),
      'authoring.preview': () => ok({ blocks: [{ type: 'paragraph', spans: [{ text: '审核中的正文' }] }], issues: [] }),
      'authoring.review': () => ok({ storyId: 's9', decision: 'approve', revision: 1, published: true }),
    });
    render(<ReviewStoryScreen />);
    expect(await screen.findByText('审核中的正文')).toBeInTheDocument();
    // Naming the story lets the server sign the editor's images for the reviewer.
    expect(served.calls.find((c) => c.action === 'preview')?.data).toEqual({ markdown: '服务器上的正文', storyId: 's9' });
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(screen.getByText('通过并发布'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/《烈火中的逆行者》将立即对读者公开/);
    expect(served.calls.some((c) => c.action === 'review')).toBe(false);
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByText('通过并发布'));
    });
    expect(served.calls.find((c) => c.action === 'review')?.data).toEqual({ storyId: 's9', version: 4, decision: 'approve', comment: '' });
  });

  it('a refused save (server says the unit is not yours) stops autosave and keeps the text on the device', async () => {
    setRouterParams({ id: 's9' });
    serveEditor(serverDraft(), { 'authoring.saveDraft': () => err('PERMISSION_DENIED') });
    render(<StoryEditorScreen />);
    const area = await screen.findByDisplayValue('服务器上的正文');
    fireEvent.input(area, { target: { value: '不会丢' } });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('未能保存'), { timeout: 4000 });
    expect(readLocalDraft('s9')?.fields.markdown).toBe('不会丢');
  });
});

function editView(over: Partial<ExemplarEditView> = {}): ExemplarEditView {
  return {
    _id: 'p1', kind: 'individual', tier: 'reserve', name: '王勇', title: '一级消防士', unitId: 'u1', category: 'rescue', photo: null, photoUrl: null,
    summary: '冲在最前', biography: '生平', state: 'draft', consent: null, honorCount: 0, honors: [], placements: [], updatedAt: 1, ...over,
  };
}

describe('exemplar editor', () => {
  it('adds an honor with a client id, shows the new count, and removes it', async () => {
    setRouterParams({ id: 'p1' });
    let current = editView();
    const served = serveFunctions({
      'identity.me': () => ok(me),
      'authoring.exemplar': () => ok(current),
      'authoring.saveHonor': (d) => {
        const h = (d as { honor: ExemplarEditView['honors'][number] }).honor;
        current = { ...current, honors: [h], honorCount: 1 };
        return ok(current);
      },
      'authoring.removeHonor': () => {
        current = { ...current, honors: [], honorCount: 0 };
        return ok(current);
      },
    });
    render(<ExemplarEditorScreen />);
    await screen.findByText('荣誉（0）');
    fireEvent.input(screen.getByPlaceholderText('荣誉名称'), { target: { value: '自治区道德模范' } });
    fireEvent.click(screen.getByText('自治区级'));
    fireEvent.input(screen.getByLabelText('荣誉日期'), { target: { value: '2023-09-01' } });
    fireEvent.click(screen.getByText('添加荣誉'));
    expect(await screen.findByText('荣誉（1）')).toBeInTheDocument();
    const sent = served.calls.find((c) => c.action === 'saveHonor')?.data as { exemplarId: string; honor: { _id: string; level: string; date: string } };
    expect(sent).toMatchObject({ exemplarId: 'p1', honor: { title: '自治区道德模范', level: 'regional', date: '2023-09-01' } });
    expect(sent.honor._id).toMatch(/^h[0-9a-z]+$/);
    fireEvent.click(screen.getByText('删除'));
    expect(await screen.findByText('荣誉（0）')).toBeInTheDocument();
  });

  it('an individual without consent is refused publication with the server’s reason; 发起本人确认 shows the link’s card for the person', async () => {
    setRouterParams({ id: 'p1' });
    const served = serveFunctions({
      'identity.me': () => ok(me),
      'authoring.exemplar': () => ok(editView()),
      'authoring.setExemplarState': () => ({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'consent_required', message: 'an individual can be published only with their consent' } }),
      'authoring.requestConsent': () => ok({ code: 'CODE123456', path: 'pages-staff/consent/index?code=CODE123456', expiresAt: 9, qrCode: null }),
    });
    render(<ExemplarEditorScreen />);
    expect(await screen.findByTestId('consent-status')).toHaveTextContent('未取得本人同意，个人典型不能公开发布');
    fireEvent.click(screen.getByText('公开发布'));
    // The server decides whether consent counts; the page shows its reason under the button.
    expect(await screen.findByTestId('publish-error')).toHaveTextContent('个人典型须取得本人同意后才能公开');
    expect(served.calls.find((c) => c.action === 'setExemplarState')?.data).toEqual({ id: 'p1', state: 'published' });
    fireEvent.click(screen.getByText('发起本人确认'));
    // A card to pass on (test/client/staff-tools.test.tsx has the rest), never the raw path.
    expect(await screen.findByTestId('consent-link')).toHaveTextContent('请王勇用自己的微信确认');
    expect(screen.queryByText(/pages-staff/)).toBeNull();
  });

  it('the person reads what will be published and confirms', async () => {
    setRouterParams({ code: 'CODE123456' });
    let confirmed = false;
    const served = serveFunctions({
      'authoring.consentInfo': () => ok({ name: '王勇', kind: 'individual', unitName: '特勤站', summary: '冲在最前', expiresAt: Date.now() + 86_400_000, confirmed, mine: confirmed }),
      'authoring.confirmConsent': () => {
        confirmed = true;
        return ok({ confirmed: true });
      },
    });
    render(<ConsentScreen />);
    expect(await screen.findByText('王勇：冲在最前')).toBeInTheDocument();
    fireEvent.click(screen.getByText('我本人同意公开'));
    expect(await screen.findByText('你已同意公开，感谢你的支持')).toBeInTheDocument();
    // Confirmed with their own WeChat: the same page now offers to withdraw.
    expect(screen.getByText('撤回同意')).toBeInTheDocument();
    expect(served.calls.find((c) => c.action === 'confirmConsent')?.data).toEqual({ code: 'CODE123456' });
  });

  it('the editor who asked is refused by the server, and the page says why', async () => {
    setRouterParams({ code: 'CODE123456' });
    serveFunctions({
      'authoring.consentInfo': () => ok({ name: '王勇', kind: 'individual', unitName: '特勤站', summary: 's', expiresAt: Date.now() + 86_400_000, confirmed: false, mine: false, withdrawnByMe: false }),
      'authoring.confirmConsent': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'consent_self_confirm', message: 'the person must confirm with their own WeChat' } }),
    });
    render(<ConsentScreen />);
    fireEvent.click(await screen.findByText('我本人同意公开'));
    expect(await screen.findByRole('alert')).toHaveTextContent('须由本人用自己的微信确认，发起确认的宣传员不能代为确认');
    expect(screen.queryByText('你已同意公开，感谢你的支持')).toBeNull();
  });
});
