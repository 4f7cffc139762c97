/**
 * The story editor a 宣传员 writes in: images read as 图1, 图2… in the text box and show as
 * thumbnails, while everything saved (server, local copy) keeps the server's Markdown with file
 * ids; a blank new story does not claim to be saved; the story's id is in the URL from the start,
 * so a reload reopens it; submit refusals read beside their fields; at desk width a live preview
 * sits beside the text. And 本单位典型资料 lists every exemplar of the editor's units.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DraftView, Me, UnitExemplarItem } from '@contract';
import { StoryEditorScreen, insertBlock } from '../../client/src/features/authoring/story-editor';
import { DraftsScreen } from '../../client/src/features/authoring/drafts-screen';
import { readLocalDraft, writeLocalDraft, type DraftFields } from '../../client/src/features/authoring/draft-sync';
import { addImage, imagesInText, removeImage, toEditorText, toMarkdown } from '../../client/src/features/authoring/story-editor-images';
import { pickImage } from '../../client/src/lib/image-pick';
import { campaign, exemplarCard } from './support/fixtures';
import { err, ok, serveFunctions, type ActionHandler } from './support/local-cloud';
import { fake, fireReachBottom, setRouterParams } from './support/taro-fake';

jest.mock('../../client/src/lib/image-pick', () => ({ pickImage: jest.fn() }));
const picked = pickImage as jest.MockedFunction<typeof pickImage>;

const A = 'cloud://local-dev.6c6f-local-dev-1/authoring/story/editor-a/aaaaaaaa.jpg';
const B = 'cloud://local-dev.6c6f-local-dev-1/authoring/story/editor-a/bbbbbbbb.jpg';
const C = 'cloud://local-dev.6c6f-local-dev-1/authoring/story/editor-a/cccccccc.jpg';

describe('images as 图N in the text box', () => {
  it('shows each image as a short label and turns the labels back into exactly the saved Markdown', () => {
    const md = `开头。\n\n![现场](${A} "800x600")\n\n中间。\n\n![](${B} "64x48")\n\n再用一次：\n\n![同一张](${A} "800x600")`;
    const shown = toEditorText(md);
    expect(shown.text).toBe('开头。\n\n![现场](图1)\n\n中间。\n\n![](图2)\n\n再用一次：\n\n![同一张](图1)');
    expect(shown.text).not.toContain('cloud://');
    expect(shown.images.map((i) => [i.label, i.file])).toEqual([['图1', A], ['图2', B]]);
    expect(toMarkdown(shown.text, shown.images)).toBe(md);
  });

  it('round-trips whatever the Markdown holds: no size, a label typed as text, other links, odd spacing', () => {
    const pieces = [
      `![](${A})`,
      `![说明](${B}   "1x1")`,
      '![自己写的](图1)',
      '（图2）与 (图3) 都是正文',
      '[链接](https://example.com)',
      `![外链](https://example.com/x.png)`,
      `行内 ![小图](${C} "2x2") 图`,
      '![断开的](cloud://',
      '## 标题\n\n> 引用',
      '',
    ];
    // A deterministic walk over many arrangements of the pieces.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 300; round++) {
      const n = 1 + (next() % 8);
      const md = Array.from({ length: n }, () => pieces[next() % pieces.length]).join(next() % 2 ? '\n\n' : '\n');
      const shown = toEditorText(md);
      expect([md, toMarkdown(shown.text, shown.images)]).toEqual([md, md]);
      // A label the writer typed as text never comes to mean an uploaded image.
      for (const img of shown.images) expect(md).not.toContain(`(${img.label})`);
    }
  });

  it('a reload keeps the labels it already gave, and a new image takes the next free number', () => {
    const first = toEditorText(`![](${A} "4x3")\n\n![](${B} "4x3")`);
    // The writer deleted 图1 from the text; the server copy comes back without it.
    const again = toEditorText(`![](${B} "4x3")`, first.images);
    expect(again.text).toBe('![](图2)');
    const img = addImage(again.text, again.images, C, { width: 10, height: 20 });
    expect(img).toEqual({ label: '图3', file: C, target: `${C} "10x20"` });
    // The strip shows what the text shows, in order.
    expect(imagesInText('![](图3)\n\n![](图2)', [...again.images, img]).map((i) => i.label)).toEqual(['图3', '图2']);
  });

  it('an image goes in as a paragraph of its own, wherever the cursor is', () => {
    expect(insertBlock('> 引用的话', null, '![](图1)')).toEqual({ text: '> 引用的话\n\n![](图1)\n\n', cursor: 17 });
    expect(insertBlock('', null, '![](图1)').text).toBe('![](图1)\n\n');
    expect(insertBlock('前\n\n后', 1, '![](图1)').text).toBe('前\n\n![](图1)\n\n后');
    expect(insertBlock('前一段\n后一段', 4, '![](图1)').text).toBe('前一段\n\n![](图1)\n\n后一段');
  });

  it('removing an image takes its own line with it and leaves the rest alone', () => {
    expect(removeImage('一\n![](图1)\n二 ![x](图1) 三\n![](图10)', '图1')).toBe('一\n二  三\n![](图10)');
  });
});

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

/** The editor's server: `draft` is null for a story the server has never seen. */
function serveEditor(draft: DraftView | null, extra: Record<string, ActionHandler> = {}) {
  return serveFunctions({
    'identity.me': () => ok(me),
    'authoring.campaignOptions': () => ok({ items: [campaign(1)] }),
    'content.exemplars': () => ok({ items: [exemplarCard(1)], next: null }),
    'authoring.draft': () => (draft ? ok(draft) : err('NOT_FOUND')),
    'authoring.saveDraft': (d) => ok({ version: (d as { baseVersion: number }).baseVersion + 1, updatedAt: 2, issues: [] }),
    // A one-image preview answers that image's URL (the editor asks this for a thumbnail it lacks).
    'authoring.preview': (d) => {
      const m = /\]\((cloud:\/\/[^\s)]+)/.exec((d as { markdown: string }).markdown);
      return ok({ blocks: m ? [{ type: 'image', url: `https://img.local/${m[1]!.slice(-12)}`, width: 4, height: 3 }] : [], issues: [] });
    },
    ...extra,
  });
}

