/**
 * What the selections use cases share: where a caller stands towards a round (may they see it,
 * put forward into it, run it) and the round's view as that caller may see it. Scores leave the
 * server only as the caller's own sheet while the round is open, and only as the aggregated
 * ranking once it is closed (domain/selections.ts sheetVisibleTo).
 */
import type { Exemplar, Id, SelectionCandidateDoc, SelectionCandidateView, SelectionRoundCard, SelectionRoundDoc, SelectionRoundView, SelectionSheetDoc, UnitRef } from '@contract';
import { CATEGORY_LABEL, SELECTION_LIMITS, SELECTION_TIE_RULE_TEXT } from '@contract';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { sheetIdOf, sheetVisibleTo, mayScore as mayScoreRule, unscoredBy } from '../../domain/selections';
import { holdsRoleOver } from '../../domain/access';
import type { ActionContext } from '../../lib/context';
import { isFailure, requireRole, staffCaller, type Caller } from '../../lib/guard';
import { fail, type Failure } from '../../lib/handler';
import { peopleByOpenid, personIn, unitRefsById } from '../../lib/people';
import { byIds } from '../../lib/reads';

/** Roles that put candidates forward for their units. */
export const PUT_FORWARD_ROLES = ['admin', 'editor'] as const;
/** Units and exemplars a put-forward picker lists at most. */
const OPTIONS_MAX = 300;

export function roundTitle(r: Pick<SelectionRoundDoc, 'period' | 'category'>): string {
  return `${r.period} ${CATEGORY_LABEL[r.category]} 评选`;
}

/** The caller runs the round: an admin over its unit (corps admins over every detachment's round too). */
export function runsRound(who: Caller, round: Pick<SelectionRoundDoc, 'unitPath'>): boolean {
  return holdsRoleOver(who.held, 'admin', round.unitPath);
}

/**
 * The units inside the round's subtree where the caller may put candidates forward: a role held
 * at or above the round's unit covers the whole round; one held below it covers its own subtree.
 */
export function putForwardScopes(who: Caller, round: Pick<SelectionRoundDoc, 'unitId' | 'unitPath'>, unitPaths: ReadonlyMap<Id, readonly Id[]>): Id[] {
  const out = new Set<Id>();
  for (const h of who.held) {
    if (!(PUT_FORWARD_ROLES as readonly string[]).includes(h.role)) continue;
    if (round.unitPath.includes(h.unitId)) out.add(round.unitId);
    else if ((unitPaths.get(h.unitId) ?? []).includes(round.unitId)) out.add(h.unitId);
  }
  return [...out];
}

/** The paths of the units the caller holds roles at (one batched read). */
export async function heldUnitPaths(ctx: Pick<ActionContext, 'cloud'>, who: Caller): Promise<Map<Id, Id[]>> {
  const c = ctx.cloud();
  const rows = await byIds(() => c.collection('units').select(['path']), c.command, who.held.map((h) => h.unitId));
  return new Map([...rows].map(([id, u]) => [id, u.path]));
}

/**
 * Whether the caller has anything to do with the round: runs or oversees it (any role over its
 * unit), works inside its subtree (their units put forward into it), or sits on its committee.
 */
export function seesRound(who: Caller, round: Pick<SelectionRoundDoc, 'unitId' | 'unitPath' | 'committee'>, unitPaths: ReadonlyMap<Id, readonly Id[]>): boolean {
  if (round.committee.includes(who.openid)) return true;
  return who.held.some((h) => round.unitPath.includes(h.unitId) || (unitPaths.get(h.unitId) ?? []).includes(round.unitId));
}

export async function candidatesOf(ctx: Pick<ActionContext, 'cloud'>, roundId: Id): Promise<SelectionCandidateDoc[]> {
  return ctx.cloud().collection('selection_candidates').where({ roundId }).orderBy('putForwardAt', 'asc').limit(SELECTION_LIMITS.candidatesMax).get();
}

export async function sheetsOf(ctx: Pick<ActionContext, 'cloud'>, roundId: Id): Promise<SelectionSheetDoc[]> {
  return ctx.cloud().collection('selection_scores').where({ roundId }).orderBy('_id', 'asc').limit(SELECTION_LIMITS.committeeMax).get();
}

export function roundCard(round: SelectionRoundDoc, unit: UnitRef | null, who: Caller, awaiting: boolean): SelectionRoundCard {
  return {
    _id: round._id,
    title: roundTitle(round),
    category: round.category,
    period: round.period,
    unit,
    state: round.state,
    candidateCount: round.candidateCount,
    createdAt: round.createdAt,
    member: round.committee.includes(who.openid),
    awaitingMyScores: awaiting,
  };
}

