/**
 * 我的点赞 / 我的致敬 / 我的留言: what the caller did, one tab at a time, each paged as its list is
 * elsewhere. Only the open tab loads; coming back to 我的 reloads it, so a like, a salute or a
 * message given since shows. 留言 not yet featured say so (仅自己可见), and each can be deleted.
 */
import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { ExemplarCard as ExemplarCardData, MyCommentView, StoryCard as StoryCardData } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { formatDateTime } from '../../lib/dates';
import { openProfile, openStory } from '../../lib/nav';
import { useRemoveComment } from '../../lib/use-remove-comment';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { CommentCard, OWN_COMMENT_NOTE } from '../../components/comment-card';
import { ExemplarCard } from '../../components/exemplar-card';
import { ListFooter } from '../../components/list-footer';
import { StateView } from '../../components/state-view';
import { StoryFeedList } from '../../components/story-feed-list';
import { Tabs } from '../../components/tabs';

type Tab = 'likes' | 'salutes' | 'comments';
const TABS = [
  { value: 'likes', label: '点赞' },
  { value: 'salutes', label: '致敬' },
  { value: 'comments', label: '留言' },
] as const satisfies readonly { value: Tab; label: string }[];

/** Reloads a list when 我的 is shown again (the tab page stays mounted), not on its first show. */
function useReloadOnReturn(reload: () => void): void {
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true;
      return;
    }
    reload();
  });
}

function Likes() {
  const [now, setNow] = useState(() => Date.now());
  const list = usePagedList<StoryCardData>((cursor) => call('engagement', 'myLikes', { cursor, limit: PAGE_SIZE.feed }), []);
  const refresh = () => {
    setNow(Date.now());
    return list.refresh();
  };
  useListPageEvents({ refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => void refresh());
  return <StoryFeedList list={list} now={now} onOpen={openStory} emptyText='还没有点赞的事迹，去动态看看吧' />;
}

function Salutes() {
  const list = usePagedList<ExemplarCardData>((cursor) => call('engagement', 'mySalutes', { cursor }), []);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => void list.refresh());
  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  if (list.status === 'loading') return <Text className='me__list-hint'>加载中…</Text>;
  if (list.items.length === 0) return <StateView kind='empty' title='还没有致敬的典型，去典型库看看吧' />;
  return (
    <View data-testid='my-salutes'>
      {list.items.map((e) => (
        <ExemplarCard key={e._id} exemplar={e} onOpen={openProfile} />
      ))}
      <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
    </View>
  );
}

/** The story a message is under, opening it; a story taken down goes nowhere (plain text, not a link). */
function StoryLine({ story }: { story: MyCommentView['story'] }) {
  if (!story) {
    return (
      <View className='me__comment-story me__comment-story--gone'>
        <Text className='me__comment-story-title'>事迹已撤回，留言不再公开</Text>
      </View>
    );
  }
  return (
    <View className='me__comment-story' role='link' onClick={() => openStory(story._id)}>
      <Text className='me__comment-story-title'>{`《${story.title}》`}</Text>
      <Text className='me__comment-story-more'>›</Text>
    </View>
  );
}

function Comments() {
  const list = usePagedList<MyCommentView>((cursor) => call('comments', 'mine', { cursor }), []);
  const { removed, remove } = useRemoveComment();
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => void list.refresh());

  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  if (list.status === 'loading') return <Text className='me__list-hint'>加载中…</Text>;
  const items = list.items.filter((c) => !removed.has(c._id));
  if (items.length === 0) return <StateView kind='empty' title='还没有留言，读完事迹写下你的感想吧' />;
  return (
    <View data-testid='my-comments'>
      {items.map((c) => (
        <View key={c._id} className='me__comment'>
          <StoryLine story={c.story} />
          <CommentCard
            testId='my-comment'
            byline='我'
            time={formatDateTime(c.createdAt)}
            text={c.text}
            reply={c.reply ? { text: c.reply.text } : null}
            note={c.state === 'featured' ? { text: '已精选，所有读者可见', tone: 'ok' } : OWN_COMMENT_NOTE[c.state]}
            onDelete={() => void remove(c)}
          />
        </View>
      ))}
      <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
    </View>
  );
}

export function MyActivity() {
  const [tab, setTab] = useState<Tab>('likes');
  return (
    <View className='section me__activity' data-testid='my-activity'>
      <Tabs tabs={TABS} value={tab} onChange={setTab} />
      <View className='me__activity-body' data-testid={tab === 'likes' ? 'my-likes' : undefined}>
        {tab === 'likes' ? <Likes /> : tab === 'salutes' ? <Salutes /> : <Comments />}
      </View>
    </View>
  );
}
