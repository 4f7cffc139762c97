import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { StoryDetail } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { compactCount, fullDate } from '../../lib/dates';
import { openCampaign, openProfile, storyPath } from '../../lib/nav';
import { useResource } from '../../lib/use-resource';
import { ContentBlocks, imageUrls } from '../../components/content-blocks';
import { Cover } from '../../components/cover';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import './story-screen.scss';

const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** 事迹: one story, its content rendered natively, and the exemplars it is about. */
export function StoryScreen() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource<StoryDetail>(() => {
    // A mangled share link must read as "not found", not as a server error.
    if (!VALID_ID.test(id)) return Promise.reject(new ApiFailure('NOT_FOUND', 'bad story id in route'));
    return call('content', 'story', { id });
  }, [id]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: state.status === 'ready' ? state.data.title : '身边典型',
    path: storyPath(id),
    imageUrl: state.status === 'ready' && state.data.cover ? state.data.cover : undefined,
  }));
  useShareTimeline(() => ({
    title: state.status === 'ready' ? state.data.title : '身边典型',
    query: `id=${encodeURIComponent(id)}`,
  }));

  if (state.status === 'loading') return <CardSkeleton count={1} variant='detail' />;
  if (state.status === 'error') {
    if (state.error.code === 'NOT_FOUND') {
      return <StateView kind='empty' title='该事迹不存在或已下线' detail='可以返回动态看看其他事迹' />;
    }
    return <StateView kind='error' title='加载失败，点击重试' detail={state.error.message} onRetry={() => void reload()} />;
  }

  const story = state.data;
  const urls = imageUrls(story.blocks);
  return (
    <View className='page story'>
      {story.cover ? <Cover src={story.cover} /> : null}
      <View className='story__head'>
        {story.campaign ? (
          <Text className='story__campaign' onClick={() => openCampaign(story.campaign!._id)}>
            {story.campaign.name}
          </Text>
        ) : null}
        <Text className='story__title'>
          {story.title}
        </Text>
        <View className='story__meta'>
          {story.unit ? <Text className='story__unit'>{story.unit.name}</Text> : null}
          <Text>{story.author}</Text>
          <Text>{fullDate(story.publishedAt)}</Text>
        </View>
      </View>
      <View className='story__content'>
        <ContentBlocks
          blocks={story.blocks}
          onPreviewImage={(url) => void Taro.previewImage({ current: url, urls })}
          onCopyLink={copyLink}
        />
      </View>
      {story.exemplars.length > 0 ? (
        <View className='section story__people'>
          <Text className='section-title'>事迹主人公</Text>
          {story.exemplars.map((e) => (
            <View key={e._id} className='story__person' onClick={() => openProfile(e._id)} data-testid='story-exemplar'>
              <Text className='story__person-initial'>{e.name.slice(0, 1)}</Text>
              <Text className='story__person-name'>{e.name}</Text>
              <Text className='story__person-kind'>{e.kind === 'collective' ? '集体' : '个人'}</Text>
              <Text className='story__person-go'>查看典型 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='story__foot'>
        <Text>阅读 {compactCount(story.viewCount)}</Text>
        <Text>♥ {compactCount(story.likeCount)}</Text>
        {story.article ? (
          <Text className='story__article' onClick={() => copyLink(story.article!.url)}>
            公众号原文
          </Text>
        ) : null}
      </View>
    </View>
  );
}
