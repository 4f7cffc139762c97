import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ExemplarCard as ExemplarCardData, Page } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { openProfile } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ExemplarCard } from '../../components/exemplar-card';
import { ListFooter } from '../../components/list-footer';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { honouredList } from './list-params';
import './lists.scss';

/** The exemplars behind a figure of the honours wall (or a library size it shows). */
export function HonouredScreen() {
  const params = useRouter().params;
  const list = honouredList(params);
  const paged = usePagedList<ExemplarCardData>(
    (cursor): Promise<Page<ExemplarCardData>> => {
      if (!list) return Promise.resolve({ items: [], next: null });
      const page = { cursor, limit: PAGE_SIZE.exemplars };
      return list.kind === 'library' ? call('content', 'exemplars', { ...list.request, ...page }) : call('content', 'honoured', { ...list.request, ...page });
    },
    [JSON.stringify(params)],
  );
  useListPageEvents({ refresh: paged.refresh, loadMore: paged.loadMore });

  if (!list) {
    return (
      <View className='page honours-list'>
        <StateView kind='empty' title='没有这份名单' detail='请从荣誉墙重新进入' />
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
        <CardSkeleton count={4} variant='exemplar' />
      ) : paged.status === 'error' ? (
        <StateView kind='error' error={paged.error} onRetry={() => void paged.refresh()} />
      ) : paged.items.length === 0 ? (
        <StateView kind='empty' title='暂无典型' detail='这一项还没有可公开展示的典型' />
      ) : (
        <View className='honours-list__items'>
          {paged.items.map((e) => (
            <ExemplarCard key={e._id} exemplar={e} onOpen={openProfile} />
          ))}
          <ListFooter loadingMore={paged.loadingMore} done={paged.done} moreError={paged.moreError} onRetry={() => void paged.loadMore()} />
        </View>
      )}
    </View>
  );
}
