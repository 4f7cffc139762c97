import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { call } from '../../lib/api';
import { fullDate } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import './authoring.scss';

/** 事迹审核: revisions waiting in the reviewer's subtree, oldest submission first. */
export function ReviewQueueScreen() {
  const { state, reload } = useResource(() => call('authoring', 'reviewQueue', {}), []);
  useDidShow(() => {
    void reload();
  });
  if (state.status === 'error') return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  if (state.status === 'loading') return <View className='authoring authoring--loading'>加载中…</View>;
  if (state.data.items.length === 0) return <StateView kind='empty' title='没有待审核的事迹' />;
  return (
    <View className='authoring'>
      {state.data.items.map((d) => (
        <View key={d.storyId} className='authoring__card' role='link' onClick={() => void Taro.navigateTo({ url: routes.storyReview({ id: d.storyId }) })}>
          <Text className='authoring__card-title'>{d.title}</Text>
          <View className='authoring__card-meta'>
            {d.unit ? <Text>{d.unit.shortName}</Text> : null}
            {d.published ? <Text className='authoring__badge'>修改稿（第 {d.revision} 版）</Text> : <Text className='authoring__badge'>新稿</Text>}
            {d.secCheck === 'review' ? <Text className='authoring__badge authoring__badge--warn'>内容需人工复核</Text> : null}
            <Text>提交于 {d.submittedAt ? fullDate(d.submittedAt) : ''}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
