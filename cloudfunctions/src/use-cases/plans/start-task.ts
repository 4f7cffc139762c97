/** `workboard.startTask`: 未开始 → 进行中, by an admin over the task's owner unit; audited. */
import { refuse, type UseCase } from '../../lib/handler';
import { changeStatus } from './shared';

export const startTask: UseCase<'workboard', 'startTask'> = (req, ctx) =>
  changeStatus<'state_changed'>(ctx, req.id, {
    action: 'plan.task_start',
    decide: (t) => (t.status === 'not_started' ? { status: 'in_progress' } : refuse('FAILED_PRECONDITION', 'state_changed', `task ${t._id} is ${t.status}`)),
  });
