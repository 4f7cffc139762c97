/**
 * 审核: the caller's queue at their level(s), oldest first, with counts on the tabs; a decision
 * sheet (approve / return / reject with a comment, confirmed before it is sent); and the open
 * objections of their subtree for the corps reviewer to sustain or dismiss.
 */
import { useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_LABEL, KIND_LABEL, NOMINATION_LIMITS, TIER_LABEL, nominationSchemas, type ObjectionView, type QueueItem, type ReviewDecision } from '@contract';
import { call, toFailure } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { STATE_LABEL, formatTime, timelineText } from './labels';
import { resolvesObjections } from './roles';
import './nominations.scss';

const DECISION_LABEL: Record<ReviewDecision, string> = { approve: '通过', return: '退回修改', reject: '不通过' };

async function confirm(content: string): Promise<boolean> {
  const r = await Taro.showModal({ title: '确认', content });
  return r.confirm;
}

function DecisionSheet({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const [decision, setDecision] = useState<ReviewDecision>('approve');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = nominationSchemas.decide.safeParse({ id: item._id, decision, comment });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查审核意见');
      return;
    }
    if (!(await confirm(`确定对「${item.nominee.name}」的推荐作出“${DECISION_LABEL[decision]}”决定？`))) return;
    setBusy(true);
    setError(null);
    try {
      await call('nominations', 'decide', parsed.data);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      onDone();
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='nom__sheet' data-testid='decision-sheet'>
      <View className='nom__choices' role='radiogroup' aria-label='审核决定'>
        {(['approve', 'return', 'reject'] as const).map((d) => (
          <View key={d} className={`nom__choice${decision === d ? ' nom__choice--on' : ''}`} role='radio' aria-checked={decision === d} onClick={() => setDecision(d)}>
            {DECISION_LABEL[d]}
          </View>
        ))}
      </View>
      <Textarea
        className='nom__textarea'
        value={comment}
        maxlength={NOMINATION_LIMITS.commentMax}
        placeholder={decision === 'approve' ? '审核意见（选填）' : '请填写意见（必填）'}
        onInput={(e) => setComment(e.detail.value)}
        aria-label='审核意见'
      />
      {error ? <View className='nom__error' role='alert'>{error}</View> : null}
      <Button className='nom__primary' disabled={busy} loading={busy} onClick={() => void submit()}>提交审核决定</Button>
    </View>
  );
}

function QueueCard({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <View className='nom__card' data-testid='queue-item'>
      <Text className='nom__title'>{item.nominee.name}</Text>
      <Text className='nom__muted'>{`${KIND_LABEL[item.nominee.kind]} · ${item.unit?.shortName ?? ''} · ${CATEGORY_LABEL[item.category]} · 拟入${TIER_LABEL[item.targetTier]}`}</Text>
      <Text className='nom__muted'>{`${STATE_LABEL[item.state]} · 提交于 ${formatTime(item.createdAt)}`}</Text>
      {item.contentHeld ? <Text className='nom__badge'>内容安全提示：请人工仔细核对</Text> : null}
      {item.nominee.kind === 'individual' && !item.hasConsent ? <Text className='nom__badge'>缺少本人同意书</Text> : null}
      <Text className='nom__body'>{item.deeds}</Text>
      {item.attachments.length > 0 ? (
        <View className='nom__thumbs'>
          {item.attachments.map((url) => (
            <Image key={url} className='nom__thumb' src={url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: item.attachments, current: url })} />
          ))}
        </View>
      ) : null}
      <View className='nom__timeline'>
        {item.timeline.map((e, i) => (
          <Text key={i} className='nom__muted'>{`${formatTime(e.at)} ${timelineText(e)}${e.comment ? `：${e.comment}` : ''}`}</Text>
        ))}
      </View>
      {open ? <DecisionSheet item={item} onDone={onDone} /> : <Button className='nom__secondary' onClick={() => setOpen(true)}>审核</Button>}
    </View>
  );
}

function ObjectionCard({ o, onDone, canResolve }: { o: ObjectionView; onDone: () => void; canResolve: boolean }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function resolve(outcome: 'sustain' | 'dismiss') {
    const parsed = nominationSchemas.resolveObjection.safeParse({ id: o._id, outcome, comment });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写处理意见');
      return;
    }
    if (!(await confirm(outcome === 'sustain' ? '异议成立将使该推荐不予入库，确定？' : '确定异议不成立？'))) return;
    try {
      await call('nominations', 'resolveObjection', parsed.data);
      onDone();
    } catch (err) {
      setError(toFailure(err).message);
    }
  }
  return (
    <View className='nom__card' data-testid='objection-item'>
      <Text className='nom__title'>{`对「${o.nomineeName}」的异议`}</Text>
      <Text className='nom__muted'>{formatTime(o.at)}</Text>
      {o.contentHeld ? <Text className='nom__badge'>内容安全提示：请人工核对</Text> : null}
      <Text className='nom__body'>{o.text}</Text>
      {canResolve ? (
        <>
          <Textarea className='nom__textarea' value={comment} placeholder='处理意见（必填）' onInput={(e) => setComment(e.detail.value)} aria-label='处理意见' />
          {error ? <View className='nom__error' role='alert'>{error}</View> : null}
          <View className='nom__choices'>
            <Button className='nom__secondary' onClick={() => void resolve('dismiss')}>异议不成立</Button>
            <Button className='nom__primary' onClick={() => void resolve('sustain')}>异议成立</Button>
          </View>
        </>
      ) : (
        <Text className='nom__muted'>由总队审核员核实处理</Text>
      )}
    </View>
  );
}

export function ReviewScreen() {
  const [tab, setTab] = useState<'review' | 'objections'>('review');
  const { state, reload } = useResource(() => call('nominations', 'queue', { tab }), [tab]);
  // Who may resolve objections is known to the server; this only spares a detachment reviewer
  // buttons that would always be refused.
  const me = useResource(() => call('identity', 'me', {}), []);
  const canResolve = me.state.status === 'ready' && resolvesObjections(me.state.data);
  const counts = state.status === 'ready' ? state.data.counts : null;
  const badge = (n: number | undefined) => (n ? ` (${n})` : '');
  return (
    <View className='page nom'>
      <View className='nom__tabs' role='tablist'>
        <View className={`nom__tab${tab === 'review' ? ' nom__tab--active' : ''}`} role='tab' aria-selected={tab === 'review'} onClick={() => setTab('review')}>
          {`待审核${badge(counts?.review)}`}
        </View>
        <View className={`nom__tab${tab === 'objections' ? ' nom__tab--active' : ''}`} role='tab' aria-selected={tab === 'objections'} onClick={() => setTab('objections')}>
          {`公示异议${badge(counts?.objections)}`}
        </View>
      </View>
      {state.status === 'loading' ? <Text className='nom__muted'>加载中…</Text> : null}
      {state.status === 'error' ? <StateView kind='error' title='加载失败，点击重试' detail={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && tab === 'review' ? (
        state.data.items.length === 0 ? <StateView kind='empty' title='没有待审核的推荐' /> : state.data.items.map((item) => <QueueCard key={item._id} item={item} onDone={() => void reload()} />)
      ) : null}
      {state.status === 'ready' && tab === 'objections' ? (
        state.data.objections.length === 0 ? <StateView kind='empty' title='没有待处理的异议' /> : state.data.objections.map((o) => <ObjectionCard key={o._id} o={o} canResolve={canResolve} onDone={() => void reload()} />)
      ) : null}
    </View>
  );
}
