/** The workboard's plans actions, gathered for functions/workboard/index.ts. */
import type { PlansApi } from '@contract';
import type { ActionTable } from '../../lib/handler';
import { board } from './board';
import { createPlan } from './create-plan';
import { linkOptions } from './link-options';
import { plans } from './plans';
import { reopenTask } from './reopen-task';
import { saveTask } from './save-task';
import { startTask } from './start-task';
import { task } from './task';
import { tickTask } from './tick-task';

export const planActions: Pick<ActionTable<'workboard'>, keyof PlansApi> = { plans, board, createPlan, saveTask, task, linkOptions, startTask, tickTask, reopenTask };
