import { useState } from 'react';
import { View } from '@tarojs/components';
import { useShareAppMessage } from '@tarojs/taro';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { openCampaign, openSearch, openStory } from '../../lib/nav';
import { routes } from '../../lib/routes';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { CampaignChips } from '../../components/campaign-chips';
import { SearchEntry } from '../../components/search-entry';
import { StoryFeedList } from '../../components/story-feed-list';
import './feed-screen.scss';

/** 动态: campaign entries on top, then the newest published stories, endlessly. */
export function FeedScreen() {
  const [now, setNow] = useState(() => Date.now());
  const campaigns = useResource(() => call('content', 'campaigns', {}), []);
  const list = usePagedList((cursor) => call('content', 'feed', { cursor, limit: PAGE_SIZE.feed }), []);

  useListPageEvents({
    refresh: async () => {
      setNow(Date.now());
      const [failure] = await Promise.all([list.refresh(), campaigns.reload()]);
      return failure;
    },
    loadMore: list.loadMore,
  });
  useShareAppMessage(() => ({ title: '身边典型 · 平凡英雄的故事', path: routes.feed() }));

  return (
    <View className='page page--phone feed-screen'>
      <SearchEntry onOpen={() => openSearch()} />
      {/* A failed campaign row is not worth an error screen: the stories still read fine without it. */}
      {campaigns.state.status === 'ready' ? <CampaignChips campaigns={campaigns.state.data.items} onOpen={openCampaign} /> : null}
      {/* While the row loads, its height is held, so the stories below do not jump down when it arrives. */}
      {campaigns.state.status === 'loading' ? <View className='feed-screen__chips-slot' /> : null}
      {campaigns.state.status === 'error' ? <View className='feed-screen__spacer' /> : null}
      <StoryFeedList list={list} now={now} onOpen={openStory} />
    </View>
  );
}
