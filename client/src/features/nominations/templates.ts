/** Template ids of the subscribe messages: the console's ids in production (TARO_APP_*), local ids otherwise. */
import { SUBSCRIBE_TEMPLATES } from '@contract';

export const DECISION_TEMPLATE = process.env.TARO_APP_TPL_DECISION || SUBSCRIBE_TEMPLATES.decision.id;
export const TASK_TEMPLATE = process.env.TARO_APP_TPL_TASK || SUBSCRIBE_TEMPLATES.task.id;
