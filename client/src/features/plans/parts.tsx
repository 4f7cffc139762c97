/** Pieces the plan board's screens share: the completion bar and a task's row (逾期 in red). */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PlanTaskView } from '@contract';
import { routes } from '../../lib/routes';
import { ListRow } from '../../components/list-row';
import { dueText, stateBadge } from './labels';
import './plans.scss';

export function CompletionBar({ value, label }: { value: number; label: string }) {
  return (
    <View className='plan-bar' role='progressbar' aria-valuenow={Math.round(value * 100)} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
      <View className='plan-bar__fill' style={{ width: `${Math.round(value * 100)}%` }} />
    </View>
  );
}

/** A task on a board or in 上级交办: what, who, when, its state; opens the task. */
export function TaskRow({ task, today }: { task: PlanTaskView; today: string }) {
  return (
    <View className={`plan-task plan-task--${task.state}`} data-testid='plan-task' data-state={task.state}>
      <ListRow
        title={task.title}
        badge={stateBadge(task.state)}
        meta={[`${task.unit?.shortName ?? '（已删除的单位）'} · 责任人 ${task.responsible}`, dueText(task.due, task.state, today)]}
        onTap={() => void Taro.navigateTo({ url: routes.planTask({ id: task._id }) })}
      />
    </View>
  );
}
