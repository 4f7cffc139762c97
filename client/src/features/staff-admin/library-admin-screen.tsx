import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Id, Tier, TierChangeKind } from '@contract';
import { call, toFailure } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { allowedChanges, KIND_LABEL, TIER_CHANGE_LABEL, TIER_LABEL } from '../../lib/contract-values';
import { TIER_CHANGE_REASON_MAX } from '../../lib/schema-limits';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';
import { ChipGroup, type ChipOption } from '../../components/chip-group';
import { ListFooter } from '../../components/list-footer';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import './staff-admin.scss';
import { FormFooter } from './form-footer';

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

/** The decision sheet: pick a decision open to this tier, give a reason, confirm. */
function DecisionPanel({ target, onDone, onCancel }: { target: Target; onDone: () => void; onCancel: () => void }) {
  const options: ChipOption<TierChangeKind>[] = allowedChanges(target.tier).map((k) => ({ value: k, label: TIER_CHANGE_LABEL[k] }));
  const [change, setChange] = useState<TierChangeKind>(options[0]?.value ?? 'keep');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (reason.trim().length === 0) {
      setError('请填写理由');
      return;
    }
    const answer = await Taro.showModal({ title: TIER_CHANGE_LABEL[change], content: `确定对「${target.name}」执行「${TIER_CHANGE_LABEL[change]}」？`, confirmText: '确定' });
    if (!answer.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await call('library', 'changeTier', { exemplarId: target._id, change, reason: reason.trim() });
      void Taro.showToast({ title: '已完成', icon: 'success' });
      onDone();
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='section decision' data-testid='decision-panel'>
      <Text className='section-title'>{`调整：${target.name}（${TIER_LABEL[target.tier]}）`}</Text>
      <ChipGroup label='调整方式' options={options} value={change} onChange={setChange} />
      <Textarea
        className='field__textarea'
        value={reason}
        maxlength={TIER_CHANGE_REASON_MAX}
        placeholder='理由（必填，将记入调整记录）'
        aria-label='理由'
        onInput={(e) => setReason(e.detail.value)}
      />
      <Text className='staff__muted'>{`${reason.length}/${TIER_CHANGE_REASON_MAX}`}</Text>
      <FormFooter error={error} busy={busy} action='提交' onCancel={onCancel} onSubmit={() => void submit()} />
    </View>
  );
}

function Row({ title, detail, action, onAction }: { title: string; detail: string; action: string; onAction: () => void }) {
  return (
    <View className='staff__item' data-testid='library-row'>
      <View className='staff__item-main'>
        <Text className='staff__item-title'>{title}</Text>
        <Text className='staff__muted'>{detail}</Text>
      </View>
      <Button className='staff__secondary' onClick={onAction}>
        {action}
      </Button>
    </View>
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

  return (
    <View className='page staff'>
      <Tabs tabs={VIEWS} value={view} onChange={(v) => { setView(v); setTarget(null); }} />
      {target ? <DecisionPanel key={target._id} target={target} onDone={done} onCancel={() => setTarget(null)} /> : null}

      {view === 'overdue' ? (
        overdue.state.status === 'loading' ? (
          <Text className='staff__muted'>加载中…</Text>
        ) : overdue.state.status === 'error' ? (
          <StateView kind='error' error={overdue.state.error} onRetry={() => void overdue.reload()} />
        ) : overdue.state.data.items.length === 0 ? (
          <StateView kind='empty' title='没有待复核的典型' />
        ) : (
          <View className='section'>
            <Text className='section-title' data-testid='overdue-total'>{`共 ${overdue.state.data.total} 项逾期待复核`}</Text>
            {overdue.state.data.items.map((e) => (
              <Row
                key={e._id}
                title={`${e.name} · ${KIND_LABEL[e.kind]}`}
                detail={`${TIER_LABEL[e.tier]} · ${e.unit?.shortName ?? ''} · 应于 ${formatDate(e.nextReviewAt)} 复核`}
                action='复核'
                onAction={() => setTarget({ _id: e._id, name: e.name, tier: e.tier })}
              />
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
              <View key={h._id} className='staff__item staff__item--stacked' data-testid='history-row'>
                <Text className='staff__item-title'>{`${h.exemplarName} · ${TIER_CHANGE_LABEL[h.kind]}`}</Text>
                <Text className='staff__muted'>{`${formatDate(h.at)} · ${h.from ? TIER_LABEL[h.from] : '新入库'} → ${TIER_LABEL[h.to]} · 操作人 ${h.actor === 'nomination-timer' ? '推荐公示期满（系统）' : h.actor}`}</Text>
                <Text className='staff__detail'>{`理由：${h.reason}`}</Text>
              </View>
            ))}
            <ListFooter loadingMore={history.loadingMore} done={history.done} moreError={history.moreError} onRetry={() => void history.loadMore()} />
          </View>
        )
      ) : library.status === 'loading' ? (
        <Text className='staff__muted'>加载中…</Text>
      ) : library.status === 'error' ? (
        <StateView kind='error' error={library.error} onRetry={() => void library.refresh()} />
      ) : library.items.length === 0 ? (
        <StateView kind='empty' title='库中暂无典型' />
      ) : (
        <View className='section'>
          {library.items.map((e) => (
            <Row
              key={e._id}
              title={`${e.name} · ${KIND_LABEL[e.kind]}`}
              detail={`${e.unit?.shortName ?? ''} · 荣誉 ${e.honorCount} 项`}
              action='调整'
              onAction={() => setTarget({ _id: e._id, name: e.name, tier: e.tier })}
            />
          ))}
          <ListFooter loadingMore={library.loadingMore} done={library.done} moreError={library.moreError} onRetry={() => void library.loadMore()} />
        </View>
      )}
    </View>
  );
}
