import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { STORY_LIMITS, type CampaignCard, type DraftView, type ExemplarCard, type Me, type PreviewResult } from '@contract';
import { ApiFailure, REFUSAL_TEXT, call, fieldErrors, toFailure } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { confirmAction } from '../../lib/confirm';
import { formatDateTime } from '../../lib/dates';
import { isId } from '../../lib/ids';
import { markdownNoteText } from '../../lib/markdown-notes';
import { pickImage } from '../../lib/image-pick';
import { pickVideo } from '../../lib/video-pick';
import { unitsWithRole } from '../../lib/roles';
import { routes } from '../../lib/routes';
import { PAGE_LIMIT_MAX } from '../../lib/schema-limits';
import { ContentBlocks, formatDuration } from '../../components/content-blocks';
import { StateView } from '../../components/state-view';
import { DraftSync, clearLocalDraft, newStoryId, readLocalDraft, sameFields, type DraftFields, type SyncStatus } from './draft-sync';
import { addImage, addVideo, imagesInText, removeImage, toEditorText, toMarkdown, videoDurationMs, type StoryImage } from './story-editor-images';
import { uploadVideo } from './story-editor-video';
import { useWideWindow } from './story-editor-layout';
import { Picture } from '../../components/picture';
import './authoring.scss';
import './story-editor.scss';

const STATUS_TEXT: Record<SyncStatus, string> = {
  new: '新稿，写下内容后自动保存',
  saved: '已保存',
  pending: '未保存',
  saving: '保存中…',
  offline: '网络不佳，已存本机，稍后自动重试',
  conflict: '草稿已在别处修改',
  frozen: '未能保存',
};

/** Quiet time after the last keystroke before the side-by-side preview asks the server again. */
const LIVE_PREVIEW_DELAY_MS = 800;

interface Loaded {
  storyId: string;
  server: DraftView | null;
  fields: DraftFields;
  version: number;
  campaigns: CampaignCard[];
  exemplars: ExemplarCard[];
}

/** What the screen edits: the saved form (`fields`, Markdown with file ids) and the text box's form of its body. */
interface EditorDoc {
  fields: DraftFields;
  /** The body as the text box shows it: images as 图1, 图2…, videos as 视频1… (story-editor-images.ts). */
  text: string;
  images: StoryImage[];
}

/** A file's thumbnail: its URL, or 'failed' when the server would not issue one. */
type Thumbs = Record<string, string>;
const NO_THUMB = 'failed';

function fieldsOf(d: DraftView): DraftFields {
  return { title: d.title, summary: d.summary, cover: d.cover, campaignId: d.campaignId, exemplarIds: d.exemplarIds, unitId: d.unitId, author: d.author, markdown: d.markdown };
}

function docOf(fields: DraftFields, known: readonly StoryImage[] = []): EditorDoc {
  const { text, images } = toEditorText(fields.markdown, known);
  return { fields, text, images };
}

function thumbsOf(d: DraftView | null): Thumbs {
  if (!d) return {};
  return { ...d.imageUrls, ...(d.cover && d.coverUrl ? { [d.cover]: d.coverUrl } : {}) };
}

function editorUnit(me: Me): string | null {
  return unitsWithRole(me, 'editor')[0]?._id ?? null;
}

async function load(routeId: string): Promise<Loaded> {
  if (!isId(routeId)) throw new ApiFailure('NOT_FOUND', 'bad story id in route');
  const [me, campaigns, major] = await Promise.all([
    call('identity', 'me', {}),
    call('authoring', 'campaignOptions', {}),
    call('content', 'exemplars', { tier: 'major', limit: PAGE_LIMIT_MAX }),
  ]);
  const unitId = editorUnit(me);
  if (!unitId) throw new ApiFailure('PERMISSION_DENIED', 'not an editor');
  let server: DraftView | null = null;
  try {
    server = await call('authoring', 'draft', { storyId: routeId });
  } catch (err) {
    // A new story: its id is in the URL from the start, the server learns it at the first save.
    if (!(err instanceof ApiFailure && err.code === 'NOT_FOUND')) throw err;
  }
  const fields: DraftFields = server
    ? fieldsOf(server)
    : { title: '', summary: '', cover: null, campaignId: null, exemplarIds: [], unitId, author: '', markdown: '' };
  return { storyId: routeId, server, fields, version: server?.version ?? 0, campaigns: campaigns.items, exemplars: major.items };
}

