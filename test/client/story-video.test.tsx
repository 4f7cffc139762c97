/**
 * Videos in stories, on the screen: a reader's story plays its video in place, its poster shown
 * before it plays and its length under it; a 宣传员 inserts a video from the toolbar — checked on
 * the device first, its poster frame uploaded, the video sent in parts with a progress bar — and
 * it reads 视频1 in the text box and shows as its poster with a play mark and its length.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { VIDEO_LIMITS, type DraftView, type Me, type RenderedBlock } from '@contract';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { StoryEditorScreen } from '../../client/src/features/authoring/story-editor';
import { addVideo, imagesInText, removeImage, toEditorText, toMarkdown, videoDurationMs } from '../../client/src/features/authoring/story-editor-images';
import type { DraftFields } from '../../client/src/features/authoring/draft-sync';
import { pickImage } from '../../client/src/lib/image-pick';
import { pickVideo, type PickedVideo } from '../../client/src/lib/video-pick';
import { campaign, exemplarCard, storyDetail } from './support/fixtures';
import { ok, serveFunctions, type ActionHandler } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

jest.mock('../../client/src/lib/image-pick', () => ({ pickImage: jest.fn() }));
jest.mock('../../client/src/lib/video-pick', () => ({ pickVideo: jest.fn() }));
const pickedImage = pickImage as jest.MockedFunction<typeof pickImage>;
const pickedVideo = pickVideo as jest.MockedFunction<typeof pickVideo>;

const VIDEO = 'cloud://local-dev.6c6f-local-dev-1/authoring/video/editor-a/3f9d2c.mp4';
const POSTER = 'cloud://local-dev.6c6f-local-dev-1/authoring/story/editor-a/91c2ab.jpg';
const PHOTO = 'cloud://local-dev.6c6f-local-dev-1/authoring/story/editor-a/aaaaaaaa.jpg';

describe('a reader’s story with a video', () => {
  const blocks: RenderedBlock[] = [
    { type: 'paragraph', spans: [{ text: '凌晨两点，警铃响起。' }] },
    { type: 'video', url: 'https://media.local/drill.mp4', poster: 'https://media.local/poster.jpg', width: 480, height: 270, durationMs: 6000, caption: '出动全过程' },
    { type: 'image', url: 'https://img.local/a.jpg', width: 4, height: 3 },
    { type: 'video', url: 'https://media.local/portrait.mp4', poster: null, width: 1080, height: 1920, durationMs: 61_000 },
  ];

  it('plays each video in place with its poster and controls, says its length, and keeps a portrait clip within 4:5', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(storyDetail({ title: '夜间演练', blocks })) });
    const { container } = render(<StoryScreen />);
    await screen.findByText('夜间演练');
    const [drill, portrait] = Array.from(container.querySelectorAll('video'));
    expect(drill).toHaveAttribute('src', 'https://media.local/drill.mp4');
    expect(drill).toHaveAttribute('poster', 'https://media.local/poster.jpg');
    expect(drill).toHaveAttribute('controls');
    expect(drill).toHaveAttribute('aria-label', '视频：出动全过程，时长 0:06');
    expect(screen.getByText('出动全过程 · 视频 0:06')).toHaveClass('blocks__caption');
    expect((drill!.parentElement as HTMLElement).style.paddingTop).toBe('56.25%');
    // A poster still in WeChat's check: the player shows the video's own first frame.
    expect(portrait).not.toHaveAttribute('poster');
    expect(portrait).toHaveAttribute('aria-label', '视频，时长 1:01');
    expect((portrait!.parentElement as HTMLElement).style.paddingTop).toBe('125%');
  });

  it('tapping the story’s image previews the images only: a video is not in the previewer’s list', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(storyDetail({ title: '夜间演练', blocks })) });
    const { container } = render(<StoryScreen />);
    await screen.findByText('夜间演练');
    fireEvent.click(container.querySelector('img.blocks__img') as HTMLElement);
    expect(fake.previews.at(-1)).toEqual({ current: 'https://img.local/a.jpg', urls: ['https://img.local/a.jpg'] });
  });
});

describe('videos as 视频N in the editor’s text box', () => {
  const video = `![演练](${VIDEO} "video 480x270 6.023s poster=${POSTER}")`;

  it('a video reads 视频1 beside 图1, maps back to exactly the saved Markdown, and knows its poster and length', () => {
    const md = `开头。\n\n${video}\n\n![](${PHOTO} "4x3")\n\n再放一次：\n\n${video}`;
    const shown = toEditorText(md);
    expect(shown.text).toBe('开头。\n\n![演练](视频1)\n\n![](图1)\n\n再放一次：\n\n![演练](视频1)');
    expect(shown.images.map((i) => [i.label, i.file, i.poster])).toEqual([['视频1', VIDEO, POSTER], ['图1', PHOTO, undefined]]);
    expect(toMarkdown(shown.text, shown.images)).toBe(md);
    expect(videoDurationMs(shown.images[0]!)).toBe(6023);
  });

  it('a (视频N) the writer typed is never taken for a video; a new video takes the next free number; removing one leaves 视频10', () => {
    const md = `正文里写着 (视频1)。\n\n${video}`;
    const shown = toEditorText(md);
    expect(shown.text).toBe('正文里写着 (视频1)。\n\n![演练](视频2)');
    expect(toMarkdown(shown.text, shown.images)).toBe(md);
    const next = addVideo(shown.text, shown.images, VIDEO, POSTER, { width: 1080, height: 1920, durationMs: 59_999 });
    expect(next).toEqual({ label: '视频3', file: VIDEO, target: `${VIDEO} "video 1080x1920 59.999s poster=${POSTER}"`, poster: POSTER });
    expect(imagesInText('![](视频3)\n\n![演练](视频2)', [...shown.images, next]).map((i) => i.label)).toEqual(['视频3', '视频2']);
    expect(removeImage('一\n![](视频1)\n![](视频10)', '视频1')).toBe('一\n![](视频10)');
  });
});

const me: Me = { handle: 'abc', reader: false, roles: [{ role: 'editor', unit: { _id: 'u1', name: '特勤站', shortName: '特勤站', level: 'station' } }] };

function serverDraft(over: Partial<DraftView> = {}): DraftView {
  return {
    storyId: 's9',
    revision: 1,
    version: 2,
    state: 'draft',
    title: '夜间演练',
    summary: '',
    cover: null,
    coverUrl: null,
    imageUrls: {},
    campaignId: null,
    exemplarIds: [],
    unitId: 'u1',
    author: '宣传员',
    markdown: '凌晨两点。',
    comment: null,
    publishedRevision: null,
    secCheck: null,
    updatedAt: 1,
    ...over,
  };
}

function serveEditor(extra: Record<string, ActionHandler> = {}) {
  return serveFunctions({
    'identity.me': () => ok(me),
    'authoring.campaignOptions': () => ok({ items: [campaign(1)] }),
    'content.exemplars': () => ok({ items: [exemplarCard(1)], next: null }),
    'authoring.draft': () => ok(serverDraft()),
    'authoring.saveDraft': (d) => ok({ version: (d as { baseVersion: number }).baseVersion + 1, updatedAt: 2, issues: [] }),
    'authoring.preview': (d) => {
      const m = /\]\((cloud:\/\/[^\s)]+)/.exec((d as { markdown: string }).markdown);
      return ok({ blocks: m ? [{ type: 'image', url: `https://img.local/${m[1]!.slice(-10)}`, width: 4, height: 3 }] : [], issues: [] });
    },
    'authoring.uploadImage': () => ok({ fileId: POSTER, width: 480, height: 270 }),
    ...extra,
  });
}

/** A 1.2 MB video as the device hands it over: three parts; each part's bytes name their place. */
function deviceVideo(over: Partial<PickedVideo> = {}): PickedVideo {
  return {
    size: 2 * VIDEO_LIMITS.partBytes + 200_000,
    durationMs: 6000,
    posterBase64: 'UE9TVEVS',
    readPart: async (position, length) => Buffer.from(`part@${position}+${length}`).toString('base64'),
    ...over,
  };
}

