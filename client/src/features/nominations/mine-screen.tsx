/** 我的推荐: where each nomination stands and its latest step; a row opens its detail page (timeline and actions). */
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_LABEL, KIND_LABEL, TIER_LABEL, type MyNomination } from '@contract';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { latestStep, STATE_LABEL, STATE_TONE, timelineText } from './labels';
import './nominations.scss';
import { useReloadOnReturn } from '../../lib/use-reload-on-return';

/** What the nominator needs to read in the row: the latest step and, when it is their turn, that it is. */
function rowMeta(n: MyNomination): string[] {
  const step = latestStep(n);
  const lines = [`${KIND_LABEL[n.nominee.kind]} · ${CATEGORY_LABEL[n.category]} · 拟入${TIER_LABEL[n.targetTier]}`];
  if (step) lines.push(`${formatDateTime(step.at)} ${timelineText(step)}${step.comment ? `：${step.comment}` : ''}`);
  if (n.state === 'returned') lines.push('待你修改后重新提交');
  if (n.state === 'in_notice' && n.noticeEndsAt) lines.push(`公示截止 ${formatDateTime(n.noticeEndsAt)}`);
  return lines;
}

export function MyNominationsScreen() {
  const list = usePagedList((cursor) => call('nominations', 'mine', { cursor }), []);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => list.refresh());

  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  return (
    <View className='page nom nom-list'>
      <Button className='nom__primary nom__new' onClick={() => void Taro.navigateTo({ url: routes.newNomination() })}>新建推荐</Button>
      <View className='nom__list'>
        {list.status === 'loading' ? <View className='nom__muted nom__loading'>加载中…</View> : null}
        {list.status === 'ready' && list.items.length === 0 ? <StateView kind='empty' title='还没有推荐' detail='推荐的典型会在这里看到每一步审核' /> : null}
        {list.items.map((n) => (
          <ListRow
            key={n._id}
            testId='my-nomination'
            title={n.nominee.name}
            badge={{ text: STATE_LABEL[n.state], tone: STATE_TONE[n.state] }}
            meta={rowMeta(n)}
            onTap={() => void Taro.navigateTo({ url: routes.nominationDetail({ id: n._id }) })}
          />
        ))}
        {list.status === 'ready' ? <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} /> : null}
      </View>
    </View>
  );
}
