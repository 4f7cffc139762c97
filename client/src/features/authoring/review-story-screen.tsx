import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { STORY_LIMITS, type DraftView, type PreviewResult } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { isId } from '../../lib/ids';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { ContentBlocks } from '../../components/content-blocks';
import { StateView } from '../../components/state-view';
import './authoring.scss';

async function load(id: string): Promise<{ draft: DraftView; preview: PreviewResult }> {
  if (!isId(id)) throw new ApiFailure('NOT_FOUND', 'bad story id in route');
  const draft = await call('authoring', 'draft', { storyId: id });
  // The reviewer reads exactly what readers will see: the same compiler, the same blocks component.
  // Naming the story lets the server sign the images already on it (the editor uploaded them, not the reviewer).
  const preview = await call('authoring', 'preview', { markdown: draft.markdown, storyId: draft.storyId });
  return { draft, preview };
}

/** One revision under review: read it as published, then approve or return with a comment. */
export function ReviewStoryScreen() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource(() => load(id), [id]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  if (state.status === 'error') return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  if (state.status === 'loading') return <View className='authoring authoring--loading'>加载中…</View>;
  const { draft, preview } = state.data;

  const decide = async (decision: 'approve' | 'return') => {
    if (decision === 'return' && comment.trim() === '') {
      void Taro.showToast({ title: '退回时请写明原因', icon: 'none' });
      return;
    }
    // Approving publishes at once: readers see it as soon as the call returns.
    if (decision === 'approve') {
      const answer = await Taro.showModal({ title: '通过并发布', content: `通过后《${draft.title}》将立即对读者公开，确定通过？`, confirmText: '发布' });
      if (!answer.confirm) return;
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

  return (
    <View className='authoring'>
      {draft.state !== 'in_review' ? <View className='authoring__banner'><Text>这篇事迹不在审核中</Text></View> : null}
      {draft.secCheck === 'review' ? <View className='authoring__banner authoring__banner--returned'><Text>内容安全检测建议人工复核，请仔细审阅</Text></View> : null}
      {draft.publishedRevision ? <Text className='authoring__hint'>修改稿：通过后替换已发布的第 {draft.publishedRevision} 版</Text> : null}
      <View className='authoring__preview'>
        <Text className='authoring__preview-title'>{draft.title}</Text>
        <Text className='authoring__hint'>{draft.author}</Text>
        <ContentBlocks blocks={preview.blocks} onPreviewImage={(url) => void Taro.previewImage({ current: url, urls: [url] })} onCopyLink={copyLink} />
      </View>
      <Textarea className='authoring__comment' value={comment} maxlength={STORY_LIMITS.comment} placeholder='审核意见（退回时必填）' onInput={(e) => setComment(e.detail.value)} />
      <View className='authoring__actions'>
        <Button className='authoring__action' disabled={busy || draft.state !== 'in_review' || undefined} onClick={() => void decide('return')}>
          退回修改
        </Button>
        <Button className='authoring__action' type='primary' disabled={busy || draft.state !== 'in_review' || undefined} onClick={() => void decide('approve')}>
          通过并发布
        </Button>
      </View>
    </View>
  );
}
