import { useState, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Id, Tier, TierChangeKind } from '@contract';
import { call } from '../../lib/api';
import { tierChangeSentence } from '../../lib/audit-sentences';
import { formatDate } from '../../lib/dates';
import { allowedChanges, KIND_LABEL, TIER_CHANGE_LABEL, TIER_LABEL, TIER_TRANSITIONS } from '../../lib/contract-values';
import { TIER_CHANGE_REASON_MAX } from '../../lib/schema-limits';
import { useAction } from '../../lib/use-action';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';
import { ChipGroup, type ChipOption } from '../../components/chip-group';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { ReasonSheet } from '../../components/reason-sheet';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import './staff-admin.scss';

type View_ = 'overdue' | 'major' | 'reserve' | 'history';
const VIEWS: { value: View_; label: string }[] = [
  { value: 'overdue', label: '待复核' },
  { value: 'major', label: '重大库' },
  { value: 'reserve', label: '后备库' },
  { value: 'history', label: '调整记录' },
];


interface Target {
  _id: Id;
  name: string;
  tier: Tier;
}

/**
 * The decision, opened under the exemplar's row: the decisions open to its tier (from the
 * contract's table), a reason for the history, then a confirmation.
 */
function DecisionPanel({ target, onDone, onCancel }: { target: Target; onDone: () => void; onCancel: () => void }) {
  const options: ChipOption<TierChangeKind>[] = allowedChanges(target.tier).map((k) => ({ value: k, label: TIER_CHANGE_LABEL[k] }));
  const [change, setChange] = useState<TierChangeKind>(options[0]?.value ?? 'keep');
  const action = useAction();
  const to = TIER_TRANSITIONS[change][target.tier];
  const label = TIER_CHANGE_LABEL[change];
  return (
    <View className='decision' data-testid='decision-panel'>
      <Text className='decision__title'>{`调整：${target.name}（${TIER_LABEL[target.tier]}）`}</Text>
      <ChipGroup label='调整方式' options={options} value={change} onChange={setChange} />
      <ReasonSheet
        title={label}
        hint={change === 'keep' ? '复核后保留在原库，下次复核日期顺延。' : to ? `调整后：${TIER_LABEL[to]}` : undefined}
        label='理由'
        placeholder='必填，将记入调整记录'
        requiredText='请填写理由'
        maxLength={TIER_CHANGE_REASON_MAX}
        actionText='提交'
        confirm={{ title: label, content: `确定对「${target.name}」执行「${label}」？` }}
        busy={action.busy}
        error={action.error?.message ?? null}
        onCancel={onCancel}
        onSubmit={async (reason) => {
          const done = await action.run(() => call('library', 'changeTier', { exemplarId: target._id, change, reason }), '已完成');
          if (done) onDone();
        }}
      />
    </View>
  );
}

/** One exemplar of a library list: what it is and where, its decision button, and the decision opened under it. */
function Row({ title, meta, action, open, onAction, children }: { title: string; meta: string[]; action: string; open: boolean; onAction: () => void; children: ReactNode }) {
  return (
    <ListRow
      testId='library-row'
      title={title}
      meta={meta}
      actions={
        <Button className='staff__secondary' disabled={open || undefined} onClick={onAction}>
          {action}
        </Button>
      }
    >
      {open ? children : null}
    </ListRow>
  );
}

