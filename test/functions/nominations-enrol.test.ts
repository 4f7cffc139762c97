/**
 * Enrolment history and one active nomination per exemplar, through the real wx-server-sdk on
 * the strict local cloud: the timer writes the tier-history record the library function writes
 * for a publisher's decision (same collection, same review policy, read back by library.history)
 * in the enrolment transaction; a second nomination of an exemplar that already has one under
 * way is a typed CONFLICT that writes nothing, also when both are submitted at once. Enrolment
 * creates records under fresh ids and never adopts one it did not create, does not override a
 * library decision made during the notice, and publishes a person only with consent that counts.
 */
import { localFileId } from '../../emulator/env';
import type { AuditEntry, Exemplar, FileRecord, NominationDoc, TierChange } from '@contract';
import { SUBSCRIBE_TEMPLATES } from '@contract';
import { REVIEW_INTERVAL_DAYS } from '../../cloudfunctions/src/domain/tiers';
import { sdkFor } from '../emulator/server-harness';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { consentOf, docs, exemplar, grant, unit, uploadRecord } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-det', 'detachment', corps, 1);
const st = unit('u-st', 'station', det, 1);
const DAY = 86_400_000;
const PHOTO = 'nominations/photo.png';
const FORM = 'nominations/consent-form.png';
const DEEDS = '在乌鲁木齐“7·15”山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡。';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'nominations-enrol',
    (db, storage) => {
      db.insertMany('units', docs([corps, det, st]));
      db.insertMany(
        'roles',
        docs([
          grant('g1', 'editor-1', 'editor', 'u-st'),
          grant('g2', 'editor-2', 'editor', 'u-st'),
          grant('g3', 'det-rev', 'reviewer', 'u-det'),
          grant('g4', 'corps-rev', 'reviewer', 'u-corps'),
          grant('g5', 'publisher', 'publisher', 'u-corps'),
          grant('g6', 'admin-1', 'admin', 'u-corps'),
        ]),
      );
      db.insertMany(
        'exemplars',
        docs([
          exemplar('ex-promote', st, { tier: 'reserve' }),
          exemplar('ex-busy', st, { kind: 'individual', tier: 'reserve', consent: consentOf('典型ex-busy') }),
          exemplar('ex-race', st, { tier: 'reserve' }),
          exemplar('ex-free', st, { tier: 'reserve' }),
          exemplar('ex-retire', st, { tier: 'reserve' }),
          exemplar('ex-demote', st, { tier: 'reserve' }),
          exemplar('ex-already', st, { tier: 'reserve' }),
          exemplar('ex-noconsent', st, { kind: 'individual', tier: 'reserve', consent: null, state: 'draft' }),
          exemplar('ex-withdraw', st, { kind: 'individual', tier: 'reserve', consent: consentOf('典型ex-withdraw') }),
        ]),
      );
      storage.put(PHOTO, Buffer.from('png-bytes'));
      storage.put(FORM, Buffer.from('form-bytes'));
      db.insertMany('files', docs([uploadRecord(localFileId(PHOTO), 'editor-1', 'attachment'), uploadRecord(localFileId(FORM), 'editor-1', 'consent', 'not_needed')]));
    },
    { NOTICE_DAYS: '3', NOTIFY_MINIPROGRAM_STATE: 'developer' },
  );
});

afterAll(async () => {
  await t?.stop();
});

let keySeq = 0;
const key = () => `enrol-${Date.now().toString(36)}-${(keySeq += 1)}`;

type Nominee = { exemplarId: string } | { new: { kind: 'individual' | 'collective'; name: string; unitId: string } };

function request(nominee: Nominee, over: { targetTier?: 'major' | 'reserve'; consentForm?: string; attachments?: string[] } = {}) {
  return { requestKey: key(), nominatingUnitId: 'u-st', nominee, category: 'rescue' as const, targetTier: 'major' as const, deeds: DEEDS, attachments: [] as string[], ...over };
}

async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = t.cloud.db.snapshot();
  const out = await fn();
  expect(t.cloud.db.snapshot()).toEqual(before);
  return out;
}

