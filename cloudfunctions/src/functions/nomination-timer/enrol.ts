/**
 * Enrolment after the public notice: every nomination whose notice is over enters the chosen
 * library — a new exemplar, or the existing exemplar's tier change — unless an objection was
 * sustained (rejected) or is still open (held for the corps reviewer).
 *
 * One transaction per nomination covers the nomination, the exemplar and its tier-history record
 * (the same record a publisher's library decision writes), so a crash cannot leave an exemplar
 * without an enrolled nomination or history, or the reverse, and an objection filed while
 * the run is underway (it writes the nomination document) makes the commit conflict and retry.
 * Idempotent: the new exemplar's id derives from the nomination, and an enrolled nomination is
 * no longer in_notice, so a second run (or two timers at once) changes nothing.
 */
import type { Exemplar, Id, NominationDoc, TierChange, TimelineEntry } from '@contract';
import { UNIT_LEVEL_LABEL } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { enrolledExemplarId, enrolmentStep, summaryOf } from '../../domain/nomination';
import { decisionData } from '../../domain/nomination-notify';
import { decideEnrolment } from '../../domain/tiers';
import { audit } from '../../lib/audit';

export interface EnrolDeps {
  cloud: () => Cloud;
  now: () => number;
  decisionTemplate: () => { id: string; page: string };
  miniprogramState: () => 'developer' | 'trial' | 'formal';
  log: (entry: Record<string, unknown>) => void;
}

export interface EnrolReport {
  enrolled: Id[];
  held: Id[];
  rejected: Id[];
}

/** Nominations looked at per run; the timer runs again long before a backlog this size could form. */
const BATCH = 100;
/** Who the tier history names for an enrolment: the notice, not a person, made the last step. */
const ACTOR = 'nomination-timer';
const REASON = '推荐经支队、总队审核通过，公示期满入库';

/** One history record per nomination, under an id derived from it: a replayed run writes the same record. */
export function enrolmentChangeId(nominationId: Id): Id {
  return `tc-enrol-${nominationId}`;
}

type Outcome = { kind: 'enrolled'; doc: NominationDoc; exemplarId: Id; before: Exemplar['tier'] | null } | { kind: 'held' | 'rejected'; doc: NominationDoc } | { kind: 'skip' };

function historyOf(e: Pick<Exemplar, '_id' | 'name' | 'unitId' | 'unitPath'>, d: ReturnType<typeof decideEnrolment>, at: number): Omit<TierChange, '_id'> {
  return {
    exemplarId: e._id,
    exemplarName: e.name,
    unitId: e.unitId,
    unitPath: e.unitPath,
    kind: d.kind,
    from: d.from,
    to: d.to,
    reason: REASON,
    actor: ACTOR,
    at,
    nextReviewAt: d.nextReviewAt,
  };
}

