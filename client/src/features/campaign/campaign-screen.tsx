import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { CampaignCard, CampaignRollEntry, StoryCard as StoryCardData } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import { formatPeriod } from '../../lib/dates';
import { PAGE_SIZE } from '../../lib/contract-values';
import { isId } from '../../lib/ids';
import { openProfile, openStory } from '../../lib/nav';
import { campaignShare, recordTargetShare } from '../../lib/share';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { Cover } from '../../components/cover';
import { StateView } from '../../components/state-view';
import { StoryFeedList } from '../../components/story-feed-list';
import './campaign-screen.scss';

/** A 岗位标兵 selection's results: the winners in rank order, each opening their profile when it is public. */
function ResultsRoll({ roll }: { roll: CampaignRollEntry[] }) {
  return (
    <View className='campaign__roll' data-testid='campaign-roll'>
      <Text className='campaign__roll-title'>评选结果</Text>
      {roll.map((w) => (
        <View
          key={`${w.rank}-${w.name}`}
          className={`campaign__winner${w.exemplarId ? ' campaign__winner--link' : ''}`}
          data-testid='campaign-winner'
          role={w.exemplarId ? 'link' : undefined}
          onClick={w.exemplarId ? () => openProfile(w.exemplarId as string) : undefined}
        >
          <Text className='campaign__rank'>{w.rank}</Text>
          <View className='campaign__winner-main'>
            <Text className='campaign__winner-name'>{w.name}</Text>
            <Text className='campaign__winner-unit'>{w.unitName}</Text>
          </View>
          <Text className='campaign__winner-total'>{`${w.total.toFixed(2)} 分`}</Text>
          {w.exemplarId ? <Text className='campaign__winner-go' aria-hidden>›</Text> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * 专题: a campaign's header and its own feed. An archived campaign is no longer listed, but a
 * link shared while it ran still opens it: the header says 专题已结束 and its stories still read.
 */
export function CampaignScreen() {
  const id = useRouter().params.id ?? '';
  const [now, setNow] = useState(() => Date.now());
  const [campaign, setCampaign] = useState<CampaignCard | null>(null);
  const list = usePagedList<StoryCardData>(async (cursor) => {
    if (!isId(id)) throw new ApiFailure('NOT_FOUND', 'bad campaign id in route');
    const page = await call('content', 'campaignFeed', { campaignId: id, cursor, limit: PAGE_SIZE.feed });
    // Every page repeats the campaign; keeping the latest lets a refresh update the header too.
    setCampaign(page.campaign);
    return page;
  }, [id]);
  useListPageEvents({
    refresh: () => {
      setNow(Date.now());
      return list.refresh();
    },
    loadMore: list.loadMore,
  });
  // Counted only once the feed has named its campaign, as on the story page.
  useShareAppMessage(() => {
    if (campaign) recordTargetShare({ kind: 'campaign', id: campaign._id }, 'chat');
    return campaignShare(id, campaign).chat;
  });
  useShareTimeline(() => {
    if (campaign) recordTargetShare({ kind: 'campaign', id: campaign._id }, 'moments');
    return campaignShare(id, campaign).timeline;
  });

  if (list.status === 'error' && list.error?.code === 'NOT_FOUND') {
    return <StateView kind='empty' title='该专题不存在或已结束' />;
  }
  return (
    <View className='page page--phone campaign'>
      {campaign ? (
        <View className='campaign__head'>
          <Cover src={campaign.cover} ratio={0.5} placeholder={campaign.name} />
          <View className='campaign__info'>
            {campaign.archived ? (
              <Text className='campaign__ended' data-testid='campaign-ended'>
                专题已结束
              </Text>
            ) : null}
            <Text className='campaign__name'>
              {campaign.name}
            </Text>
            <Text className='campaign__period'>{formatPeriod(campaign.startedAt, campaign.endsAt)}</Text>
            {campaign.description ? <Text className='campaign__desc'>{campaign.description}</Text> : null}
            {campaign.roll && campaign.storyCount === 0 ? null : <Text className='campaign__count'>共 {campaign.storyCount} 篇事迹</Text>}
          </View>
        </View>
      ) : null}
      {campaign?.roll ? <ResultsRoll roll={campaign.roll} /> : null}
      {/* A selection's results campaign has its roll; its feed shows once stories are filed under it. */}
      {campaign?.roll && campaign.storyCount === 0 ? null : (
        <View className='campaign__feed'>
          <StoryFeedList list={list} now={now} onOpen={openStory} hideCampaign emptyText='该专题暂无事迹' />
        </View>
      )}
    </View>
  );
}