const body = () => screen.getByLabelText('正文') as HTMLTextAreaElement;
const saves = (served: ReturnType<typeof serveFunctions>) => served.calls.filter((c) => c.action === 'saveDraft').map((c) => c.data as DraftFields & { baseVersion: number });

describe('story editor: images', () => {
  it('a draft with images shows 图1 in the text and the picture as a thumbnail; typing saves the file ids', async () => {
    setRouterParams({ id: 's9' });
    const served = serveEditor(serverDraft({ markdown: `开头。\n\n![现场](${A} "4x3")`, imageUrls: { [A]: 'https://img.local/a.jpg' } }));
    render(<StoryEditorScreen />);
    await screen.findByDisplayValue(/开头/);
    expect(body().value).toBe('开头。\n\n![现场](图1)');
    expect(screen.getByRole('img', { name: '图1' })).toHaveAttribute('src', 'https://img.local/a.jpg');
    fireEvent.input(body(), { target: { value: '开头，改过。\n\n![现场](图1)' } });
    // The device's copy is the server's form too.
    expect(readLocalDraft('s9')?.fields.markdown).toBe(`开头，改过。\n\n![现场](${A} "4x3")`);
    await waitFor(() => expect(saves(served)).toHaveLength(1), { timeout: 4000 });
    expect(saves(served)[0]?.markdown).toBe(`开头，改过。\n\n![现场](${A} "4x3")`);
    // The draft brought the URL: nothing else was asked for it.
    expect(served.calls.some((c) => c.action === 'preview')).toBe(false);
  });

  it('an inserted image goes in as the next 图N, shows its thumbnail, and is saved with its file id and size; 移除 takes it out', async () => {
    setRouterParams({ id: 's9' });
    picked.mockResolvedValue({ base64: 'AAAA' });
    const served = serveEditor(serverDraft({ markdown: `![](${A} "4x3")`, imageUrls: { [A]: 'https://img.local/a.jpg' } }), {
      'authoring.uploadImage': () => ok({ fileId: B, width: 64, height: 48 }),
    });
    render(<StoryEditorScreen />);
    await screen.findByDisplayValue('![](图1)');
    await act(async () => {
      fireEvent.click(screen.getByText('图片'));
    });
    // A paragraph of its own, so Markdown never joins it to the line before.
    await waitFor(() => expect(body().value).toBe('![](图1)\n\n![](图2)\n\n'));
    expect(served.calls.find((c) => c.action === 'uploadImage')?.data).toEqual({ purpose: 'story', base64: 'AAAA' });
    // Its thumbnail comes from the server (a one-image preview of this story).
    expect(await screen.findByRole('img', { name: '图2' })).toHaveAttribute('src', `https://img.local/${B.slice(-12)}`);
    expect(served.calls.find((c) => c.action === 'preview')?.data).toEqual({ markdown: `![](${B})`, storyId: 's9' });
    await waitFor(() => expect(saves(served).at(-1)?.markdown).toBe(`![](${A} "4x3")\n\n![](${B} "64x48")\n\n`), { timeout: 4000 });
    const strip = screen.getByTestId('story-images');
    expect(strip).toHaveTextContent('图1');
    expect(strip).toHaveTextContent('图2');
    fireEvent.click(screen.getAllByText('移除')[0]!);
    expect(body().value).toBe('\n![](图2)\n\n');
    await waitFor(() => expect(saves(served).at(-1)?.markdown).toBe(`\n![](${B} "64x48")\n\n`), { timeout: 4000 });
  });

  it('a restored local copy and a conflict reload keep the images as labels, saved as file ids', async () => {
    setRouterParams({ id: 's9' });
    writeLocalDraft({ storyId: 's9', fields: { title: '本机', summary: '', cover: null, campaignId: null, exemplarIds: [], unitId: 'u1', author: '', markdown: `本机的。\n\n![](${B} "4x3")` }, baseVersion: 2, editedAt: 1 });
    fake.modalAnswer = true;
    let version = 2;
    const served = serveEditor(serverDraft({ markdown: `服务器的。\n\n![](${A} "4x3")`, imageUrls: { [A]: 'https://img.local/a.jpg' } }), {
      // Another device saved meanwhile.
      'authoring.saveDraft': () => err('CONFLICT'),
      'authoring.draft': () => ok(serverDraft({ version, markdown: `另一台设备的。\n\n![](${A} "4x3")\n\n![](${C} "4x3")`, imageUrls: { [A]: 'https://img.local/a.jpg', [C]: 'https://img.local/c.jpg' } })),
    });
    render(<StoryEditorScreen />);
    await screen.findByDisplayValue(/另一台设备的|本机的/);
    // The restored copy: its image (never on the server) is a label, its thumbnail asked for.
    expect(body().value).toBe('本机的。\n\n![](图1)');
    expect(await screen.findByRole('img', { name: '图1' })).toHaveAttribute('src', `https://img.local/${B.slice(-12)}`);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('草稿已在别处修改'), { timeout: 4000 });
    expect(saves(served)[0]?.markdown).toBe(`本机的。\n\n![](${B} "4x3")`);
    version = 3;
    await act(async () => {
      fireEvent.click(screen.getByText('载入服务器版本'));
    });
    await waitFor(() => expect(body().value).toBe('另一台设备的。\n\n![](图2)\n\n![](图3)'));
    expect(screen.getByRole('img', { name: '图3' })).toHaveAttribute('src', 'https://img.local/c.jpg');
    expect(readLocalDraft('s9')).toBeNull();
  });

  it('the cover shows as a thumbnail with change and remove', async () => {
    setRouterParams({ id: 's9' });
    const served = serveEditor(serverDraft({ cover: A, coverUrl: 'https://img.local/cover.jpg' }));
    render(<StoryEditorScreen />);
    expect(await screen.findByRole('img', { name: '封面' })).toHaveAttribute('src', 'https://img.local/cover.jpg');
    expect(screen.getByText('更换封面')).toBeInTheDocument();
    fireEvent.click(screen.getByText('移除封面'));
    expect(screen.queryByRole('img', { name: '封面' })).toBeNull();
    await waitFor(() => expect(saves(served).at(-1)?.cover).toBeNull(), { timeout: 4000 });
  });
});

