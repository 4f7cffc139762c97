/**
 * `workboard.publishSelectionRound`: the round's admin publishes a closed round's results as a
 * campaign (专题) — the same Campaign document admin.saveCampaign writes, with the winners'
 * roll the campaign page lists, each linked to their profile when it is public. The campaign's
 * id derives from the round, and the round moves to `published` in the same transaction, so a
 * retried publish cannot make a second campaign.
 */
import type { Campaign, CampaignRollEntry } from '@contract';
import { CATEGORY_LABEL } from '@contract';
import { EXEMPLAR_REF_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { isFailure, requireRole } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { transact } from '../../lib/transaction';
import { unitRefsById } from '../../lib/people';
import { candidatesOf, roundRunBy, roundTitle, roundView } from './shared';

/** Campaign orders are 0–9999 (admin.saveCampaign's schema). */
const ORDER_MAX = 9999;

export const publishSelectionRound: UseCase<'workboard', 'publishSelectionRound'> = async (req, ctx) => {
  const run = await roundRunBy(ctx, req.id);
  if (isFailure(run)) return run;
  const { who, round: first } = run;
  const c = ctx.cloud();
  if (first.state !== 'closed' || !first.results) return refuse('FAILED_PRECONDITION', 'selection_not_closed', `round ${first._id} is ${first.state}`);

  // The roll: winners in rank order, each with the profile it may link to.
  const candidates = new Map((await candidatesOf(ctx, first._id)).map((x) => [x._id, x]));
  const winners = first.results.filter((r) => r.winner).flatMap((r) => {
    const cand = candidates.get(r.candidateId);
    return cand ? [{ r, cand }] : [];
  });
  const exemplars = await byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, winners.flatMap((w) => (w.cand.exemplarId ? [w.cand.exemplarId] : [])));
  const units = await unitRefsById(ctx, [first.unitId, ...winners.map((w) => w.cand.unitId)]);
  const roll: CampaignRollEntry[] = winners.map(({ r, cand }) => {
    const ex = cand.exemplarId ? exemplars.get(cand.exemplarId) : undefined;
    return { rank: r.rank, name: cand.name, unitName: units.get(cand.unitId)?.name ?? '', exemplarId: ex && isPublicExemplar(ex) ? ex._id : null, total: r.total };
  });
  const label = CATEGORY_LABEL[first.category];
  const unitName = units.get(first.unitId)?.name ?? '';
  const names = roll.map((w) => w.name).join('、');
  const description = `${unitName}${first.period}${label}评选结果${names ? `：${names}` : ''}。`.slice(0, 300);
  const last = await c.collection('campaigns').select(['order']).orderBy('order', 'desc').limit(1).get();
  const order = Math.min(ORDER_MAX, (last[0]?.order ?? 0) + 1);
  const campaignId = `camp-sel-${ctx.hashHex(first._id).slice(0, 16)}`;
  const now = ctx.now();
  const campaign: Omit<Campaign, '_id'> = {
    name: `${first.period}${label}评选结果`.slice(0, 30),
    slug: `sel-${ctx.hashHex(first._id).slice(0, 16)}`,
    description,
    cover: null,
    startedAt: now,
    endsAt: null,
    archived: false,
    order,
    storyCount: 0,
    roll,
  };

  const saved = await transact(ctx, async ({ tx, audit }) => {
    const round = await tx.collection('selection_rounds').get(req.id);
    if (!round) return fail('NOT_FOUND', `no selection round ${req.id}`);
    const again = requireRole(who, 'admin', round.unitPath);
    if (again) return again;
    if (round.state !== 'closed') return refuse('FAILED_PRECONDITION', 'selection_not_closed', `round ${round._id} is ${round.state}`);
    if (await tx.collection('campaigns').get(campaignId)) return refuse('FAILED_PRECONDITION', 'selection_not_closed', `campaign ${campaignId} exists`);
    await tx.collection('campaigns').set(campaignId, campaign);
    await tx.collection('selection_rounds').update(round._id, { state: 'published', publishedAt: now, updatedAt: now, campaignId });
    audit({ actor: who.openid, action: 'workboard.publishSelectionRound', subject: { kind: 'selection_round', id: round._id }, before: { title: roundTitle(round), state: 'closed' }, after: { title: roundTitle(round), state: 'published', campaign: campaign.name, winners: roll.map((w) => w.name) } });
    return { ...round, state: 'published' as const, publishedAt: now, updatedAt: now, campaignId };
  });
  if (isFailure(saved)) return saved;
  return ok(await roundView(ctx, who, saved));
};