async function settle(c: Cloud, id: Id, now: number): Promise<Outcome> {
  return c.transaction(async (tx): Promise<Outcome> => {
    const nom = await tx.collection('nominations').get(id);
    if (!nom) return { kind: 'skip' };
    const step = enrolmentStep(nom.state, nom.noticeEndsAt, nom.objections, now);
    const at = (event: TimelineEntry['event'], comment: string): TimelineEntry[] => [...nom.timeline, { event, level: null, comment, at: now }];
    if (step.kind === 'hold') {
      const patch = { state: 'objection_review' as const, updatedAt: now, timeline: at('held_for_objection', '公示期满，异议待总队处理') };
      await tx.collection('nominations').update(id, patch);
      return { kind: 'held', doc: { ...nom, ...patch } };
    }
    if (step.kind === 'reject') {
      const patch = { state: 'rejected' as const, updatedAt: now, timeline: at('objection_sustained', '公示期间异议成立') };
      await tx.collection('nominations').update(id, patch);
      return { kind: 'rejected', doc: { ...nom, ...patch } };
    }
    if (step.kind !== 'enrol') return { kind: 'skip' };

    let exemplarId: Id;
    let before: Exemplar['tier'] | null = null;
    if ('exemplarId' in nom.nominee) {
      exemplarId = nom.nominee.exemplarId;
      const ex = await tx.collection('exemplars').get(exemplarId);
      if (!ex) throw new Error(`nomination ${id}: exemplar ${exemplarId} is gone`);
      before = ex.tier;
      const decision = decideEnrolment(ex.tier, nom.targetTier, now);
      const patch: Partial<Exemplar> = { tier: decision.to, enteredTierAt: now, nextReviewAt: decision.nextReviewAt, updatedAt: now };
      if (ex.kind === 'individual' && !ex.consent && nom.consent) patch.consent = nom.consent;
      await tx.collection('exemplars').update(exemplarId, patch);
      await tx.collection('tier_changes').set(enrolmentChangeId(id), historyOf(ex, decision, now));
    } else {
      exemplarId = enrolledExemplarId(id);
      const unit = await tx.collection('units').get(nom.nominee.new.unitId);
      if (!unit) throw new Error(`nomination ${id}: unit ${nom.nominee.new.unitId} is gone`);
      const existing = await tx.collection('exemplars').get(exemplarId);
      if (!existing) {
        const decision = decideEnrolment(null, nom.targetTier, now);
        const exemplar: Omit<Exemplar, '_id'> = {
          kind: nom.nomineeKind,
          tier: nom.targetTier,
          name: nom.nomineeName,
          title: nom.nomineeKind === 'collective' ? `${UNIT_LEVEL_LABEL[unit.level]}` : unit.shortName,
          unitId: unit._id,
          unitPath: unit.path,
          category: nom.category,
          photo: nom.attachments[0] ?? null,
          summary: summaryOf(nom.deeds),
          biography: nom.deeds,
          consent: nom.consent,
          state: 'published',
          honorCount: 0,
          storyCount: 0,
          saluteCount: 0,
          enteredTierAt: now,
          nextReviewAt: decision.nextReviewAt,
          createdAt: now,
          updatedAt: now,
          rank: 0,
        };
        await tx.collection('exemplars').set(exemplarId, exemplar);
        await tx.collection('tier_changes').set(enrolmentChangeId(id), historyOf({ _id: exemplarId, ...exemplar }, decision, now));
      }
    }
    const patch = { state: 'enrolled' as const, enrolledExemplarId: exemplarId, updatedAt: now, timeline: at('enrolled', '') };
    await tx.collection('nominations').update(id, patch);
    return { kind: 'enrolled', doc: { ...nom, ...patch }, exemplarId, before };
  });
}

export async function enrolDue(deps: EnrolDeps): Promise<EnrolReport> {
  const c = deps.cloud();
  const now = deps.now();
  const due = await c
    .collection('nominations')
    .select(['noticeEndsAt'])
    .where({ state: 'in_notice', noticeEndsAt: c.command.lte(now) })
    .orderBy('noticeEndsAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(BATCH)
    .get();
  const report: EnrolReport = { enrolled: [], held: [], rejected: [] };
  for (const row of due) {
    const outcome = await settle(c, row._id, now);
    if (outcome.kind === 'skip') continue;
    const doc = outcome.doc;
    report[outcome.kind].push(doc._id);
    await audit(c, {
      actor: 'nomination-timer',
      action: `nominations.${outcome.kind === 'enrolled' ? 'enrol' : outcome.kind === 'held' ? 'hold' : 'reject'}`,
      subject: { kind: 'nomination', id: doc._id },
      before: { state: 'in_notice', tier: outcome.kind === 'enrolled' ? outcome.before : undefined },
      after: outcome.kind === 'enrolled' ? { state: 'enrolled', exemplarId: outcome.exemplarId, tier: doc.targetTier } : { state: doc.state },
      at: now,
    });
    if (outcome.kind === 'held') continue;
    try {
      const template = deps.decisionTemplate();
      await c.openapi('subscribeMessage.send', {
        touser: doc.nominatedBy,
        templateId: template.id,
        page: template.page,
        data: decisionData({ nomineeName: doc.nomineeName, outcome: outcome.kind === 'enrolled' ? 'enrolled' : 'objection_sustained', level: null, comment: '', at: now }),
        miniprogramState: deps.miniprogramState(),
        lang: 'zh_CN',
      });
    } catch (e) {
      deps.log({ level: 'info', fn: 'nomination-timer', what: 'subscribe message not sent', nomination: doc._id, errCode: (e as { errCode?: unknown })?.errCode ?? null });
    }
  }
  return report;
}
