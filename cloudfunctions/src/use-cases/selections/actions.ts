/** The workboard's selections actions, gathered for functions/workboard/index.ts. */
import type { SelectionsApi } from '@contract';
import type { ActionTable } from '../../lib/handler';

export const selectionActions: Pick<ActionTable<'workboard'>, keyof SelectionsApi> = {};
