import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { STORY_LIMITS, type DraftView, type PreviewResult, type StoryContext } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { confirmAction } from '../../lib/confirm';
import { formatDateTime } from '../../lib/dates';
import { isId } from '../../lib/ids';
import { routes } from '../../lib/routes';
import { markdownNoteText } from '../../lib/markdown-notes';
import { useResource } from '../../lib/use-resource';
import { ContentBlocks, imageUrls } from '../../components/content-blocks';
import { Cover } from '../../components/cover';
import { StateView } from '../../components/state-view';
import './authoring.scss';
import './review-story-screen.scss';

async function load(id: string): Promise<{ draft: DraftView; preview: PreviewResult; context: StoryContext }> {
  if (!isId(id)) throw new ApiFailure('NOT_FOUND', 'bad story id in route');
  const [draft, context] = await Promise.all([call('authoring', 'draft', { storyId: id }), call('authoring', 'storyContext', { storyId: id })]);
  // The reviewer reads exactly what readers will see: the same compiler, the same blocks component.
  // Naming the story lets the server sign the images already on it (the editor uploaded them, not the reviewer).
  const preview = await call('authoring', 'preview', { markdown: draft.markdown, storyId: draft.storyId });
  return { draft, preview, context };
}

/** What readers know of the story now, above the revision: published (this replaces it) or taken down (this publishes it again). */
function CurrentState({ draft, context }: { draft: DraftView; context: StoryContext }) {
  const current = context.current;
  if (!current) return null;
  if (current.state === 'withdrawn') {
    return (
      <View className='authoring__banner authoring__banner--returned' data-testid='review-withdrawn'>
        <Text>
          {`该事迹已撤回${current.withdrawal ? `（${formatDateTime(current.withdrawal.at)}，原因：${current.withdrawal.reason}）` : ''}。通过后将作为第 ${draft.revision} 版重新发布。`}
        </Text>
      </View>
    );
  }
  return <Text className='authoring__hint'>{`修改稿：通过后替换已发布的第 ${current.revision} 版`}</Text>;
}

/** One revision under review: read it as readers will see it (cover, campaign, byline, exemplars), then approve or return with a comment. */
export function ReviewStoryScreen() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource(() => load(id), [id]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  if (state.status === 'error') return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  if (state.status === 'loading') return <View className='authoring authoring--loading'>加载中…</View>;
  const { draft, preview, context } = state.data;
  const urls = imageUrls(preview.blocks);
  const hidden = context.exemplars.filter((e) => !e.shown);
  // WeChat's content check takes no video: approving is what clears a story's videos for readers.
  const videos = preview.blocks.filter((b) => b.type === 'video').length;

  const decide = async (decision: 'approve' | 'return') => {
    if (decision === 'return' && comment.trim() === '') {
      void Taro.showToast({ title: '退回时请写明原因', icon: 'none' });
      return;
    }
    // Approving publishes at once: readers see it as soon as the call returns.
    if (decision === 'approve') {
      const again = context.current?.state === 'withdrawn' ? '（该事迹曾被撤回，将重新上线）' : '';
      const watched = videos > 0 ? `稿中 ${videos} 段视频未经微信内容检测，通过即表示你已看完并确认可以公开。` : '';
      const ok = await confirmAction({ title: '通过并发布', content: `${watched}通过后《${draft.title}》将立即对读者公开${again}，确定通过？`, confirmText: '发布' });
      if (!ok) return;
    }
    setBusy(true);
    try {
      await call('authoring', 'review', { storyId: draft.storyId, version: draft.version, decision, comment: comment.trim() });
      void Taro.showToast({ title: decision === 'approve' ? '已通过并发布' : '已退回', icon: 'success' });
      void Taro.redirectTo({ url: routes.storyQueue() });
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const closed = draft.state !== 'in_review';
  return (
    <View className='authoring review-story'>
      {closed ? (
        <View className='authoring__banner'>
          <Text>这篇事迹不在审核中</Text>
        </View>
      ) : null}
      {draft.secCheck === 'review' ? (
        <View className='authoring__banner authoring__banner--returned'>
          <Text>内容安全检测建议人工复核，请仔细审阅</Text>
        </View>
      ) : null}
      <CurrentState draft={draft} context={context} />
      <Text className='review-story__label'>读者将看到</Text>
      <View className='review-story__reader' data-testid='review-reader-view'>
        <Cover src={draft.coverUrl} placeholder='未设置封面' alt='封面' />
        <View className='review-story__head'>
          {context.campaign ? (
            <Text className='review-story__campaign' data-testid='review-campaign'>
              {context.campaign.name}
            </Text>
          ) : null}
          <Text className='review-story__title'>{draft.title || '（未填写标题）'}</Text>
          <View className='review-story__meta' data-testid='review-byline'>
            {context.unit ? <Text className='review-story__unit'>{context.unit.name}</Text> : null}
            <Text>{draft.author || '（未署名）'}</Text>
          </View>
        </View>
        <View className='review-story__content'>
          <ContentBlocks blocks={preview.blocks} onPreviewImage={(url) => void Taro.previewImage({ current: url, urls })} onCopyLink={copyLink} />
        </View>
        {context.exemplars.length > 0 ? (
          <View className='review-story__people' data-testid='review-exemplars'>
            <Text className='section-title'>事迹主人公</Text>
            {context.exemplars.map((e) => (
              <View key={e._id} className={`review-story__person${e.shown ? '' : ' review-story__person--hidden'}`} data-testid='review-exemplar'>
                <Text className='review-story__person-initial'>{e.name.slice(0, 1)}</Text>
                <View className='review-story__person-text'>
                  <Text className='review-story__person-name'>{e.name}</Text>
                  <Text className='review-story__person-kind'>{e.kind === 'collective' ? '集体' : '个人'}</Text>
                  {e.shown ? null : <Text className='review-story__person-hidden'>未公开，读者看不到</Text>}
                </View>
              </View>
            ))}
          </View>
        ) : null}
      </View>
      {videos > 0 ? (
        <Text className='authoring__hint' data-testid='review-video-note'>{`本稿含 ${videos} 段视频。视频不经微信内容安全检测，请逐段看完再通过：通过后视频即对读者公开。`}</Text>
      ) : null}
      {hidden.length > 0 ? <Text className='authoring__hint'>{`有 ${hidden.length} 位典型尚未公开（未发布或本人同意未生效），读者页面不会显示他们。`}</Text> : null}
      {preview.issues.map((issue, i) => (
        <Text key={i} className='authoring__issue'>
          {markdownNoteText(issue)}
        </Text>
      ))}
      <Textarea className='authoring__comment' value={comment} maxlength={STORY_LIMITS.comment} placeholder='审核意见（退回时必填）' onInput={(e) => setComment(e.detail.value)} />
      <View className='authoring__actions'>
        <Button className='authoring__action' disabled={busy || closed || undefined} onClick={() => void decide('return')}>
          退回修改
        </Button>
        <Button className='authoring__action review-story__approve' type='primary' disabled={busy || closed || undefined} onClick={() => void decide('approve')}>
          通过并发布
        </Button>
      </View>
    </View>
  );
}
