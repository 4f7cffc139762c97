/**
 * 审核: the caller's queue at their level(s), oldest first, with counts on the tabs; a decision
 * sheet (approve / return / reject with a comment, confirmed before it is sent); and the open
 * objections of their subtree for the corps reviewer to sustain or dismiss.
 *
 * An individual nominee's signed consent form that nobody has checked yet (consentAwaitsCheck)
 * must be looked at before approving (PIPL art. 25): the card opens the scan (each view is
 * audited) and the reviewer ticks that it matches the nominee; only then is approve sent, with
 * `consentChecked: true`.
 */
import { useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_LABEL, KIND_LABEL, NOMINATION_LIMITS, TIER_LABEL, nominationSchemas, type ObjectionView, type QueueItem, type ReviewDecision } from '@contract';
import { call, toFailure } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { resolvesObjections } from '../../lib/roles';
import { useResource } from '../../lib/use-resource';
import { ScanImage } from '../../components/scan-image';
import { StateView } from '../../components/state-view';
import { STATE_LABEL, timelineText } from './labels';
import './nominations.scss';

const DECISION_LABEL: Record<ReviewDecision, string> = { approve: '通过', return: '退回修改', reject: '不通过' };

async function confirm(content: string): Promise<boolean> {
  const r = await Taro.showModal({ title: '确认', content });
  return r.confirm;
}

/** The nominee's signed consent form still needs a reviewer's eyes before anyone may approve. */
export function needsConsentCheck(item: QueueItem): boolean {
  return item.nominee.kind === 'individual' && item.consentAwaitsCheck;
}

const CONSENT_CHECK_LABEL = '已核对同意书与被推荐人一致';

/** 查看同意书 and the tick that says it was compared with the nominee. */
function ConsentCheck({ item, checked, onChecked }: { item: QueueItem; checked: boolean; onChecked: (v: boolean) => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function open() {
    setBusy(true);
    setError(null);
    try {
      setUrl((await call('nominations', 'consentScan', { id: item._id })).url);
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='nom__consent' data-testid='consent-check'>
      <Text className='nom__consent-title'>本人签字同意书待核对</Text>
      {url ? (
        <View className='nom__scan'>
          <ScanImage url={url} label={`${item.nominee.name}的签字同意书`} hint='点击图片可全屏查看；每次查看都会记入审计日志' />
        </View>
      ) : (
        <>
          {/* Taro's h5 button styles [disabled] and [loading] by presence: false must be left out, not written. */}
          <Button className='nom__secondary' disabled={busy || undefined} loading={busy || undefined} onClick={() => void open()}>
            查看同意书
          </Button>
          <Text className='nom__muted'>每次查看都会记入审计日志</Text>
        </>
      )}
      {error ? <View className='nom__error' role='alert'>{error}</View> : null}
      {/* Ticking is offered once the form is on screen: nobody confirms a form they have not seen. */}
      <View
        className={`nom__check${checked ? ' nom__check--on' : ''}${url ? '' : ' nom__check--off'}`}
        role='checkbox'
        aria-checked={checked}
        aria-disabled={url ? undefined : true}
        onClick={() => url && onChecked(!checked)}
      >
        <Text className='nom__check-box'>{checked ? '✓' : ''}</Text>
        <Text>{CONSENT_CHECK_LABEL}</Text>
      </View>
    </View>
  );
}

function DecisionSheet({ item, consentChecked, onDone }: { item: QueueItem; consentChecked: boolean; onDone: () => void }) {
  const [decision, setDecision] = useState<ReviewDecision>('approve');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const blocked = decision === 'approve' && needsConsentCheck(item) && !consentChecked;

  async function submit() {
    if (blocked) return;
    // consentChecked goes out only with an approve the reviewer ticked for.
    const request = { id: item._id, decision, comment, ...(decision === 'approve' && consentChecked ? { consentChecked: true } : {}) };
    const parsed = nominationSchemas.decide.safeParse(request);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查审核意见');
      return;
    }
    if (!(await confirm(`确定对「${item.nominee.name}」的推荐作出“${DECISION_LABEL[decision]}”决定？`))) return;
    setBusy(true);
    setError(null);
    try {
      await call('nominations', 'decide', { ...request, comment: parsed.data.comment });
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
      {blocked ? <Text className='nom__muted' data-testid='approve-blocked'>{`通过前请先查看同意书，并勾选“${CONSENT_CHECK_LABEL}”`}</Text> : null}
      <Button className='nom__primary' disabled={busy || blocked || undefined} loading={busy || undefined} onClick={() => void submit()}>提交审核决定</Button>
    </View>
  );
}

function QueueCard({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [consentChecked, setConsentChecked] = useState(false);
  return (
    <View className='nom__card' data-testid='queue-item'>
      <Text className='nom__title'>{item.nominee.name}</Text>
      <Text className='nom__muted'>{`${KIND_LABEL[item.nominee.kind]} · ${item.unit?.shortName ?? ''} · ${CATEGORY_LABEL[item.category]} · 拟入${TIER_LABEL[item.targetTier]}`}</Text>
      <Text className='nom__muted'>{`${STATE_LABEL[item.state]} · 提交于 ${formatDateTime(item.createdAt)}`}</Text>
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
          <Text key={i} className='nom__muted'>{`${formatDateTime(e.at)} ${timelineText(e)}${e.comment ? `：${e.comment}` : ''}`}</Text>
        ))}
      </View>
      {needsConsentCheck(item) ? <ConsentCheck item={item} checked={consentChecked} onChecked={setConsentChecked} /> : null}
      {open ? <DecisionSheet item={item} consentChecked={consentChecked} onDone={onDone} /> : <Button className='nom__secondary' onClick={() => setOpen(true)}>审核</Button>}
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
      <Text className='nom__muted'>{formatDateTime(o.at)}</Text>
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
      {state.status === 'error' ? <StateView kind='error' error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && tab === 'review' ? (
        state.data.items.length === 0 ? <StateView kind='empty' title='没有待审核的推荐' /> : state.data.items.map((item) => <QueueCard key={item._id} item={item} onDone={() => void reload()} />)
      ) : null}
      {state.status === 'ready' && tab === 'objections' ? (
        state.data.objections.length === 0 ? <StateView kind='empty' title='没有待处理的异议' /> : state.data.objections.map((o) => <ObjectionCard key={o._id} o={o} canResolve={canResolve} onDone={() => void reload()} />)
      ) : null}
    </View>
  );
}
