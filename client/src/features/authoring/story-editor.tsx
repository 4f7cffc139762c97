import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { STORY_LIMITS, type CampaignCard, type DraftView, type ExemplarCard, type Me, type PreviewResult } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { isId } from '../../lib/ids';
import { pickImage } from '../../lib/image-pick';
import { unitsWithRole } from '../../lib/roles';
import { routes } from '../../lib/routes';
import { PAGE_LIMIT_MAX } from '../../lib/schema-limits';
import { ContentBlocks } from '../../components/content-blocks';
import { StateView } from '../../components/state-view';
import { DraftSync, clearLocalDraft, newStoryId, readLocalDraft, sameFields, type DraftFields, type SyncStatus } from './draft-sync';
import './authoring.scss';

const STATUS_TEXT: Record<SyncStatus, string> = {
  saved: '已保存',
  pending: '未保存',
  saving: '保存中…',
  offline: '网络不佳，已存本机，稍后自动重试',
  conflict: '草稿已在别处修改',
  frozen: '未能保存',
};

interface Loaded {
  storyId: string;
  server: DraftView | null;
  fields: DraftFields;
  version: number;
  campaigns: CampaignCard[];
  exemplars: ExemplarCard[];
}

function fieldsOf(d: DraftView): DraftFields {
  return { title: d.title, summary: d.summary, cover: d.cover, campaignId: d.campaignId, exemplarIds: d.exemplarIds, unitId: d.unitId, author: d.author, markdown: d.markdown };
}

function editorUnit(me: Me): string | null {
  return unitsWithRole(me, 'editor')[0]?._id ?? null;
}

async function load(routeId: string): Promise<Loaded> {
  if (routeId !== '' && !isId(routeId)) throw new ApiFailure('NOT_FOUND', 'bad story id in route');
  const [me, campaigns, major] = await Promise.all([
    call('identity', 'me', {}),
    call('content', 'campaigns', {}),
    call('content', 'exemplars', { tier: 'major', limit: PAGE_LIMIT_MAX }),
  ]);
  const unitId = editorUnit(me);
  if (!unitId) throw new ApiFailure('PERMISSION_DENIED', 'not an editor');
  let server: DraftView | null = null;
  const storyId = routeId || newStoryId();
  if (routeId) {
    try {
      server = await call('authoring', 'draft', { storyId: routeId });
    } catch (err) {
      // A new story whose first save never reached the server exists only on this device.
      if (!(err instanceof ApiFailure && err.code === 'NOT_FOUND' && readLocalDraft(routeId))) throw err;
    }
  }
  const fields: DraftFields = server
    ? fieldsOf(server)
    : { title: '', summary: '', cover: null, campaignId: null, exemplarIds: [], unitId, author: '', markdown: '' };
  return { storyId, server, fields, version: server?.version ?? 0, campaigns: campaigns.items, exemplars: major.items };
}

/** Where the markdown toolbar inserts: at the cursor the textarea last reported, else at the end. */
function insertAt(text: string, cursor: number | null, snippet: string): { text: string; cursor: number } {
  const at = cursor === null || cursor < 0 || cursor > text.length ? text.length : cursor;
  const before = text.slice(0, at);
  const needsBreak = snippet.startsWith('\n') && (before === '' || before.endsWith('\n'));
  const piece = needsBreak ? snippet.slice(1) : snippet;
  return { text: before + piece + text.slice(at), cursor: at + piece.length };
}

const TOOLBAR: { label: string; snippet: string }[] = [
  { label: '标题', snippet: '\n## ' },
  { label: '加粗', snippet: '**加粗文字**' },
  { label: '斜体', snippet: '*斜体文字*' },
  { label: '引用', snippet: '\n> ' },
  { label: '列表', snippet: '\n- ' },
  { label: '链接', snippet: '[链接文字](https://)' },
];

