/**
 * The plan board's demo data (挂图作业): this year's corps plan, with tasks assigned to the
 * corps itself and to detachments, and the plans of five detachments, with tasks owned by the
 * detachment, its battalions and stations. Due dates spread over the year around `now`, so the
 * board shows every state: done (with a note as evidence), in progress, not started, overdue,
 * due soon. A plan's counts are computed from its tasks here, as the writes keep them.
 *
 * Deterministic: dates derive from `now` only; everything else is fixed.
 */
import type { PlanDoc, PlanTaskDoc, Story, Unit } from '@contract';
import { addDays, planIdOf, shanghaiYmd } from '../../cloudfunctions/src/domain/plans';

/** What a corps plan asks for, the year round (title, month offset from now, owner: 'corps' or a detachment slot). */
const CORPS_TASKS: { title: string; days: number; owner: 'corps' | number; responsible: string; status: PlanTaskDoc['status'] }[] = [
  { title: '制定年度推优树典工作方案', days: -140, owner: 'corps', responsible: '陈刚', status: 'done' },
  { title: '召开推优树典工作部署会', days: -120, owner: 'corps', responsible: '陈刚', status: 'done' },
  { title: '更新重大先进典型库名单', days: -75, owner: 'corps', responsible: '周洋', status: 'done' },
  { title: '上报全国青年岗位能手推荐材料', days: -20, owner: 'corps', responsible: '张华', status: 'in_progress' },
  { title: '各支队报送后备典型调整建议', days: -9, owner: 1, responsible: '李明', status: 'in_progress' },
  { title: '组织“身边典型•平凡榜样”专题采写', days: 2, owner: 'corps', responsible: '周洋', status: 'in_progress' },
  { title: '报送一级消防长风采展示人选', days: 3, owner: 2, responsible: '刘强', status: 'not_started' },
  { title: '开展岗位标兵评选（灭火救援尖兵）', days: 30, owner: 'corps', responsible: '张华', status: 'not_started' },
  { title: '中央媒体刊发典型事迹不少于5篇', days: 90, owner: 'corps', responsible: '周洋', status: 'in_progress' },
  { title: '年度推优树典工作总结', days: 180, owner: 'corps', responsible: '陈刚', status: 'not_started' },
];

/** A detachment plan's tasks: owner 0 = the detachment, 1 = its first battalion, 2 = that battalion's first station. */
const DETACHMENT_TASKS: { title: string; days: number; owner: 0 | 1 | 2; responsible: string; done: number }[] = [
  { title: '制定支队推优树典工作计划', days: -130, owner: 0, responsible: '李明', done: 1 },
  { title: '建立支队后备典型培养台账', days: -90, owner: 0, responsible: '李明', done: 1 },
  { title: '特勤站典型事迹采写', days: -40, owner: 2, responsible: '王磊', done: 0.6 },
  { title: '大队宣传员业务培训', days: -12, owner: 1, responsible: '赵军', done: 0.3 },
  { title: '报送支队岗位标兵候选人', days: 1, owner: 0, responsible: '李明', done: 0 },
  { title: '地州级媒体刊发典型事迹', days: 45, owner: 0, responsible: '孙伟', done: 0.4 },
  { title: '年度典型培养情况复核', days: 150, owner: 1, responsible: '赵军', done: 0 },
];

/** The detachments that have made this year's plan in the demo (the rest have not, so the corps sees who is missing). */
const PLANNED_DETACHMENTS = ['u-wlmq', 'u-klmy', 'u-tlf', 'u-yl', 'u-ks'];

const ACTOR = 'dev-admin';

