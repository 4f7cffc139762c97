/**
 * Deployment settings of the nomination workflow, read per call from the function's environment
 * (a console edit needs no redeploy). Both functions that run the workflow read them here:
 * `nominations` (notice length, messages) and `nomination-timer` (messages).
 */
import { DEFAULT_NOTICE_DAYS, SUBSCRIBE_TEMPLATES } from '@contract';
import { parseNoticeDays } from '../../domain/nomination';
import type { Deps } from '../../lib/context';

export interface Template {
  id: string;
  page: string;
}

export interface Templates {
  decision: Template;
  task: Template;
}

/** NOTICE_DAYS: the 公示 length in whole days (0 = over at once); a bad value fails loudly. */
export function noticeDays(deps: Pick<Deps, 'env'>): number {
  return parseNoticeDays(deps.env('NOTICE_DAYS'), DEFAULT_NOTICE_DAYS);
}

/** Template ids chosen in the mini-program console (NOTIFY_TEMPLATE_*); local ids otherwise. */
export function templates(deps: Pick<Deps, 'env'>): Templates {
  return {
    decision: { id: deps.env('NOTIFY_TEMPLATE_DECISION') || SUBSCRIBE_TEMPLATES.decision.id, page: SUBSCRIBE_TEMPLATES.decision.page },
    task: { id: deps.env('NOTIFY_TEMPLATE_TASK') || SUBSCRIBE_TEMPLATES.task.id, page: SUBSCRIBE_TEMPLATES.task.page },
  };
}

/** Which mini-program version a message opens: formal unless the deployment says otherwise. */
export function miniprogramState(deps: Pick<Deps, 'env'>): 'developer' | 'trial' | 'formal' {
  const v = deps.env('NOTIFY_MINIPROGRAM_STATE');
  if (v === undefined || v === '') return 'formal';
  if (v === 'developer' || v === 'trial' || v === 'formal') return v;
  throw new Error(`NOTIFY_MINIPROGRAM_STATE must be developer, trial or formal, got ${JSON.stringify(v)}`);
}
