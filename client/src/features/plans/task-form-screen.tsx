/**
 * A plan task's form (an admin over the plan's unit): what, the owner unit (the plan's unit or
 * one inside it), the responsible person by name, the due date within the plan's year, and
 * optionally the work it serves: an honour pursuit or campaign (chips), or a nomination or
 * published story of the plan's subtree picked from the server's list (a linked one can later be
 * the tick's evidence). Checked here as the server checks it; the server's refusal is shown in
 * Chinese under the form.
 */
import { useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PlanBoard, PlanLink, PlanTaskDetail } from '@contract';
import { call } from '../../lib/api';
import { PLAN_LIMITS, PLAN_LINK_LABEL } from '../../lib/contract-values';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { shanghaiToday } from './labels';
import { LinkPicker, type PickableKind } from './link-picker';
import './plans.scss';

interface Loaded {
  board: PlanBoard;
  task: PlanTaskDetail | null;
  /** What a task may serve: the plan year's honour pursuits, then the campaigns. */
  targets: { kind: 'pursuit' | 'campaign'; _id: string; name: string }[];
}

interface Draft {
  title: string;
  unitId: string;
  responsible: string;
  due: string;
  /** The work the task serves; the title shows a picked nomination or story by name (never sent). */
  link: { kind: PlanLink['kind']; id: string; title: string } | null;
}

function draftOf(l: Loaded): Draft {
  const year = l.board.plan.year;
  const today = shanghaiToday();
  const due = today.slice(0, 4) === String(year) ? today : `${year}-12-31`;
  if (!l.task) return { title: '', unitId: l.board.ownerUnits[0]?._id ?? '', responsible: '', due, link: null };
  return { title: l.task.title, unitId: l.task.unit?._id ?? '', responsible: l.task.responsible, due: l.task.due, link: l.task.link ? { kind: l.task.link.kind, id: l.task.link.id, title: l.task.link.title } : null };
}

function problem(d: Draft, year: number): string | null {
  if (!d.title.trim()) return '请填写任务内容';
  if (!d.unitId) return '请选择责任单位';
  if (!d.responsible.trim()) return '请填写责任人';
  if (d.due.slice(0, 4) !== String(year)) return `完成时限须在 ${year} 年内`;
  return null;
}