/** Where the markdown toolbar inserts: at the cursor the textarea last reported, else at the end. */
function insertAt(text: string, cursor: number | null, snippet: string): { text: string; cursor: number } {
  const at = cursor === null || cursor < 0 || cursor > text.length ? text.length : cursor;
  const before = text.slice(0, at);
  const needsBreak = snippet.startsWith('\n') && (before === '' || before.endsWith('\n'));
  const piece = needsBreak ? snippet.slice(1) : snippet;
  return { text: before + piece + text.slice(at), cursor: at + piece.length };
}

/**
 * Insert a block (an image) as a paragraph of its own: Markdown would otherwise join a line
 * typed right before it (a quote, a list item) and the image would not stand alone.
 */
function insertBlock(text: string, cursor: number | null, block: string): { text: string; cursor: number } {
  const at = cursor === null || cursor < 0 || cursor > text.length ? text.length : cursor;
  const before = text.slice(0, at);
  const after = text.slice(at);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const piece = lead + block + trail;
  return { text: before + piece + after, cursor: at + piece.length };
}

const TOOLBAR: { label: string; snippet: string }[] = [
  { label: '标题', snippet: '\n## ' },
  { label: '加粗', snippet: '**加粗文字**' },
  { label: '引用', snippet: '\n> ' },
  { label: '列表', snippet: '\n- ' },
  { label: '链接', snippet: '[链接文字](https://)' },
];


/** The thumbnail of one file, asked of the server when the draft did not bring it (a new upload, a restored copy). */
async function thumbnailOf(file: string, storyId: string): Promise<string> {
  const res = await call('authoring', 'preview', { markdown: `![](${file})`, storyId });
  const block = res.blocks.find((b) => b.type === 'image');
  return block && block.type === 'image' ? block.url : NO_THUMB;
}

/** A choice row that folds: its current choice on one line; the choices below it when open. */
function Picker({ label, summary, open, onToggle, children }: { label: string; summary: string; open: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <View className='story-editor__picker'>
      <View className='story-editor__row story-editor__picker-head' role='button' aria-expanded={open} onClick={onToggle}>
        <Text className='story-editor__label'>{label}</Text>
        <Text className='story-editor__picker-summary'>{summary}</Text>
        <Text className='story-editor__picker-toggle'>{open ? '收起' : '选择'}</Text>
      </View>
      {open ? <View className='story-editor__chips story-editor__picker-body'>{children}</View> : null}
    </View>
  );
}

function Preview({ title, result }: { title: string; result: PreviewResult }) {
  return (
    <View className='story-editor__preview' data-testid='story-preview'>
      {result.issues.map((i) => (
        <Text key={`${i.line}-${i.message}`} className='authoring__issue'>
          {markdownNoteText(i)}
        </Text>
      ))}
      <Text className='authoring__preview-title'>{title || '（无标题）'}</Text>
      <ContentBlocks blocks={result.blocks} onPreviewImage={(url) => void Taro.previewImage({ current: url, urls: [url] })} onCopyLink={copyLink} />
    </View>
  );
}

/**
 * 写事迹: Markdown in a box that fills the screen and grows with the text, the toolbar pinned
 * above it; images shown as thumbnails (the box names them 图1, 图2…); autosaved (local copy
 * first); previewed exactly as published — beside the text on a wide window.
 */
