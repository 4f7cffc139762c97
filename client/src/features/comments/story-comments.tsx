/**
 * 留言 at the end of a story, as official accounts do it: the messages staff featured (精选),
 * newest first, each with the author's reply; the reader's own messages that are not featured
 * yet, marked 仅自己可见; and a box to write one. What is typed is kept on the device (with the
 * request key its send uses) until the server has it, so a failed send or a closed page loses
 * nothing and a resend after a lost answer is the same message. In Moments' single-page mode
 * nothing can be written: 写留言 is off and says to open the mini-program.
 */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CommentView } from '@contract';
import { COMMENT_LIMITS } from '@contract';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { isMomentsSinglePage, momentsTip } from '../../lib/scene';
import { useAction } from '../../lib/use-action';
import { useRemoveComment } from '../../lib/use-remove-comment';
import { usePagedList } from '../../lib/use-paged-list';
import { CommentCard, OWN_COMMENT_NOTE } from '../../components/comment-card';
import './story-comments.scss';

interface Draft {
  text: string;
  requestKey: string;
}

const draftKey = (storyId: string) => `comments:draft:${storyId}`;

function newRequestKey(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

function loadDraft(storyId: string): Draft {
  const raw: unknown = Taro.getStorageSync(draftKey(storyId));
  if (raw && typeof raw === 'object' && typeof (raw as Draft).text === 'string' && typeof (raw as Draft).requestKey === 'string') return raw as Draft;
  return { text: '', requestKey: newRequestKey() };
}

function saveDraft(storyId: string, draft: Draft | null): void {
  try {
    if (draft && draft.text.length > 0) Taro.setStorageSync(draftKey(storyId), draft);
    else Taro.removeStorageSync(draftKey(storyId));
  } catch {
    // A full storage only costs the draft surviving a closed page; the box still holds it.
  }
}

function Composer({ storyId, onPosted, onCancel }: { storyId: string; onPosted: (c: CommentView) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => loadDraft(storyId));
  const action = useAction();
  const chars = [...draft.text.trim()].length;

  function edit(text: string) {
    // The key names this message: a changed text after a refusal is still one message, sent once.
    const next = { ...draft, text };
    setDraft(next);
    saveDraft(storyId, next);
  }

  async function send() {
    if (chars === 0) return;
    const res = await action.run(() => call('comments', 'post', { storyId, text: draft.text.trim(), requestKey: draft.requestKey }));
    if (!res) return;
    saveDraft(storyId, null);
    setDraft({ text: '', requestKey: newRequestKey() });
    void Taro.showToast({ title: '已发表，精选后公开', icon: 'none' });
    onPosted(res.comment);
  }

  return (
    <View className='story-comments__composer' data-testid='comment-composer'>
      <Textarea
        className='story-comments__field'
        aria-label='写留言'
        value={draft.text}
        maxlength={COMMENT_LIMITS.textMax}
        placeholder='写下你的留言，经精选后公开'
        // The reader tapped 写留言 to type: the keyboard comes up and the box scrolls into view.
        focus
        autoHeight
        onInput={(e) => {
          edit(e.detail.value);
          if (action.error) action.clear();
        }}
      />
      <View className='story-comments__composer-foot'>
        <Text className='story-comments__count'>{`${chars}/${COMMENT_LIMITS.textMax}`}</Text>
        <Button className='story-comments__button' size='mini' disabled={action.busy || undefined} onClick={onCancel}>
          收起
        </Button>
        <Button className='story-comments__button' size='mini' type='primary' disabled={action.busy || chars === 0 || undefined} onClick={() => void send()} data-testid='comment-send'>
          {action.busy ? '发送中…' : '发表'}
        </Button>
      </View>
      {action.error ? (
        <View className='story-comments__error' role='alert' data-testid='comment-error'>
          <Text>{action.error.message}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** The 留言 section of a published story. */
export function StoryComments({ storyId }: { storyId: string }) {
  const [mine, setMine] = useState<CommentView[]>([]);
  const [writing, setWriting] = useState(false);
  const [moments] = useState(isMomentsSinglePage);
  const list = usePagedList<CommentView>(async (cursor) => {
    const page = await call('comments', 'listForStory', { storyId, cursor });
    if (cursor === null) setMine(page.mine);
    return { items: page.items, next: page.next };
  }, [storyId]);
  const { removed, remove } = useRemoveComment();

  const own = mine.filter((c) => !removed.has(c._id));
  const featured = list.items.filter((c) => !removed.has(c._id));
  const card = (c: CommentView) => (
    <CommentCard
      key={c._id}
      testId={c.mine ? 'comment-own' : 'comment'}
      byline={c.byline}
      time={formatDateTime(c.createdAt)}
      text={c.text}
      reply={c.reply ? { text: c.reply.text } : null}
      note={c.state === 'featured' ? null : OWN_COMMENT_NOTE[c.state]}
      onDelete={c.mine ? () => void remove(c) : undefined}
    />
  );

  return (
    <View className='section story-comments' data-testid='story-comments'>
      <View className='story-comments__head'>
        <Text className='section-title story-comments__title'>留言</Text>
        {writing ? null : (
          <Button
            className='story-comments__write'
            size='mini'
            disabled={moments || undefined}
            onClick={() => setWriting(true)}
            data-testid='comment-write'
          >
            写留言
          </Button>
        )}
      </View>
      {moments ? <Text className='story-comments__hint'>{momentsTip('写留言')}</Text> : null}
      {writing && !moments ? (
        <Composer
          storyId={storyId}
          onCancel={() => setWriting(false)}
          onPosted={(c) => {
            setMine((m) => [c, ...m.filter((x) => x._id !== c._id)]);
            setWriting(false);
          }}
        />
      ) : null}
      {own.map(card)}
      {list.status === 'loading' ? <Text className='story-comments__hint'>留言加载中…</Text> : null}
      {list.status === 'error' ? (
        <View className='story-comments__hint story-comments__retry' role='button' onClick={() => void list.refresh()}>
          留言加载失败，点击重试
        </View>
      ) : null}
      {list.status === 'ready' && featured.length === 0 && own.length === 0 ? <Text className='story-comments__hint'>还没有精选留言，写下你的感想吧</Text> : null}
      {featured.map(card)}
      {list.moreError ? (
        <View className='story-comments__more' role='button' onClick={() => void list.loadMore()}>
          加载失败，点击重试
        </View>
      ) : list.status === 'ready' && !list.done ? (
        <View className='story-comments__more' role='button' onClick={() => void list.loadMore()} data-testid='comment-more'>
          {list.loadingMore ? '加载中…' : '查看更多留言'}
        </View>
      ) : null}
    </View>
  );
}