/** Every stored document of a collection (from the snapshot: `version:doc` per id). */
function stored<T>(collection: string): T[] {
  return Object.values(t.cloud.db.snapshot()[collection] ?? {}).map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as T);
}

const nomination = (id: string) => t.cloud.db.findById('nominations', id) as unknown as NominationDoc;
const exemplarOf = (id: string) => t.cloud.db.findById('exemplars', id) as unknown as Exemplar;
/** The tier-history records enrolment wrote for an exemplar (actor: the timer). */
const enrolments = (exemplarId: string) => stored<TierChange>('tier_changes').filter((c) => c.exemplarId === exemplarId && c.actor === 'nomination-timer');
const runTimer = () => t.cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' }) as Promise<{ ok: boolean; data: { enrolled: string[]; rejected: string[]; superseded: string[] } }>;

async function endNotice(id: string): Promise<void> {
  await sdkFor(t.cloud).database().collection('nominations').doc(id).update({ data: { noticeEndsAt: Date.now() - 1000 } });
}

async function throughCorps(req: ReturnType<typeof request>, by = 'editor-1') {
  const n = data(await t.call('nominations', 'submit', req, by)).nomination;
  // The detachment reviewer checked the signed form, where there is one.
  data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', consentChecked: true }, 'det-rev'));
  data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', comment: '同意公示' }, 'corps-rev'));
  return n;
}

describe('enrolment writes the tier history', () => {
  it('a new person enters the reserve library with an `enrol` record from no tier, on the reserve review policy, shown by library.history', async () => {
    const n = await throughCorps(request({ new: { kind: 'individual', name: '新人甲', unitId: 'u-st' } }, { targetTier: 'reserve', consentForm: localFileId(FORM), attachments: [localFileId(PHOTO)] }));
    await endNotice(n._id);
    const before = Date.now();
    expect((await runTimer()).data.enrolled).toContain(n._id);
    const exId = nomination(n._id).enrolledExemplarId as string;
    const [rec, ...more] = enrolments(exId);
    expect(more).toEqual([]);
    expect(rec).toMatchObject({ exemplarId: exId, exemplarName: '新人甲', unitId: 'u-st', unitPath: st.path, kind: 'enrol', from: null, to: 'reserve', actor: 'nomination-timer' });
    expect(rec!.at).toBeGreaterThanOrEqual(before);
    expect(rec!.nextReviewAt).toBe(rec!.at + REVIEW_INTERVAL_DAYS.reserve * DAY);
    // The exemplar and its history agree: written in the same transaction from the same decision.
    // The person's form was checked by the detachment reviewer, so the profile is public, and the
    // scan now proves the exemplar's consent.
    expect(exemplarOf(exId)).toMatchObject({ tier: 'reserve', enteredTierAt: rec!.at, nextReviewAt: rec!.nextReviewAt, state: 'published', consent: { method: 'signed_form', name: '新人甲', recordedBy: 'editor-1', verifiedBy: 'det-rev' } });
    expect(stored<FileRecord>('files').find((f) => f.fileId === localFileId(FORM))?.boundTo).toEqual({ kind: 'exemplar', id: exId });
    // The enrolment's audit entry was written with it.
    expect(stored<AuditEntry>('audit').filter((a) => a.action === 'nominations.enrol' && a.subject.id === n._id)).toEqual([expect.objectContaining({ actor: 'nomination-timer', after: expect.objectContaining({ exemplarId: exId }) })]);
    const history = data(await t.call('library', 'history', { exemplarId: exId }, 'publisher'));
    expect(history.items).toEqual([expect.objectContaining({ _id: rec!._id, kind: 'enrol', from: null, to: 'reserve', actor: { name: '系统', unit: null } })]);
    // A second run finds nothing to do and writes nothing, not even the history again.
    await writesNothing(() => runTimer());
  });

  it('an existing reserve exemplar promoted by nomination gets a `promote` record from reserve, on the yearly major policy', async () => {
    const n = await throughCorps(request({ exemplarId: 'ex-promote' }));
    await endNotice(n._id);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    const [rec] = enrolments('ex-promote');
    expect(rec).toMatchObject({ exemplarId: 'ex-promote', kind: 'promote', from: 'reserve', to: 'major', actor: 'nomination-timer' });
    expect(rec!._id).toMatch(/^tc-/);
    expect(rec!._id).not.toBe(`tc-enrol-${n._id}`);
    expect(rec!.nextReviewAt).toBe(rec!.at + REVIEW_INTERVAL_DAYS.major * DAY);
    expect(t.cloud.db.findById('exemplars', 'ex-promote')).toMatchObject({ tier: 'major', enteredTierAt: rec!.at, nextReviewAt: rec!.nextReviewAt });
    expect(nomination(n._id)).toMatchObject({ state: 'enrolled', enrolledExemplarId: 'ex-promote' });
  });
});

