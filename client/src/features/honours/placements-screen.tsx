import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { Page, PlacementCard } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { PLACEMENT_LEVEL_LABEL } from '../../lib/honours-values';
import { openProfile } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { placementList } from './list-params';
import './lists.scss';

/** `2024-03-02` as 2024年3月2日 (a calendar date: no zone to convert). */
function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The media placements behind a figure of the honours wall, newest first; each opens the exemplar it is about. */
export function PlacementsScreen() {
  const params = useRouter().params;
  const list = placementList(params);
  const paged = usePagedList<PlacementCard>(
    (cursor): Promise<Page<PlacementCard>> => (list ? call('content', 'placements', { ...list.request, cursor, limit: PAGE_SIZE.exemplars }) : Promise.resolve({ items: [], next: null })),
    [JSON.stringify(params)],
  );
  useListPageEvents({ refresh: paged.refresh, loadMore: paged.loadMore });

  if (!list) {
    return (
      <View className='page honours-list'>
        <StateView kind='empty' title='没有这份列表' detail='请从荣誉墙重新进入' />
      </View>
    );
  }
  return (
    <View className='page honours-list'>
      <View className='honours-list__head'>
        <Text className='honours-list__heading' data-testid='list-heading'>
          {list.heading}
        </Text>
      </View>
      {paged.status === 'loading' ? (
        <CardSkeleton count={4} variant='story' />
      ) : paged.status === 'error' ? (
        <StateView kind='error' error={paged.error} onRetry={() => void paged.refresh()} />
      ) : paged.items.length === 0 ? (
        <StateView kind='empty' title='暂无刊发记录' detail='这一项还没有可公开展示的媒体刊发' />
      ) : (
        <View className='honours-list__items honours-list__items--rows'>
          {paged.items.map((p) => (
            <ListRow
              key={p._id}
              testId='placement-row'
              title={p.title}
              badge={{ text: PLACEMENT_LEVEL_LABEL[p.level] }}
              meta={[`${p.outlet} · ${dayText(p.date)}`, p.exemplar ? `报道对象：${p.exemplar.name}` : null]}
              onTap={p.exemplar ? () => openProfile(p.exemplar!._id) : undefined}
            />
          ))}
          <ListFooter loadingMore={paged.loadingMore} done={paged.done} moreError={paged.moreError} onRetry={() => void paged.loadMore()} />
        </View>
      )}
    </View>
  );
}
