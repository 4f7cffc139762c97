/**
 * The due-soon reminder (the workboard's timer trigger, daily): every unfinished task due today
 * or in the next PLAN_LIMITS.dueSoonDays days reaches its owners — the admins holding the admin
 * role at the task's owner unit — as one 任务到期提醒 subscribe message each, once per task and
 * due date (`remindedFor`; moving the due date sends again).
 *
 * The mark is written before the messages go (a transaction per task, re-read), so two runs at
 * once, or a run after a crash, never send twice; a crash between the mark and the send loses
 * that reminder, the lesser harm for a reminder. Sending is best-effort, as for nominations: a
 * user who did not accept the template (43101) is logged, never retried.
 */
import type { Id, PlanTaskDoc } from '@contract';
import { PLAN_DUE_TEMPLATE } from '@contract';
import { dueSoonData, dueSoonUntil, OPEN_STATUSES, shanghaiYmd } from '../../domain/plans';
import type { TimerContext } from '../../lib/timer';
import { transact } from '../../lib/transaction';
import { isFailure } from '../../lib/guard';
import { miniprogramState } from '../../workflows/nominations/settings';

/** Tasks looked at per run; a daily run with a few days' window stays far below it. */
const BATCH = 300;
/** Grants read per owner unit: a unit has a handful of admins. */
const MAX_UNIT_GRANTS = 50;

export interface RemindReport {
  reminded: Id[];
  messages: number;
}

export async function remindDueSoon(ctx: TimerContext): Promise<RemindReport> {
  const c = ctx.cloud();
  const today = shanghaiYmd(ctx.now());
  const until = dueSoonUntil(today);
  // The (status, due) index from today on, soonest first; the window's end is checked on what it yields.
  const rows = await c.collection('plan_tasks').where({ status: c.command.in(OPEN_STATUSES), due: c.command.gte(today) }).orderBy('due', 'asc').limit(BATCH).get();
  const due = rows.filter((t) => t.due <= until && t.remindedFor !== t.due);
  const report: RemindReport = { reminded: [], messages: 0 };
  const templateId = ctx.env('NOTIFY_TEMPLATE_PLAN_DUE') || PLAN_DUE_TEMPLATE.id;
  for (const t of due) {
    const marked = await transact(ctx, async ({ tx }) => {
      const cur = await tx.collection('plan_tasks').get(t._id);
      if (!cur || cur.status === 'done' || cur.remindedFor === cur.due) return null;
      await tx.collection('plan_tasks').update(t._id, { remindedFor: cur.due });
      return { ...cur, _id: t._id } as PlanTaskDoc;
    });
    if (marked === null || isFailure(marked)) continue;
    const [grants, unit] = await Promise.all([
      c.collection('roles').select(['openid', 'role', 'revokedAt']).where({ unitId: marked.unitId, revokedAt: null }).limit(MAX_UNIT_GRANTS).get(),
      c.collection('units').doc(marked.unitId).select(['shortName']).get(),
    ]);
    const owners = [...new Set(grants.filter((g) => g.role === 'admin').map((g) => g.openid))];
    const data = dueSoonData(marked.title, unit?.shortName ?? '', marked.due);
    for (const touser of owners) {
      try {
        await c.openapi('subscribeMessage.send', { touser, templateId, page: `${PLAN_DUE_TEMPLATE.page}?id=${marked._id}`, data, miniprogramState: miniprogramState(ctx), lang: 'zh_CN' });
        report.messages += 1;
      } catch (e) {
        ctx.log({ level: 'info', fn: ctx.fn, what: 'subscribe message not sent', touser, template: templateId, errCode: (e as { errCode?: unknown })?.errCode ?? null });
      }
    }
    report.reminded.push(marked._id);
  }
  return report;
}
