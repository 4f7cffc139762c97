import { View } from '@tarojs/components';
import type { StoryCard as StoryCardData } from '@contract';
import { useLikeCounts } from '../../lib/like-counts';
import type { PagedList } from '../../lib/use-paged-list';
import { CardSkeleton } from '../skeleton';
import { ListFooter } from '../list-footer';
import { StateView } from '../state-view';
import { StoryCard } from '../story-card';

export interface StoryFeedListProps {
  list: PagedList<StoryCardData>;
  now: number;
  onOpen: (id: string) => void;
  emptyText?: string;
  hideCampaign?: boolean;
}

/** A feed of story cards with its skeleton, empty, error and footer states. */
export function StoryFeedList({ list, now, onOpen, emptyText = '暂无事迹', hideCampaign }: StoryFeedListProps) {
  const likeCounts = useLikeCounts();
  if (list.status === 'loading') return <CardSkeleton count={3} />;
  if (list.status === 'error') {
    return (
      <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />
    );
  }
  if (list.items.length === 0) return <StateView kind='empty' title={emptyText} />;
  return (
    <View className='story-feed-list'>
      {list.items.map((s) => (
        <StoryCard
          key={s._id}
          story={likeCounts.has(s._id) ? { ...s, likeCount: likeCounts.get(s._id)! } : s}
          now={now}
          onOpen={onOpen}
          hideCampaign={hideCampaign}
        />
      ))}
      <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
    </View>
  );
}
