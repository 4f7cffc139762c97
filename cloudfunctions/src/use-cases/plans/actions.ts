/** The workboard's plans actions, gathered for functions/workboard/index.ts. */
import type { PlansApi } from '@contract';
import type { ActionTable } from '../../lib/handler';

export const planActions: Pick<ActionTable<'workboard'>, keyof PlansApi> = {};
