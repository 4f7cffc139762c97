/** How the plan board says states, dates and rates (Asia/Shanghai calendar dates, Chinese words). */
import type { PlanTaskState } from '@contract';
import { PLAN_TASK_STATE_LABEL } from '../../lib/contract-values';

const TONE: Record<PlanTaskState, 'neutral' | 'warn' | 'ok' | 'danger'> = { not_started: 'neutral', in_progress: 'warn', done: 'ok', overdue: 'danger' };

/** The state chip of a task: 逾期 in red. */
export function stateBadge(state: PlanTaskState): { text: string; tone: 'neutral' | 'warn' | 'ok' | 'danger' } {
  return { text: PLAN_TASK_STATE_LABEL[state], tone: TONE[state] };
}

/** The board's order of states: what needs attention first. */
export const STATE_ORDER: readonly PlanTaskState[] = ['overdue', 'in_progress', 'not_started', 'done'];

export const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** 'YYYY-MM-DD' → 3月5日. */
export function dayText(ymd: string): string {
  return `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`;
}

export const monthOf = (ymd: string): number => Number(ymd.slice(5, 7));

/** Today's Asia/Shanghai date. */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const thisYear = (): number => Number(shanghaiToday().slice(0, 4));

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What the due date says beside a task: late by how much, or how soon. */
export function dueText(due: string, state: PlanTaskState, today: string): string {
  const base = `截止 ${dayText(due)}`;
  if (state === 'done') return base;
  const left = daysBetween(today, due);
  if (left < 0) return `${base} · 已逾期 ${-left} 天`;
  if (left === 0) return `${base} · 今天到期`;
  if (left <= 3) return `${base} · 还剩 ${left} 天`;
  return base;
}
