/**
 * 发起评选: an admin opens a round at a unit they administer — category, period, weighted
 * criteria, the quota of each unit under it, the winners' places and a committee chosen by
 * name from the staff of that unit's subtree (workboard.selectionPeople). The tie rule the
 * ranking applies is stated here, before anything is scored.
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { CATEGORY_LABEL, SELECTION_LIMITS, SELECTION_TIE_RULE_TEXT, selectionSchemas, type PostCategory, type SelectionCriterion, type SelectionRoundCard, type UnitRef } from '@contract';
import { call } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { Choices } from './choices';
import './selections.scss';

interface CriterionDraft {
  name: string;
  weight: string;
  maxScore: string;
}

const DEFAULT_CRITERIA: CriterionDraft[] = [
  { name: '业务能力', weight: '40', maxScore: '10' },
  { name: '工作实绩', weight: '40', maxScore: '10' },
  { name: '群众评价', weight: '20', maxScore: '10' },
];

const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

export function CreateRoundForm({ units, onCreated, onCancel }: { units: UnitRef[]; onCreated: (round: SelectionRoundCard) => void; onCancel: () => void }) {
  const [unitId, setUnitId] = useState(units[0]?._id ?? '');
  const [category, setCategory] = useState<PostCategory>('rescue');
  const [period, setPeriod] = useState(`${formatDate(Date.now()).slice(0, 4)}年度`);
  const [criteria, setCriteria] = useState<CriterionDraft[]>(DEFAULT_CRITERIA);
  const [quota, setQuota] = useState('2');
  const [places, setPlaces] = useState('3');
  const [committee, setCommittee] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<string | null>(null);
  const people = useResource(() => call('workboard', 'selectionPeople', { unitId }), [unitId]);
  const save = useAction();

  const setCriterion = (i: number, patch: Partial<CriterionDraft>) => setCriteria(criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const request = () => ({
    unitId,
    category,
    period: period.trim(),
    criteria: criteria.map((c): SelectionCriterion => ({ name: c.name.trim(), weight: whole(c.weight), maxScore: whole(c.maxScore) })),
    quota: whole(quota),
    places: whole(places),
    committee,
  });

  async function submit() {
    const parsed = selectionSchemas.createSelectionRound.safeParse(request());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path[0];
      setInvalid(
        where === 'committee'
          ? `评审委员会至少 ${SELECTION_LIMITS.committeeMin} 人`
          : where === 'criteria'
            ? '每项评分标准须有名称，权重与满分为正整数'
            : where === 'period'
              ? '请填写评选期别，如“2026年度”'
              : '名额与评选人数须为正整数',
      );
      return;
    }
    setInvalid(null);
    const created = await save.run(() => call('workboard', 'createSelectionRound', parsed.data), '评选已发起');
    if (created) onCreated(created);
  }

  return (
    <View className='sel__card' data-testid='selection-create'>
      <Text className='sel__section'>发起岗位标兵评选</Text>
      {units.length > 1 ? <Choices label='组织单位' value={unitId} options={units.map((u) => [u._id, u.shortName] as const)} onChange={(v) => { setUnitId(v); setCommittee([]); }} /> : <Text className='sel__fact'>{`组织单位：${units[0]?.name ?? ''}`}</Text>}
      <Choices label='评选类别' value={category} options={Object.entries(CATEGORY_LABEL) as [PostCategory, string][]} onChange={setCategory} />
      <Text className='sel__muted'>评选期别</Text>
      <Input className='sel__input' value={period} maxlength={SELECTION_LIMITS.periodMax} aria-label='评选期别' onInput={(e) => setPeriod(e.detail.value)} />

      <Text className='sel__section'>评分标准</Text>
      <Text className='sel__muted'>每项标准按“权重”折算，总分 100 分；评委按各项满分打整数分。</Text>
      {criteria.map((c, i) => (
        <View key={i} className='sel__criterion' data-testid='criterion'>
          <Input className='sel__input' value={c.name} maxlength={SELECTION_LIMITS.criterionNameMax} placeholder='标准名称' aria-label={`第${i + 1}项标准名称`} onInput={(e) => setCriterion(i, { name: e.detail.value })} />
          <View className='sel__criterion-nums'>
            <Text className='sel__unit'>权重</Text>
            <Input className='sel__input sel__input--short' type='number' value={c.weight} aria-label={`第${i + 1}项权重`} onInput={(e) => setCriterion(i, { weight: e.detail.value })} />
            <Text className='sel__unit'>满分</Text>
            <Input className='sel__input sel__input--short' type='number' value={c.maxScore} aria-label={`第${i + 1}项满分`} onInput={(e) => setCriterion(i, { maxScore: e.detail.value })} />
            {criteria.length > SELECTION_LIMITS.criteriaMin ? (
              <Button className='sel__small' onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}>删除</Button>
            ) : null}
          </View>
        </View>
      ))}
      {criteria.length < SELECTION_LIMITS.criteriaMax ? (
        <Button className='sel__secondary' onClick={() => setCriteria([...criteria, { name: '', weight: '10', maxScore: '10' }])}>添加一项标准</Button>
      ) : null}
      <Text className='sel__rule' data-testid='tie-rule'>{`并列规则：${SELECTION_TIE_RULE_TEXT}`}</Text>

      <View className='sel__row'>
        <Text className='sel__label'>每个下级单位推荐名额</Text>
        <Input className='sel__input sel__input--short' type='number' value={quota} aria-label='推荐名额' onInput={(e) => setQuota(e.detail.value)} />
      </View>
      <View className='sel__row'>
        <Text className='sel__label'>评出人数</Text>
        <Input className='sel__input sel__input--short' type='number' value={places} aria-label='评出人数' onInput={(e) => setPlaces(e.detail.value)} />
      </View>

      <Text className='sel__section'>{`评审委员会（已选 ${committee.length} 人，至少 ${SELECTION_LIMITS.committeeMin} 人）`}</Text>
      {people.state.status === 'loading' ? <Text className='sel__muted'>加载中…</Text> : null}
      {people.state.status === 'error' ? <StateView kind='error' error={people.state.error} onRetry={() => void people.reload()} /> : null}
      {people.state.status === 'ready' ? (
        <View className='sel__picker' role='group' aria-label='评审委员'>
          {people.state.data.items.map((p) => {
            const on = committee.includes(p.ref);
            return (
              <View
                key={p.ref}
                className={`sel__pick${on ? ' sel__pick--on' : ''}`}
                role='checkbox'
                aria-checked={on}
                data-testid='committee-option'
                onClick={() => setCommittee(on ? committee.filter((r) => r !== p.ref) : [...committee, p.ref])}
              >
                <Text>{p.person.name}</Text>
                <Text className='sel__unit'>{p.person.unit?.shortName ?? ''}</Text>
              </View>
            );
          })}
        </View>
      ) : null}

      {invalid ?? save.error ? <View className='sel__error' role='alert'>{invalid ?? save.error?.message}</View> : null}
      <View className='sel__buttons'>
        <Button className='sel__secondary' onClick={onCancel}>取消</Button>
        <Button className='sel__primary' disabled={save.busy || undefined} loading={save.busy || undefined} onClick={() => void submit()}>发起评选</Button>
      </View>
    </View>
  );
}
