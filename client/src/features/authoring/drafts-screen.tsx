import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { DraftCard, ExemplarCard } from '@contract';
import { call } from '../../lib/api';
import { fullDate } from '../../lib/dates';
import { unitsWithRole } from '../../lib/roles';
import { routes } from '../../lib/routes';
import { PAGE_LIMIT_MAX } from '../../lib/schema-limits';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { listLocalDrafts, readLocalDraft } from './draft-sync';
import './authoring.scss';

export const DRAFT_STATE_TEXT: Record<DraftCard['state'], string> = { draft: '草稿', in_review: '审核中', returned: '已退回' };

/** 我的草稿: the caller's working revisions, newest edit first; unsynced local edits are marked. */
export function DraftsScreen() {
  const { state, reload } = useResource(async () => {
    const [drafts, me] = await Promise.all([call('authoring', 'myDrafts', {}), call('identity', 'me', {})]);
    const unitId = unitsWithRole(me, 'editor')[0]?._id;
    // The published exemplars of the editor's subtree, both libraries, to open in the editor.
    const exemplars: ExemplarCard[] = unitId
      ? (await Promise.all((['major', 'reserve'] as const).map((tier) => call('content', 'exemplars', { tier, unitId, limit: PAGE_LIMIT_MAX })))).flatMap((p) => p.items)
      : [];
    return { items: drafts.items, exemplars };
  }, []);
  useDidShow(() => {
    void reload();
  });
  const open = (id?: string) => void Taro.navigateTo({ url: routes.storyEditor({ id }) });
  return (
    <View className='authoring'>
      <View className='authoring__actions'>
        <Button className='authoring__new' type='primary' onClick={() => open()}>
          写新事迹
        </Button>
        <Button className='authoring__new' onClick={() => void Taro.navigateTo({ url: routes.exemplarEditor() })}>
          新建典型
        </Button>
      </View>
      {state.status === 'error' ? <StateView kind='error' error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready'
        ? listLocalDrafts()
            .filter((l) => !state.data.items.some((d) => d.storyId === l.storyId))
            .map((l) => (
              <View key={l.storyId} className='authoring__card' role='link' onClick={() => open(l.storyId)}>
                <Text className='authoring__card-title'>{l.fields.title || '（无标题）'}</Text>
                <View className='authoring__card-meta'>
                  <Text className='authoring__badge authoring__badge--local'>仅存本机，尚未同步</Text>
                  <Text>{fullDate(l.editedAt)}</Text>
                </View>
              </View>
            ))
        : null}
      {state.status === 'ready' && state.data.items.length === 0 && listLocalDrafts().length === 0 ? <StateView kind='empty' title='还没有草稿' /> : null}
      {state.status === 'ready'
        ? state.data.items.map((d) => (
            <View key={d.storyId} className='authoring__card' role='link' onClick={() => open(d.storyId)}>
              <Text className='authoring__card-title'>{d.title || '（无标题）'}</Text>
              <View className='authoring__card-meta'>
                <Text className={`authoring__badge authoring__badge--${d.state}`}>{DRAFT_STATE_TEXT[d.state]}</Text>
                {d.published ? <Text className='authoring__badge'>修改第 {d.revision} 版</Text> : null}
                {readLocalDraft(d.storyId) ? <Text className='authoring__badge authoring__badge--local'>本机有未同步修改</Text> : null}
                <Text>{fullDate(d.updatedAt)}</Text>
              </View>
            </View>
          ))
        : null}
      {state.status === 'ready' && state.data.exemplars.length > 0 ? (
        <View className='authoring__section'>
          <Text className='authoring__label'>本单位典型资料</Text>
          {state.data.exemplars.map((e) => (
            <View key={e._id} className='authoring__row' role='link' onClick={() => void Taro.navigateTo({ url: routes.exemplarEditor({ id: e._id }) })}>
              <Text>{e.name}</Text>
              <Text className='authoring__hint'>荣誉 {e.honorCount} · 事迹 {e.storyCount}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
