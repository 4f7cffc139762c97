/**
 * 公示: nominations the corps approved, readable by anyone, each with a way to file an objection.
 * The objection form is a page of its own in a subpackage (it validates with the contract's schema,
 * and zod must stay out of the main package).
 */
import { Button, Text, View } from '@tarojs/components';
import { CATEGORY_LABEL, KIND_LABEL, TIER_LABEL } from '@contract';
import { call } from '../../lib/api';
import { openObjection } from '../../lib/nav';
import { formatDateTime } from '../../lib/dates';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import './nominations.scss';

export function NoticeScreen() {
  const { state, reload } = useResource(() => call('nominations', 'notice', {}), []);

  if (state.status === 'loading') return <Text className='nom__muted'>加载中…</Text>;
  if (state.status === 'error') return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  if (state.data.items.length === 0) return <StateView kind='empty' title='当前没有公示中的推荐' />;
  return (
    <View className='page page--phone nom'>
      {state.data.items.map((item) => (
        <View key={item._id} className='nom__card' data-testid='notice-item'>
          <Text className='nom__title'>{item.nomineeName}</Text>
          <Text className='nom__muted'>{`${KIND_LABEL[item.kind]} · ${item.unitName} · ${CATEGORY_LABEL[item.category]} · 拟入${TIER_LABEL[item.targetTier]}`}</Text>
          <Text className='nom__body'>{item.deeds}</Text>
          <Text className='nom__muted'>{item.noticeEndsAt > Date.now() ? `公示截止 ${formatDateTime(item.noticeEndsAt)}` : '公示期已满，待入库'}</Text>
          {item.noticeEndsAt > Date.now() ? (
            <Button className='nom__secondary' onClick={() => openObjection(item._id, item.nomineeName)}>提出异议</Button>
          ) : null}
        </View>
      ))}
    </View>
  );
}
