import { useState } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { adminSchemas, type CampaignAdminView } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { chinaDayEnd, chinaDayStart, formatDate, formatPeriod } from '../../lib/dates';
import { pickImage } from '../../lib/image-pick';
import { CAMPAIGN_LIMITS } from '../../lib/schema-limits';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import './staff-admin.scss';
import { FormFooter } from './form-footer';
import { Picture } from '../../components/picture';

/** What readers see of a campaign now, as its row's badge. */
export function campaignBadge(c: Pick<CampaignAdminView, 'archived' | 'storyCount' | 'startedAt' | 'endsAt' | 'rollCount'>, now: number): { text: string; tone: 'neutral' | 'warn' | 'ok' } {
  if (c.archived) return { text: '已归档', tone: 'neutral' };
  // A selection's results campaign is shown for its winners before any story is filed under it.
  if (c.storyCount === 0 && !c.rollCount) return { text: '读者不可见', tone: 'warn' };
  if (c.endsAt !== null && c.endsAt < now) return { text: '期间已过', tone: 'warn' };
  if (c.startedAt > now) return { text: '未开始', tone: 'neutral' };
  return { text: '展示中', tone: 'ok' };
}

interface Draft {
  id?: string;
  name: string;
  slug: string;
  description: string;
  order: string;
  /** The cover's file id, and what to show of it (a URL, or the picked image itself). */
  cover: { fileId: string; preview: string | null } | null;
  /** Days in China time, YYYY-MM-DD; no end: open-ended. */
  start: string;
  end: string;
  /** The stored period: a day left as it was keeps its exact moment. */
  saved?: { startedAt: number; endsAt: number | null };
  archived: boolean;
}

function emptyDraft(order: number, now: number): Draft {
  return { name: '', slug: '', description: '', order: String(order), cover: null, start: formatDate(now), end: '', archived: false };
}

function draftOf(c: CampaignAdminView): Draft {
  return {
    id: c._id,
    name: c.name,
    slug: c.slug,
    description: c.description,
    order: String(c.order),
    cover: c.cover ? { fileId: c.cover.fileId, preview: c.cover.url } : null,
    start: formatDate(c.startedAt),
    end: c.endsAt === null ? '' : formatDate(c.endsAt),
    saved: { startedAt: c.startedAt, endsAt: c.endsAt },
    archived: c.archived,
  };
}

/** The whole campaign as admin.saveCampaign takes it. */
function request(d: Draft) {
  return {
    ...(d.id ? { id: d.id } : {}),
    name: d.name.trim(),
    slug: d.slug,
    description: d.description.trim(),
    order: Number(d.order),
    cover: d.cover?.fileId ?? null,
    startedAt: d.saved && d.start === formatDate(d.saved.startedAt) ? d.saved.startedAt : chinaDayStart(d.start),
    endsAt: !d.end ? null : d.saved?.endsAt != null && d.end === formatDate(d.saved.endsAt) ? d.saved.endsAt : chinaDayEnd(d.end),
    archived: d.archived,
  };
}

/** What is wrong with the form before it is sent (the server checks the same with the shared schema). */
function problem(d: Draft): string | null {
  if (!d.name.trim()) return '请填写专题名称';
  if (!adminSchemas.saveCampaign.shape.slug.safeParse(d.slug).success) return '标识为 2–40 位小写字母、数字或连字符';
  if (!d.description.trim()) return '请填写专题简介';
  if (!/^\d+$/.test(d.order) || Number(d.order) > CAMPAIGN_LIMITS.orderMax) return `排序为 0–${CAMPAIGN_LIMITS.orderMax} 的整数`;
  if (d.end && d.end < d.start) return '结束日期不能早于开始日期';
  return null;
}