describe('story editor: a new story', () => {
  it('opened without an id, it puts a fresh id in the URL before anything else', async () => {
    setRouterParams({});
    const served = serveEditor(null);
    render(<StoryEditorScreen />);
    await waitFor(() => expect(fake.navigations).toHaveLength(1));
    expect(fake.navigations[0]).toMatchObject({ kind: 'redirectTo' });
    expect(fake.navigations[0]?.url).toMatch(/^\/pages-staff\/story-editor\/index\?id=s[0-9a-z]+$/);
    expect(served.calls).toEqual([]);
  });

  it('a blank new draft does not say 已保存, and leaving it creates nothing on the server', async () => {
    setRouterParams({ id: 's-blank' });
    const served = serveEditor(null);
    const { unmount } = render(<StoryEditorScreen />);
    await screen.findByLabelText('正文');
    expect(screen.getByRole('status')).toHaveTextContent('新稿，写下内容后自动保存');
    expect(screen.getByRole('status')).not.toHaveTextContent('已保存');
    unmount();
    await act(async () => undefined);
    expect(served.calls.some((c) => c.action === 'saveDraft')).toBe(false);
    expect(readLocalDraft('s-blank')).toBeNull();
  });

  it('once something is typed it saves under the URL’s id, and a reload of that URL reopens it', async () => {
    setRouterParams({ id: 's-new1' });
    let stored: DraftView | null = null;
    const served = serveEditor(null, {
      'authoring.draft': () => (stored ? ok(stored) : err('NOT_FOUND')),
      'authoring.saveDraft': (d) => {
        const f = d as DraftFields & { storyId: string; baseVersion: number };
        stored = serverDraft({ storyId: f.storyId, version: f.baseVersion + 1, title: f.title, markdown: f.markdown });
        return ok({ version: f.baseVersion + 1, updatedAt: 2, issues: [] });
      },
    });
    const first = render(<StoryEditorScreen />);
    await screen.findByLabelText('正文');
    fireEvent.input(screen.getByLabelText('标题'), { target: { value: '新稿标题' } });
    expect(screen.getByRole('status')).toHaveTextContent('未保存');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('已保存'), { timeout: 4000 });
    expect(saves(served)[0]).toMatchObject({ storyId: 's-new1', baseVersion: 0, title: '新稿标题' });
    first.unmount();
    // The reload: same URL, a fresh page.
    render(<StoryEditorScreen />);
    expect(await screen.findByDisplayValue('新稿标题')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('已保存');
  });

  it('a reload before the first save reached the server reopens the device’s copy without asking', async () => {
    setRouterParams({ id: 's-new2' });
    serveEditor(null, { 'authoring.saveDraft': () => err('UNAVAILABLE') });
    const first = render(<StoryEditorScreen />);
    await screen.findByLabelText('正文');
    fireEvent.input(body(), { target: { value: '断网时写的第一段' } });
    first.unmount();
    render(<StoryEditorScreen />);
    expect(await screen.findByDisplayValue('断网时写的第一段')).toBeInTheDocument();
    // The server never had it: there is nothing to choose between.
    expect(fake.modals).toEqual([]);
  });
});

