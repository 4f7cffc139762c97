/**
 * One plan's board (挂图作业): its completion and how many tasks stand in each state, then the
 * tasks by month or by state — 逾期 in red, first in the state view. A task opens on tap; an
 * admin over the plan's unit adds tasks here.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PlanTaskState, PlanTaskView } from '@contract';
import { call } from '../../lib/api';
import { PLAN_LEVEL_LABEL, PLAN_TASK_STATE_LABEL } from '../../lib/contract-values';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import { monthOf, percent, STATE_ORDER } from './labels';
import { CompletionBar, PlanPageState, TaskRow } from './parts';
import './plans.scss';
import { useResourcePageEvents } from '../../lib/use-reload-on-return';

type View_ = 'month' | 'state';

export function BoardScreen({ planId }: { planId: string }) {
  const [view, setView] = useState<View_>('month');
  const { state, reload } = useResource(() => call('workboard', 'board', { planId }), [planId]);
  useResourcePageEvents(reload);

  if (state.status === 'loading' || state.status === 'error') {
    return <PlanPageState loading={state.status === 'loading' || undefined} lines={4} error={state.status === 'error' ? state.error : null} deniedTitle='无权查看该工作计划' onRetry={() => void reload()} />;
  }
  const { plan, tasks, today } = state.data;
  const count = (s: PlanTaskState) => tasks.filter((t) => t.state === s).length;
  const groups: { key: string; title: string; items: PlanTaskView[] }[] =
    view === 'month'
      ? [...new Set(tasks.map((t) => monthOf(t.due)))].map((m) => ({ key: `m${m}`, title: `${m}月`, items: tasks.filter((t) => monthOf(t.due) === m) }))
      : STATE_ORDER.map((s) => ({ key: s, title: PLAN_TASK_STATE_LABEL[s], items: tasks.filter((t) => t.state === s) })).filter((g) => g.items.length > 0);
  return (
    <View className='page plans'>
      <View className='section plan-head' data-testid='plan-head'>
        <Text className='plan-head__title'>{plan.title}</Text>
        <Text className='plan-muted'>{`${PLAN_LEVEL_LABEL[plan.level]} · ${plan.unit.name} · ${plan.year} 年度`}</Text>
        <View className='plan-head__rate'>
          <Text className='plan-head__percent' data-testid='plan-completion'>{percent(plan.completion)}</Text>
          <Text className='plan-muted'>{`完成率 · 已完成 ${plan.doneCount}/${plan.taskCount} 项`}</Text>
        </View>
        <CompletionBar value={plan.completion} label='完成率' />
        <View className='plan-counts'>
          {STATE_ORDER.map((s) => (
            <View key={s} className={`plan-count plan-count--${s}`} data-testid={`plan-count-${s}`}>
              <Text className='plan-count__n'>{count(s)}</Text>
              <Text className='plan-count__label'>{PLAN_TASK_STATE_LABEL[s]}</Text>
            </View>
          ))}
        </View>
        {plan.canManage ? (
          <Button className='plan-button plan-button--primary' data-testid='plan-add-task' onClick={() => void Taro.navigateTo({ url: routes.planEditor({ planId: plan._id }) })}>
            新增任务
          </Button>
        ) : null}
      </View>
      <View className='section'>
        <Tabs
          tabs={[
            { value: 'month', label: '按月份' },
            { value: 'state', label: '按状态' },
          ]}
          value={view}
          onChange={setView}
        />
        {tasks.length === 0 ? (
          <StateView kind='empty' title='这个计划还没有任务' detail={plan.canManage ? '点「新增任务」逐项列出本年度要完成的工作' : '任务添加后会显示在这里'} />
        ) : (
          groups.map((g) => (
            <View key={g.key} className='plan-group' data-testid='plan-group'>
              <Text className={`plan-subtitle${g.key === 'overdue' ? ' plan-subtitle--overdue' : ''}`}>{`${g.title}（${g.items.length}）`}</Text>
              {g.items.map((t) => (
                <TaskRow key={t._id} task={t} today={today} />
              ))}
            </View>
          ))
        )}
      </View>
    </View>
  );
}