function CampaignForm({ initial, onSaved, onCancel }: { initial: Draft; onSaved: () => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(initial);
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction();
  const upload = useAction();
  const set = (k: 'name' | 'slug' | 'description' | 'order') => (e: { detail: { value: string } }) => setD((prev) => ({ ...prev, [k]: e.detail.value }));

  async function chooseCover() {
    const picked = await upload.run(async () => {
      const image = await pickImage({ square: false });
      if (!image) return null;
      const up = await call('authoring', 'uploadImage', { purpose: 'cover', base64: image.base64 });
      return { fileId: up.fileId, preview: `data:image/jpeg;base64,${image.base64}` };
    });
    if (picked) setD((prev) => ({ ...prev, cover: picked }));
  }

  async function submit() {
    const p = problem(d);
    setInvalid(p);
    if (p) return;
    // A taken slug or a cover that is not the admin's reads through its reason (slug_taken, file_not_accepted).
    const saved = await save.run(() => call('admin', 'saveCampaign', request(d)), '已保存');
    if (saved) onSaved();
  }

  return (
    <View className='section campaign-form' data-testid='campaign-form'>
      <Text className='section-title'>{d.id ? '编辑专题' : '新建专题'}</Text>
      <Text className='field__label'>名称</Text>
      <Input className='field__input' value={d.name} maxlength={CAMPAIGN_LIMITS.name} aria-label='名称' onInput={set('name')} />
      <Text className='field__label'>标识（用于链接）</Text>
      <Input className='field__input' value={d.slug} maxlength={40} aria-label='标识' onInput={set('slug')} />
      <Text className='field__label'>简介</Text>
      <Textarea className='field__textarea' value={d.description} maxlength={CAMPAIGN_LIMITS.description} aria-label='简介' onInput={set('description')} />

      <Text className='field__label'>封面（横图，首页与专题页顶部显示）</Text>
      <View className='campaign-cover'>
        {d.cover?.preview ? (
          <Picture className='campaign-cover__image' src={d.cover.preview} mode='aspectFill' alt='封面' />
        ) : (
          <View className='campaign-cover__image campaign-cover__image--empty'>
            <Text>{d.cover ? '封面审核中' : '未设置封面'}</Text>
          </View>
        )}
        <View className='campaign-cover__actions'>
          <Button className='staff__secondary' disabled={upload.busy || undefined} onClick={() => void chooseCover()}>
            {upload.busy ? '上传中…' : d.cover ? '更换封面' : '上传封面'}
          </Button>
          {d.cover ? (
            <Button className='staff__secondary' disabled={upload.busy || undefined} onClick={() => setD((prev) => ({ ...prev, cover: null }))}>
              移除封面
            </Button>
          ) : null}
        </View>
      </View>
      {upload.error ? (
        <View className='field__error' role='alert'>
          <Text>{upload.error.message}</Text>
        </View>
      ) : null}

      <Text className='field__label'>期间（北京时间）</Text>
      <View className='campaign-period'>
        <Picker mode='date' value={d.start} onChange={(e) => setD((prev) => ({ ...prev, start: String(e.detail.value) }))} aria-label='开始日期'>
          <View className='campaign-period__field' data-testid='campaign-start'>
            <Text className='campaign-period__label'>开始</Text>
            <Text>{d.start}</Text>
          </View>
        </Picker>
        <Picker mode='date' value={d.end || d.start} start={d.start} onChange={(e) => setD((prev) => ({ ...prev, end: String(e.detail.value) }))} aria-label='结束日期'>
          <View className='campaign-period__field' data-testid='campaign-end'>
            <Text className='campaign-period__label'>结束</Text>
            <Text>{d.end || '不设结束日期'}</Text>
          </View>
        </Picker>
        {d.end ? (
          <View className='campaign-period__clear' role='button' onClick={() => setD((prev) => ({ ...prev, end: '' }))}>
            <Text>不设结束</Text>
          </View>
        ) : null}
      </View>

      <Text className='field__label'>排序（小的在前）</Text>
      <Input className='field__input' value={d.order} maxlength={String(CAMPAIGN_LIMITS.orderMax).length} aria-label='排序' onInput={set('order')} />
      {d.archived ? <Text className='staff__muted'>该专题已归档：读者看不到它，已分享的链接显示“专题已结束”。</Text> : null}
      <FormFooter error={invalid ?? save.error?.message ?? null} busy={save.busy} action='保存' onCancel={onCancel} onSubmit={() => void submit()} />
    </View>
  );
}

/**
 * 专题管理: the campaigns in display order, each saying whether readers see it; create one, edit
 * its name, link, description, cover and period, archive it when it is over or bring it back.
 * The form opens beside the list on a desk-wide window and in its place on a phone.
 */
export function CampaignsScreen() {
  const [editing, setEditing] = useState<Draft | null>(null);
  const list = useResource(() => call('admin', 'listCampaigns', {}), []);
  const toggle = useAction();
  const now = Date.now();

  async function setArchived(c: CampaignAdminView, archived: boolean) {
    if (archived) {
      const sure = await confirmAction({
        title: '归档专题',
        content: `归档后，「${c.name}」不再出现在首页和专题列表，已分享的链接仍可打开并显示“专题已结束”。可随时恢复。`,
        confirmText: '归档',
      });
      if (!sure) return;
    }
    // Only the archive state changes: what the request leaves out stays as stored.
    const done = await toggle.run(() => call('admin', 'saveCampaign', { id: c._id, name: c.name, slug: c.slug, description: c.description, order: c.order, archived }), archived ? '已归档' : '已恢复');
    if (done) await list.reload();
  }

  const items = list.state.status === 'ready' ? list.state.data.items : [];
  return (
    <View className={`page staff staff-split${editing ? ' staff-split--open' : ''}`}>
      <View className='staff-split__list'>
        {list.state.status === 'ready' ? (
          // Offered once the list is in, so a new campaign's default place is after the last one.
          <View className='section'>
            <Button className='staff__primary' onClick={() => setEditing(emptyDraft(items.length + 1, Date.now()))}>
              新建专题
            </Button>
          </View>
        ) : null}
        {list.state.status === 'loading' ? (
          <Text className='staff__muted'>加载中…</Text>
        ) : list.state.status === 'error' ? (
          <StateView kind='error' deniedTitle='仅总队管理员可以管理专题' error={list.state.error} onRetry={() => void list.reload()} />
        ) : items.length === 0 ? (
          <StateView kind='empty' title='还没有专题' />
        ) : (
          <View className='section'>
            {toggle.error ? (
              <View className='field__error' role='alert'>
                <Text>{toggle.error.message}</Text>
              </View>
            ) : null}
            {items.map((c) => (
              <ListRow
                key={c._id}
                testId='campaign-row'
                title={c.name}
                badge={campaignBadge(c, now)}
                meta={[
                  `期间 ${formatPeriod(c.startedAt, c.endsAt)}`,
                  `${c.storyCount} 篇已发布事迹 · 排序 ${c.order} · 标识 ${c.slug}`,
                  !c.archived && c.storyCount === 0 ? '发布第一篇事迹后，读者才能看到该专题' : null,
                ]}
                actions={
                  <>
                    <Button className='staff__secondary' onClick={() => setEditing(draftOf(c))}>
                      编辑
                    </Button>
                    <Button className='staff__secondary' disabled={toggle.busy || undefined} onClick={() => void setArchived(c, !c.archived)}>
                      {c.archived ? '恢复' : '归档'}
                    </Button>
                  </>
                }
              />
            ))}
          </View>
        )}
      </View>
      {editing ? (
        <View className='staff-split__detail'>
          <View className='staff-split__back' role='button' onClick={() => setEditing(null)}>
            <Text>‹ 返回专题列表</Text>
          </View>
          <CampaignForm
            key={editing.id ?? 'new'}
            initial={editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void list.reload();
            }}
          />
        </View>
      ) : (
        <View className='section staff-split__placeholder'>
          <Text>点“新建专题”或某个专题的“编辑”，在这里填写</Text>
        </View>
      )}
    </View>
  );
}
