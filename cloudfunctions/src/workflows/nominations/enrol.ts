/**
 * Enrolment after the public notice (run by `nomination-timer`): every nomination whose notice is
 * over enters the chosen library — a new exemplar, or the existing exemplar's tier change —
 * unless an objection was sustained (rejected), is still open (held for the corps reviewer), or a
 * library decision changed the exemplar's tier during the notice (superseded: a retire or demote
 * made since the submission is not overridden).
 *
 * One transaction per nomination covers the nomination, the exemplar, its tier-history record
 * (the same record a publisher's library decision writes), the consent scan's binding and the
 * audit entry, so a crash cannot leave one without the others, and an objection filed while the
 * run is under way (it writes the nomination document) makes the commit conflict and retry.
 *
 * Idempotent through the nomination's state: an enrolled nomination is no longer in_notice, so a
 * second run (or two timers at once) changes nothing. The records enrolment creates get fresh,
 * unpredictable ids (the nomination id is public through the notice, so an id derived from it
 * could be taken first), and enrolment never adopts a record it did not create: an id that
 * already exists is an error, never a document to reuse.
 */
import type { Exemplar, Id, NominationDoc, TierChange, TimelineEntry } from '@contract';
import { UNIT_LEVEL_LABEL } from '@contract';
import { consentHolds } from '../../domain/consent';
import { EMPTY_WALL } from '../../domain/honours-wall';
import { enrolmentStep, enrolmentTier, summaryOf } from '../../domain/nomination';
import { decideEnrolment } from '../../domain/tiers';
import { newId } from '../../lib/context';
import { bindConsentScan, fileKey } from '../../lib/files';
import { exemplarSearch, txNames } from '../../lib/search-index';
import type { TimerContext } from '../../lib/timer';
import { transact, type Work } from '../../lib/transaction';
import { moveWall, wallFields } from '../honours-wall/summary';
import { tellNominator } from './notify';

export interface EnrolReport {
  enrolled: Id[];
  held: Id[];
  rejected: Id[];
  /** Not enrolled: the exemplar's tier was changed by a library decision during the notice. */
  superseded: Id[];
}

/** Nominations looked at per run; the timer runs again long before a backlog this size could form. */
const BATCH = 100;
/** Who the tier history and the audit log name for an enrolment: the notice, not a person, made the last step. */
const ACTOR = 'nomination-timer';
const REASON = '推荐经支队、总队审核通过，公示期满入库';
const SUPERSEDED = '公示期间该典型的库别已调整，推荐未入库';

type Outcome = { kind: 'enrolled' | 'held' | 'rejected' | 'superseded'; doc: NominationDoc } | { kind: 'skip' };

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

/** A fresh id for a record enrolment creates; an existing document under it is never adopted. */
async function freshId(ctx: TimerContext, w: Work, collection: 'exemplars' | 'tier_changes', prefix: string): Promise<Id> {
  const id = newId(ctx, prefix);
  if (await w.tx.collection(collection).get(id)) throw new Error(`enrolment: ${collection} ${id} already exists; refusing to adopt it`);
  return id;
}

/**
 * Whether the nomination's consent is the signed form its nominator submitted with it (its scan
 * bound to this nomination), rather than a copy of the exemplar's own consent taken at
 * submission: only such a form may give an existing exemplar consent — a copy must never bring
 * back a consent the person withdrew meanwhile.
 */
async function submittedForm(ctx: TimerContext, w: Work, nom: NominationDoc): Promise<boolean> {
  if (!nom.consent || nom.consent.method !== 'signed_form') return false;
  const rec = await w.tx.collection('files').get(fileKey(ctx.hashHex, nom.consent.evidence));
  return rec?.boundTo?.kind === 'nomination' && rec.boundTo.id === nom._id;
}

/**
 * The nominator's signed form moves with the consent to the exemplar it now proves. A form
 * uploaded before uploads were recorded has no record to move.
 */
async function moveConsentScan(ctx: TimerContext, w: Work, nom: NominationDoc, exemplarId: Id): Promise<void> {
  if (!nom.consent || nom.consent.method !== 'signed_form') return;
  if (!(await w.tx.collection('files').get(fileKey(ctx.hashHex, nom.consent.evidence)))) return;
  const refused = await bindConsentScan(w, ctx, nom.consent.evidence, { kind: 'exemplar', id: exemplarId }, 'consent');
  if (refused) throw new Error(`enrolment of ${nom._id}: ${refused.error.message}`);
}

