import { useRef, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { KIND_LABEL, TIER_LABEL, type ConsentStatus, type DraftCard, type UnitExemplarItem } from '@contract';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { usePagedList } from '../../lib/use-paged-list';
import { ListFooter } from '../../components/list-footer';
import { ListRow, type ListRowProps } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import { listLocalDrafts, newStoryId, readLocalDraft } from './draft-sync';
import './drafts-screen.scss';

const DRAFT_STATE_TEXT: Record<DraftCard['state'], string> = { draft: '草稿', in_review: '审核中', returned: '已退回' };
const DRAFT_TONE: Record<DraftCard['state'], NonNullable<ListRowProps['badge']>['tone']> = { draft: 'neutral', in_review: 'ok', returned: 'danger' };

/** What an exemplar's consent means for publishing it, as the list says it (a collective needs none). */
const CONSENT_TEXT: Record<ConsentStatus, string | null> = {
  not_needed: null,
  counts: '已取得本人同意',
  awaits_check: '同意书待审核员核对',
  missing: '未取得本人同意，不能公开',
};

type Tab = 'stories' | 'exemplars';
const TABS: readonly { value: Tab; label: string }[] = [
  { value: 'stories', label: '我的事迹草稿' },
  { value: 'exemplars', label: '本单位典型资料' },
];

type DraftRow = DraftCard & { _id: string };

/**
 * 事迹与典型: the caller's story drafts (unsynced local edits marked, ones the server has never
 * seen listed from the device) and 本单位典型资料 — every exemplar of the editor's units, drafts
 * included, so one just created can be reopened. Both lists page by cursor.
 */
export function DraftsScreen() {
  const [tab, setTab] = useState<Tab>('stories');
  const drafts = usePagedList<DraftRow>(async (cursor) => {
    const page = await call('authoring', 'myDrafts', { cursor });
    return { items: page.items.map((d) => ({ ...d, _id: d.storyId })), next: page.next };
  }, []);
  const exemplars = usePagedList<UnitExemplarItem>((cursor) => call('authoring', 'unitExemplars', { cursor }), []);
  const active = tab === 'stories' ? drafts : exemplars;
  useListPageEvents({ refresh: () => active.refresh(), loadMore: () => active.loadMore() });
  // Back from an editor: what was written there shows at once (the first show is the first load).
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    void drafts.refresh();
    void exemplars.refresh();
  });

  const openStory = (id: string) => void Taro.navigateTo({ url: routes.storyEditor({ id }) });
  // Only the device knows a new story whose first save has not reached the server yet.
  const localOnly = drafts.status === 'ready' ? listLocalDrafts().filter((l) => l.baseVersion === 0 && !drafts.items.some((d) => d.storyId === l.storyId)) : [];

  return (
    <View className='drafts'>
      <View className='drafts__actions'>
        <Button className='drafts__new' type='primary' onClick={() => openStory(newStoryId())}>
          写新事迹
        </Button>
        <Button className='drafts__new drafts__new--plain' onClick={() => void Taro.navigateTo({ url: routes.exemplarEditor() })}>
          新建典型
        </Button>
      </View>
      <Tabs tabs={TABS} value={tab} onChange={setTab} />

      {tab === 'stories' ? (
        <View className='drafts__list' data-testid='story-drafts'>
          {localOnly.map((l) => (
            <ListRow
              key={l.storyId}
              testId='local-draft-row'
              title={l.fields.title || '（无标题）'}
              badge={{ text: '仅存本机', tone: 'danger' }}
              meta={['尚未同步到服务器，打开后自动保存', `编辑于 ${formatDateTime(l.editedAt)}`]}
              onTap={() => openStory(l.storyId)}
            />
          ))}
          {drafts.items.map((d) => (
            <ListRow
              key={d.storyId}
              testId='draft-row'
              title={d.title || '（无标题）'}
              badge={{ text: DRAFT_STATE_TEXT[d.state], tone: DRAFT_TONE[d.state] }}
              meta={[
                d.published ? `修改已发布的事迹（第 ${d.revision} 版）` : null,
                readLocalDraft(d.storyId) ? '本机有未同步修改' : null,
                `更新于 ${formatDateTime(d.updatedAt)}`,
              ]}
              onTap={() => openStory(d.storyId)}
            />
          ))}
          {drafts.status === 'error' ? <StateView kind='error' error={drafts.error} onRetry={() => void drafts.refresh()} /> : null}
          {drafts.status === 'ready' && drafts.items.length === 0 && localOnly.length === 0 ? <StateView kind='empty' title='还没有草稿' detail='点“写新事迹”开始写作' /> : null}
          {drafts.status === 'ready' && drafts.items.length > 0 ? <ListFooter loadingMore={drafts.loadingMore} done={drafts.done} moreError={drafts.moreError} onRetry={() => void drafts.loadMore()} /> : null}
        </View>
      ) : (
        <View className='drafts__list' data-testid='unit-exemplars'>
          {exemplars.items.map((e) => (
            <ListRow
              key={e._id}
              testId='exemplar-row'
              title={e.name}
              badge={e.state === 'published' ? { text: '已公开', tone: 'ok' } : { text: '草稿', tone: 'neutral' }}
              meta={[`${KIND_LABEL[e.kind]} · ${TIER_LABEL[e.tier]}${e.unit ? ` · ${e.unit.shortName}` : ''}`, CONSENT_TEXT[e.consent], `荣誉 ${e.honorCount} · 事迹 ${e.storyCount} · 更新于 ${formatDateTime(e.updatedAt)}`]}
              onTap={() => void Taro.navigateTo({ url: routes.exemplarEditor({ id: e._id }) })}
            />
          ))}
          {exemplars.status === 'error' ? <StateView kind='error' deniedTitle='仅宣传员可以维护典型资料' error={exemplars.error} onRetry={() => void exemplars.refresh()} /> : null}
          {exemplars.status === 'ready' && exemplars.items.length === 0 ? <StateView kind='empty' title='本单位还没有典型资料' detail='点“新建典型”添加' /> : null}
          {exemplars.status === 'ready' && exemplars.items.length > 0 ? <ListFooter loadingMore={exemplars.loadingMore} done={exemplars.done} moreError={exemplars.moreError} onRetry={() => void exemplars.loadMore()} /> : null}
        </View>
      )}
    </View>
  );
}