describe('one nomination under way per existing exemplar', () => {
  it('a second nomination while the first is under way is a CONFLICT naming the field, and writes nothing; the first one replayed still answers', async () => {
    const firstReq = request({ exemplarId: 'ex-busy' });
    const first = data(await t.call('nominations', 'submit', firstReq, 'editor-1'));
    expect(first.created).toBe(true);
    const second = await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-2'));
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'nominee_busy', fields: [{ path: 'nominee.exemplarId', reason: 'nominee_busy', message: '该典型已有进行中的推荐，待其结束后再推荐' }] } });
    // Same editor, another key: still one under way.
    expect(await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A retry of the first submit is not a second nomination: it answers the first.
    const replay = data(await writesNothing(() => t.call('nominations', 'submit', firstReq, 'editor-1')));
    expect(replay).toMatchObject({ created: false, nomination: { _id: first.nomination._id } });

    // Still under way in review, returned, in notice: refused at each step.
    data(await t.call('nominations', 'decide', { id: first.nomination._id, decision: 'return', comment: '请补充时间' }, 'det-rev'));
    expect(await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-2'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Once it is over (withdrawn), the exemplar can be nominated again, and the new one holds it.
    data(await t.call('nominations', 'withdraw', { id: first.nomination._id }, 'editor-1'));
    const again = data(await t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-2'));
    expect(again.created).toBe(true);
    expect(t.cloud.db.findById('nomination_guards', 'ex-busy')).toMatchObject({ nominationId: again.nomination._id });
    expect(await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // A rejection also ends it.
    data(await t.call('nominations', 'decide', { id: again.nomination._id, decision: 'reject', comment: '材料不实' }, 'det-rev'));
    expect(data(await t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-1')).created).toBe(true);
  });

  it('two editors nominating the same exemplar at the same moment: exactly one nomination is made', async () => {
    const both = await Promise.all([
      t.call('nominations', 'submit', request({ exemplarId: 'ex-race' }), 'editor-1'),
      t.call('nominations', 'submit', request({ exemplarId: 'ex-race' }), 'editor-2'),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT' }) })]);
    // Read straight from the store (no index on the nominee): every nomination of ex-race.
    const made = Object.keys(t.cloud.db.snapshot().nominations ?? {}).filter((id) => (nomination(id).nominee as { exemplarId?: string }).exemplarId === 'ex-race');
    expect(made).toHaveLength(1);
    expect(t.cloud.db.findById('nomination_guards', 'ex-race')).toMatchObject({ nominationId: made[0] });
  });

  it('different exemplars and new nominees are not held up by one another', async () => {
    expect(data(await t.call('nominations', 'submit', request({ exemplarId: 'ex-free' }), 'editor-1')).created).toBe(true);
    const person = (name: string) => request({ new: { kind: 'collective', name, unitId: 'u-st' } });
    expect(data(await t.call('nominations', 'submit', person('同名站'), 'editor-1')).created).toBe(true);
    expect(data(await t.call('nominations', 'submit', person('同名站'), 'editor-2')).created).toBe(true);
  });
});

describe('enrolment creates what it enrols and adopts nothing', () => {
  it('an exemplar created beforehand under the id the old enrolment derived from the public nomination id is left alone; a new one is made', async () => {
    const n = await throughCorps(request({ new: { kind: 'collective', name: '被抢注的站', unitId: 'u-st' } }, { targetTier: 'reserve' }));
    // An editor who read the notice saves a profile under `ex-<nomination id>` before it ends.
    const squat = `ex-${n._id}`;
    data(
      await t.call(
        'authoring',
        'saveExemplar',
        { id: squat, kind: 'collective', name: '抢注内容', unitId: 'u-st', category: 'law', title: '抢注', summary: '抢注的一句话', photo: null, biography: '抢注的事迹' },
        'editor-2',
      ),
    );
    const squatted = t.cloud.db.findById('exemplars', squat);
    await endNotice(n._id);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    const exId = nomination(n._id).enrolledExemplarId as string;
    expect(exId).not.toBe(squat);
    expect(exemplarOf(exId)).toMatchObject({ name: '被抢注的站', kind: 'collective', category: 'rescue', tier: 'reserve', biography: DEEDS, unitPath: st.path });
    expect(t.cloud.db.findById('exemplars', squat)).toEqual(squatted);
    expect(enrolments(squat)).toEqual([]);
  });
});

describe('enrolment does not override a library decision made during the notice', () => {
  const decision = () => t.cloud.subscriptions.messages('editor-1').at(-1)?.data;

  it('an exemplar retired during the notice stays retired; the nomination is superseded and the nominator told', async () => {
    const n = await throughCorps(request({ exemplarId: 'ex-retire' }));
    data(await t.call('library', 'changeTier', { exemplarId: 'ex-retire', change: 'retire', reason: '本人调离消防救援队伍' }, 'publisher'));
    await endNotice(n._id);
    t.cloud.subscriptions.accept('editor-1', [SUBSCRIBE_TEMPLATES.decision.id]);
    const run = await runTimer();
    expect(exemplarOf('ex-retire').tier).toBe('retired');
    expect(enrolments('ex-retire')).toEqual([]);
    expect(nomination(n._id)).toMatchObject({ state: 'rejected', enrolledExemplarId: null });
    expect([run.data.superseded.includes(n._id), run.data.enrolled.includes(n._id)]).toEqual([true, false]);
    expect(nomination(n._id).timeline.at(-1)).toMatchObject({ event: 'superseded', comment: '公示期间该典型的库别已调整，推荐未入库' });
    expect(decision()).toMatchObject({ thing1: '典型ex-retire', phrase2: '未入库' });
    expect(stored<AuditEntry>('audit').filter((a) => a.subject.id === n._id && a.action === 'nominations.supersede')).toEqual([expect.objectContaining({ actor: 'nomination-timer' })]);
    expect(nomination(n._id).fromTier).toBe('reserve');
    // Over: the exemplar may be nominated again.
    expect(data(await t.call('nominations', 'submit', request({ exemplarId: 'ex-retire' }, { targetTier: 'reserve' }), 'editor-1')).created).toBe(true);
  });

  it('an exemplar promoted and then demoted during the notice keeps the demotion', async () => {
    const n = await throughCorps(request({ exemplarId: 'ex-demote' }));
    data(await t.call('library', 'changeTier', { exemplarId: 'ex-demote', change: 'promote', reason: '获评全国先进' }, 'publisher'));
    data(await t.call('library', 'changeTier', { exemplarId: 'ex-demote', change: 'demote', reason: '复核后调回后备库' }, 'publisher'));
    await endNotice(n._id);
    const run = await runTimer();
    expect(exemplarOf('ex-demote').tier).toBe('reserve');
    expect(enrolments('ex-demote')).toEqual([]);
    expect(nomination(n._id).state).toBe('rejected');
    expect(run.data.superseded).toContain(n._id);
  });

  it('an exemplar the library already moved to the target tier is enrolled without another change', async () => {
    const n = await throughCorps(request({ exemplarId: 'ex-already' }));
    data(await t.call('library', 'changeTier', { exemplarId: 'ex-already', change: 'promote', reason: '获评全国先进' }, 'publisher'));
    const promoted = exemplarOf('ex-already');
    await endNotice(n._id);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    expect(nomination(n._id)).toMatchObject({ state: 'enrolled', enrolledExemplarId: 'ex-already' });
    expect(exemplarOf('ex-already')).toEqual(promoted);
    expect(enrolments('ex-already')).toEqual([]);
  });
});

describe('enrolment and its audit entry commit together', () => {
  it('when the audit write fails, nothing is enrolled; the next run enrols it once', async () => {
    const n = await throughCorps(request({ new: { kind: 'collective', name: '审计失败时的站', unitId: 'u-st' } }, { targetTier: 'reserve' }));
    await endNotice(n._id);
    const before = t.cloud.db.snapshot();
    t.cloud.db.failWrites('audit', 1);
    const failed = await runTimer().finally(() => t.cloud.db.failWrites('audit', 0));
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(t.cloud.db.snapshot()).toEqual(before);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    const exId = nomination(n._id).enrolledExemplarId as string;
    expect(stored<Exemplar>('exemplars').filter((e) => e.name === '审计失败时的站').map((e) => e._id)).toEqual([exId]);
    expect(stored<AuditEntry>('audit').filter((a) => a.subject.id === n._id && a.action === 'nominations.enrol')).toHaveLength(1);
  });
});

describe('consent moves to the exemplar only as the nominator’s checked form', () => {
  it('an existing person without consent gets the form the nominator submitted and a reviewer checked', async () => {
    const form = t.cloud.storage.put('nominations/form-noconsent.png', Buffer.from('signed-form-noconsent'));
    t.cloud.db.insertMany('files', docs([uploadRecord(form, 'editor-1', 'consent', 'not_needed')]));
    const n = await throughCorps(request({ exemplarId: 'ex-noconsent' }, { consentForm: form }));
    await endNotice(n._id);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    expect(exemplarOf('ex-noconsent')).toMatchObject({ tier: 'major', consent: { method: 'signed_form', evidence: form, name: '典型ex-noconsent', recordedBy: 'editor-1', verifiedBy: 'det-rev' } });
    expect(stored<FileRecord>('files').find((f) => f.fileId === form)?.boundTo).toEqual({ kind: 'exemplar', id: 'ex-noconsent' });
  });

  it('a consent the person withdrew during the notice is not brought back by the copy the nomination took at submission', async () => {
    const n = await throughCorps(request({ exemplarId: 'ex-withdraw' }));
    data(await t.call('authoring', 'withdrawConsent', { exemplarId: 'ex-withdraw', reason: '本人书面申请撤回同意' }, 'admin-1'));
    await endNotice(n._id);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    expect(exemplarOf('ex-withdraw')).toMatchObject({ tier: 'major', consent: null, state: 'draft' });
  });
});

describe('a person is published only with consent that counts', () => {
  it('a nomination whose signed form was never checked (stored before the check existed) enrols the person as a draft', async () => {
    const now = Date.now();
    const legacy: NominationDoc = {
      _id: 'nom-legacy-unchecked',
      requestKey: 'legacy-key-0001',
      nominee: { new: { kind: 'individual', name: '旧流程人员', unitId: 'u-st' } },
      category: 'rescue',
      targetTier: 'reserve',
      deeds: DEEDS,
      attachments: [],
      consent: { method: 'signed_form', evidence: localFileId('nominations/legacy-form.png'), recordedAt: now - 9 * DAY, recordedBy: 'editor-1', name: '旧流程人员', verifiedBy: null, verifiedAt: null },
      nominatingUnitId: 'u-st',
      unitPath: st.path,
      nominatedBy: 'editor-1',
      state: 'in_notice',
      noticeEndsAt: now - 1000,
      createdAt: now - 9 * DAY,
      updatedAt: now - 2 * DAY,
      nomineeName: '旧流程人员',
      nomineeKind: 'individual',
      contentHeld: false,
      objections: { open: 0, sustained: 0 },
      enrolledExemplarId: null,
      timeline: [{ event: 'submitted', level: null, comment: '', at: now - 9 * DAY }],
    };
    t.cloud.db.insertMany('nominations', docs([legacy]));
    expect((await runTimer()).data.enrolled).toContain(legacy._id);
    const ex = exemplarOf(nomination(legacy._id).enrolledExemplarId as string);
    expect(ex).toMatchObject({ name: '旧流程人员', state: 'draft', consent: { verifiedBy: null } });
    const library = data(await t.call('content', 'exemplars', { tier: 'reserve', limit: 50 }, 'reader'));
    expect(library.items.map((i) => i._id)).not.toContain(ex._id);
  });
});
