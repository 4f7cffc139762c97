/**
 * 挂图作业 — a year's boards: the caller's own level first, then (for the corps) every
 * detachment's board with its completion rate and overdue count, so the corps sees at a glance
 * who is behind. An admin makes this year's plan for a unit that has none yet. A board opens on tap.
 * Below the corps, 上级交办 lists what higher plans assigned inside the caller's units.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { PlanSummary, UnitRef } from '@contract';
import { call } from '../../lib/api';
import { PLAN_LEVEL_LABEL } from '../../lib/contract-values';
import { routes } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { percent, thisYear } from './labels';
import { CompletionBar, TaskRow } from './parts';
import './plans.scss';
import { useResourcePageEvents } from '../../lib/use-reload-on-return';

function PlanRow({ p }: { p: PlanSummary }) {
  return (
    <ListRow
      testId='plan-row'
      title={p.unit.shortName}
      badge={p.overdueCount > 0 ? { text: `逾期 ${p.overdueCount}`, tone: 'danger' } : p.taskCount > 0 && p.doneCount === p.taskCount ? { text: '全部完成', tone: 'ok' } : undefined}
      meta={[p.title, `完成率 ${percent(p.completion)} · 已完成 ${p.doneCount}/${p.taskCount} 项`]}
      onTap={() => void Taro.navigateTo({ url: routes.planBoard({ planId: p._id }) })}
    >
      <CompletionBar value={p.completion} label={`${p.unit.shortName}完成率`} />
    </ListRow>
  );
}

function CreatePlan({ units, year, onMade }: { units: readonly UnitRef[]; year: number; onMade: (planId: string) => void }) {
  const action = useAction();
  if (units.length === 0) return null;
  return (
    <View className='section plan-create' data-testid='plan-create'>
      <Text className='section-title'>建立年度计划</Text>
      <Text className='plan-muted'>{`以下单位还没有 ${year} 年度推优树典工作计划：`}</Text>
      <View className='plan-create__units'>
        {units.map((u) => (
          <Button
            key={u._id}
            className='plan-button plan-button--secondary plan-create__unit'
            disabled={action.busy || undefined}
            data-testid='plan-create-unit'
            onClick={() =>
              void action.run(() => call('workboard', 'createPlan', { year, unitId: u._id, title: '' }), '已建立').then((made) => {
                if (made) onMade(made.plan._id);
              })
            }
          >
            {`建立${u.shortName}计划`}
          </Button>
        ))}
      </View>
      {action.error ? (
        <View className='plan-error' role='alert'>
          <Text>{action.error.message}</Text>
        </View>
      ) : null}
    </View>
  );
}

export function PlansScreen() {
  const params = useRouter().params;
  const [year, setYear] = useState<number>(Number(params.year) || thisYear());
  const { state, reload } = useResource(() => call('workboard', 'plans', { year }), [year]);
  useResourcePageEvents(reload);

  const ready = state.status === 'ready' ? state.data : null;
  const own = ready?.plans.filter((p) => p.level === 'corps') ?? [];
  const detachments = ready?.plans.filter((p) => p.level === 'detachment') ?? [];
  return (
    <View className='page plans'>
      <View className='section'>
        <View className='plan-year'>
          <View role='button' className='plan-year__step' aria-label='上一年' data-testid='plan-year-prev' onClick={() => setYear((y) => y - 1)}>
            <Text>‹</Text>
          </View>
          <Text className='plan-year__text' data-testid='plan-year'>{`${year} 年度工作计划`}</Text>
          <View role='button' className='plan-year__step' aria-label='下一年' data-testid='plan-year-next' onClick={() => setYear((y) => y + 1)}>
            <Text>›</Text>
          </View>
        </View>
        {state.status === 'loading' ? (
          <View className='plan-skeleton' aria-busy='true' aria-label='加载中'>
            <View className='plan-skeleton__line' />
            <View className='plan-skeleton__line plan-skeleton__line--short' />
            <View className='plan-skeleton__line' />
          </View>
        ) : state.status === 'error' ? (
          <StateView kind='error' deniedTitle='仅工作人员可以查看工作计划' error={state.error} onRetry={() => void reload()} />
        ) : state.data.plans.length === 0 ? (
          <StateView kind='empty' title={`${year} 年度还没有工作计划`} detail={state.data.canCreate.length > 0 ? '在下方为本单位建立年度计划，再逐项添加任务' : '本单位及上级的年度计划建立后会显示在这里'} />
        ) : (
          <>
            {own.map((p) => (
              <PlanRow key={p._id} p={p} />
            ))}
            {detachments.length > 0 ? (
              <>
                {own.length > 0 ? <Text className='plan-subtitle'>{`${PLAN_LEVEL_LABEL.detachment}计划（${detachments.length}）`}</Text> : null}
                {detachments.map((p) => (
                  <PlanRow key={p._id} p={p} />
                ))}
              </>
            ) : null}
          </>
        )}
      </View>
      {ready && ready.assigned.length > 0 ? (
        <View className='section' data-testid='plan-assigned'>
          <Text className='section-title'>{`上级交办（${ready.assigned.length}）`}</Text>
          {ready.assigned.map((t) => (
            <TaskRow key={t._id} task={t} today={ready.today} />
          ))}
        </View>
      ) : null}
      {ready ? <CreatePlan units={ready.canCreate} year={year} onMade={(planId) => void Taro.navigateTo({ url: routes.planBoard({ planId }) })} /> : null}
    </View>
  );
}
