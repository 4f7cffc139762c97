/** The workboard's pursuits actions, gathered for functions/workboard/index.ts. */
import type { PursuitsApi } from '@contract';
import type { ActionTable } from '../../lib/handler';

export const pursuitActions: Pick<ActionTable<'workboard'>, keyof PursuitsApi> = {};
