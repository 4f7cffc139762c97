import { Text, View } from '@tarojs/components';
import type { StoryCard as StoryCardData } from '@contract';
import { compactCount, fromNow } from '../../lib/dates';
import { Cover } from '../cover';
import './index.scss';

export interface StoryCardProps {
  story: StoryCardData;
  /** Clock for the relative time; injected so a list renders every card against one instant. */
  now: number;
  onOpen: (id: string) => void;
  /** Hide the campaign tag where the page already is that campaign. */
  hideCampaign?: boolean;
}

export function StoryCard({ story, now, onOpen, hideCampaign }: StoryCardProps) {
  const who = story.exemplars.map((e) => e.name).join('、');
  return (
    <View className='story-card' onClick={() => onOpen(story._id)} data-testid='story-card'>
      <View className='story-card__cover'>
        <Cover src={story.cover} />
        {story.campaign && !hideCampaign ? <Text className='story-card__tag'>{story.campaign.name}</Text> : null}
      </View>
      <View className='story-card__body'>
        <Text className='story-card__title'>{story.title}</Text>
        {story.summary ? <Text className='story-card__summary'>{story.summary}</Text> : null}
        <View className='story-card__meta'>
          <Text className='story-card__who'>
            {[who, story.unit?.shortName].filter(Boolean).join(' · ')}
          </Text>
        </View>
        <View className='story-card__foot'>
          <Text className='story-card__time'>{fromNow(story.publishedAt, now)}</Text>
          <View className='story-card__counts'>
            <Text className='story-card__count' aria-label={`点赞 ${story.likeCount}`}>♥ {compactCount(story.likeCount)}</Text>
            <Text className='story-card__count' aria-label={`阅读 ${story.viewCount}`}>阅读 {compactCount(story.viewCount)}</Text>
          </View>
        </View>
      </View>
    </View>
  );
}