function Form({ loaded }: { loaded: Loaded }) {
  const { board, task, targets } = loaded;
  const [d, setD] = useState<Draft>(() => draftOf(loaded));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((prev) => ({ ...prev, [k]: v }));
  const [picking, setPicking] = useState<PickableKind | null>(null);
  const year = board.plan.year;
  const picked = d.link && (d.link.kind === 'story' || d.link.kind === 'nomination') ? d.link : null;

  async function submit() {
    const p = problem(d, year);
    setInvalid(p);
    if (p) return;
    const link = d.link ? { kind: d.link.kind, id: d.link.id } : null;
    const req = { planId: board.plan._id, ...(task ? { id: task._id } : {}), title: d.title.trim(), unitId: d.unitId, responsible: d.responsible.trim(), due: d.due, link };
    const saved = await save.run(() => call('workboard', 'saveTask', req), '已保存');
    if (saved) void Taro.navigateBack();
  }

  const error = invalid ?? save.error?.message ?? null;
  return (
    <View className='section plan-form' data-testid='plan-task-form'>
      <Text className='section-title'>{task ? '编辑任务' : '新增任务'}</Text>
      <Text className='plan-muted'>{board.plan.title}</Text>
      <Text className='plan-form__label'>任务内容</Text>
      <Input className='plan-form__input' value={d.title} maxlength={PLAN_LIMITS.taskTitle} aria-label='任务内容' placeholder='如：报送岗位标兵候选人' onInput={(e) => set('title', e.detail.value)} />
      <Text className='plan-form__label'>责任单位</Text>
      <View className='plan-chips'>
        {board.ownerUnits.map((u) => (
          <View key={u._id} role='button' aria-pressed={d.unitId === u._id} className={`plan-chip${d.unitId === u._id ? ' plan-chip--on' : ''}`} onClick={() => set('unitId', u._id)}>
            <Text>{u.shortName}</Text>
          </View>
        ))}
      </View>
      <Text className='plan-form__label'>责任人</Text>
      <Input className='plan-form__input' value={d.responsible} maxlength={PLAN_LIMITS.responsible} aria-label='责任人' placeholder='填写姓名' onInput={(e) => set('responsible', e.detail.value)} />
      <Text className='plan-form__label'>完成时限</Text>
      <Picker mode='date' value={d.due} start={`${year}-01-01`} end={`${year}-12-31`} onChange={(e) => set('due', String(e.detail.value))} aria-label='完成时限'>
        <View className='plan-form__date' data-testid='plan-due-field'>
          <Text>{d.due}</Text>
          <Text className='plan-muted'>修改</Text>
        </View>
      </Picker>
      <Text className='plan-form__label'>关联争创项目、专题、推荐或事迹（可选）</Text>
      <View className='plan-chips'>
        <View role='button' aria-pressed={d.link === null} className={`plan-chip${d.link === null ? ' plan-chip--on' : ''}`} onClick={() => set('link', null)}>
          <Text>不关联</Text>
        </View>
        {targets.map((c) => {
          const on = d.link?.kind === c.kind && d.link.id === c._id;
          return (
            <View key={`${c.kind}-${c._id}`} role='button' aria-pressed={on} className={`plan-chip${on ? ' plan-chip--on' : ''}`} onClick={() => set('link', { kind: c.kind, id: c._id, title: c.name })}>
              <Text>{c.kind === 'pursuit' ? `争创：${c.name}` : c.name}</Text>
            </View>
          );
        })}
        {picked ? (
          <View role='button' aria-pressed className='plan-chip plan-chip--on' data-testid='plan-link-picked'>
            <Text>{`${PLAN_LINK_LABEL[picked.kind]}：${picked.title}`}</Text>
          </View>
        ) : null}
        {(['nomination', 'story'] as const).map((k) => (
          <View key={k} role='button' aria-expanded={picking === k} className={`plan-chip plan-chip--pick${picking === k ? ' plan-chip--open' : ''}`} onClick={() => setPicking((cur) => (cur === k ? null : k))} data-testid={`plan-pick-${k}`}>
            <Text>{k === 'nomination' ? '选择推荐…' : '选择事迹…'}</Text>
          </View>
        ))}
      </View>
      {picking ? (
        <LinkPicker
          key={picking}
          planId={board.plan._id}
          kind={picking}
          onClose={() => setPicking(null)}
          onPick={(o) => {
            set('link', { kind: picking, id: o.id, title: o.title });
            setPicking(null);
          }}
        />
      ) : null}
      {error ? (
        <View className='plan-error' role='alert' data-testid='plan-form-error'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='plan-form__footer'>
        <Button className='plan-button plan-button--secondary' disabled={save.busy || undefined} onClick={() => void Taro.navigateBack()}>
          取消
        </Button>
        <Button className='plan-button plan-button--primary' disabled={save.busy || undefined} onClick={() => void submit()} data-testid='plan-task-save'>
          {save.busy ? '保存中…' : '保存'}
        </Button>
      </View>
    </View>
  );
}

export function TaskFormScreen({ planId, id }: { planId: string; id: string | null }) {
  const { state, reload } = useResource<Loaded>(async () => {
    const [board, task, campaigns] = await Promise.all([call('workboard', 'board', { planId }), id ? call('workboard', 'task', { id }) : Promise.resolve(null), call('content', 'campaigns', {})]);
    // The first page of the plan year's pursuits the caller can see (a year has a handful).
    const pursuits = await call('workboard', 'pursuits', { year: board.plan.year });
    return {
      board,
      task,
      targets: [...pursuits.items.map((p) => ({ kind: 'pursuit' as const, _id: p._id, name: p.name })), ...campaigns.items.map((c) => ({ kind: 'campaign' as const, _id: c._id, name: c.name }))],
    };
  }, [planId, id]);
  if (state.status === 'loading') {
    return (
      <View className='page plans'>
        <View className='section plan-skeleton' aria-busy='true' aria-label='加载中'>
          <View className='plan-skeleton__line' />
          <View className='plan-skeleton__line' />
          <View className='plan-skeleton__line plan-skeleton__line--short' />
        </View>
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className='page plans'>
        <StateView kind='error' deniedTitle='无权编辑该计划' error={state.error} onRetry={() => void reload()} />
      </View>
    );
  }
  if (!state.data.board.plan.canManage) {
    return (
      <View className='page plans'>
        <StateView kind='empty' title='仅计划所属单位的管理员可以编辑任务' />
      </View>
    );
  }
  return (
    <View className='page plans'>
      <Form loaded={state.data} />
    </View>
  );
}
