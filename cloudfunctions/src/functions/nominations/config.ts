/** Deployment settings of the nomination workflow, read per call from the function's environment. */
import { DEFAULT_NOTICE_DAYS, SUBSCRIBE_TEMPLATES } from '@contract';
import { parseNoticeDays } from '../../domain/nomination';
import type { Templates } from './actions';

export function noticeDays(): number {
  return parseNoticeDays(process.env.NOTICE_DAYS, DEFAULT_NOTICE_DAYS);
}

/** Template ids chosen in the mini-program console (NOTIFY_TEMPLATE_*); local ids otherwise. */
export function templates(): Templates {
  return {
    decision: { id: process.env.NOTIFY_TEMPLATE_DECISION || SUBSCRIBE_TEMPLATES.decision.id, page: SUBSCRIBE_TEMPLATES.decision.page },
    task: { id: process.env.NOTIFY_TEMPLATE_TASK || SUBSCRIBE_TEMPLATES.task.id, page: SUBSCRIBE_TEMPLATES.task.page },
  };
}

/** Which mini-program version a message opens: formal unless the deployment says otherwise. */
export function miniprogramState(): 'developer' | 'trial' | 'formal' {
  const v = process.env.NOTIFY_MINIPROGRAM_STATE;
  if (v === undefined || v === '') return 'formal';
  if (v === 'developer' || v === 'trial' || v === 'formal') return v;
  throw new Error(`NOTIFY_MINIPROGRAM_STATE must be developer, trial or formal, got ${JSON.stringify(v)}`);
}