export function buildPlans(now: number, units: readonly Unit[], stories: readonly Story[]): { plans: PlanDoc[]; tasks: PlanTaskDoc[] } {
  const today = shanghaiYmd(now);
  const year = Number(today.slice(0, 4));
  const byId = new Map(units.map((u) => [u._id, u]));
  const root = units.find((u) => u.parentId === null) as Unit;
  const detachments = units.filter((u) => u.parentId === root._id).sort((a, b) => a.order - b.order);
  const firstChild = (id: string) => units.filter((u) => u.parentId === id).sort((a, b) => a.order - b.order)[0];
  // A due date inside the plan's year: tasks near the turn of the year stay in it.
  const dueIn = (days: number) => {
    const d = addDays(today, days);
    return d.slice(0, 4) === String(year) ? d : days < 0 ? `${year}-01-15` : `${year}-12-20`;
  };
  const plans: PlanDoc[] = [];
  const tasks: PlanTaskDoc[] = [];
  const at = now - 150 * 86_400_000;

  function task(plan: PlanDoc, n: number, title: string, owner: Unit, responsible: string, due: string, status: PlanTaskDoc['status']): void {
    const doneAt = status === 'done' ? Math.min(now - 3_600_000, Date.parse(`${due}T10:00:00+08:00`) - 86_400_000) : null;
    const story = stories.find((s) => s.state === 'published' && s.unitPath.includes(owner._id));
    tasks.push({
      _id: `pt-${plan.unitId.slice(2)}-${year}-${n}`,
      planId: plan._id,
      year,
      planUnitId: plan.unitId,
      unitId: owner._id,
      unitPath: owner.path,
      title,
      responsible,
      due,
      status,
      doneAt,
      evidence:
        doneAt === null
          ? null
          : { note: '已按要求完成，材料已归档。', photos: [], link: story && n % 2 === 0 ? { kind: 'story', id: story._id, title: story.title } : null, by: ACTOR, at: doneAt },
      link: null,
      reopens: [],
      remindedFor: null,
      createdBy: ACTOR,
      createdAt: at,
      updatedAt: doneAt ?? at,
    });
  }

  const corpsPlan: PlanDoc = { _id: planIdOf(year, root._id), year, unitId: root._id, unitPath: root.path, level: 'corps', title: `总队${year}年度推优树典工作计划`, taskCount: 0, doneCount: 0, createdBy: ACTOR, createdAt: at, updatedAt: at };
  plans.push(corpsPlan);
  CORPS_TASKS.forEach((t, i) => {
    const owner = t.owner === 'corps' ? root : (detachments[t.owner - 1] as Unit);
    task(corpsPlan, i + 1, t.title, owner, t.responsible, dueIn(t.days), t.status);
  });

  PLANNED_DETACHMENTS.forEach((id, di) => {
    const det = byId.get(id);
    if (!det) return;
    const plan: PlanDoc = { _id: planIdOf(year, det._id), year, unitId: det._id, unitPath: det.path, level: 'detachment', title: `${det.shortName}${year}年度推优树典工作计划`, taskCount: 0, doneCount: 0, createdBy: ACTOR, createdAt: at, updatedAt: at };
    plans.push(plan);
    const battalion = firstChild(det._id) ?? det;
    const station = firstChild(battalion._id) ?? battalion;
    DETACHMENT_TASKS.forEach((t, i) => {
      const owner = t.owner === 0 ? det : t.owner === 1 ? battalion : station;
      // Detachments differ in how far along they are: the first is ahead, the last behind.
      const progress = t.done - di * 0.15;
      const status: PlanTaskDoc['status'] = t.days < 0 && progress >= 0.5 ? 'done' : progress > 0 ? 'in_progress' : 'not_started';
      task(plan, i + 1, t.title, owner, t.responsible, dueIn(t.days + di * 3), status);
    });
  });

  for (const p of plans) {
    const mine = tasks.filter((t) => t.planId === p._id);
    p.taskCount = mine.length;
    p.doneCount = mine.filter((t) => t.status === 'done').length;
  }
  return { plans, tasks };
}

/** The plan board's collections, for buildDemoData. */
export function planCollections(now: number, docs: { units: readonly Unit[]; stories: readonly Story[] }): Record<'plans' | 'plan_tasks', Record<string, unknown>[]> {
  const { plans, tasks } = buildPlans(now, docs.units, docs.stories);
  return { plans: plans as unknown as Record<string, unknown>[], plan_tasks: tasks as unknown as Record<string, unknown>[] };
}
