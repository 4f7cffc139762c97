/**
 * The `nominations` function: submit, revise, withdraw, mine (nominator); queue, decide,
 * resolveObjection (reviewers); notice and object (anyone). Enrolment after the notice runs in
 * the `nomination-timer` function (enrol.ts here, shared).
 *
 * Every state change is one transaction over the nomination document that re-checks the state
 * it read: two reviewers deciding at once, or a decision racing a withdrawal, cannot both win.
 * Filing or resolving an objection writes the nomination document too (its objection counts), so
 * enrolment — also a transaction on that document — sees every objection filed before it commits.
 *
 * Notifications are subscribe messages, best-effort by nature (a user who did not accept the
 * template cannot be messaged, 43101): a failed send never fails the action; it is logged.
 */
import type {
  Exemplar,
  Id,
  MyNomination,
  NominationDoc,
  NominationState,
  NoticeItem,
  ObjectionDoc,
  ObjectionView,
  QueueItem,
  ReviewLevel,
  TimelineEntry,
} from '@contract';
import { NOMINATION_LIMITS, PAGE_SIZE } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { inSubtree } from '../../domain/access';
import { decodeCursor } from '../../domain/cursor';
import * as machine from '../../domain/nomination';
import { decisionData, taskData, type DecisionMessage } from '../../domain/nomination-notify';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { audit } from '../../lib/audit';
import { loadCaller, type Caller } from '../../lib/caller';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';

export interface Templates {
  decision: { id: string; page: string };
  task: { id: string; page: string };
}

export interface NominationDeps {
  cloud: () => Cloud;
  adminOpenids: () => string | undefined;
  hashHex: (input: string) => string;
  now: () => number;
  /** NOTICE_DAYS of the deployment (whole days, 0 = the notice is over at once). */
  noticeDays: () => number;
  templates: () => Templates;
  /** miniprogram_state of subscribe messages: which version a tap opens. */
  miniprogramState: () => 'developer' | 'trial' | 'formal';
  log: (entry: Record<string, unknown>) => void;
}

type SecVerdict = 'pass' | 'review' | 'risky';

const MAX_REVIEWER_GRANTS = 20;

/** A transaction's "no" (typed, so TypeScript keeps the outcomes apart). */
const refused = (reason: string): { reason: string } => ({ reason });

