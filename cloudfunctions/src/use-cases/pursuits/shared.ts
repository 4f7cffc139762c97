/** What the pursuits use cases share: who may read and manage a pursuit, and the views pages receive. */
import type { Id, IsoDate, PursuitCard, PursuitDeadline, PursuitDoc, PursuitView, Role, UnitRef } from '@contract';
import { PURSUIT_LIMITS } from '@contract';
import type { Tx } from '../../adapters/cloud';
import { isPublicExemplar } from '../../domain/visibility';
import { dayNumber, nextDate, outcomesOpen, phaseOf, shanghaiDate, upcomingDates } from '../../domain/pursuits';
import type { ActionContext } from '../../lib/context';
import { isFailure, requireRole, staffWith, type Caller } from '../../lib/guard';
import { fail, type Failure } from '../../lib/handler';
import { peopleByOpenid, personIn, unitRefsById } from '../../lib/people';
import { byIds } from '../../lib/reads';

/** Any staff role reads a pursuit whose unit its subtree contains; managing it is the admin's work. */
export const READ_ROLES: readonly Role[] = ['editor', 'reviewer', 'publisher', 'admin'];

/** Asia/Shanghai today. */
export function todayOf(ctx: Pick<ActionContext, 'now'>): IsoDate {
  return shanghaiDate(ctx.now());
}

/**
 * The pursuit when the caller holds one of `roles` over its unit. The role is checked before the
 * lookup, so someone without it learns nothing about which pursuits exist.
 */
export async function pursuitInScope(ctx: ActionContext, id: Id, roles: Role | readonly Role[]): Promise<{ who: Caller; pursuit: PursuitDoc } | Failure<'not_signed_in' | 'role_required' | 'outside_scope'>> {
  const who = await staffWith(ctx, roles);
  if (isFailure(who)) return who;
  const pursuit = await ctx.cloud().collection('pursuits').doc(id).get();
  if (!pursuit) return fail('NOT_FOUND', `pursuit ${id} not found`);
  return requireRole(who, roles, pursuit.unitPath) ?? { who, pursuit };
}

/**
 * The pursuit as the write's transaction reads it, when the caller still manages it: the check
 * before the transaction can be stale (a unit moved, a grant revoked), so every write checks again.
 */
export async function pursuitForWrite(tx: Tx, who: Caller, id: Id): Promise<PursuitDoc | Failure<'role_required' | 'outside_scope'>> {
  const cur = await tx.collection('pursuits').get(id);
  if (!cur) return fail('NOT_FOUND', `pursuit ${id} not found`);
  return requireRole(who, 'admin', cur.unitPath) ?? cur;
}

/** Writes the whole document (its candidates are one array, replaced as a whole). */
export async function writePursuit(tx: Tx, p: PursuitDoc): Promise<void> {
  const { _id, ...rest } = p;
  await tx.collection('pursuits').set(_id, rest);
}

export function cardOf(p: PursuitDoc, today: IsoDate, units: ReadonlyMap<Id, UnitRef>): PursuitCard {
  return {
    _id: p._id,
    name: p.name,
    level: p.level,
    awardedBy: p.awardedBy,
    unit: units.get(p.unitId) ?? null,
    opensOn: p.opensOn,
    nominationDeadline: p.nominationDeadline,
    resultOn: p.resultOn,
    phase: phaseOf(p, today),
    candidateCount: p.candidates.length,
    awardedCount: p.candidates.filter((c) => c.outcome === 'awarded').length,
    next: nextDate(p, today),
  };
}

/** The pursuit as its page shows it: candidates by name and unit, who decided, whether each profile is public now. */
export async function pursuitView(ctx: ActionContext, who: Caller, p: PursuitDoc): Promise<PursuitView> {
  const c = ctx.cloud();
  const today = todayOf(ctx);
  const [units, people, exemplars] = await Promise.all([
    unitRefsById(ctx, [p.unitId, ...p.candidates.map((x) => x.unitId)]),
    peopleByOpenid(ctx, p.candidates.flatMap((x) => (x.decidedBy ? [x.decidedBy] : []))),
    byIds(() => c.collection('exemplars').select(['kind', 'state', 'consent', 'name']), c.command, p.candidates.map((x) => x.exemplarId)),
  ]);
  return {
    ...cardOf(p, today, units),
    keyDates: p.keyDates,
    note: p.note,
    candidates: p.candidates.map((x) => {
      const ex = exemplars.get(x.exemplarId);
      return {
        exemplarId: x.exemplarId,
        // The name as it is now (a renamed profile), else as it was put forward.
        name: ex?.name ?? x.name,
        kind: x.kind,
        unit: units.get(x.unitId) ?? null,
        outcome: x.outcome,
        awardedOn: x.awardedOn,
        decidedBy: x.decidedBy ? personIn(people, x.decidedBy) : null,
        decidedAt: x.decidedAt,
        public: ex ? isPublicExemplar(ex) : false,
      };
    }),
    today,
    canManage: requireRole(who, 'admin', p.unitPath) === null,
    outcomesOpen: outcomesOpen(p, today),
    updatedAt: p.updatedAt,
  };
}

/** The units over which the caller holds one of `roles`, without those inside another (each subtree read once). */
export async function outermostUnits(ctx: Pick<ActionContext, 'cloud'>, who: Caller, roles: readonly Role[]): Promise<Id[]> {
  const c = ctx.cloud();
  const held = [...new Set(who.held.filter((h) => roles.includes(h.role)).map((h) => h.unitId))];
  const units = await byIds(() => c.collection('units').select(['path']), c.command, held);
  return held.filter((id) => units.has(id) && !(units.get(id)?.path ?? []).some((p) => p !== id && held.includes(p)));
}

/** Pursuits read per subtree for the deadlines: those not over yet, soonest-ending first. */
const ACTIVE_READ = 100;

/**
 * The dates of the subtrees' pursuits within PURSUIT_LIMITS.deadlineDays from today, soonest
 * first: per subtree one read of the pursuits whose latest date is not past (subtree_last index),
 * at most ACTIVE_READ of them (a unit runs a few dozen pursuits a year).
 */
export async function upcomingDeadlines(ctx: Pick<ActionContext, 'cloud'>, subtrees: readonly Id[], today: IsoDate): Promise<PursuitDeadline[]> {
  const c = ctx.cloud();
  const lists = await Promise.all(
    subtrees.map((u) => c.collection('pursuits').where({ unitPath: u, lastDay: c.command.gte(dayNumber(today)) }).orderBy('lastDay', 'asc').limit(ACTIVE_READ).get()),
  );
  const byId = new Map<Id, PursuitDoc>();
  for (const rows of lists) for (const p of rows) byId.set(p._id, p);
  const units = await unitRefsById(ctx, [...byId.values()].map((p) => p.unitId));
  return [...byId.values()]
    .flatMap((p) =>
      upcomingDates(p, today, PURSUIT_LIMITS.deadlineDays).map((d) => ({ pursuitId: p._id, pursuitName: p.name, level: p.level, kind: d.kind, label: d.label, date: d.date, daysLeft: d.daysLeft, unit: units.get(p.unitId) ?? null })),
    )
    .sort((a, b) => a.daysLeft - b.daysLeft || (a.pursuitName < b.pursuitName ? -1 : a.pursuitName > b.pursuitName ? 1 : 0));
}