const body = () => screen.getByLabelText('正文') as HTMLTextAreaElement;

describe('story editor: inserting a video', () => {
  beforeEach(() => {
    pickedVideo.mockReset();
    pickedImage.mockReset();
  });

  it('uploads the poster, then the video part by part with a progress bar, and puts 视频1 in the text with its poster thumbnail and length; the save carries the video', async () => {
    setRouterParams({ id: 's9' });
    pickedVideo.mockResolvedValue(deviceVideo());
    let releaseSecond: () => void = () => undefined;
    const secondPart = new Promise<void>((r) => (releaseSecond = r));
    const served = serveEditor({
      'authoring.uploadVideoPart': async (d) => {
        const { index, uploadId } = d as { index: number; uploadId: string };
        if (index === 1) await secondPart;
        return ok({ index, bytes: 1, fileId: `cloud://local-dev.6c6f-local-dev-1/authoring/video-parts/f/${uploadId}/${index}.part` });
      },
      'authoring.finishVideoUpload': () => ok({ fileId: VIDEO, width: 480, height: 270, durationMs: 6000, bytes: 1_248_576 }),
    });
    render(<StoryEditorScreen />);
    await screen.findByDisplayValue('凌晨两点。');
    fireEvent.click(screen.getByRole('button', { name: '视频' }));
    // One part is up, the second is on its way: the bar says how far.
    const bar = await screen.findByRole('progressbar', { name: '视频上传进度' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '32'));
    expect(bar).toHaveTextContent('正在上传视频 32%');
    // While one video is on its way, another tap starts nothing.
    fireEvent.click(screen.getByRole('button', { name: '视频' }));
    expect(pickedVideo).toHaveBeenCalledTimes(1);
    await act(async () => releaseSecond());
    await waitFor(() => expect(body().value).toBe('凌晨两点。\n\n![](视频1)\n\n'));
    expect(screen.queryByRole('progressbar')).toBeNull();

    const calls = served.calls.map((c) => c.action).filter((a) => /upload|finish/i.test(a));
    expect(calls).toEqual(['uploadImage', 'uploadVideoPart', 'uploadVideoPart', 'uploadVideoPart', 'finishVideoUpload']);
    expect(served.calls.find((c) => c.action === 'uploadImage')?.data).toEqual({ purpose: 'story', base64: 'UE9TVEVS' });
    const parts = served.calls.filter((c) => c.action === 'uploadVideoPart').map((c) => c.data as { uploadId: string; index: number; base64: string });
    expect(parts.map((p) => [p.index, Buffer.from(p.base64, 'base64').toString()])).toEqual([
      [0, `part@0+${VIDEO_LIMITS.partBytes}`],
      [1, `part@${VIDEO_LIMITS.partBytes}+${VIDEO_LIMITS.partBytes}`],
      [2, `part@${2 * VIDEO_LIMITS.partBytes}+${VIDEO_LIMITS.partBytes}`],
    ]);
    expect(new Set(parts.map((p) => p.uploadId)).size).toBe(1);
    const finish = served.calls.find((c) => c.action === 'finishVideoUpload')?.data as { uploadId: string; parts: string[] };
    expect(finish.uploadId).toBe(parts[0]!.uploadId);
    expect(finish.parts).toHaveLength(3);

    // The strip: the poster with a play mark and the length the server read.
    expect(await screen.findByRole('img', { name: '视频1（视频封面）' })).toHaveAttribute('src', 'https://img.local/91c2ab.jpg');
    expect(screen.getByText('0:06')).toHaveClass('story-editor__thumb-duration');
    // Saved: the server's Markdown, with the video and its poster.
    await waitFor(() => expect(served.calls.some((c) => c.action === 'saveDraft')).toBe(true), { timeout: 5000 });
    const saved = served.calls.filter((c) => c.action === 'saveDraft').at(-1)?.data as DraftFields;
    expect(saved.markdown).toBe(`凌晨两点。\n\n![](${VIDEO} "video 480x270 6s poster=${POSTER}")\n\n`);
  });

  it('a video over 60 s is refused on the device: nothing is uploaded and the writer reads why', async () => {
    setRouterParams({ id: 's9' });
    pickedVideo.mockResolvedValue('video_too_long');
    const served = serveEditor();
    render(<StoryEditorScreen />);
    await screen.findByDisplayValue('凌晨两点。');
    fireEvent.click(screen.getByRole('button', { name: '视频' }));
    await waitFor(() => expect(fake.toasts.at(-1)?.title).toBe('视频不能超过 60 秒，请剪短后再上传'));
    expect(served.calls.filter((c) => /upload|finish/i.test(c.action))).toEqual([]);
    expect(body().value).toBe('凌晨两点。');
  });

  it('when no frame could be taken from the video, the writer is asked for a cover image, which becomes the poster', async () => {
    setRouterParams({ id: 's9' });
    pickedVideo.mockResolvedValue(deviceVideo({ size: 1000, posterBase64: null }));
    pickedImage.mockResolvedValue({ base64: 'Q09WRVI=' });
    const served = serveEditor({
      'authoring.uploadVideoPart': (d) => ok({ index: 0, bytes: 1000, fileId: `cloud://local-dev.x/authoring/video-parts/f/${(d as { uploadId: string }).uploadId}/0.part` }),
      'authoring.finishVideoUpload': () => ok({ fileId: VIDEO, width: 480, height: 270, durationMs: 6000, bytes: 1000 }),
    });
    render(<StoryEditorScreen />);
    await screen.findByDisplayValue('凌晨两点。');
    fireEvent.click(screen.getByRole('button', { name: '视频' }));
    await waitFor(() => expect(body().value).toContain('![](视频1)'));
    expect(fake.modals.at(-1)).toMatchObject({ title: '选择视频封面' });
    expect(served.calls.find((c) => c.action === 'uploadImage')?.data).toEqual({ purpose: 'story', base64: 'Q09WRVI=' });
  });

  it('a refusal from the server (the video is too long by its own reading) reads as a toast and inserts nothing', async () => {
    setRouterParams({ id: 's9' });
    pickedVideo.mockResolvedValue(deviceVideo({ size: 1000 }));
    serveEditor({
      'authoring.uploadVideoPart': (d) => ok({ index: 0, bytes: 1000, fileId: `cloud://local-dev.x/authoring/video-parts/f/${(d as { uploadId: string }).uploadId}/0.part` }),
      'authoring.finishVideoUpload': () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'video_too_long', message: 'too long' } }),
    });
    render(<StoryEditorScreen />);
    await screen.findByDisplayValue('凌晨两点。');
    fireEvent.click(screen.getByRole('button', { name: '视频' }));
    await waitFor(() => expect(fake.toasts.at(-1)?.title).toBe('视频不能超过 60 秒，请剪短后再上传'));
    expect(body().value).toBe('凌晨两点。');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