export function nominationActions(deps: NominationDeps): ActionTable<'nominations'> {
  const unauthenticated = () => fail('UNAUTHENTICATED', 'the call carries no WeChat identity');

  async function secCheck(content: string, scene: 1 | 2, openid: string): Promise<SecVerdict> {
    const res = await deps.cloud().openapi<{ result?: { suggest?: string } }>('security.msgSecCheck', { content, version: 2, scene, openid });
    const suggest = res.result?.suggest;
    if (suggest === 'risky' || suggest === 'review' || suggest === 'pass') return suggest;
    throw new Error(`msgSecCheck answered an unknown suggest ${String(suggest)}`);
  }

  /** Fail closed: a content check we could not run is not a pass. */
  async function checkText(content: string, scene: 1 | 2, openid: string): Promise<SecVerdict | { unavailable: string }> {
    try {
      return await secCheck(content, scene, openid);
    } catch (e) {
      deps.log({ level: 'warn', fn: 'nominations', what: 'msgSecCheck failed', message: String((e as Error)?.message ?? e) });
      return { unavailable: 'the content check is unavailable; try again' };
    }
  }

  async function send(touser: string, template: { id: string; page: string }, data: Record<string, { value: string }>): Promise<void> {
    try {
      await deps.cloud().openapi('subscribeMessage.send', {
        touser,
        templateId: template.id,
        page: template.page,
        data,
        miniprogramState: deps.miniprogramState(),
        lang: 'zh_CN',
      });
    } catch (e) {
      const err = e as { errCode?: unknown; message?: unknown };
      deps.log({ level: 'info', fn: 'nominations', what: 'subscribe message not sent', touser, template: template.id, errCode: err?.errCode ?? null });
    }
  }

  async function notifyNominator(nom: Pick<NominationDoc, 'nominatedBy' | 'nomineeName'>, m: Omit<DecisionMessage, 'nomineeName'>): Promise<void> {
    await send(nom.nominatedBy, deps.templates().decision, decisionData({ ...m, nomineeName: nom.nomineeName }));
  }

  /** Tell the reviewers of the level that must act next that work is waiting. */
  async function notifyReviewers(nom: Pick<NominationDoc, 'state' | 'unitPath' | 'nomineeName' | 'nominatingUnitId' | 'nominatedBy'>, at: number): Promise<void> {
    const level = machine.waitingFor(nom.state);
    const unitId = level ? machine.levelUnit(nom.unitPath, level) : null;
    if (!unitId) return;
    const c = deps.cloud();
    const [grants, unit] = await Promise.all([
      c.collection('roles').select(['openid', 'role', 'revokedAt']).where({ unitId, revokedAt: null }).limit(MAX_REVIEWER_GRANTS).get(),
      c.collection('units').doc(nom.nominatingUnitId).select(['shortName']).get(),
    ]);
    const reviewers = [...new Set(grants.filter((g) => g.role === 'reviewer' && g.openid !== nom.nominatedBy).map((g) => g.openid))];
    const data = taskData(nom.nomineeName, unit?.shortName ?? '', at);
    await Promise.all(reviewers.map((openid) => send(openid, deps.templates().task, data)));
  }

  async function views(rows: readonly NominationDoc[]): Promise<MyNomination[]> {
    const c = deps.cloud();
    const [units, urls] = await Promise.all([
      byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, rows.map((r) => r.nominatingUnitId)),
      c.tempUrls(rows.flatMap((r) => r.attachments)),
    ]);
    return rows.map((r) => {
      const unit = units.get(r.nominatingUnitId);
      return {
        _id: r._id,
        nominee: { name: r.nomineeName, kind: r.nomineeKind, exemplarId: 'exemplarId' in r.nominee ? r.nominee.exemplarId : null },
        unit: unit ? toUnitRef(unit) : null,
        category: r.category,
        targetTier: r.targetTier,
        deeds: r.deeds,
        attachments: r.attachments.map((f) => urls.get(f)).filter((u): u is string => typeof u === 'string'),
        state: r.state,
        waitingFor: machine.waitingFor(r.state),
        contentHeld: r.contentHeld,
        hasConsent: r.nomineeKind === 'collective' || r.consent !== null,
        noticeEndsAt: r.noticeEndsAt,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        timeline: r.timeline,
        enrolledExemplarId: r.enrolledExemplarId,
      };
    });
  }

  async function oneView(row: NominationDoc): Promise<MyNomination> {
    return (await views([row]))[0] as MyNomination;
  }

  const toQueueItem = (v: MyNomination, level: ReviewLevel): QueueItem => {
    const { enrolledExemplarId: _unused, ...rest } = v;
    void _unused;
    return { ...rest, level };
  };

  function objectionView(o: ObjectionDoc): ObjectionView {
    return { _id: o._id, nominationId: o.nominationId, nomineeName: o.nomineeName, text: o.text, at: o.at, state: o.state, contentHeld: o.contentHeld, resolution: o.resolution };
  }

  /** True when the caller holds the reviewer grant of exactly this level's unit. */
  function reviewsAt(caller: Caller, unitPath: readonly Id[], level: ReviewLevel): boolean {
    const unitId = machine.levelUnit(unitPath, level);
    return unitId !== null && caller.held.some((h) => h.role === 'reviewer' && h.unitId === unitId);
  }

  /** The form's files must exist in storage (an id the client made up resolves to nothing). */
  async function missingFiles(files: readonly string[]): Promise<string[]> {
    if (files.length === 0) return [];
    const urls = await deps.cloud().tempUrls(files);
    return files.filter((f) => !urls.has(f));
  }

  function consentOf(file: string | null, openid: string, now: number) {
    return file ? { method: 'signed_form' as const, evidence: file, recordedAt: now, recordedBy: openid } : null;
  }

  const entry = (event: TimelineEntry['event'], level: ReviewLevel | null, comment: string, at: number): TimelineEntry => ({ event, level, comment, at });

  /**
   * Insert a nomination of an existing exemplar together with the exemplar's claim, in one
   * transaction: a claim held by a nomination still under way refuses it ('busy'), and two
   * concurrent submits both write the claim, so one commit conflicts, retries, and sees the other.
   */
  async function claimAndAdd(c: Cloud, exemplarId: Id, doc: NominationDoc): Promise<'created' | 'duplicate' | 'busy'> {
    return c.transaction(async (tx) => {
      if (await tx.collection('nominations').get(doc._id)) return 'duplicate' as const;
      const claim = await tx.collection('nomination_guards').get(exemplarId);
      if (claim && claim.nominationId !== doc._id) {
        const holder = await tx.collection('nominations').get(claim.nominationId);
        if (holder && machine.isActive(holder.state)) return 'busy' as const;
      }
      const { _id, ...rest } = doc;
      await tx.collection('nomination_guards').set(exemplarId, { nominationId: _id, at: doc.createdAt });
      await tx.collection('nominations').set(_id, rest);
      return 'created' as const;
    });
  }

  return {
    async submit(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      if (!caller) return unauthenticated();
      const unit = await c.collection('units').doc(req.nominatingUnitId).get();
      if (!unit) return fail('NOT_FOUND', `unit ${req.nominatingUnitId} not found`);
      if (!caller.held.some((h) => h.role === 'editor' && inSubtree(unit.path, h.unitId))) {
        return fail('PERMISSION_DENIED', `requires editor over unit ${unit._id}`);
      }
      const id = machine.nominationId(caller.openid, req.requestKey, deps.hashHex);
      const existing = await c.collection('nominations').doc(id).get();
      if (existing) {
        // A retry answers what the first attempt made; a reused key with other content is a client bug.
        const same = existing.deeds === req.deeds && existing.nominatingUnitId === req.nominatingUnitId && JSON.stringify(existing.nominee) === JSON.stringify(req.nominee);
        if (!same) return fail('CONFLICT', 'this requestKey was already used for a different nomination');
        return ok({ nomination: await oneView(existing), created: false });
      }

      // The nominee: an existing exemplar (a tier change) or a new person or station, inside the unit's subtree.
      let nomineeName: string;
      let nomineeKind: Exemplar['kind'];
      let existingConsent: Exemplar['consent'] = null;
      if ('exemplarId' in req.nominee) {
        const ex = await c.collection('exemplars').doc(req.nominee.exemplarId).get();
        if (!ex) return fail('NOT_FOUND', `exemplar ${req.nominee.exemplarId} not found`);
        if (!inSubtree(ex.unitPath, unit._id)) return fail('PERMISSION_DENIED', `exemplar ${ex._id} is outside unit ${unit._id}`);
        if (ex.tier === req.targetTier) return fail('FAILED_PRECONDITION', `exemplar ${ex._id} is already in the ${ex.tier} library`);
        nomineeName = ex.name;
        nomineeKind = ex.kind;
        existingConsent = ex.consent;
      } else {
        const at = await c.collection('units').doc(req.nominee.new.unitId).select(['path']).get();
        if (!at) return fail('NOT_FOUND', `unit ${req.nominee.new.unitId} not found`);
        if (!inSubtree(at.path, unit._id)) return fail('PERMISSION_DENIED', `unit ${at._id} is outside unit ${unit._id}`);
        nomineeName = req.nominee.new.name;
        nomineeKind = req.nominee.new.kind;
      }
      const now = deps.now();
      const consent = nomineeKind === 'individual' ? (existingConsent ?? consentOf(req.consentForm, caller.openid, now)) : null;
      if (nomineeKind === 'individual' && !consent) {
        return fail('INVALID_ARGUMENT', 'an individual nominee needs their signed consent form (PIPL art. 25)', [{ path: 'consentForm', message: '个人推荐须上传本人签字的同意书' }]);
      }
      const missing = await missingFiles([...req.attachments, ...(nomineeKind === 'individual' && req.consentForm ? [req.consentForm] : [])]);
      if (missing.length > 0) {
        return fail('INVALID_ARGUMENT', 'attachments must be uploaded files', missing.map((f) => ({ path: req.attachments.includes(f) ? `attachments.${req.attachments.indexOf(f)}` : 'consentForm', message: '文件不存在，请重新上传' })));
      }
      const verdict = await checkText(`${nomineeName}\n${req.deeds}`, 1, caller.openid);
      if (typeof verdict === 'object') return fail('UNAVAILABLE', verdict.unavailable);
      if (verdict === 'risky') return fail('CONTENT_REJECTED', 'the deeds contain content WeChat content security rejects; revise the text');

      const state = machine.initialState(unit.path);
      const doc: NominationDoc = {
        _id: id,
        requestKey: req.requestKey,
        nominee: req.nominee,
        category: req.category,
        targetTier: req.targetTier,
        deeds: req.deeds,
        attachments: req.attachments,
        consent,
        nominatingUnitId: unit._id,
        unitPath: unit.path,
        nominatedBy: caller.openid,
        state,
        noticeEndsAt: null,
        createdAt: now,
        updatedAt: now,
        nomineeName,
        nomineeKind,
        contentHeld: verdict === 'review',
        objections: { open: 0, sustained: 0 },
        enrolledExemplarId: null,
        timeline: [entry('submitted', null, '', now)],
      };
      const claimed = 'exemplarId' in req.nominee ? req.nominee.exemplarId : null;
      const outcome = claimed ? await claimAndAdd(c, claimed, doc) : await c.collection('nominations').addOnce(doc);
      if (outcome === 'busy') {
        return fail('CONFLICT', `exemplar ${claimed ?? ''} already has a nomination under way`, [
          { path: 'nominee.exemplarId', message: '该典型已有进行中的推荐，待其结束后再推荐' },
        ]);
      }
      if (outcome === 'duplicate') {
        // A concurrent twin of this submit won the insert: answer what it made.
        const twin = await c.collection('nominations').doc(id).get();
        if (!twin) throw new Error(`nomination ${id} reported duplicate but cannot be read`);
        return ok({ nomination: await oneView(twin), created: false });
      }
      await audit(c, { actor: caller.openid, action: 'nominations.submit', subject: { kind: 'nomination', id }, before: null, after: { state, contentHeld: doc.contentHeld }, at: now });
      await notifyReviewers(doc, now);
      return ok({ nomination: await oneView(doc), created: true });
    },

    async revise(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      if (!caller) return unauthenticated();
      const nom = await c.collection('nominations').doc(req.id).get();
      // Someone else's nomination does not exist for this caller.
      if (!nom || nom.nominatedBy !== caller.openid) return fail('NOT_FOUND', `nomination ${req.id} not found`);
      if (!caller.held.some((h) => h.role === 'editor' && inSubtree(nom.unitPath, h.unitId))) return fail('PERMISSION_DENIED', 'requires editor over the nominating unit');
      const next = machine.revise(nom.state, nom.unitPath);
      if (!next.ok) return fail('FAILED_PRECONDITION', next.reason);
      const now = deps.now();
      const consent = nom.nomineeKind === 'individual' ? (nom.consent ?? consentOf(req.consentForm, caller.openid, now)) : null;
      if (nom.nomineeKind === 'individual' && !consent) {
        return fail('INVALID_ARGUMENT', 'an individual nominee needs their signed consent form (PIPL art. 25)', [{ path: 'consentForm', message: '个人推荐须上传本人签字的同意书' }]);
      }
      const missing = await missingFiles(req.attachments);
      if (missing.length > 0) return fail('INVALID_ARGUMENT', 'attachments must be uploaded files', missing.map((f) => ({ path: `attachments.${req.attachments.indexOf(f)}`, message: '文件不存在，请重新上传' })));
      const verdict = await checkText(`${nom.nomineeName}\n${req.deeds}`, 1, caller.openid);
      if (typeof verdict === 'object') return fail('UNAVAILABLE', verdict.unavailable);
      if (verdict === 'risky') return fail('CONTENT_REJECTED', 'the deeds contain content WeChat content security rejects; revise the text');
      const result = await c.transaction(async (tx) => {
        const cur = await tx.collection('nominations').get(req.id);
        if (!cur || cur.state !== 'returned') return null;
        const patch = {
          category: req.category,
          targetTier: req.targetTier,
          deeds: req.deeds,
          attachments: req.attachments,
          consent,
          state: next.value,
          contentHeld: verdict === 'review',
          updatedAt: now,
          timeline: [...cur.timeline, entry('resubmitted', null, '', now)],
        };
        await tx.collection('nominations').update(req.id, patch);
        return { ...cur, ...patch };
      });
      if (!result) return fail('FAILED_PRECONDITION', 'the nomination changed meanwhile; reload it');
      await audit(c, { actor: caller.openid, action: 'nominations.revise', subject: { kind: 'nomination', id: req.id }, before: { state: nom.state }, after: { state: result.state }, at: now });
      await notifyReviewers(result, now);
      return ok({ nomination: await oneView(result) });
    },

    async withdraw(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      if (!caller) return unauthenticated();
      const now = deps.now();
      const result = await c.transaction(async (tx) => {
        const cur = await tx.collection('nominations').get(req.id);
        if (!cur || cur.nominatedBy !== caller.openid) return { notFound: true as const };
        // Like revise: a nominator who no longer edits for the unit (grant revoked, moved away)
        // no longer acts on its nominations; whoever holds the role now does the unit's work.
        if (!caller.held.some((h) => h.role === 'editor' && inSubtree(cur.unitPath, h.unitId))) return { denied: true as const };
        const next = machine.withdraw(cur.state);
        if (!next.ok) return refused(next.reason);
        const patch = { state: next.value, updatedAt: now, timeline: [...cur.timeline, entry('withdrawn', null, '', now)] };
        await tx.collection('nominations').update(req.id, patch);
        return { doc: { ...cur, ...patch }, before: cur.state };
      });
      if ('notFound' in result) return fail('NOT_FOUND', `nomination ${req.id} not found`);
      if ('denied' in result) return fail('PERMISSION_DENIED', 'requires editor over the nominating unit');
      if ('reason' in result) return fail('FAILED_PRECONDITION', result.reason);
      await audit(c, { actor: caller.openid, action: 'nominations.withdraw', subject: { kind: 'nomination', id: req.id }, before: { state: result.before }, after: { state: 'withdrawn' }, at: now });
      return ok({ nomination: await oneView(result.doc) });
    },

    async mine(req) {
      const c = deps.cloud();
      const openid = c.identity().openid;
      if (!openid) return unauthenticated();
      let cursor = null;
      if (req.cursor) {
        cursor = decodeCursor(req.cursor);
        if (!cursor) return fail('INVALID_ARGUMENT', 'malformed cursor', [{ path: 'cursor', message: 'malformed cursor' }]);
      }
      const page = await readKeysetPage({
        source: () => c.collection('nominations').select([
          'requestKey', 'nominee', 'category', 'targetTier', 'deeds', 'attachments', 'consent', 'nominatingUnitId', 'unitPath', 'nominatedBy',
          'state', 'noticeEndsAt', 'createdAt', 'updatedAt', 'nomineeName', 'nomineeKind', 'contentHeld', 'objections', 'enrolledExemplarId', 'timeline',
        ]),
        filter: { nominatedBy: openid },
        sortField: 'createdAt',
        cursor,
        limit: req.limit ?? PAGE_SIZE.feed,
        cmd: c.command,
      });
      return ok({ items: await views(page.rows as NominationDoc[]), next: page.next });
    },

    async queue(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      if (!caller) return unauthenticated();
      const reviewerUnits = [...new Set(caller.held.filter((h) => h.role === 'reviewer').map((h) => h.unitId))];
      if (reviewerUnits.length === 0) return fail('PERMISSION_DENIED', 'requires a reviewer role');
      const units = await byIds(() => c.collection('units').select(['level', 'path']), c.command, reviewerUnits);
      // Objections are scoped by the outermost reviewer units only, so a reviewer over both the
      // corps and a detachment counts and sees each objection once.
      const outer = [...units.values()].filter((u) => !u.path.some((p) => p !== u._id && units.has(p))).map((u) => u._id);
      // Which (unit, state) pairs wait for this caller: a detachment grant reviews its detachment's
      // submissions, a corps grant the corps level. Grants over battalions or stations review nothing.
      const lanes: { unitId: Id; state: NominationState; level: ReviewLevel }[] = [];
      for (const u of units.values()) {
        if (u.level === 'detachment') lanes.push({ unitId: u._id, state: 'submitted', level: 'detachment' });
        if (u.level === 'corps') {
          lanes.push({ unitId: u._id, state: 'detachment_approved', level: 'corps' });
          lanes.push({ unitId: u._id, state: 'objection_review', level: 'corps' });
        }
      }
      const limit = NOMINATION_LIMITS.listMax;
      const nominations = c.collection('nominations');
      const objections = c.collection('objections');
      const [reviewCounts, objectionCounts] = await Promise.all([
        Promise.all(lanes.map((l) => nominations.count({ unitPath: l.unitId, state: l.state }))),
        Promise.all(outer.map((u) => objections.count({ unitPath: u, state: 'open' }))),
      ]);
      const counts = { review: reviewCounts.reduce((a, b) => a + b, 0), objections: objectionCounts.reduce((a, b) => a + b, 0) };
      if (req.tab === 'objections') {
        const lists = await Promise.all(
          outer.map((u) => objections.where({ unitPath: u, state: 'open' }).orderBy('at', 'asc').orderBy('_id', 'asc').limit(limit).get()),
        );
        const items = lists.flat().sort((a, b) => a.at - b.at || a._id.localeCompare(b._id)).slice(0, limit);
        return ok({ counts, items: [], objections: items.map(objectionView) });
      }
      const lists = await Promise.all(
        lanes.map(async (l) => ({
          level: l.level,
          rows: await nominations.where({ unitPath: l.unitId, state: l.state }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get(),
        })),
      );
      const merged = lists.flatMap((l) => l.rows.map((row) => ({ row, level: l.level })));
      merged.sort((a, b) => a.row.createdAt - b.row.createdAt || a.row._id.localeCompare(b.row._id));
      const top = merged.slice(0, limit);
      const vs = await views(top.map((m) => m.row));
      return ok({ counts, items: vs.map((v, i) => toQueueItem(v, (top[i] as { level: ReviewLevel }).level)), objections: [] });
    },

    async decide(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      if (!caller) return unauthenticated();
      const nom = await c.collection('nominations').doc(req.id).get();
      if (!nom) return fail('NOT_FOUND', `nomination ${req.id} not found`);
      const level = machine.waitingFor(nom.state);
      const anyLevel = (['detachment', 'corps'] as const).some((l) => reviewsAt(caller, nom.unitPath, l));
      if (!anyLevel) return fail('PERMISSION_DENIED', 'requires the reviewer role of this nomination\'s detachment or of the corps');
      if (level === null || nom.state === 'objection_review') return fail('FAILED_PRECONDITION', `a nomination that is ${nom.state} takes no review decision`);
      if (!reviewsAt(caller, nom.unitPath, level)) return fail('PERMISSION_DENIED', `this nomination waits for the ${level} level`);
      if (nom.nominatedBy === caller.openid) return fail('PERMISSION_DENIED', 'a nominator does not review their own nomination');
      const now = deps.now();
      const noticeDays = deps.noticeDays();
      const result = await c.transaction(async (tx) => {
        const cur = await tx.collection('nominations').get(req.id);
        if (!cur) return refused('the nomination is gone');
        const t = machine.decide(cur.state, level, req.decision, now, noticeDays);
        if (!t.ok) return refused(t.reason);
        const patch = {
          state: t.value.state,
          noticeEndsAt: t.value.noticeEndsAt,
          updatedAt: now,
          timeline: [...cur.timeline, entry(req.decision, level, req.comment, now)],
        };
        await tx.collection('nominations').update(req.id, patch);
        return { doc: { ...cur, ...patch } };
      });
      if ('reason' in result) return fail('FAILED_PRECONDITION', result.reason);
      const doc = result.doc;
      await audit(c, {
        actor: caller.openid,
        action: `nominations.decide.${req.decision}`,
        subject: { kind: 'nomination', id: doc._id },
        before: { state: nom.state },
        after: { state: doc.state, level, comment: req.comment },
        at: now,
      });
      await notifyNominator(doc, { outcome: req.decision, level, comment: req.comment, at: now });
      if (doc.state === 'detachment_approved') await notifyReviewers(doc, now);
      return ok({ nomination: toQueueItem(await oneView(doc), level) });
    },

    async notice() {
      const c = deps.cloud();
      const rows = await c
        .collection('nominations')
        .select(['nomineeName', 'nomineeKind', 'nominatingUnitId', 'category', 'targetTier', 'deeds', 'noticeEndsAt', 'state'])
        .where({ state: 'in_notice' })
        .orderBy('noticeEndsAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(NOMINATION_LIMITS.listMax)
        .get();
      const units = await byIds(() => c.collection('units').select(['name']), c.command, rows.map((r) => r.nominatingUnitId));
      const items: NoticeItem[] = rows.map((r) => ({
        _id: r._id,
        nomineeName: r.nomineeName,
        kind: r.nomineeKind,
        unitName: units.get(r.nominatingUnitId)?.name ?? '',
        category: r.category,
        targetTier: r.targetTier,
        deeds: r.deeds,
        noticeEndsAt: r.noticeEndsAt as number,
      }));
      return ok({ items });
    },

    async object(req) {
      const c = deps.cloud();
      const openid = c.identity().openid;
      if (!openid) return unauthenticated();
      const nom = await c.collection('nominations').doc(req.id).select(['state', 'noticeEndsAt']).get();
      if (!nom) return fail('NOT_FOUND', `nomination ${req.id} not found`);
      const now = deps.now();
      const open = machine.canObject(nom.state, nom.noticeEndsAt, now);
      if (!open.ok) return fail('FAILED_PRECONDITION', open.reason);
      const verdict = await checkText(req.text, 2, openid);
      if (typeof verdict === 'object') return fail('UNAVAILABLE', verdict.unavailable);
      if (verdict === 'risky') return fail('CONTENT_REJECTED', 'the objection contains content WeChat content security rejects');
      // One objection per person and nomination: a retry or a second filing is the same document.
      const objectionId = `obj-${deps.hashHex(`objection\u0000${openid}\u0000${req.id}`).slice(0, 32)}`;
      const result = await c.transaction(async (tx) => {
        const cur = await tx.collection('nominations').get(req.id);
        if (!cur) return refused('the nomination is gone');
        const still = machine.canObject(cur.state, cur.noticeEndsAt, now);
        if (!still.ok) return refused(still.reason);
        if (await tx.collection('objections').get(objectionId)) return { conflict: true as const };
        const doc: Omit<ObjectionDoc, '_id'> = {
          nominationId: req.id,
          text: req.text,
          filedBy: openid,
          at: now,
          state: 'open',
          unitPath: cur.unitPath,
          nominatingUnitId: cur.nominatingUnitId,
          nomineeName: cur.nomineeName,
          contentHeld: verdict === 'review',
          resolvedBy: null,
          resolvedAt: null,
          resolution: null,
        };
        await tx.collection('objections').set(objectionId, doc);
        await tx.collection('nominations').update(req.id, { objections: { open: cur.objections.open + 1, sustained: cur.objections.sustained }, updatedAt: now });
        return { ok: true as const };
      });
      if ('reason' in result) return fail('FAILED_PRECONDITION', result.reason);
      if ('conflict' in result) return fail('CONFLICT', 'you already filed an objection to this nomination');
      return ok({ received: true as const });
    },

    async resolveObjection(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      if (!caller) return unauthenticated();
      const obj = await c.collection('objections').doc(req.id).get();
      if (!obj) return fail('NOT_FOUND', `objection ${req.id} not found`);
      // The corps approved the notice, so the corps decides what an objection to it means.
      if (!reviewsAt(caller, obj.unitPath, 'corps')) return fail('PERMISSION_DENIED', 'requires the corps reviewer role');
      const now = deps.now();
      const result = await c.transaction(async (tx) => {
        const o = await tx.collection('objections').get(req.id);
        if (!o || o.state !== 'open') return refused('the objection is no longer open');
        const n = await tx.collection('nominations').get(o.nominationId);
        if (!n) return refused('the nomination is gone');
        const t = machine.resolveObjection(n.state, n.objections, req.outcome);
        if (!t.ok) return refused(t.reason);
        const objState = req.outcome === 'sustain' ? ('sustained' as const) : ('dismissed' as const);
        const oPatch = { state: objState, resolvedBy: caller.openid, resolvedAt: now, resolution: req.comment };
        await tx.collection('objections').update(o._id, oPatch);
        const nPatch = {
          state: t.value.state,
          objections: t.value.counts,
          updatedAt: now,
          timeline: [...n.timeline, entry(req.outcome === 'sustain' ? 'objection_sustained' : 'objection_dismissed', 'corps', req.comment, now)],
        };
        await tx.collection('nominations').update(n._id, nPatch);
        return { objection: { ...o, ...oPatch }, nomination: { ...n, ...nPatch }, before: n.state };
      });
      if ('reason' in result) return fail('FAILED_PRECONDITION', result.reason);
      await audit(c, {
        actor: caller.openid,
        action: `nominations.objection.${req.outcome}`,
        subject: { kind: 'objection', id: req.id },
        before: { objection: 'open', nomination: result.before },
        after: { objection: result.objection.state, nomination: result.nomination.state, comment: req.comment },
        at: now,
      });
      if (req.outcome === 'sustain') await notifyNominator(result.nomination, { outcome: 'objection_sustained', level: 'corps', comment: req.comment, at: now });
      return ok({ objection: objectionView(result.objection), nominationState: result.nomination.state });
    },
  };
}

