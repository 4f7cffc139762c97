/**
 * Who the nomination workflow tells what, by subscribe message. Best-effort by nature: a user who
 * did not accept the template cannot be messaged (43101), so a failed send never fails the action
 * that caused it; it is logged. Sent after the action committed, never inside its transaction.
 */
import type { NominationDoc } from '@contract';
import { REVIEW_LADDER } from '../../domain/review-ladder';
import { decisionData, taskData, type DecisionMessage } from '../../domain/nomination-notify';
import type { Deps } from '../../lib/context';
import { miniprogramState, templates, type Template } from './settings';

type NotifyContext = Pick<Deps, 'cloud' | 'env' | 'log'> & { fn: string };

/** Reviewer grants read per unit: a level's unit has a handful of reviewers. */
const MAX_REVIEWER_GRANTS = 20;

async function send(ctx: NotifyContext, touser: string, template: Template, data: Record<string, { value: string }>): Promise<void> {
  try {
    await ctx.cloud().openapi('subscribeMessage.send', {
      touser,
      templateId: template.id,
      page: template.page,
      data,
      miniprogramState: miniprogramState(ctx),
      lang: 'zh_CN',
    });
  } catch (e) {
    ctx.log({ level: 'info', fn: ctx.fn, what: 'subscribe message not sent', touser, template: template.id, errCode: (e as { errCode?: unknown })?.errCode ?? null });
  }
}

/** 审核结果通知 to the nominator: a decision, an objection's outcome, enrolment or its refusal. */
export async function tellNominator(ctx: NotifyContext, nom: Pick<NominationDoc, 'nominatedBy' | 'nomineeName'>, m: Omit<DecisionMessage, 'nomineeName'>): Promise<void> {
  await send(ctx, nom.nominatedBy, templates(ctx).decision, decisionData({ ...m, nomineeName: nom.nomineeName }));
}

/**
 * 待审核提醒 to the reviewers of the level the nomination now waits at (the ladder says which
 * level and which unit); nobody when it waits for no review decision. The nominator is never
 * told to review their own nomination.
 */
export async function tellNextReviewers(ctx: NotifyContext, nom: Pick<NominationDoc, 'state' | 'unitPath' | 'nomineeName' | 'nominatingUnitId' | 'nominatedBy'>, at: number): Promise<void> {
  const step = REVIEW_LADDER.stepWaitingIn(nom.state);
  const unitId = step ? REVIEW_LADDER.levelUnit(nom.unitPath, step.level) : null;
  if (!unitId) return;
  const c = ctx.cloud();
  const [grants, unit] = await Promise.all([
    c.collection('roles').select(['openid', 'role', 'revokedAt']).where({ unitId, revokedAt: null }).limit(MAX_REVIEWER_GRANTS).get(),
    c.collection('units').doc(nom.nominatingUnitId).select(['shortName']).get(),
  ]);
  const reviewers = [...new Set(grants.filter((g) => g.role === 'reviewer' && g.openid !== nom.nominatedBy).map((g) => g.openid))];
  const data = taskData(nom.nomineeName, unit?.shortName ?? '', at);
  const template = templates(ctx).task;
  await Promise.all(reviewers.map((openid) => send(ctx, openid, template, data)));
}