export function StoryEditorScreen() {
  const routeId = useRouter().params.id ?? '';
  const wide = useWideWindow();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [doc, setDoc] = useState<EditorDoc | null>(null);
  const [thumbs, setThumbs] = useState<Thumbs>({});
  const [status, setStatus] = useState<SyncStatus>('saved');
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [live, setLive] = useState<PreviewResult | null>(null);
  const [busy, setBusy] = useState(false);
  // A video on its way up: 0…1, shown as a bar under the toolbar (parts of up to 25 MB take a while).
  const [videoProgress, setVideoProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  // Which choice list is open: folded, the text box is near the top of a phone screen.
  const [picking, setPicking] = useState<'campaign' | 'exemplars' | null>(null);
  const cursor = useRef<number | null>(null);
  const sync = useRef<DraftSync | null>(null);
  // The latest document, for edits that finish after an await (an upload) while typing went on.
  const docRef = useRef<EditorDoc | null>(null);
  const asked = useRef(new Set<string>());

  // A new story gets its id in the URL at once, so reloading the page reopens this story.
  useEffect(() => {
    if (routeId === '') void Taro.redirectTo({ url: routes.storyEditor({ id: newStoryId() }) });
  }, [routeId]);

  useEffect(() => {
    if (routeId === '') return undefined;
    let alive = true;
    load(routeId).then(
      async (l) => {
        if (!alive) return;
        let start = l.fields;
        let baseVersion = l.version;
        const local = readLocalDraft(l.storyId);
        if (local && !l.server) {
          // The server never saw this story: the device's copy is the only one, nothing to choose.
          start = local.fields;
          baseVersion = local.baseVersion;
        } else if (local && !sameFields(local.fields, l.fields)) {
          const answer = await Taro.showModal({ title: '恢复草稿', content: `本机有一份未同步的草稿（${formatDateTime(local.editedAt)} 编辑），是否恢复？`, confirmText: '恢复', cancelText: '丢弃' });
          if (answer.confirm) {
            start = local.fields;
            // Edits made on top of an older server version: the save will say CONFLICT, not overwrite.
            baseVersion = local.baseVersion;
          } else clearLocalDraft(l.storyId);
        } else if (local) clearLocalDraft(l.storyId);
        if (!alive) return;
        const blank = !l.server && start === l.fields;
        const s = new DraftSync({
          storyId: l.storyId,
          fields: start,
          version: baseVersion,
          status: blank ? 'new' : 'saved',
          save: (req) => call('authoring', 'saveDraft', req),
          onStatus: (st) => setStatus(st),
        });
        sync.current = s;
        setStatus(blank ? 'new' : 'saved');
        const d = docOf(start);
        docRef.current = d;
        setLoaded(l);
        setDoc(d);
        setThumbs(thumbsOf(l.server));
        if (start !== l.fields) s.edit(start);
      },
      (err) => alive && setError(toFailure(err)),
    );
    return () => {
      alive = false;
      const s = sync.current;
      if (s) {
        // Leaving the page: try once more, the local copy covers a failure.
        void s.flush().finally(() => s.stop());
      }
    };
  }, [routeId]);

  // Thumbnails the draft did not bring: one small preview per file, each asked once.
  const storyId = loaded?.storyId ?? '';
  // A video's thumbnail is its poster.
  const wanted = doc ? [...imagesInText(doc.text, doc.images).map((i) => i.poster ?? i.file), ...(doc.fields.cover ? [doc.fields.cover] : [])] : [];
  const missingKey = wanted.filter((f) => thumbs[f] === undefined && !asked.current.has(f)).join('\n');
  useEffect(() => {
    if (!storyId || missingKey === '') return;
    for (const file of missingKey.split('\n')) {
      asked.current.add(file);
      thumbnailOf(file, storyId).then(
        (url) => setThumbs((t) => ({ ...t, [file]: url })),
        () => setThumbs((t) => ({ ...t, [file]: NO_THUMB })),
      );
    }
  }, [storyId, missingKey]);

  // Side by side: the preview follows the text after a pause in typing; a late answer never replaces a newer one.
  const markdown = doc?.fields.markdown ?? null;
  const liveSeq = useRef(0);
  useEffect(() => {
    if (!wide || markdown === null || !storyId) return undefined;
    const seq = ++liveSeq.current;
    const timer = setTimeout(() => {
      call('authoring', 'preview', { markdown, storyId }).then(
        (res) => seq === liveSeq.current && setLive(res),
        () => undefined,
      );
    }, LIVE_PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [wide, markdown, storyId]);

  const frozen = loaded?.server?.state === 'in_review';

  /** Every change goes through here: the screen, the sync (local copy now, server soon) and the refusal shown beside the field. */
  const commit = (next: EditorDoc, touched: string[]) => {
    docRef.current = next;
    setDoc(next);
    sync.current?.edit(next.fields);
    if (touched.some((k) => errors[k] !== undefined)) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
    setSubmitError(null);
  };

  const update = (patch: Partial<Omit<DraftFields, 'markdown'>>) => {
    const d = docRef.current;
    if (!d || frozen) return;
    commit({ ...d, fields: { ...d.fields, ...patch } }, Object.keys(patch));
  };

  const setText = (text: string, images?: StoryImage[]) => {
    const d = docRef.current;
    if (!d || frozen) return;
    const imgs = images ?? d.images;
    commit({ fields: { ...d.fields, markdown: toMarkdown(text, imgs) }, text, images: imgs }, ['markdown']);
  };

  const insert = (snippet: string) => {
    const d = docRef.current;
    if (!d) return;
    const r = insertAt(d.text, cursor.current, snippet);
    cursor.current = r.cursor;
    setText(r.text);
  };

  const upload = async (): Promise<{ fileId: string; width: number; height: number } | null> => {
    const picked = await pickImage({ square: false });
    if (!picked) return null;
    setBusy(true);
    try {
      return await call('authoring', 'uploadImage', { purpose: 'story', base64: picked.base64 });
    } finally {
      setBusy(false);
    }
  };

  const insertImage = async () => {
    try {
      const up = await upload();
      const d = docRef.current;
      if (!up || !d) return;
      const img = addImage(d.text, d.images, up.fileId, up);
      const r = insertBlock(d.text, cursor.current, `![](${img.label})`);
      cursor.current = r.cursor;
      setText(r.text, [...d.images, img]);
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  /**
   * 视频: choose (≤ 60 s, ≤ 25 MB, checked on the device first), upload its poster frame as a
   * story image — or, when no frame could be taken, a cover image the writer picks — then the
   * video in parts with a progress bar, and put 视频N where the cursor is.
   */
  const insertVideo = async () => {
    if (busy) return;
    try {
      const picked = await pickVideo();
      if (!picked) return;
      if (typeof picked === 'string') {
        void Taro.showToast({ title: REFUSAL_TEXT[picked], icon: 'none' });
        return;
      }
      let posterBase64 = picked.posterBase64;
      if (!posterBase64) {
        const answer = await Taro.showModal({ title: '选择视频封面', content: '无法从这段视频截取画面作封面，请选择一张图片作为视频封面。', confirmText: '选择图片', cancelText: '取消' });
        if (!answer.confirm) return;
        posterBase64 = (await pickImage({ square: false }))?.base64 ?? null;
        if (!posterBase64) return;
      }
      setBusy(true);
      setVideoProgress(0);
      const poster = await call('authoring', 'uploadImage', { purpose: 'story', base64: posterBase64 });
      const video = await uploadVideo(picked, setVideoProgress);
      const d = docRef.current;
      if (!d) return;
      const item = addVideo(d.text, d.images, video.fileId, poster.fileId, video);
      const r = insertBlock(d.text, cursor.current, `![](${item.label})`);
      cursor.current = r.cursor;
      setText(r.text, [...d.images, item]);
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    } finally {
      setBusy(false);
      setVideoProgress(null);
    }
  };

  const chooseCover = async () => {
    try {
      const up = await upload();
      if (up) update({ cover: up.fileId });
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  const togglePreview = async () => {
    const d = docRef.current;
    if (!d) return;
    if (preview) {
      setPreview(null);
      return;
    }
    try {
      // With the story named, images already on it render even when another editor uploaded them.
      setPreview(await call('authoring', 'preview', { markdown: d.fields.markdown, storyId }));
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  const showServer = (server: DraftView) => {
    const d = docOf(fieldsOf(server), docRef.current?.images);
    docRef.current = d;
    setDoc(d);
    setThumbs((t) => ({ ...t, ...thumbsOf(server) }));
  };

  const resolveConflict = async (keepMine: boolean) => {
    if (!loaded || !sync.current) return;
    if (keepMine && !(await confirmAction({ title: '覆盖服务器版本', content: '别的设备上所做的修改将被你的版本替换，且无法找回。', confirmText: '覆盖', danger: true }))) return;
    try {
      const server = await call('authoring', 'draft', { storyId });
      if (keepMine) await sync.current.overwrite(server.version);
      else {
        clearLocalDraft(storyId);
        sync.current.adopt(server.version);
        showServer(server);
        setLoaded({ ...loaded, server });
      }
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  const submit = async () => {
    const s = sync.current;
    // The button is disabled too; this guard holds where a tap slips through.
    if (!s || !loaded || frozen || busy) return;
    setSubmitError(null);
    if (s.current.status === 'new') {
      // Nothing was written: the server's answer is known without asking it (and without creating an empty draft).
      const missing = { title: REFUSAL_TEXT.title_missing, markdown: REFUSAL_TEXT.body_empty };
      setErrors(missing);
      setSubmitError(Object.values(missing).join('；'));
      return;
    }
    setBusy(true);
    try {
      await s.flush();
      if (s.current.status !== 'saved') {
        setSubmitError(s.refusal?.message ?? '草稿尚未保存到服务器，请稍后再提交');
        return;
      }
      const card = await call('authoring', 'submit', { storyId, version: s.current.version });
      s.adopt(s.current.version + 1);
      void Taro.showToast({ title: card.secCheck === 'review' ? '已提交，内容需人工复核' : '已提交审核', icon: 'success' });
      void Taro.redirectTo({ url: routes.drafts() });
    } catch (err) {
      const failure = toFailure(err);
      const byField = fieldErrors(failure);
      // A refusal about the title or the body reads beside it, and under the button where the tap was.
      if (Object.keys(byField).length > 0) {
        setErrors(byField);
        setSubmitError(Object.values(byField).join('；'));
      } else setSubmitError(failure.message);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (!loaded?.server) return;
    try {
      await call('authoring', 'withdraw', { storyId, version: loaded.server.version });
      const server = await call('authoring', 'draft', { storyId });
      sync.current?.adopt(server.version);
      setLoaded({ ...loaded, server });
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  if (error) return <StateView kind='error' deniedTitle='仅宣传员可以撰写事迹' error={error} />;
  if (!loaded || !doc) return <View className='authoring authoring--loading'>加载中…</View>;
  const server = loaded.server;
  const { fields } = doc;
  const shown = imagesInText(doc.text, doc.images);
  // A refused autosave about one input reads beside it too (a cover that is not the caller's upload).
  const saveRefusal = status === 'frozen' && sync.current?.refusal ? fieldErrors(sync.current.refusal) : {};
  const errorOf = (path: string) => errors[path] ?? saveRefusal[path] ?? null;
  const coverThumb = fields.cover ? thumbs[fields.cover] : undefined;

  const fieldError = (path: string) => {
    const text = errorOf(path);
    return text ? (
      <View className='story-editor__error' role='alert' data-testid={`error-${path}`}>
        {text}
      </View>
    ) : null;
  };

  return (
    <View className={`story-editor${wide ? ' story-editor--wide' : ''}`}>
      <View className='story-editor__main'>
        {status === 'conflict' ? (
          <View className='authoring__banner story-editor__banner'>
            <Text>这份草稿在别的设备上被修改过。</Text>
            <View className='story-editor__banner-actions'>
              <Button className='story-editor__button' onClick={() => void resolveConflict(true)}>用我的版本覆盖</Button>
              <Button className='story-editor__button' onClick={() => void resolveConflict(false)}>载入服务器版本</Button>
            </View>
          </View>
        ) : null}
        {server?.state === 'returned' && server.comment ? (
          <View className='authoring__banner authoring__banner--returned'>
            <Text>审核退回：{server.comment}</Text>
          </View>
        ) : null}
        {frozen ? (
          <View className='authoring__banner story-editor__banner'>
            <Text>审核中，内容已锁定。</Text>
            <View className='story-editor__banner-actions'>
              <Button className='story-editor__button' onClick={() => void withdraw()}>撤回修改</Button>
            </View>
          </View>
        ) : null}
        {server?.publishedRevision ? <Text className='authoring__hint'>正在修改已发布的第 {server.publishedRevision} 版，读者仍看到原文，审核通过后替换</Text> : null}

        <Input
          className={`story-editor__title${errorOf('title') ? ' story-editor__title--error' : ''}`}
          aria-label='标题'
          value={fields.title}
          maxlength={STORY_LIMITS.title}
          placeholder='事迹标题'
          disabled={frozen || undefined}
          onInput={(e) => update({ title: e.detail.value })}
        />
        {fieldError('title')}

        <View className='story-editor__meta'>
          <View className='story-editor__row'>
            <Text className='story-editor__label'>摘要</Text>
            <Input className='story-editor__input' aria-label='摘要' value={fields.summary} maxlength={STORY_LIMITS.summary} placeholder='留空则取正文第一段' disabled={frozen || undefined} onInput={(e) => update({ summary: e.detail.value })} />
          </View>
          {fieldError('summary')}
          <View className='story-editor__row'>
            <Text className='story-editor__label'>署名</Text>
            <Input className='story-editor__input' aria-label='署名' value={fields.author} maxlength={STORY_LIMITS.author} placeholder='作者署名' disabled={frozen || undefined} onInput={(e) => update({ author: e.detail.value })} />
          </View>
          {fieldError('author')}
          <View className='story-editor__row story-editor__row--top'>
            <Text className='story-editor__label'>封面</Text>
            <View className='story-editor__cover'>
              {fields.cover ? (
                coverThumb && coverThumb !== NO_THUMB ? (
                  <Picture className='story-editor__cover-img' src={coverThumb} mode='aspectFill' alt='封面' onClick={() => void Taro.previewImage({ current: coverThumb, urls: [coverThumb] })} />
                ) : (
                  <View className='story-editor__thumb-empty story-editor__cover-img'>{coverThumb === NO_THUMB ? '无法显示' : '加载中'}</View>
                )
              ) : null}
              <View className='story-editor__cover-actions'>
                <Button className='story-editor__button' disabled={frozen || busy || undefined} onClick={() => void chooseCover()}>
                  {fields.cover ? '更换封面' : '选择封面'}
                </Button>
                {fields.cover ? (
                  <Button className='story-editor__button' disabled={frozen || undefined} onClick={() => update({ cover: null })}>
                    移除封面
                  </Button>
                ) : null}
              </View>
            </View>
          </View>
          {fieldError('cover')}
          {loaded.campaigns.length > 0 ? (
            <Picker
              label='专题'
              summary={loaded.campaigns.find((c) => c._id === fields.campaignId)?.name ?? '未选择'}
              open={picking === 'campaign'}
              onToggle={() => setPicking(picking === 'campaign' ? null : 'campaign')}
            >
              {loaded.campaigns.map((c) => (
                <View
                  key={c._id}
                  className={`story-editor__chip${fields.campaignId === c._id ? ' story-editor__chip--on' : ''}`}
                  role='checkbox'
                  aria-checked={fields.campaignId === c._id}
                  onClick={() => update({ campaignId: fields.campaignId === c._id ? null : c._id })}
                >
                  {c.name}
                </View>
              ))}
            </Picker>
          ) : null}
          {loaded.exemplars.length > 0 ? (
            <Picker
              label='关联典型'
              summary={loaded.exemplars.filter((e) => fields.exemplarIds.includes(e._id)).map((e) => e.name).join('、') || '未选择'}
              open={picking === 'exemplars'}
              onToggle={() => setPicking(picking === 'exemplars' ? null : 'exemplars')}
            >
              {loaded.exemplars.map((e) => {
                const on = fields.exemplarIds.includes(e._id);
                return (
                  <View
                    key={e._id}
                    className={`story-editor__chip${on ? ' story-editor__chip--on' : ''}`}
                    role='checkbox'
                    aria-checked={on}
                    onClick={() => update({ exemplarIds: on ? fields.exemplarIds.filter((x) => x !== e._id) : [...fields.exemplarIds, e._id].slice(0, STORY_LIMITS.exemplars) })}
                  >
                    {e.name}
                  </View>
                );
              })}
            </Picker>
          ) : null}
        </View>

        {/* Pinned while the text scrolls under it: the tools and whether the text is saved. */}
        <View className='story-editor__bar'>
          <View className='story-editor__tools'>
            {TOOLBAR.map((t) => (
              <Button key={t.label} className='story-editor__tool' disabled={frozen || !!preview || undefined} onClick={() => insert(t.snippet)}>
                {t.label}
              </Button>
            ))}
            <Button className='story-editor__tool' disabled={frozen || busy || !!preview || undefined} onClick={() => void insertImage()}>
              图片
            </Button>
            <Button className='story-editor__tool' disabled={frozen || busy || !!preview || undefined} onClick={() => void insertVideo()}>
              视频
            </Button>
            {wide ? null : (
              <Button className='story-editor__tool story-editor__tool--preview' onClick={() => void togglePreview()}>
                {preview ? '编辑' : '预览'}
              </Button>
            )}
          </View>
          <View className={`story-editor__status story-editor__status--${status}`} role='status'>
            {status === 'frozen' && sync.current?.failure ? `未能保存：${sync.current.failure}` : STATUS_TEXT[status]}
          </View>
          {videoProgress !== null ? (
            <View className='story-editor__upload' role='progressbar' aria-label='视频上传进度' aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(videoProgress * 100)}>
              <Text className='story-editor__upload-text'>{videoProgress >= 0.95 ? '视频已上传，正在检查…' : `正在上传视频 ${Math.round(videoProgress * 100)}%`}</Text>
              <View className='story-editor__upload-track'>
                <View className='story-editor__upload-bar' style={{ width: `${Math.round(videoProgress * 100)}%` }} />
              </View>
            </View>
          ) : null}
        </View>

        {shown.length > 0 && !preview ? (
          <View className='story-editor__images' data-testid='story-images'>
            {shown.map((img) => {
              const url = thumbs[img.poster ?? img.file];
              const duration = img.poster ? videoDurationMs(img) : null;
              return (
                <View key={img.label} className='story-editor__thumb' data-testid='story-image'>
                  {url && url !== NO_THUMB ? (
                    img.poster ? (
                      // A video reads as one: its poster with a play mark and its length; the preview plays it.
                      <View className='story-editor__thumb-img story-editor__thumb-video'>
                        <Picture className='story-editor__thumb-img' src={url} mode='aspectFill' alt={`${img.label}（视频封面）`} />
                        <Text className='story-editor__thumb-play'>▶</Text>
                        {duration !== null ? <Text className='story-editor__thumb-duration'>{formatDuration(duration)}</Text> : null}
                      </View>
                    ) : (
                      <Picture className='story-editor__thumb-img' src={url} mode='aspectFill' alt={img.label} onClick={() => void Taro.previewImage({ current: url, urls: [url] })} />
                    )
                  ) : (
                    <View className='story-editor__thumb-img story-editor__thumb-empty'>{url === NO_THUMB ? '无法显示' : '加载中'}</View>
                  )}
                  <View className='story-editor__thumb-foot'>
                    <Text className='story-editor__thumb-label'>{img.label}</Text>
                    <Button className='story-editor__button story-editor__thumb-remove' disabled={frozen || undefined} onClick={() => setText(removeImage(doc.text, img.label))}>
                      移除
                    </Button>
                  </View>
                </View>
              );
            })}
            <Text className='story-editor__images-hint'>
              {shown.some((img) => img.poster) ? '正文里的 ![说明](图1)、![说明](视频1) 即图 1、视频 1 的位置，方括号里可写说明' : '正文里的 ![说明](图1) 即图 1 的位置，方括号里可写图片说明'}
            </Text>
          </View>
        ) : null}

        {/* Above the box, where it is seen: the box is at least a screen tall. */}
        {fieldError('markdown')}
        {preview ? (
          <Preview title={fields.title} result={preview} />
        ) : (
          <Textarea
            className={`story-editor__body${errorOf('markdown') ? ' story-editor__body--error' : ''}`}
            aria-label='正文'
            value={doc.text}
            autoHeight
            maxlength={STORY_LIMITS.markdown}
            disabled={frozen || undefined}
            showConfirmBar={false}
            disableDefaultPadding
            placeholder={'在这里写正文。\n\n## 小标题\n\n正文段落，**加粗**。\n\n> 引用'}
            onInput={(e) => {
              const d = e.detail as { value: string; cursor?: number };
              cursor.current = typeof d.cursor === 'number' ? d.cursor : d.value.length;
              setText(d.value);
            }}
          />
        )}

        <View className='story-editor__submit'>
          {submitError ? (
            <View className='story-editor__error' role='alert' data-testid='submit-error'>
              {submitError}
            </View>
          ) : null}
          <Button className='story-editor__submit-button' type='primary' disabled={frozen || busy || undefined} onClick={() => void submit()}>
            提交审核
          </Button>
        </View>
      </View>

      {wide ? (
        <View className='story-editor__side'>
          <Text className='story-editor__side-head'>预览（读者看到的样子）</Text>
          {live ? <Preview title={fields.title} result={live} /> : <Text className='authoring__hint'>正在生成预览…</Text>}
        </View>
      ) : null}
    </View>
  );
}

export { insertAt, insertBlock };