async function settle(ctx: TimerContext, id: Id, now: number): Promise<Outcome> {
  const outcome = await transact(ctx, async (w): Promise<Outcome> => {
    const { tx, audit } = w;
    const nom = await tx.collection('nominations').get(id);
    if (!nom) return { kind: 'skip' };
    const step = enrolmentStep(nom.state, nom.noticeEndsAt, nom.objections, now);
    const timeline = (event: TimelineEntry['event'], comment: string): TimelineEntry[] => [...nom.timeline, { event, level: null, comment, at: now }];
    const subject = { kind: 'nomination' as const, id };
    if (step.kind === 'hold') {
      const patch = { state: 'objection_review' as const, updatedAt: now, timeline: timeline('held_for_objection', '公示期满，异议待总队处理') };
      await tx.collection('nominations').update(id, patch);
      audit({ actor: ACTOR, action: 'nominations.hold', subject, before: { state: nom.state }, after: { state: patch.state } });
      return { kind: 'held', doc: { ...nom, ...patch } };
    }
    if (step.kind === 'reject') {
      const patch = { state: 'rejected' as const, updatedAt: now, timeline: timeline('objection_sustained', '公示期间异议成立') };
      await tx.collection('nominations').update(id, patch);
      audit({ actor: ACTOR, action: 'nominations.reject', subject, before: { state: nom.state }, after: { state: patch.state } });
      return { kind: 'rejected', doc: { ...nom, ...patch } };
    }
    if (step.kind !== 'enrol') return { kind: 'skip' };

    let exemplarId: Id;
    let tierBefore: Exemplar['tier'] | null = null;
    if ('exemplarId' in nom.nominee) {
      exemplarId = nom.nominee.exemplarId;
      const ex = await tx.collection('exemplars').get(exemplarId);
      if (!ex) throw new Error(`nomination ${id}: exemplar ${exemplarId} is gone`);
      tierBefore = ex.tier;
      const tier = enrolmentTier(nom, ex, nom.targetTier);
      if (tier === 'superseded') {
        const patch = { state: 'rejected' as const, updatedAt: now, timeline: timeline('superseded', SUPERSEDED) };
        await tx.collection('nominations').update(id, patch);
        audit({ actor: ACTOR, action: 'nominations.supersede', subject, before: { state: nom.state, tier: nom.fromTier ?? null }, after: { state: patch.state, tier: ex.tier } });
        return { kind: 'superseded', doc: { ...nom, ...patch } };
      }
      const patch: Partial<Exemplar> = {};
      if (tier === 'move') {
        const decision = decideEnrolment(ex.tier, nom.targetTier, now);
        Object.assign(patch, { tier: decision.to, enteredTierAt: now, nextReviewAt: decision.nextReviewAt });
        await tx.collection('tier_changes').set(await freshId(ctx, w, 'tier_changes', 'tc'), historyOf(ex, decision, now));
      }
      // The nominator's form (checked by a reviewer) becomes the exemplar's when it has none that holds.
      if (ex.kind === 'individual' && !consentHolds(ex.consent, ex) && consentHolds(nom.consent, ex) && (await submittedForm(ctx, w, nom))) {
        patch.consent = nom.consent;
        await moveConsentScan(ctx, w, nom, exemplarId);
      }
      if (Object.keys(patch).length > 0) {
        await tx.collection('exemplars').update(exemplarId, { ...patch, updatedAt: now });
        // A library move or a consent that now counts moves the honours wall's figures.
        await moveWall(tx, now, ex, { ...ex, ...patch });
      }
    } else {
      exemplarId = await freshId(ctx, w, 'exemplars', 'ex');
      const unit = await tx.collection('units').get(nom.nominee.new.unitId);
      if (!unit) throw new Error(`nomination ${id}: unit ${nom.nominee.new.unitId} is gone`);
      const decision = decideEnrolment(null, nom.targetTier, now);
      const nominee = { kind: nom.nomineeKind, name: nom.nomineeName };
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
        // PIPL art. 25: a person is shown only with consent that counts; otherwise an editor
        // finishes the profile's consent first.
        state: consentHolds(nom.consent, nominee) ? 'published' : 'draft',
        honorCount: 0,
        storyCount: 0,
        saluteCount: 0,
        enteredTierAt: now,
        nextReviewAt: decision.nextReviewAt,
        createdAt: now,
        updatedAt: now,
        rank: 0,
        // The honours wall's tally starts empty (no honours, no placements yet).
        ...wallFields(EMPTY_WALL),
      };
      // Searchable from the moment it is enrolled (a new profile has no honours yet).
      await tx.collection('exemplars').set(exemplarId, { ...exemplar, ...(await exemplarSearch(txNames(tx), exemplar, [])) });
      await moveWall(tx, now, null, exemplar);
      await tx.collection('tier_changes').set(await freshId(ctx, w, 'tier_changes', 'tc'), historyOf({ _id: exemplarId, ...exemplar }, decision, now));
      await moveConsentScan(ctx, w, nom, exemplarId);
    }
    const patch = { state: 'enrolled' as const, enrolledExemplarId: exemplarId, updatedAt: now, timeline: timeline('enrolled', '') };
    await tx.collection('nominations').update(id, patch);
    audit({ actor: ACTOR, action: 'nominations.enrol', subject, before: { state: nom.state, tier: tierBefore }, after: { state: patch.state, exemplarId, tier: nom.targetTier } });
    return { kind: 'enrolled', doc: { ...nom, ...patch } };
  });
  // The work above never refuses (its type says so): whatever cannot be enrolled throws and is logged by the timer.
  return outcome;
}

export async function enrolDue(ctx: TimerContext): Promise<EnrolReport> {
  const c = ctx.cloud();
  const now = ctx.now();
  const due = await c
    .collection('nominations')
    .select(['noticeEndsAt'])
    .where({ state: 'in_notice', noticeEndsAt: c.command.lte(now) })
    .orderBy('noticeEndsAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(BATCH)
    .get();
  const report: EnrolReport = { enrolled: [], held: [], rejected: [], superseded: [] };
  for (const row of due) {
    const outcome = await settle(ctx, row._id, now);
    if (outcome.kind === 'skip') continue;
    report[outcome.kind].push(outcome.doc._id);
    if (outcome.kind === 'held') continue;
    const message = outcome.kind === 'enrolled' ? ('enrolled' as const) : outcome.kind === 'superseded' ? ('superseded' as const) : ('objection_sustained' as const);
    await tellNominator(ctx, outcome.doc, { outcome: message, level: null, comment: outcome.kind === 'superseded' ? SUPERSEDED : '', at: now });
  }
  return report;
}
