/**
 * Workboard — the annual plan board (挂图作业): plans, tasks, ticking off with evidence (对账消号).
 * Request schemas live in types/schemas.ts (planSchemas); views and the Api interface here.
 *
 * A plan is one unit's work for one year, at the corps or at a detachment (支队). Its tasks each
 * have an owner unit inside the plan's subtree, a responsible person (by name), a due date and
 * an optional link to the work it serves. The collection `plan_tasks` is also read by the
 * figures (plan completion), so its core fields are a fixed contract: `year`, `unitPath` (the
 * OWNER unit's path, root → owner), `due` ('YYYY-MM-DD', Asia/Shanghai), `status`, `doneAt`.
 */
import type { z } from 'zod';
import type { FileId, Id, IsoDate, MediaUrl, Millis } from './entities';
import type { PersonRef, UnitRef } from './views';
import type { planSchemas } from './schemas';

/** What is stored: 已完成 is `done`; 逾期 is derived (not done and past its due date), never stored. */
export const PLAN_TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number];
/** What the board shows: the stored status, with 逾期 for an unfinished task past its due date. */
export type PlanTaskState = 'not_started' | 'in_progress' | 'done' | 'overdue';
export const PLAN_TASK_STATE_LABEL: Record<PlanTaskState, string> = { not_started: '未开始', in_progress: '进行中', done: '已完成', overdue: '逾期' };

/** The levels a plan is made at. */
export type PlanLevel = 'corps' | 'detachment';
export const PLAN_LEVEL_LABEL: Record<PlanLevel, string> = { corps: '总队', detachment: '支队' };

/** What a task may be linked to (the work it serves). */
export const PLAN_LINK_KINDS = ['pursuit', 'nomination', 'campaign', 'story'] as const;
export type PlanLinkKind = (typeof PLAN_LINK_KINDS)[number];
export const PLAN_LINK_LABEL: Record<PlanLinkKind, string> = { pursuit: '争创项目', nomination: '推荐', campaign: '专题', story: '事迹' };
/** What a tick's evidence may link to: a record that shows the work was done. */
export const PLAN_EVIDENCE_LINK_KINDS = ['story', 'nomination'] as const;
export type PlanEvidenceLinkKind = (typeof PLAN_EVIDENCE_LINK_KINDS)[number];

/** 任务到期提醒: to the owner unit's admins, once per task and due date (domain/plans.ts dueSoonData). */
export const PLAN_DUE_TEMPLATE = { id: 'local-tpl-plan-due', title: '任务到期提醒', keywords: ['thing1', 'thing2', 'date3'], page: 'pages-staff/plan-task/index' } as const;

export const PLAN_LIMITS = {
  planTitle: 40,
  taskTitle: 60,
  responsible: 16,
  note: 500,
  reason: 200,
  photos: 6,
  /** Tasks per plan: a board is read whole, so it stays a board, not a database. */
  tasksPerPlan: 300,
  /** A task due within this many days (today included) is due soon (工作台 and its reminder). */
  dueSoonDays: 3,
  /** A link picker's answer: the newest matches, more are found by typing. */
  linkOptions: 20,
  /** Records a link picker reads (newest first) before filtering them by what was typed. */
  linkPool: 200,
  linkQuery: 20,
} as const;

export interface PlanLink {
  kind: PlanLinkKind;
  id: Id;
  /** The linked record's title when the link was made (shown without another read). */
  title: string;
}

/** A nomination or published story a task may link to, as the task form's picker lists it. */
export interface PlanLinkOption {
  id: Id;
  /** The nominee's name, or the story's title. */
  title: string;
  /** Where and what: the unit, the category and target library, or the publication date. */
  subtitle: string;
}

export interface PlanEvidence {
  note: string;
  photos: FileId[];
  link: { kind: PlanEvidenceLinkKind; id: Id; title: string } | null;
  by: string;
  at: Millis;
}

/** Collection `plans`: `_id` = planIdOf(year, unitId), so a unit has one plan a year. */
export interface PlanDoc {
  _id: Id;
  year: number;
  unitId: Id;
  /** The plan's unit's path, root → unit (a reader's subtree contains it). */
  unitPath: Id[];
  level: PlanLevel;
  title: string;
  /** Kept in the transaction of every task write, so a board's rate needs no count. */
  taskCount: number;
  doneCount: number;
  createdBy: string;
  createdAt: Millis;
  updatedAt: Millis;
}