describe('story editor: submit refusals beside their fields', () => {
  it('the server’s title_missing and body_empty read under the title and the body, never as a generic code text', async () => {
    setRouterParams({ id: 's9' });
    serveEditor(serverDraft({ title: '', markdown: '' }), {
      'authoring.submit': () => ({
        ok: false,
        error: {
          code: 'FAILED_PRECONDITION',
          reason: 'title_missing',
          message: 'the draft is not complete',
          fields: [
            { path: 'title', message: '请填写标题', reason: 'title_missing' },
            { path: 'markdown', message: '正文为空', reason: 'body_empty' },
          ],
        },
      }),
    });
    render(<StoryEditorScreen />);
    await screen.findByLabelText('正文');
    await act(async () => {
      fireEvent.click(screen.getByText('提交审核'));
    });
    expect(await screen.findByTestId('error-title')).toHaveTextContent('请填写标题');
    expect(screen.getByTestId('error-markdown')).toHaveTextContent('正文不能为空');
    expect(screen.queryByText('当前状态不允许此操作')).toBeNull();
    expect(fake.toasts).toEqual([]);
    // Fixing the title clears its message; the body's stays until the body changes.
    fireEvent.input(screen.getByLabelText('标题'), { target: { value: '有标题了' } });
    expect(screen.queryByTestId('error-title')).toBeNull();
    expect(screen.getByTestId('error-markdown')).toBeInTheDocument();
  });

  it('a refusal about no field reads under the button', async () => {
    setRouterParams({ id: 's9' });
    serveEditor(serverDraft(), {
      'authoring.submit': () => ({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'state_changed', message: 'submitted meanwhile' } }),
    });
    render(<StoryEditorScreen />);
    await screen.findByLabelText('正文');
    await act(async () => {
      fireEvent.click(screen.getByText('提交审核'));
    });
    expect(await screen.findByTestId('submit-error')).toHaveTextContent('状态已被他人更新，请刷新后再看');
  });

  it('submitting a blank new story says what is missing without creating an empty draft', async () => {
    setRouterParams({ id: 's-blank2' });
    const served = serveEditor(null);
    render(<StoryEditorScreen />);
    await screen.findByLabelText('正文');
    await act(async () => {
      fireEvent.click(screen.getByText('提交审核'));
    });
    expect(screen.getByTestId('error-title')).toHaveTextContent('请填写标题');
    expect(screen.getByTestId('error-markdown')).toHaveTextContent('正文不能为空');
    expect(served.calls.some((c) => c.action === 'saveDraft' || c.action === 'submit')).toBe(false);
  });
});

