/**
 * 留言管理: readers' messages under the stories of the reviewer's subtrees. 待精选 lists them
 * oldest first (work is done in the order it came); 精选 shows one to every reader, 不精选 keeps
 * it to its writer (with a reason staff can read later), 回复 writes the 作者回复 shown under it.
 * 已精选 lists the shown ones newest first, where a reply is changed or a message taken back.
 * A message flagged by the content check says so before anyone features it.
 */
import { useState, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ModerationCounts, ModerationItem } from '@contract';
import { COMMENT_LIMITS } from '@contract';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { usePagedList } from '../../lib/use-paged-list';
import { ListFooter } from '../../components/list-footer';
import { ReasonSheet } from '../../components/reason-sheet';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import './moderation-screen.scss';
import { useReloadOnReturn } from '../../lib/use-reload-on-return';

type Tab = 'pending' | 'featured';
type Sheet = { kind: 'hide' | 'reply'; item: ModerationItem } | null;

const HIDE_PRESETS = ['与事迹无关', '含个人信息', '用语不当', '重复留言'] as const;

/**
 * One message as its moderator reads it: the text in full, where it is, who decided what. A
 * sheet opened on it (不精选, 回复) takes the place of its buttons, and a refusal of an act on it
 * shows in it: both where the reviewer's eyes are, however long the list.
 */
function ModerationCard(props: { item: ModerationItem; busy: boolean; error: string | null; sheet: ReactNode; onFeature: () => void; onHide: () => void; onReply: () => void }) {
  const { item, busy, error, sheet, onFeature, onHide, onReply } = props;
  return (
    <View className='moderation-card' data-testid='moderation-item'>
      <View className='moderation-card__head'>
        <Text className='moderation-card__time'>{formatDateTime(item.createdAt)}</Text>
        {item.contentHeld ? <Text className='moderation-card__flag'>内容需人工复核</Text> : null}
        {item.state === 'featured' ? <Text className='moderation-card__state'>已精选</Text> : null}
      </View>
      <Text className='moderation-card__text' userSelect>
        {item.text}
      </Text>
      <View
        className='moderation-card__story'
        role={item.story.published ? 'link' : undefined}
        onClick={() => {
          if (item.story.published) void Taro.navigateTo({ url: routes.story({ id: item.story._id }) });
        }}
      >
        <Text className='moderation-card__story-title'>{`《${item.story.title || '无标题'}》`}</Text>
        <Text className='moderation-card__story-meta'>{[item.unit?.name, item.story.published ? null : '事迹已撤回，留言不再公开'].filter(Boolean).join(' · ')}</Text>
      </View>
      {item.featured ? <Text className='moderation-card__meta'>{`${item.featured.by.name} 于 ${formatDateTime(item.featured.at)} 精选`}</Text> : null}
      {item.hidden ? <Text className='moderation-card__meta'>{`${item.hidden.by.name} 于 ${formatDateTime(item.hidden.at)} 未精选：${item.hidden.reason}`}</Text> : null}
      {item.reply ? (
        <View className='moderation-card__reply' data-testid='moderation-reply'>
          <Text className='moderation-card__reply-label'>{`作者回复 · ${item.reply.by.name} · ${formatDateTime(item.reply.at)}`}</Text>
          <Text className='moderation-card__reply-text'>{item.reply.text}</Text>
        </View>
      ) : null}
      {sheet ? (
        <View className='moderation-card__sheet'>{sheet}</View>
      ) : (
        <>
          {error ? (
            <View className='moderation-card__error' role='alert' data-testid='moderation-error'>
              <Text>{error}</Text>
            </View>
          ) : null}
          <View className='moderation-card__actions'>
            <Button className='moderation-card__button' size='mini' disabled={busy || undefined} onClick={onReply} data-testid='moderation-reply-open'>
              {item.reply ? '改回复' : '回复'}
            </Button>
            <Button className='moderation-card__button' size='mini' disabled={busy || undefined} onClick={onHide} data-testid='moderation-hide'>
              {item.state === 'featured' ? '取消精选' : '不精选'}
            </Button>
            {/* Under a story taken down a message can be shown to nobody: no 精选 (the story line says why). */}
            {item.state === 'featured' || !item.story.published ? null : (
              <Button className='moderation-card__button' size='mini' type='primary' disabled={busy || undefined} onClick={onFeature} data-testid='moderation-feature'>
                精选
              </Button>
            )}
          </View>
        </>
      )}
    </View>
  );
}