/** 典型库管理: overdue reviews, the two libraries with their decisions, and the history of decisions. */
export function LibraryAdminScreen() {
  const [view, setView] = useState<View_>('overdue');
  const [target, setTarget] = useState<Target | null>(null);
  const [version, setVersion] = useState(0);

  const overdue = useResource(() => call('library', 'overdue', {}), [version]);
  const tier: 'major' | 'reserve' = view === 'reserve' ? 'reserve' : 'major';
  const library = usePagedList((cursor) => call('content', 'exemplars', { tier, cursor }), [tier, version]);
  const history = usePagedList((cursor) => call('library', 'history', { cursor }), [version]);

  const done = () => {
    setTarget(null);
    setVersion((v) => v + 1);
  };

  const panel = target ? <DecisionPanel key={target._id} target={target} onDone={done} onCancel={() => setTarget(null)} /> : null;
  const denied = '仅发布员可以管理典型库';
  const now = Date.now();

  return (
    <View className='page staff staff--desk'>
      <Tabs tabs={VIEWS} value={view} onChange={(v) => { setView(v); setTarget(null); }} />

      {view === 'overdue' ? (
        overdue.state.status === 'loading' ? (
          <Text className='staff__muted'>加载中…</Text>
        ) : overdue.state.status === 'error' ? (
          <StateView kind='error' deniedTitle={denied} error={overdue.state.error} onRetry={() => void overdue.reload()} />
        ) : overdue.state.data.items.length === 0 ? (
          <StateView kind='empty' title='没有待复核的典型' />
        ) : (
          <View className='section'>
            <Text className='section-title' data-testid='overdue-total'>{`共 ${overdue.state.data.total} 项逾期待复核`}</Text>
            {overdue.state.data.items.map((e) => (
              <Row
                key={e._id}
                title={`${e.name} · ${KIND_LABEL[e.kind]}`}
                meta={[
                  [TIER_LABEL[e.tier], e.unit?.name].filter(Boolean).join(' · '),
                  `应于 ${formatDate(e.nextReviewAt)} 复核，已逾期 ${Math.max(1, Math.floor((now - e.nextReviewAt) / 86_400_000))} 天`,
                ]}
                action='复核'
                open={target?._id === e._id}
                onAction={() => setTarget({ _id: e._id, name: e.name, tier: e.tier })}
              >
                {panel}
              </Row>
            ))}
          </View>
        )
      ) : view === 'history' ? (
        history.status === 'loading' ? (
          <Text className='staff__muted'>加载中…</Text>
        ) : history.status === 'error' ? (
          <StateView kind='error' error={history.error} onRetry={() => void history.refresh()} />
        ) : history.items.length === 0 ? (
          <StateView kind='empty' title='暂无调整记录' />
        ) : (
          <View className='section'>
            {history.items.map((h) => (
              <ListRow
                key={h._id}
                testId='history-row'
                title={tierChangeSentence(h)}
                meta={[`${formatDate(h.at)} · ${h.from === h.to ? `仍在${TIER_LABEL[h.to]}` : `${h.from ? TIER_LABEL[h.from] : '新入库'} → ${TIER_LABEL[h.to]}`}`, `理由：${h.reason}`]}
              />
            ))}
            <ListFooter loadingMore={history.loadingMore} done={history.done} moreError={history.moreError} onRetry={() => void history.loadMore()} />
          </View>
        )
      ) : library.status === 'loading' ? (
        <Text className='staff__muted'>加载中…</Text>
      ) : library.status === 'error' ? (
        <StateView kind='error' deniedTitle={denied} error={library.error} onRetry={() => void library.refresh()} />
      ) : library.items.length === 0 ? (
        <StateView kind='empty' title='库中暂无典型' />
      ) : (
        <View className='section'>
          {library.items.map((e) => (
            <Row
              key={e._id}
              title={`${e.name} · ${KIND_LABEL[e.kind]}`}
              meta={[e.unit?.name ?? '', `荣誉 ${e.honorCount} 项 · 事迹 ${e.storyCount} 篇`]}
              action='调整'
              open={target?._id === e._id}
              onAction={() => setTarget({ _id: e._id, name: e.name, tier: e.tier })}
            >
              {panel}
            </Row>
          ))}
          <ListFooter loadingMore={library.loadingMore} done={library.done} moreError={library.moreError} onRetry={() => void library.loadMore()} />
        </View>
      )}
    </View>
  );
}
