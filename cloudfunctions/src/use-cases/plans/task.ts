/**
 * `workboard.task`: one task with its evidence (photos as staff URLs) and its reopen history,
 * people by name. Read by any staff role over the plan's unit or over the task's owner unit
 * (an owner unit's staff see the task assigned to them from a higher plan).
 */
import { requireRole } from '../../lib/guard';
import { isFailure, staffWith } from '../../lib/guard';
import { staffUrls } from '../../lib/files';
import { fail, ok, type UseCase } from '../../lib/handler';
import { peopleByOpenid, personIn, unitRefsById } from '../../lib/people';
import { actsOnTask, managesPlan, STAFF_ROLES, today, toTaskView } from './shared';

export const task: UseCase<'workboard', 'task'> = async (req, ctx) => {
  const who = await staffWith(ctx, STAFF_ROLES);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const t = await c.collection('plan_tasks').doc(req.id).get();
  if (!t) return fail('NOT_FOUND', `task ${req.id} not found`);
  const plan = await c.collection('plans').doc(t.planId).get();
  if (!plan) return fail('NOT_FOUND', `plan ${t.planId} not found`);
  const denied = requireRole(who, STAFF_ROLES, t.unitPath);
  if (denied) return denied;
  const photos = t.evidence?.photos ?? [];
  const [units, people, urls] = await Promise.all([
    unitRefsById(ctx, [t.unitId, plan.unitId]),
    peopleByOpenid(ctx, [...(t.evidence ? [t.evidence.by] : []), ...t.reopens.map((r) => r.by)]),
    staffUrls(ctx, photos),
  ]);
  return ok({
    ...toTaskView(t, units.get(t.unitId) ?? null, today(ctx)),
    plan: { _id: plan._id, title: plan.title, year: plan.year, unit: units.get(plan.unitId) ?? null },
    evidence: t.evidence ? { note: t.evidence.note, link: t.evidence.link, at: t.evidence.at, by: personIn(people, t.evidence.by), photos: photos.map((f) => ({ fileId: f, url: urls.get(f) ?? null })) } : null,
    reopens: t.reopens.map((r) => ({ reason: r.reason, at: r.at, by: personIn(people, r.by) })),
    canAct: actsOnTask(who, t),
    canEdit: managesPlan(who, plan),
  });
};
