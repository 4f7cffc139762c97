/** 我的推荐: where each nomination stands, with every step and the reviewers' reasons. */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_LABEL, TIER_LABEL } from '@contract';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { StateView } from '../../components/state-view';
import { STATE_LABEL, timelineText } from './labels';
import './nominations.scss';

export function MyNominationsScreen() {
  const list = usePagedList((cursor) => call('nominations', 'mine', { cursor }), []);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  const add = <Button className='nom__primary' onClick={() => void Taro.navigateTo({ url: routes.newNomination() })}>新建推荐</Button>;

  if (list.status === 'loading') return <Text className='nom__muted'>加载中…</Text>;
  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  return (
    <View className='page nom'>
      {add}
      {list.items.length === 0 ? <StateView kind='empty' title='还没有推荐' /> : null}
      {list.items.map((n) => (
        <View key={n._id} className='nom__card' data-testid='my-nomination'>
          <Text className='nom__title'>{n.nominee.name}</Text>
          <Text className='nom__badge' data-testid='my-nomination-state'>{STATE_LABEL[n.state]}</Text>
          <Text className='nom__muted'>{`${CATEGORY_LABEL[n.category]} · 拟入${TIER_LABEL[n.targetTier]}`}</Text>
          <View className='nom__timeline'>
            {n.timeline.map((e, i) => (
              <Text key={i} className='nom__muted' data-testid='timeline-entry'>{`${formatDateTime(e.at)} ${timelineText(e)}${e.comment ? `：${e.comment}` : ''}`}</Text>
            ))}
          </View>
          {n.state === 'in_notice' && n.noticeEndsAt ? <Text className='nom__muted'>{`公示截止 ${formatDateTime(n.noticeEndsAt)}`}</Text> : null}
        </View>
      ))}
      <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
    </View>
  );
}
