import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DraftCard } from '@contract';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import './authoring.scss';
import './review-queue-screen.scss';
import { useReloadOnReturn } from '../../lib/use-reload-on-return';

type QueueRow = DraftCard & { _id: string };

/** 事迹审核: revisions waiting in the reviewer's subtree, oldest submission first, one page at a time. */
export function ReviewQueueScreen() {
  const list = usePagedList<QueueRow>(async (cursor) => {
    const page = await call('authoring', 'reviewQueue', { cursor });
    return { items: page.items.map((d) => ({ ...d, _id: d.storyId })), next: page.next };
  }, []);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => list.refresh());
  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  if (list.status === 'loading') return <View className='authoring authoring--loading'>加载中…</View>;
  if (list.items.length === 0) return <StateView kind='empty' title='没有待审核的事迹' />;
  return (
    <View className='authoring story-queue'>
      {list.items.map((d) => (
        <ListRow
          key={d.storyId}
          testId='story-queue-item'
          title={d.title || '（无标题）'}
          badge={d.secCheck === 'review' ? { text: '内容需人工复核', tone: 'warn' } : { text: d.published ? `修改稿（第 ${d.revision} 版）` : '新稿' }}
          meta={[d.unit?.name, d.secCheck === 'review' ? (d.published ? `修改稿（第 ${d.revision} 版）` : '新稿') : null, d.submittedAt ? `提交于 ${formatDateTime(d.submittedAt)}` : null]}
          onTap={() => void Taro.navigateTo({ url: routes.storyReview({ id: d.storyId }) })}
        />
      ))}
      <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
    </View>
  );
}