/** The round as the caller may see it (see the module comment for what of the scores). */
export async function roundView(ctx: ActionContext, who: Caller, round: SelectionRoundDoc, known?: { unitPaths?: Map<Id, Id[]> }): Promise<SelectionRoundView> {
  const c = ctx.cloud();
  const unitPaths = known?.unitPaths ?? (await heldUnitPaths(ctx, who));
  const member = round.committee.includes(who.openid);
  const [candidates, sheets] = await Promise.all([candidatesOf(ctx, round._id), sheetsOf(ctx, round._id)]);
  const mine = member ? (sheets.find((s) => s._id === sheetIdOf(round._id, who.openid, ctx.hashHex) && s.member === who.openid) ?? null) : null;
  const open = round.state === 'open';
  const scopes = open ? putForwardScopes(who, round, unitPaths) : [];

  // What the put-forward picker offers: the individuals of the caller's scopes and their units.
  const [exemplarRows, unitRows] = scopes.length
    ? await Promise.all([
        Promise.all(scopes.map((u) => c.collection('exemplars').select(['name', 'kind', 'unitId', 'tier']).where({ unitPath: u }).orderBy('updatedAt', 'desc').limit(OPTIONS_MAX).get())),
        Promise.all(scopes.map((u) => c.collection('units').select(UNIT_REF_FIELDS).where({ path: u }).limit(OPTIONS_MAX).get())),
      ])
    : [[], []];
  const taken = new Set(candidates.map((x) => x.exemplarId).filter((x): x is Id => x !== null));
  const optionExemplars = new Map<Id, Pick<Exemplar, '_id' | 'name' | 'kind' | 'unitId' | 'tier'>>();
  for (const e of exemplarRows.flat()) if (e.kind === 'individual' && e.tier !== 'retired' && !taken.has(e._id)) optionExemplars.set(e._id, e);
  const optionUnits = new Map<Id, UnitRef>();
  for (const u of unitRows.flat()) optionUnits.set(u._id, toUnitRef(u));

  const exemplarIds = candidates.map((x) => x.exemplarId).filter((x): x is Id => x !== null);
  const tiers = await byIds(() => c.collection('exemplars').select(['tier']), c.command, exemplarIds);
  const quotaUnitIds = [...new Set(candidates.map((x) => x.quotaUnitId))];
  const [units, people] = await Promise.all([
    unitRefsById(ctx, [round.unitId, ...candidates.map((x) => x.unitId), ...quotaUnitIds, ...[...optionExemplars.values()].map((e) => e.unitId), ...scopes]),
    peopleByOpenid(ctx, [...round.committee, ...candidates.map((x) => x.putForwardBy)]),
  ]);
  const results = round.state === 'open' ? null : new Map((round.results ?? []).map((r) => [r.candidateId, r]));
  const candidateViews: SelectionCandidateView[] = candidates.map((x) => ({
    _id: x._id,
    name: x.name,
    exemplarId: x.exemplarId,
    tier: x.exemplarId ? (tiers.get(x.exemplarId)?.tier ?? null) : null,
    unit: units.get(x.unitId) ?? null,
    putForwardBy: personIn(people, x.putForwardBy),
    putForwardAt: x.putForwardAt,
    myScores: mine && sheetVisibleTo(round.state, mine, who.openid) ? (mine.scores[x._id] ?? null) : null,
    mayScore: open && member && mayScoreRule(x, who.openid),
    result: results?.get(x._id) ?? null,
  }));
  if (results) candidateViews.sort((a, b) => (a.result?.rank ?? Infinity) - (b.result?.rank ?? Infinity));

  // Quota use: every unit that has put someone forward, plus the caller's own scopes' quota units.
  const quotaRows = new Set<Id>([...Object.keys(round.quotaUsed), ...scopes.filter((s) => s !== round.unitId)]);
  const quotaUse = [...quotaRows].map((u) => ({ unit: units.get(u) ?? null, used: round.quotaUsed[u] ?? 0, quota: round.quota }));

  const awaiting = open && member && unscoredBy(candidates, mine, who.openid) > 0;
  return {
    ...roundCard(round, units.get(round.unitId) ?? null, who, awaiting),
    criteria: round.criteria,
    quota: round.quota,
    places: round.places,
    tieRuleText: SELECTION_TIE_RULE_TEXT,
    // Progress, never content: how many candidates each member has scored.
    committee: round.committee.map((m) => ({ person: personIn(people, m), scored: Object.keys(sheets.find((s) => s.member === m)?.scores ?? {}).length, self: m === who.openid })),
    candidates: candidateViews,
    quotaUse,
    nomineeOptions: {
      exemplars: [...optionExemplars.values()].map((e) => ({ _id: e._id, name: e.name, unit: units.get(e.unitId) ?? null })),
      units: [...optionUnits.values()],
    },
    may: { putForward: scopes.length > 0, close: open && runsRound(who, round), publish: round.state === 'closed' && runsRound(who, round) },
    campaignId: round.campaignId,
  };
}

/** Of `rounds` (open, the member on their committee), those with candidates the member has not scored yet. */
export async function selectionRoundsAwaiting(ctx: Pick<ActionContext, 'cloud' | 'hashHex'>, openid: string, rounds: readonly SelectionRoundDoc[]): Promise<SelectionRoundDoc[]> {
  const c = ctx.cloud();
  const [candidates, sheets] = await Promise.all([
    Promise.all(rounds.map((r) => candidatesOf(ctx, r._id))),
    byIds(() => c.collection('selection_scores'), c.command, rounds.map((r) => sheetIdOf(r._id, openid, ctx.hashHex))),
  ]);
  return rounds.filter((r, i) => unscoredBy(candidates[i] ?? [], sheets.get(sheetIdOf(r._id, openid, ctx.hashHex)) ?? null, openid) > 0);
}

/**
 * The caller and the round when they run it (the admin role over its unit): the first read of the
 * close and publish actions, which both check again inside their transaction.
 */
export async function roundRunBy(ctx: ActionContext, id: Id): Promise<{ who: Caller; round: SelectionRoundDoc } | Failure<'not_signed_in' | 'role_required' | 'outside_scope'>> {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const round = await ctx.cloud().collection('selection_rounds').doc(id).get();
  if (!round) return fail('NOT_FOUND', `no selection round ${id}`);
  return requireRole(who, 'admin', round.unitPath) ?? { who, round };
}