/** A reopened tick, kept: who took it back, why, and the evidence it had. */
export interface PlanReopen {
  reason: string;
  by: string;
  at: Millis;
  evidence: PlanEvidence | null;
}

/** Collection `plan_tasks`. */
export interface PlanTaskDoc {
  _id: Id;
  planId: Id;
  year: number;
  /** The plan's unit (its board). */
  planUnitId: Id;
  /** The owner unit. */
  unitId: Id;
  /** The OWNER unit's path, root → owner (the figures count a subtree's tasks by it). */
  unitPath: Id[];
  title: string;
  /** The responsible person, by name. */
  responsible: string;
  due: IsoDate;
  status: PlanTaskStatus;
  doneAt: Millis | null;
  evidence: PlanEvidence | null;
  link: PlanLink | null;
  reopens: PlanReopen[];
  /** When the due-soon reminder went out (once per task; a new due date sends again). */
  remindedFor: IsoDate | null;
  createdBy: string;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface PlanSummary {
  _id: Id;
  year: number;
  title: string;
  level: PlanLevel;
  unit: UnitRef;
  taskCount: number;
  doneCount: number;
  overdueCount: number;
  /** doneCount / taskCount, 0 for a plan without tasks. */
  completion: number;
  /** The caller may add and edit its tasks. */
  canManage: boolean;
}

export interface PlansOverview {
  year: number;
  /** Asia/Shanghai today, the date states are derived against. */
  today: IsoDate;
  /** The caller's own level first, then the detachments' boards (the corps sees them all). */
  plans: PlanSummary[];
  /** Units where the caller may make this year's plan and none exists yet. */
  canCreate: UnitRef[];
  /**
   * 上级交办: tasks of higher plans (the corps') owned inside the caller's subtrees, whose board the
   * caller does not read (a detachment's staff see what the corps assigned to them), by due date.
   */
  assigned: PlanTaskView[];
}

export interface PlanTaskView {
  _id: Id;
  planId: Id;
  title: string;
  unit: UnitRef | null;
  responsible: string;
  due: IsoDate;
  status: PlanTaskStatus;
  state: PlanTaskState;
  doneAt: Millis | null;
  link: PlanLink | null;
}

export interface PlanBoard {
  plan: PlanSummary;
  today: IsoDate;
  /** Ordered by due date. */
  tasks: PlanTaskView[];
  /** Units a task may be owned by (the plan's unit and its subtree, corps: down to detachments). */
  ownerUnits: UnitRef[];
}

export interface PlanTaskDetail extends PlanTaskView {
  plan: { _id: Id; title: string; year: number; unit: UnitRef | null };
  evidence: (Omit<PlanEvidence, 'by' | 'photos'> & { by: PersonRef; photos: { fileId: FileId; url: MediaUrl | null }[] }) | null;
  reopens: { reason: string; by: PersonRef; at: Millis }[];
  /** The caller may start, tick and reopen it (an admin over its owner unit). */
  canAct: boolean;
  /** The caller may edit it (an admin over the plan's unit). */
  canEdit: boolean;
}

/** The `workboard` function's plans actions. */
export interface PlansApi {
  /** The boards of a year the caller may read, with their completion. */
  plans: { req: z.input<typeof planSchemas.plans>; res: PlansOverview };
  /** One board: the plan and its tasks with their states. */
  board: { req: z.input<typeof planSchemas.board>; res: PlanBoard };
  /** Make a unit's plan for a year (admin over the unit, a corps or detachment). */
  createPlan: { req: z.input<typeof planSchemas.createPlan>; res: { plan: PlanSummary } };
  /** Add a task, or edit one (`id`). */
  saveTask: { req: z.input<typeof planSchemas.saveTask>; res: { task: PlanTaskView } };
  task: { req: z.input<typeof planSchemas.task>; res: PlanTaskDetail };
  /** Nominations (not withdrawn) or published stories inside the plan's subtree that a task may link to, newest first (admin over the plan's unit). */
  linkOptions: { req: z.input<typeof planSchemas.linkOptions>; res: { items: PlanLinkOption[] } };
  startTask: { req: z.input<typeof planSchemas.startTask>; res: { task: PlanTaskView } };
  /** 对账消号: done, with evidence. */
  tickTask: { req: z.input<typeof planSchemas.tickTask>; res: { task: PlanTaskView } };
  /** A wrong tick taken back, with the reason. */
  reopenTask: { req: z.input<typeof planSchemas.reopenTask>; res: { task: PlanTaskView } };
}
