import { Button, Text, View } from '@tarojs/components';
import type { PublishCandidate } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { ArticleBody } from './article-body';
import { Picture } from '../../components/picture';
import './publish-preview-sheet.scss';

/** Publishing a story for the first time, or sending its newer revision as a new article. */
export type PreviewIntent = 'publish' | 'republish';

/**
 * The article exactly as 火焰蓝e党建 will show it (publish.preview: the pipeline's own renderer),
 * looked at before 确认发布: the message card (cover, title, digest) and the article page. The
 * confirmation still asks once more, as every irreversible action does.
 */
export function PublishPreviewSheet({
  story,
  intent,
  busy,
  onClose,
  onConfirm,
}: {
  story: PublishCandidate;
  intent: PreviewIntent;
  busy: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { state, reload } = useResource(() => call('publish', 'preview', { storyId: story._id }), [story._id]);
  const ready = state.status === 'ready' ? state.data : null;
  const publishable = ready !== null && ready.html !== null;
  const before = story.article?.revision ?? null;

  const confirm = async () => {
    // Nothing the account would take (or a publish already running): nothing to confirm.
    if (!publishable || busy) return;
    const ok =
      intent === 'republish'
        ? await confirmAction({
            title: '确认重新发布？',
            content: `公众号上将新发一篇第 ${story.revision} 版的文章，${before ? `已发布的第 ${before} 版` : '已发布的文章'}仍会保留。发布后不会通知粉丝。`,
            confirmText: '重新发布',
          })
        : await confirmAction({ title: '确认发布到公众号？', content: `《${story.title}》将发布到公众号“火焰蓝e党建”。发布后不会通知粉丝。`, confirmText: '发布' });
    if (ok) onConfirm();
  };

  return (
    <View className='publish-preview' data-testid='publish-preview'>
      <View className='publish-preview__panel'>
        <View className='publish-preview__head'>
          <Text className='publish-preview__heading'>{intent === 'republish' ? '重新发布前预览' : '发布前预览'}</Text>
          <View className='publish-preview__close' role='button' onClick={onClose} data-testid='publish-preview-close'>
            <Text>关闭</Text>
          </View>
        </View>
        <View className='publish-preview__body'>
          {state.status === 'loading' ? <Text className='publish-preview__muted'>正在生成预览…</Text> : null}
          {state.status === 'error' ? <StateView kind='error' error={state.error} onRetry={() => void reload()} /> : null}
          {ready ? (
            <>
              <Text className='publish-preview__label'>公众号消息卡片</Text>
              <View className='publish-preview__card' data-testid='publish-preview-card'>
                {ready.cover ? <Picture className='publish-preview__cover' src={ready.cover} mode='aspectFill' alt='封面' /> : <View className='publish-preview__cover publish-preview__cover--none'>无封面</View>}
                <View className='publish-preview__card-text'>
                  <Text className='publish-preview__card-title'>{ready.title}</Text>
                  {ready.digest ? <Text className='publish-preview__card-digest'>{ready.digest}</Text> : null}
                </View>
              </View>
              <Text className='publish-preview__label'>文章页</Text>
              {ready.problem ? (
                <View className='publish-preview__problem' role='alert' data-testid='publish-preview-problem'>
                  <Text>{`暂不能发布：${ready.problem}`}</Text>
                </View>
              ) : null}
              {ready.html ? (
                <View className='publish-preview__article' data-testid='publish-preview-article'>
                  <Text className='publish-preview__title'>{ready.title}</Text>
                  <View className='publish-preview__byline'>
                    {ready.author ? <Text className='publish-preview__author'>{ready.author}</Text> : null}
                    <Text className='publish-preview__account'>火焰蓝e党建</Text>
                  </View>
                  <ArticleBody html={ready.html} />
                </View>
              ) : null}
            </>
          ) : null}
        </View>
        <View className='publish-preview__foot'>
          {intent === 'republish' ? (
            <Text className='publish-preview__note' data-testid='publish-preview-revisions'>
              {before ? `已发布第 ${before} 版，当前第 ${story.revision} 版：将作为新文章发布` : `当前第 ${story.revision} 版：将作为新文章发布`}
            </Text>
          ) : null}
          <View className='publish-preview__actions'>
            <Button className='publish-preview__button' onClick={onClose}>
              取消
            </Button>
            <Button
              className='publish-preview__button publish-preview__button--primary'
              disabled={busy || !publishable || undefined}
              onClick={() => void confirm()}
              data-testid='publish-preview-confirm'
            >
              {busy ? '发布中…' : intent === 'republish' ? '确认重新发布' : '确认发布'}
            </Button>
          </View>
        </View>
      </View>
    </View>
  );
}
