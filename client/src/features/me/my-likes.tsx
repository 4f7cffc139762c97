import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { StoryCard as StoryCardData } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { openStory } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { StoryFeedList } from '../../components/story-feed-list';

/** 我的点赞: the stories the reader liked, newest like first, paged as the feed is. */
export function MyLikes() {
  const [now, setNow] = useState(() => Date.now());
  const list = usePagedList<StoryCardData>((cursor) => call('engagement', 'myLikes', { cursor, limit: PAGE_SIZE.feed }), []);
  useListPageEvents({
    refresh: () => {
      setNow(Date.now());
      return list.refresh();
    },
    loadMore: list.loadMore,
  });
  // The me tab stays mounted: a like given on a story since must show when the tab returns.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true;
      return;
    }
    setNow(Date.now());
    void list.refresh();
  });
  return (
    <View className='section me__likes' data-testid='my-likes'>
      <Text className='section-title'>我的点赞</Text>
      <StoryFeedList list={list} now={now} onOpen={openStory} emptyText='还没有点赞的事迹，去动态看看吧' />
    </View>
  );
}
