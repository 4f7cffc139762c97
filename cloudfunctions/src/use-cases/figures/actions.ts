/** The workboard's figures actions, gathered for functions/workboard/index.ts. */
import type { FiguresApi } from '@contract';
import type { ActionTable } from '../../lib/handler';
import { exportFigures } from './export-figures';
import { figures } from './figures';

export const figureActions: Pick<ActionTable<'workboard'>, keyof FiguresApi> = { figures, exportFigures };
