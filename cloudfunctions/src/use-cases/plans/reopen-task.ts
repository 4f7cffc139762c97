/**
 * `workboard.reopenTask`: a wrong tick taken back by an admin over the task's owner unit, with
 * the reason. The task goes back to 进行中; the evidence it had is kept in its reopen history.
 */
import { refuse, type UseCase } from '../../lib/handler';
import { changeStatus } from './shared';

export const reopenTask: UseCase<'workboard', 'reopenTask'> = (req, ctx) =>
  changeStatus<'task_not_done'>(ctx, req.id, {
    action: 'plan.task_reopen',
    detail: { reason: req.reason },
    decide(t, who, now) {
      if (t.status !== 'done') return refuse('FAILED_PRECONDITION', 'task_not_done', `task ${t._id} is ${t.status}`);
      return { status: 'in_progress', doneAt: null, evidence: null, reopens: [...t.reopens, { reason: req.reason, by: who.openid, at: now, evidence: t.evidence }] };
    },
  });