/** 写事迹: Markdown with a toolbar, autosaved (local copy first), previewed exactly as published. */
export function StoryEditorScreen() {
  const routeId = useRouter().params.id ?? '';
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [fields, setFields] = useState<DraftFields | null>(null);
  const [status, setStatus] = useState<SyncStatus>('saved');
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [busy, setBusy] = useState(false);
  const cursor = useRef<number | null>(null);
  const sync = useRef<DraftSync | null>(null);

  useEffect(() => {
    let live = true;
    load(routeId).then(
      async (l) => {
        if (!live) return;
        let start = l.fields;
        let baseVersion = l.version;
        const local = readLocalDraft(l.storyId);
        if (local && !sameFields(local.fields, l.fields)) {
          const when = new Date(local.editedAt);
          const hhmm = `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
          const answer = await Taro.showModal({ title: '恢复草稿', content: `本机有一份未同步的草稿（${hhmm} 编辑），是否恢复？`, confirmText: '恢复', cancelText: '丢弃' });
          if (answer.confirm) {
            start = local.fields;
            // Edits made on top of an older server version: the save will say CONFLICT, not overwrite.
            baseVersion = local.baseVersion;
          } else clearLocalDraft(l.storyId);
        } else if (local) clearLocalDraft(l.storyId);
        if (!live) return;
        const s = new DraftSync({
          storyId: l.storyId,
          fields: start,
          version: baseVersion,
          save: (req) => call('authoring', 'saveDraft', req),
          onStatus: (st) => setStatus(st),
        });
        sync.current = s;
        setLoaded(l);
        setFields(start);
        if (start !== l.fields) s.edit(start);
      },
      (err) => live && setError(toFailure(err)),
    );
    return () => {
      live = false;
      const s = sync.current;
      if (s) {
        // Leaving the page: try once more, the local copy covers a failure.
        void s.flush().finally(() => s.stop());
      }
    };
  }, [routeId]);

  const frozen = loaded?.server?.state === 'in_review';
  const update = (patch: Partial<DraftFields>) => {
    if (!fields || frozen) return;
    const next = { ...fields, ...patch };
    setFields(next);
    sync.current?.edit(next);
  };

  const insert = (snippet: string) => {
    if (!fields) return;
    const r = insertAt(fields.markdown, cursor.current, snippet);
    cursor.current = r.cursor;
    update({ markdown: r.text });
  };

  const insertImage = async () => {
    try {
      const picked = await pickImage({ square: false });
      if (!picked) return;
      setBusy(true);
      const up = await call('authoring', 'uploadImage', { purpose: 'story', base64: picked.base64 });
      insert(`\n![](${up.fileId} "${up.width}x${up.height}")\n`);
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const chooseCover = async () => {
    try {
      const picked = await pickImage({ square: false });
      if (!picked) return;
      setBusy(true);
      const up = await call('authoring', 'uploadImage', { purpose: 'story', base64: picked.base64 });
      update({ cover: up.fileId });
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const showPreview = async () => {
    if (!fields) return;
    if (preview) {
      setPreview(null);
      return;
    }
    try {
      // With the story named, images already on it render even when another editor uploaded them.
      setPreview(await call('authoring', 'preview', { markdown: fields.markdown, storyId: loaded?.storyId }));
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  const resolveConflict = async (keepMine: boolean) => {
    if (!loaded || !sync.current) return;
    try {
      const server = await call('authoring', 'draft', { storyId: loaded.storyId });
      if (keepMine) await sync.current.overwrite(server.version);
      else {
        clearLocalDraft(loaded.storyId);
        const f = fieldsOf(server);
        sync.current.adopt(server.version);
        setFields(f);
        setLoaded({ ...loaded, server });
      }
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  const submit = async () => {
    const s = sync.current;
    // The button is disabled too; this guard holds where a tap slips through.
    if (!s || !loaded || frozen) return;
    setBusy(true);
    try {
      await s.flush();
      if (s.current.status !== 'saved') {
        void Taro.showToast({ title: '草稿尚未保存到服务器，请稍后再提交', icon: 'none' });
        return;
      }
      const card = await call('authoring', 'submit', { storyId: loaded.storyId, version: s.current.version });
      s.adopt(s.current.version + 1);
      void Taro.showToast({ title: card.secCheck === 'review' ? '已提交，内容需人工复核' : '已提交审核', icon: 'success' });
      void Taro.redirectTo({ url: routes.drafts() });
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (!loaded?.server) return;
    try {
      await call('authoring', 'withdraw', { storyId: loaded.storyId, version: loaded.server.version });
      const server = await call('authoring', 'draft', { storyId: loaded.storyId });
      sync.current?.adopt(server.version);
      setLoaded({ ...loaded, server });
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  };

  const campaigns = useMemo(() => loaded?.campaigns ?? [], [loaded]);
  if (error) return <StateView kind='error' deniedTitle='仅宣传员可以撰写事迹' error={error} />;
  if (!loaded || !fields) return <View className='authoring authoring--loading'>加载中…</View>;
  const server = loaded.server;

  return (
    <View className='authoring'>
      <View className={`authoring__status authoring__status--${status}`} role='status'>
        <Text>{STATUS_TEXT[status]}</Text>
        {server?.publishedRevision ? <Text className='authoring__hint'>正在修改已发布的第 {server.publishedRevision} 版，读者仍看到原文，审核通过后替换</Text> : null}
      </View>
      {status === 'conflict' ? (
        <View className='authoring__banner'>
          <Text>这份草稿在别的设备上被修改过。</Text>
          <Button size='mini' onClick={() => void resolveConflict(true)}>用我的版本覆盖</Button>
          <Button size='mini' onClick={() => void resolveConflict(false)}>载入服务器版本</Button>
        </View>
      ) : null}
      {server?.state === 'returned' && server.comment ? (
        <View className='authoring__banner authoring__banner--returned'>
          <Text>审核退回：{server.comment}</Text>
        </View>
      ) : null}
      {frozen ? (
        <View className='authoring__banner'>
          <Text>审核中，内容已锁定。</Text>
          <Button size='mini' onClick={() => void withdraw()}>撤回修改</Button>
        </View>
      ) : null}

      <View className='authoring__field'>
        <Text className='authoring__label'>标题</Text>
        <Input className='authoring__input' aria-label='标题' value={fields.title} maxlength={STORY_LIMITS.title} placeholder='事迹标题' disabled={frozen || undefined} onInput={(e) => update({ title: e.detail.value })} />
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>摘要</Text>
        <Input className='authoring__input' aria-label='摘要' value={fields.summary} maxlength={STORY_LIMITS.summary} placeholder='留空则取正文第一段' disabled={frozen || undefined} onInput={(e) => update({ summary: e.detail.value })} />
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>署名</Text>
        <Input className='authoring__input' aria-label='署名' value={fields.author} maxlength={STORY_LIMITS.author} placeholder='作者署名' disabled={frozen || undefined} onInput={(e) => update({ author: e.detail.value })} />
      </View>

      <View className='authoring__field'>
        <Text className='authoring__label'>封面</Text>
        <Button className='authoring__tool' size='mini' disabled={frozen || busy || undefined} onClick={() => void chooseCover()}>
          {fields.cover ? '更换封面' : '从相册选择封面'}
        </Button>
        {fields.cover ? <Text className='authoring__hint'>封面已上传</Text> : null}
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>专题</Text>
        <View className='authoring__chips'>
          {campaigns.map((c) => (
            <Text
              key={c._id}
              className={`authoring__chip${fields.campaignId === c._id ? ' authoring__chip--on' : ''}`}
              onClick={() => update({ campaignId: fields.campaignId === c._id ? null : c._id })}
            >
              {c.name}
            </Text>
          ))}
        </View>
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>关联典型</Text>
        <View className='authoring__chips'>
          {loaded.exemplars.map((e) => {
            const on = fields.exemplarIds.includes(e._id);
            return (
              <Text
                key={e._id}
                className={`authoring__chip${on ? ' authoring__chip--on' : ''}`}
                onClick={() => update({ exemplarIds: on ? fields.exemplarIds.filter((x) => x !== e._id) : [...fields.exemplarIds, e._id].slice(0, STORY_LIMITS.exemplars) })}
              >
                {e.name}
              </Text>
            );
          })}
        </View>
      </View>

      <View className='authoring__toolbar'>
        {TOOLBAR.map((t) => (
          <Button key={t.label} className='authoring__tool' size='mini' disabled={frozen || undefined} onClick={() => insert(t.snippet)}>
            {t.label}
          </Button>
        ))}
        <Button className='authoring__tool' size='mini' disabled={frozen || busy || undefined} onClick={() => void insertImage()}>
          图片
        </Button>
        <Button className='authoring__tool' size='mini' onClick={() => void showPreview()}>
          {preview ? '返回编辑' : '预览'}
        </Button>
      </View>

      {preview ? (
        <View className='authoring__preview'>
          {preview.issues.map((i) => (
            <Text key={`${i.line}-${i.message}`} className='authoring__issue'>
              第 {i.line} 行：{i.message}
            </Text>
          ))}
          <Text className='authoring__preview-title'>{fields.title}</Text>
          <ContentBlocks
            blocks={preview.blocks}
            onPreviewImage={(url) => void Taro.previewImage({ current: url, urls: [url] })}
            onCopyLink={copyLink}
          />
        </View>
      ) : (
        <Textarea
          className='authoring__markdown'
          aria-label='正文'
          value={fields.markdown}
          maxlength={STORY_LIMITS.markdown}
          disabled={frozen || undefined}
          placeholder={'## 小标题\n\n正文段落，**加粗**、*斜体*。\n\n> 引用'}
          onInput={(e) => {
            const d = e.detail as { value: string; cursor?: number };
            cursor.current = typeof d.cursor === 'number' ? d.cursor : d.value.length;
            update({ markdown: d.value });
          }}
        />
      )}

      <View className='authoring__actions'>
        <Button className='authoring__submit' type='primary' disabled={frozen || busy || undefined} onClick={() => void submit()}>
          提交审核
        </Button>
      </View>
    </View>
  );
}

export { insertAt };
