/** Pieces the plan board's screens share: the completion bar and a task's row (逾期 in red). */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PlanTaskView } from '@contract';
import type { ApiFailure } from '../../lib/api';
import { StateView } from '../../components/state-view';
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

/**
 * A plan page while its resource is not ready: the skeleton (`lines` grey bars) while loading, the
 * server's refusal or error with a retry otherwise. The board and the task page share it.
 */
export function PlanPageState({ loading, lines, error, deniedTitle, onRetry }: { loading?: boolean; lines: number; error: ApiFailure | null; deniedTitle: string; onRetry: () => void }) {
  return (
    <View className='page plans'>
      {loading ? (
        <View className='section plan-skeleton' aria-busy='true' aria-label='加载中'>
          {Array.from({ length: lines }, (_, i) => (
            <View key={i} className={i === 1 ? 'plan-skeleton__line plan-skeleton__line--short' : 'plan-skeleton__line'} />
          ))}
        </View>
      ) : (
        <StateView kind='error' deniedTitle={deniedTitle} error={error} onRetry={onRetry} />
      )}
    </View>
  );
}
