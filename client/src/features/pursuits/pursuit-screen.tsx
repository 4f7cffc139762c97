/**
 * One pursuit: its level, awarding body and unit, the window and key dates (passed ones greyed,
 * the next one marked), the note, and the candidates with their outcomes. An admin over its unit
 * edits it, puts forward exemplars of the unit's subtree (public ones, by name), takes them off,
 * and from the nomination deadline on records each outcome: 已获评 writes the honour onto the
 * profile and the honours wall; 撤销获评 asks first and removes it.
 */
import { useMemo, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { PursuitCandidateView, PursuitOption, PursuitOutcome, PursuitView } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { HONOR_LEVEL_LABEL, KIND_LABEL, PURSUIT_LIMITS, TIER_LABEL } from '../../lib/contract-values';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { dateText, daysText, outcomeBadge, phaseBadge } from './labels';
import { PursuitForm } from './pursuit-form';
import './pursuits.scss';

/** Every date of the pursuit in order, as the page lists them. */
function timeline(p: PursuitView): { label: string; date: string; own: boolean }[] {
  const own = [
    { label: '开始推荐', date: p.opensOn, own: true },
    { label: '推荐截止', date: p.nominationDeadline, own: true },
    { label: '结果公布', date: p.resultOn, own: true },
  ];
  return [...own, ...p.keyDates.map((k) => ({ label: k.label, date: k.date, own: false }))].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Options listed at once: more are found by typing a name. */
const PICKER_SHOWN = 20;

function CandidatePicker({ pursuitId, onPick, busy }: { pursuitId: string; onPick: (o: PursuitOption) => void; busy: boolean }) {
  const { state, reload } = useResource(() => call('workboard', 'pursuitOptions', { pursuitId }), [pursuitId]);
  const [q, setQ] = useState('');
  const shown = useMemo(() => (state.status === 'ready' ? state.data.items.filter((o) => o.name.includes(q.trim())) : []), [state, q]);
  return (
    <View className='pursuit-picker' data-testid='candidate-picker'>
      <Input className='pursuit-form__input' value={q} aria-label='按名称查找典型' placeholder='输入名称查找' onInput={(e) => setQ(e.detail.value)} />
      {state.status === 'loading' ? (
        <Text className='pursuit-muted'>加载中…</Text>
      ) : state.status === 'error' ? (
        <StateView kind='error' error={state.error} onRetry={() => void reload()} />
      ) : shown.length === 0 ? (
        <Text className='pursuit-muted'>{state.data.items.length === 0 ? '本单位范围内没有可推荐的已公开典型' : '没有名称相符的典型'}</Text>
      ) : (
        shown.slice(0, PICKER_SHOWN).map((o) => (
          <ListRow
            key={o._id}
            testId='candidate-option'
            title={o.name}
            meta={[[KIND_LABEL[o.kind], TIER_LABEL[o.tier], o.unit?.shortName].filter(Boolean).join(' · ')]}
            actions={
              <Button className='pursuit-button pursuit-button--small' disabled={busy || undefined} onClick={() => onPick(o)}>
                推荐
              </Button>
            }
          />
        ))
      )}
      {shown.length > PICKER_SHOWN ? <Text className='pursuit-muted'>{`另有 ${shown.length - PICKER_SHOWN} 个，输入名称查找`}</Text> : null}
    </View>
  );
}

function CandidateRow({ c, p, busy, onOutcome, onRemove }: { c: PursuitCandidateView; p: PursuitView; busy: boolean; onOutcome: (c: PursuitCandidateView, o: PursuitOutcome) => void; onRemove: (c: PursuitCandidateView) => void }) {
  const manage = p.canManage;
  const buttons: { text: string; primary?: boolean; run: () => void; testId: string }[] = [];
  if (manage && p.outcomesOpen && c.outcome === 'pending') {
    buttons.push({ text: '获评', primary: true, run: () => onOutcome(c, 'awarded'), testId: 'outcome-awarded' });
    buttons.push({ text: '未获评', run: () => onOutcome(c, 'not_awarded'), testId: 'outcome-not-awarded' });
  }
  if (manage && c.outcome === 'awarded') buttons.push({ text: '撤销获评', run: () => onOutcome(c, 'pending'), testId: 'outcome-revert' });
  if (manage && c.outcome === 'not_awarded') buttons.push({ text: '改为待定', run: () => onOutcome(c, 'pending'), testId: 'outcome-pending' });
  if (manage && c.outcome !== 'awarded') buttons.push({ text: '移除', run: () => onRemove(c), testId: 'candidate-remove' });
  return (
    <ListRow
      testId='pursuit-candidate'
      title={c.name}
      badge={outcomeBadge(c.outcome)}
      meta={[
        [KIND_LABEL[c.kind], c.unit?.shortName, c.public ? null : '主页未公开'].filter(Boolean).join(' · '),
        c.outcome === 'awarded' && c.awardedOn ? `${dateText(c.awardedOn)}获评，已登记到典型荣誉` : null,
        c.decidedBy && c.decidedAt ? `${c.decidedBy.name} 于 ${formatDateTime(c.decidedAt)} 登记` : null,
      ]}
      actions={
        buttons.length > 0 || (c.public && c.outcome === 'awarded') ? (
          <View className='pursuit-candidate__actions'>
            {c.public && c.outcome === 'awarded' ? (
              <Button className='pursuit-button pursuit-button--small pursuit-button--link' onClick={() => void Taro.navigateTo({ url: routes.profile({ id: c.exemplarId }) })}>
                查看主页
              </Button>
            ) : null}
            {buttons.map((b) => (
              <Button key={b.testId} data-testid={b.testId} className={`pursuit-button pursuit-button--small${b.primary ? ' pursuit-button--primary' : ''}`} disabled={busy || undefined} onClick={b.run}>
                {b.text}
              </Button>
            ))}
          </View>
        ) : undefined
      }
    />
  );
}

export function PursuitScreen() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource(() => call('workboard', 'pursuit', { id }), [id]);
  const [changed, setChanged] = useState<PursuitView | null>(null);
  const [editing, setEditing] = useState(false);
  const [picking, setPicking] = useState(false);
  const action = useAction();
  usePullDownRefresh(() => {
    setChanged(null);
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') {
    return (
      <View className='page pursuit-page'>
        <View className='section pursuit-skeleton' aria-busy>
          <View className='pursuit-skeleton__line' />
          <View className='pursuit-skeleton__line pursuit-skeleton__line--short' />
          <View className='pursuit-skeleton__line' />
        </View>
      </View>
    );
  }
  if (state.status === 'error') return <StateView kind='error' deniedTitle='该争创项目不在你的单位范围内' error={state.error} onRetry={() => void reload()} />;
  const p = changed && changed._id === state.data._id && changed.updatedAt >= state.data.updatedAt ? changed : state.data;

  async function outcome(c: PursuitCandidateView, to: PursuitOutcome) {
    if (c.outcome === 'awarded') {
      const sure = await confirmAction({
        title: '撤销获评',
        content: `将从「${c.name}」的荣誉中删除「${p.name}」，其主页和荣誉墙随之更新。`,
        confirmText: '撤销',
        danger: true,
      });
      if (!sure) return;
    }
    const done = await action.run(() => call('workboard', 'setPursuitOutcome', { pursuitId: p._id, exemplarId: c.exemplarId, outcome: to }), to === 'awarded' ? '已登记获评' : '已更新');
    if (done) setChanged(done);
  }

  async function remove(c: PursuitCandidateView) {
    const sure = await confirmAction({ title: '移除候选', content: `将「${c.name}」从「${p.name}」的候选中移除？`, confirmText: '移除', danger: true });
    if (!sure) return;
    const done = await action.run(() => call('workboard', 'removePursuitCandidate', { pursuitId: p._id, exemplarId: c.exemplarId }), '已移除');
    if (done) setChanged(done);
  }

  async function pick(o: PursuitOption) {
    const done = await action.run(() => call('workboard', 'addPursuitCandidate', { pursuitId: p._id, exemplarId: o._id }), '已推荐');
    if (done) {
      setChanged(done);
      setPicking(false);
    }
  }

  if (editing && p.unit) {
    return (
      <View className='page pursuit-page page--form'>
        <PursuitForm
          initial={p}
          units={[p.unit]}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setChanged(saved);
            setEditing(false);
          }}
        />
      </View>
    );
  }

  return (
    <View className='page pursuit-page' data-testid='pursuit-page'>
      <View className='pursuit-page__columns'>
        <View className='pursuit-page__main'>
          <View className='section pursuit-head'>
            <View className='pursuit-head__top'>
              <Text className='pursuit-head__name'>{p.name}</Text>
              <Text className={`pursuit-badge pursuit-badge--${phaseBadge(p.phase).tone}`}>{phaseBadge(p.phase).text}</Text>
            </View>
            <Text className='pursuit-head__meta'>{[HONOR_LEVEL_LABEL[p.level], `授予单位 ${p.awardedBy}`].join(' · ')}</Text>
            <Text className='pursuit-head__meta'>{`组织单位 ${p.unit?.name ?? '（已删除的单位）'}`}</Text>
            {p.note ? <Text className='pursuit-head__note'>{p.note}</Text> : null}
            {p.canManage ? (
              <Button className='pursuit-button pursuit-button--secondary' data-testid='pursuit-edit' onClick={() => setEditing(true)}>
                编辑项目
              </Button>
            ) : null}
          </View>
          <View className='section'>
            <Text className='section-title'>时间节点</Text>
            {timeline(p).map((d, i) => {
              const left = daysBetween(p.today, d.date);
              return (
                <View key={`${d.label}-${i}`} className={`pursuit-date${left < 0 ? ' pursuit-date--past' : ''}${p.next && p.next.date === d.date && p.next.label === d.label ? ' pursuit-date--next' : ''}`} data-testid='pursuit-date'>
                  <View className='pursuit-date__what'>
                    <Text className='pursuit-date__day'>{dateText(d.date)}</Text>
                    <Text className='pursuit-date__label'>{d.own ? d.label : `关键节点：${d.label}`}</Text>
                  </View>
                  <Text className='pursuit-date__left'>{daysText(left)}</Text>
                </View>
              );
            })}
          </View>
        </View>
        <View className='pursuit-page__side'>
          <View className='section' data-testid='pursuit-candidates'>
            <Text className='section-title'>{`推荐候选（${p.candidateCount}）`}</Text>
            {p.canManage && !p.outcomesOpen && p.candidates.length > 0 ? <Text className='pursuit-muted'>{`推荐截止日（${dateText(p.nominationDeadline)}）起可登记评选结果`}</Text> : null}
            {action.error ? (
              <View className='pursuit-error' role='alert' data-testid='pursuit-error'>
                <Text>{action.error.message}</Text>
              </View>
            ) : null}
            {p.candidates.length === 0 ? <Text className='pursuit-muted'>{p.canManage ? '还没有候选：从本单位范围内已公开的典型中推荐' : '还没有候选'}</Text> : null}
            {p.candidates.map((c) => (
              <CandidateRow key={c.exemplarId} c={c} p={p} busy={action.busy} onOutcome={(x, o) => void outcome(x, o)} onRemove={(x) => void remove(x)} />
            ))}
            {p.canManage && p.candidates.length < PURSUIT_LIMITS.candidates ? (
              picking ? (
                <>
                  <CandidatePicker pursuitId={p._id} busy={action.busy} onPick={(o) => void pick(o)} />
                  <Button className='pursuit-button pursuit-button--secondary' onClick={() => setPicking(false)}>
                    收起
                  </Button>
                </>
              ) : (
                <Button className='pursuit-button pursuit-button--primary' data-testid='candidate-add' onClick={() => setPicking(true)}>
                  添加候选
                </Button>
              )
            ) : null}
          </View>
        </View>
      </View>
    </View>
  );
}
