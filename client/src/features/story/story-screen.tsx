import { useEffect, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { StoryDetail } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { compactCount, fullDate } from '../../lib/dates';
import { isId, isStoryCode } from '../../lib/ids';
import { openCampaign, openProfile } from '../../lib/nav';
import { recordShare, storyShare } from '../../lib/share';
import { usePainted } from '../../lib/use-painted';
import { useResource } from '../../lib/use-resource';
import { ContentBlocks, imageUrls } from '../../components/content-blocks';
import { Cover } from '../../components/cover';
import { CardSkeleton } from '../../components/skeleton';
import { StoryUnavailable } from '../../components/story-unavailable';
import { RelatedStories } from './related-stories';
import { StoryActionBar } from './story-action-bar';
import { StoryTakeDown } from './story-take-down';
import './story-screen.scss';

/**
 * A poster's mini-program code opens the story with `scene` (the story's short code,
 * URL-encoded by WeChat) instead of `id`: resolve it first, then load as usual.
 */
async function loadStory(id: string, scene: string): Promise<StoryDetail> {
  if (id !== '') {
    // A mangled share link must read as "not found", not as a server error.
    if (!isId(id)) throw new ApiFailure('NOT_FOUND', 'bad story id in route');
    return call('content', 'story', { id });
  }
  let code = scene;
  try {
    code = decodeURIComponent(scene);
  } catch {
    // Not percent-encoded after all: use it as it came.
  }
  if (!isStoryCode(code)) throw new ApiFailure('NOT_FOUND', 'bad story code in scene');
  const { storyId } = await call('content', 'resolveCode', { code });
  return call('content', 'story', { id: storyId });
}

/**
 * 事迹: one story, its content rendered natively, and the exemplars it is about. `footer` is what
 * the page composes under a loaded story from other features (its 留言 section), so this
 * feature does not import them.
 */
export function StoryScreen({ footer }: { footer?: (story: StoryDetail) => ReactNode } = {}) {
  const params = useRouter().params;
  const routeId = params.id ?? '';
  const scene = params.scene ?? '';
  const { state, reload } = useResource<StoryDetail>(() => loadStory(routeId, scene), [routeId, scene]);
  // The id the story really has (a poster code arrives without one).
  const id = state.status === 'ready' ? state.data._id : routeId;
  const [views, setViews] = useState<{ id: string; count: number } | null>(null);

  const loadedId = state.status === 'ready' ? state.data._id : null;
  // Related stories, 留言 and the staff tools wait until the story itself has painted.
  const painted = usePainted(loadedId);
  useEffect(() => {
    if (loadedId === null) return;
    let live = true;
    // One view per open; the server deduplicates per user per day and answers the count.
    call('engagement', 'view', { storyId: loadedId }).then(
      (res) => {
        if (live) setViews({ id: loadedId, count: res.viewCount });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [loadedId]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => {
    const story = state.status === 'ready' ? state.data : null;
    if (story) recordShare(story._id, 'chat');
    return storyShare(id, story).chat;
  });
  useShareTimeline(() => {
    const story = state.status === 'ready' ? state.data : null;
    if (story) recordShare(story._id, 'moments');
    return storyShare(id, story).timeline;
  });

  if (state.status === 'loading') return <CardSkeleton count={1} variant='detail' />;
  if (state.status === 'error') {
    return <StoryUnavailable error={state.error} onRetry={() => void reload()} goneDetail='可以返回动态看看其他事迹' />;
  }

  const story = state.data;
  const urls = imageUrls(story.blocks);
  const viewCount = views && views.id === story._id ? views.count : story.viewCount;
  return (
    <View className='page page--phone story story--with-actions'>
      {story.cover ? <Cover src={story.cover} eager /> : null}
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
        <Text data-testid='story-views'>阅读 {compactCount(viewCount)}</Text>
        {story.article ? (
          <Text className='story__article' data-testid='story-article' onClick={() => copyLink(story.article!.url)}>
            已发布到公众号 ›
          </Text>
        ) : null}
      </View>
      {painted ? (
        <>
          {/* What to read next, before the messages: the end of the story, not of the page. */}
          <RelatedStories key={`related-${story._id}`} storyId={story._id} />
          {footer ? footer(story) : null}
          {/* Taken down, the story reloads as its 已撤回 page. */}
          <StoryTakeDown key={story._id} story={story} onDone={() => void reload()} />
        </>
      ) : null}
      <StoryActionBar story={story} />
    </View>
  );
}
