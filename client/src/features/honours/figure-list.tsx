import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { PagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import './lists.scss';

/**
 * The page behind a figure of the honours wall: its heading, then the list one page at a time
 * (pull to refresh, more at the bottom), with loading, error and empty states. `heading` null:
 * the link named no list this page knows (an old or hand-made URL).
 */
export function FigureList<T extends { _id: string }>(props: {
  heading: string | null;
  paged: PagedList<T>;
  skeleton: 'exemplar' | 'story';
  missingTitle: string;
  empty: { title: string; detail: string };
  rows?: boolean;
  render: (item: T) => ReactNode;
}) {
  const { heading, paged, skeleton, missingTitle, empty, rows, render } = props;
  useListPageEvents({ refresh: paged.refresh, loadMore: paged.loadMore });
  if (heading === null) {
    return (
      <View className='page honours-list'>
        <StateView kind='empty' title={missingTitle} detail='请从荣誉墙重新进入' />
      </View>
    );
  }
  return (
    <View className='page honours-list'>
      <View className='honours-list__head'>
        <Text className='honours-list__heading' data-testid='list-heading'>
          {heading}
        </Text>
      </View>
      {paged.status === 'loading' ? (
        <CardSkeleton count={4} variant={skeleton} />
      ) : paged.status === 'error' ? (
        <StateView kind='error' error={paged.error} onRetry={() => void paged.refresh()} />
      ) : paged.items.length === 0 ? (
        <StateView kind='empty' title={empty.title} detail={empty.detail} />
      ) : (
        <View className={`honours-list__items${rows ? ' honours-list__items--rows' : ''}`}>
          {paged.items.map(render)}
          <ListFooter loadingMore={paged.loadingMore} done={paged.done} moreError={paged.moreError} onRetry={() => void paged.loadMore()} />
        </View>
      )}
    </View>
  );
}
