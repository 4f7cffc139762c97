import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { StoryCard } from '@contract';
import { call } from '../../lib/api';
import { fromNow } from '../../lib/dates';
import { openStory } from '../../lib/nav';
import { useResource } from '../../lib/use-resource';
import { Picture } from '../../components/picture';
import './related-stories.scss';

/**
 * 相关事迹 at the end of a story: a few published stories about the same person or station, in
 * the same campaign or from the same unit (content.related), as compact rows. It is extra
 * reading: while it loads, when there is none, or when it cannot be loaded, the story simply
 * ends without it.
 */
export function RelatedStories({ storyId }: { storyId: string }) {
  const [now] = useState(() => Date.now());
  const { state } = useResource(() => call('content', 'related', { storyId }), [storyId]);
  if (state.status !== 'ready' || state.data.items.length === 0) return null;
  return (
    <View className='section related' data-testid='related-stories'>
      <Text className='section-title'>相关事迹</Text>
      {state.data.items.map((s) => (
        <RelatedRow key={s._id} story={s} now={now} />
      ))}
    </View>
  );
}

function RelatedRow({ story, now }: { story: StoryCard; now: number }) {
  const who = story.exemplars.map((e) => e.name).join('、');
  return (
    <View className='related__row' role='link' data-testid='related-story' onClick={() => openStory(story._id)}>
      <View className='related__thumb'>
        {story.cover ? <Picture className='related__img' src={story.cover} mode='aspectFill' lazyLoad alt={story.title} /> : <Text className='related__brand'>身边典型</Text>}
      </View>
      <View className='related__body'>
        <Text className='related__title'>{story.title}</Text>
        {/* Who (cut short when long), then when — never broken across lines. */}
        <View className='related__meta'>
          {who || story.unit ? <Text className='related__who'>{who || story.unit?.shortName}</Text> : null}
          <Text className='related__when'>{fromNow(story.publishedAt, now)}</Text>
        </View>
      </View>
    </View>
  );
}
