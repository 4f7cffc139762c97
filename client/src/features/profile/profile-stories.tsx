import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { ExemplarProfile } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { openStory } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { ListFooter } from '../../components/list-footer';
import { StateView } from '../../components/state-view';
import { StoryCard } from '../../components/story-card';

/**
 * 相关事迹: the published stories naming the exemplar, newest first. The profile brings the first
 * page and the cursor after it; the page's bottom brings the next (content.exemplarStories).
 */
export function ProfileStories({ profile }: { profile: Pick<ExemplarProfile, '_id' | 'stories' | 'storiesNext'> }) {
  const [now] = useState(() => Date.now());
  const list = usePagedList(
    (cursor) =>
      cursor === null
        ? Promise.resolve({ items: profile.stories, next: profile.storiesNext ?? null })
        : call('content', 'exemplarStories', { exemplarId: profile._id, cursor, limit: PAGE_SIZE.profileStories }),
    [profile],
  );
  useReachBottom(() => void list.loadMore());
  // The first page is the profile's own: shown at once, never a flash of "暂无事迹" while the list starts.
  const items = list.status === 'loading' ? profile.stories : list.items;

  return (
    <View className='profile__stories' data-testid='profile-stories'>
      <Text className='section-title profile__stories-title'>相关事迹</Text>
      {items.length === 0 ? (
        <StateView kind='empty' title='暂无事迹' />
      ) : (
        <>
          {items.map((s) => (
            <StoryCard key={s._id} story={s} now={now} onOpen={openStory} />
          ))}
          {/* One page only: no footer saying "没有更多了" under a short list. */}
          {list.done && !profile.storiesNext ? null : <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />}
        </>
      )}
    </View>
  );
}
