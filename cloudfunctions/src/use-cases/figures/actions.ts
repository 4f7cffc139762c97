/** The workboard's figures actions, gathered for functions/workboard/index.ts. */
import type { FiguresApi } from '@contract';
import type { ActionTable } from '../../lib/handler';

export const figureActions: Pick<ActionTable<'workboard'>, keyof FiguresApi> = {};