export function ModerationScreen() {
  const [tab, setTab] = useState<Tab>(useRouter().params.tab === 'featured' ? 'featured' : 'pending');
  const [counts, setCounts] = useState<ModerationCounts | null>(null);
  const [sheet, setSheet] = useState<Sheet>(null);
  // Decided messages leave the tab at once; the next load reads the server's list and counts.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const [changed, setChanged] = useState<ReadonlyMap<string, ModerationItem>>(new Map());
  const action = useAction();
  // The message the last act was on: its refusal shows in its card.
  const [actedOn, setActedOn] = useState<string | null>(null);
  const list = usePagedList<ModerationItem>(async (cursor) => {
    const page = await call('comments', 'queue', { tab, cursor });
    setCounts(page.counts);
    if (cursor === null) {
      setGone(new Set());
      setChanged(new Map());
    }
    return { items: page.items, next: page.next };
  }, [tab]);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => list.refresh());

  function settle(updated: ModerationItem) {
    const leaves = updated.state !== tab;
    if (leaves) {
      setGone((s) => new Set([...s, updated._id]));
      setCounts((c) => (c ? { pending: c.pending + (updated.state === 'pending' ? 1 : tab === 'pending' ? -1 : 0), featured: c.featured + (updated.state === 'featured' ? 1 : tab === 'featured' ? -1 : 0) } : c));
    } else {
      setChanged((m) => new Map([...m, [updated._id, updated]]));
    }
  }

  async function feature(item: ModerationItem) {
    setActedOn(item._id);
    const res = await action.run(() => call('comments', 'feature', { id: item._id }), '已精选');
    if (res) settle(res.comment);
  }

  function open(next: NonNullable<Sheet>) {
    action.clear();
    setActedOn(next.item._id);
    setSheet(next);
  }

  function sheetFor(which: NonNullable<Sheet>): ReactNode {
    const { item } = which;
    if (which.kind === 'hide') {
      return (
        <ReasonSheet
          key={`hide-${item._id}`}
          title={item.state === 'featured' ? '取消精选' : '不精选这条留言'}
          hint='留言将只对写它的读者可见，原因仅工作人员可见。'
          label='原因（必填）'
          requiredText='请写明原因'
          maxLength={COMMENT_LIMITS.reasonMax}
          presets={HIDE_PRESETS}
          actionText='确认'
          busy={action.busy}
          error={action.error?.message ?? null}
          onCancel={() => setSheet(null)}
          onSubmit={async (reason) => {
            const res = await action.run(() => call('comments', 'hide', { id: item._id, reason }), '已处理');
            if (!res) return;
            settle(res.comment);
            setSheet(null);
          }}
          testId='moderation-hide-sheet'
        />
      );
    }
    return (
      <ReasonSheet
        key={`reply-${item._id}`}
        title={item.reply ? '修改作者回复' : '作者回复'}
        hint={item.reply ? `原回复：${item.reply.text}` : '回复显示在留言下方，署名“作者回复”。'}
        label='回复内容（必填）'
        requiredText='请写下回复'
        maxLength={COMMENT_LIMITS.replyMax}
        actionText='发送'
        busy={action.busy}
        error={action.error?.message ?? null}
        onCancel={() => setSheet(null)}
        onSubmit={async (text) => {
          const res = await action.run(() => call('comments', 'reply', { id: item._id, text }), '已回复');
          if (!res) return;
          settle(res.comment);
          setSheet(null);
        }}
        testId='moderation-reply-sheet'
      />
    );
  }

  const items = list.items.filter((i) => !gone.has(i._id)).map((i) => changed.get(i._id) ?? i);
  const tabs = [
    { value: 'pending' as const, label: counts ? `待精选 ${counts.pending}` : '待精选' },
    { value: 'featured' as const, label: counts ? `已精选 ${counts.featured}` : '已精选' },
  ];

  let body;
  if (list.status === 'error') body = <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  else if (list.status === 'loading') body = <View className='moderation__loading'>加载中…</View>;
  else if (items.length === 0) body = <StateView kind='empty' title={tab === 'pending' ? '没有待精选的留言' : '还没有精选留言'} />;
  else
    body = (
      <>
        {items.map((item) => (
          <ModerationCard
            key={item._id}
            item={item}
            busy={action.busy}
            error={actedOn === item._id ? (action.error?.message ?? null) : null}
            sheet={sheet?.item._id === item._id ? sheetFor(sheet) : null}
            onFeature={() => void feature(item)}
            onHide={() => open({ kind: 'hide', item })}
            onReply={() => open({ kind: 'reply', item })}
          />
        ))}
        <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
      </>
    );

  return (
    <View className='page moderation'>
      <Tabs
        tabs={tabs}
        value={tab}
        onChange={(t) => {
          setSheet(null);
          action.clear();
          setTab(t);
        }}
      />
      {body}
    </View>
  );
}
