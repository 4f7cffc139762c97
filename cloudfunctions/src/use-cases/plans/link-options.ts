/**
 * `workboard.linkOptions`: what the task form's picker offers besides pursuits and campaigns — the
 * nominations (any but withdrawn) or the published stories inside the plan's subtree, the same
 * scope saveTask's link check accepts, for an admin over the plan's unit. One read of the
 * subtree's newest PLAN_LIMITS.linkPool records on a declared index (nominations: queue, stories:
 * unit_feed); what was typed narrows those by name or title (the SDK has no substring match an
 * index could serve), and the first PLAN_LIMITS.linkOptions are answered.
 */
import type { NominationState, PlanLinkOption } from '@contract';
import { CATEGORY_LABEL, PLAN_LIMITS, TIER_LABEL } from '@contract';
import { shanghaiYmd } from '../../domain/plans';
import { isFailure } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { unitRefsById } from '../../lib/people';
import { planInScope } from './shared';

/** A withdrawn nomination is no work anyone does any more. */
const LINKABLE_NOMINATIONS: NominationState[] = ['submitted', 'detachment_approved', 'returned', 'rejected', 'in_notice', 'objection_review', 'enrolled'];

export const linkOptions: UseCase<'workboard', 'linkOptions'> = async (req, ctx) => {
  const scoped = await planInScope(ctx, req.planId, 'admin');
  if (isFailure(scoped)) return scoped;
  const { plan } = scoped;
  const c = ctx.cloud();
  const q = req.q?.trim() ?? '';
  const matches = (text: string): boolean => q === '' || text.includes(q);

  if (req.kind === 'nomination') {
    const rows = await c
      .collection('nominations')
      .select(['nomineeName', 'nomineeKind', 'category', 'targetTier', 'nominatingUnitId', 'createdAt'])
      .where({ unitPath: plan.unitId, state: c.command.in(LINKABLE_NOMINATIONS) })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PLAN_LIMITS.linkPool)
      .get();
    const shown = rows.filter((n) => matches(n.nomineeName)).slice(0, PLAN_LIMITS.linkOptions);
    const units = await unitRefsById(ctx, shown.map((n) => n.nominatingUnitId));
    const items: PlanLinkOption[] = shown.map((n) => ({
      id: n._id,
      title: n.nomineeName,
      subtitle: [units.get(n.nominatingUnitId)?.shortName, CATEGORY_LABEL[n.category], `推荐入${TIER_LABEL[n.targetTier]}`].filter(Boolean).join(' · '),
    }));
    return ok({ items });
  }

  const rows = await c
    .collection('stories')
    .select(['title', 'unitId', 'publishedAt'])
    .where({ unitPath: plan.unitId, state: 'published' })
    .orderBy('publishedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PLAN_LIMITS.linkPool)
    .get();
  const shown = rows.filter((s) => matches(s.title)).slice(0, PLAN_LIMITS.linkOptions);
  const units = await unitRefsById(ctx, shown.map((s) => s.unitId));
  const items: PlanLinkOption[] = shown.map((s) => ({
    id: s._id,
    title: s.title,
    subtitle: [units.get(s.unitId)?.shortName, s.publishedAt ? `${shanghaiYmd(s.publishedAt)} 发布` : null].filter(Boolean).join(' · '),
  }));
  return ok({ items });
};