describe('story editor at desk width', () => {
  it('shows a live preview beside the text that follows the typing, and no 预览 toggle', async () => {
    fake.windowWidth = 1280;
    setRouterParams({ id: 's9' });
    const served = serveEditor(serverDraft({ markdown: '第一稿' }), {
      'authoring.preview': (d) => ok({ blocks: [{ type: 'paragraph', spans: [{ text: `预览：${(d as { markdown: string }).markdown}` }] }], issues: [] }),
    });
    render(<StoryEditorScreen />);
    expect(await screen.findByText('预览：第一稿', undefined, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByText('预览')).toBeNull();
    fireEvent.input(body(), { target: { value: '第二稿' } });
    expect(await screen.findByText('预览：第二稿', undefined, { timeout: 3000 })).toBeInTheDocument();
    expect(served.calls.filter((c) => c.action === 'preview').map((c) => c.data)).toEqual([
      { markdown: '第一稿', storyId: 's9' },
      { markdown: '第二稿', storyId: 's9' },
    ]);
  });
});

function unitExemplar(over: Partial<UnitExemplarItem> = {}): UnitExemplarItem {
  return { _id: 'e1', name: '典型', kind: 'individual', tier: 'reserve', state: 'draft', consent: 'missing', unit: { _id: 'u1', name: '特勤站', shortName: '特勤站', level: 'station' }, honorCount: 0, storyCount: 0, updatedAt: 1, ...over };
}

describe('本单位典型资料', () => {
  it('lists drafts and public exemplars with their state and consent, pages on, and reopens one', async () => {
    const served = serveFunctions({
      'authoring.myDrafts': () => ok({ items: [], next: null }),
      'authoring.unitExemplars': (d) =>
        (d as { cursor?: string | null }).cursor
          ? ok({ items: [unitExemplar({ _id: 'e3', name: '第二页的典型', kind: 'collective', consent: 'not_needed', state: 'published' })], next: null })
          : ok({
              items: [unitExemplar({ _id: 'e1', name: '刚建的王勇' }), unitExemplar({ _id: 'e2', name: '李娜', consent: 'awaits_check', tier: 'major', state: 'published' })],
              next: '5_e2',
            }),
    });
    render(<DraftsScreen />);
    fireEvent.click(await screen.findByText('本单位典型资料'));
    const first = await screen.findByText('刚建的王勇');
    const row = first.closest('[data-testid=exemplar-row]') as HTMLElement;
    expect(row).toHaveTextContent('草稿');
    expect(row).toHaveTextContent('未取得本人同意，不能公开');
    const li = screen.getByText('李娜').closest('[data-testid=exemplar-row]') as HTMLElement;
    expect(li).toHaveTextContent('已公开');
    expect(li).toHaveTextContent('同意书待审核员核对');
    expect(li).toHaveTextContent('重大先进典型库');
    await act(async () => fireReachBottom());
    expect(await screen.findByText('第二页的典型')).toBeInTheDocument();
    expect(served.calls.filter((c) => c.action === 'unitExemplars').map((c) => c.data)).toEqual([{ cursor: null }, { cursor: '5_e2' }]);
    fireEvent.click(first);
    await waitFor(() => expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/exemplar-editor/index?id=e1' }));
  });

  it('写新事迹 opens the editor with the new story’s id already in the URL', async () => {
    serveFunctions({ 'authoring.myDrafts': () => ok({ items: [], next: null }), 'authoring.unitExemplars': () => ok({ items: [], next: null }) });
    render(<DraftsScreen />);
    expect(await screen.findByText('还没有草稿')).toBeInTheDocument();
    fireEvent.click(screen.getByText('写新事迹'));
    await waitFor(() => expect(fake.navigations.at(-1)?.url).toMatch(/^\/pages-staff\/story-editor\/index\?id=s[0-9a-z]+$/));
  });
});
