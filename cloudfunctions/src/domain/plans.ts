/**
 * The plan board's rules (挂图作业 / 对账消号), pure: a task's state on a given day, which tasks
 * are due soon, what a tick needs, where a plan may be made, and the due-soon reminder's message.
 *
 * Dates are Asia/Shanghai calendar dates ('YYYY-MM-DD'), compared as strings: the corps works
 * by its own calendar, and a string compare of zero-padded dates is a date compare.
 */
import type { Id, IsoDate, PlanLevel, PlanTaskState, PlanTaskStatus, UnitLevel } from '@contract';
import { PLAN_LIMITS } from '@contract';
import { fitThing } from './nomination-notify';

const SHANGHAI_OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiYmd(ms: number): IsoDate {
  return new Date(ms + SHANGHAI_OFFSET).toISOString().slice(0, 10);
}

/** `ymd` moved by `days` calendar days. */
export function addDays(ymd: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * What the board shows for a task on `todayYmd`: 逾期 when it is not done and its due date has
 * passed (a task due today is not yet late), else its stored status.
 */
export function taskState(task: { status: PlanTaskStatus; due: IsoDate }, todayYmd: IsoDate): PlanTaskState {
  if (task.status !== 'done' && task.due < todayYmd) return 'overdue';
  return task.status;
}

/** The last due date that counts as due soon on `todayYmd` (today and the next PLAN_LIMITS.dueSoonDays days). */
export function dueSoonUntil(todayYmd: IsoDate): IsoDate {
  return addDays(todayYmd, PLAN_LIMITS.dueSoonDays);
}

/** Unfinished statuses: what is still to be ticked off. */
export const OPEN_STATUSES = ['not_started', 'in_progress'] as const satisfies readonly PlanTaskStatus[];

/** A plan's id: one plan per unit per year, so a second "create" finds the first. */
export function planIdOf(year: number, unitId: Id): Id {
  return `pl-${year}-${unitId}`;
}

/** The level a plan is made at for a unit of `level`; null where plans are not made (battalions, stations). */
export function planLevelOf(level: UnitLevel): PlanLevel | null {
  return level === 'corps' || level === 'detachment' ? level : null;
}

/** done / total, 0 for an empty plan, to a thousandth. */
export function completion(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 1000) / 1000;
}

/** A tick needs at least one piece of evidence: a note, a photo or a linked record. */
export function hasEvidence(e: { note: string; photos: readonly string[]; link: unknown }): boolean {
  return e.note.trim().length > 0 || e.photos.length > 0 || e.link !== null;
}

/** Whether a task of a plan for `year` may fall due on `due`. */
export function dueInYear(due: IsoDate, year: number): boolean {
  return due.slice(0, 4) === String(year);
}

/** `2026年12月3日`: the `date` keyword's form. */
function chineseDate(ymd: IsoDate): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 任务到期提醒 to an owner unit's admins: the task, the owner unit, the due date. */
export function dueSoonData(title: string, unitName: string, due: IsoDate): Record<string, { value: string }> {
  return {
    thing1: { value: fitThing(title) },
    thing2: { value: fitThing(unitName) },
    date3: { value: chineseDate(due) },
  };
}
