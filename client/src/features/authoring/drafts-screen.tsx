import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { DraftCard } from '@contract';
import { call } from '../../lib/api';
import { fullDate } from '../../lib/dates';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { readLocalDraft } from './draft-sync';
import { storyEditorPath } from './routes';
import './authoring.scss';

export const DRAFT_STATE_TEXT: Record<DraftCard['state'], string> = { draft: '草稿', in_review: '审核中', returned: '已退回' };

/** 我的草稿: the caller's working revisions, newest edit first; unsynced local edits are marked. */
export function DraftsScreen() {
  const { state, reload } = useResource(() => call('authoring', 'myDrafts', {}), []);
  useDidShow(() => {
    void reload();
  });
  const open = (id?: string) => void Taro.navigateTo({ url: storyEditorPath(id) });
  return (
    <View className='authoring'>
      <Button className='authoring__new' type='primary' onClick={() => open()}>
        写新事迹
      </Button>
      {state.status === 'error' ? <StateView kind='error' title='加载失败，点击重试' detail={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? <StateView kind='empty' title='还没有草稿' /> : null}
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
    </View>
  );
}
