/**
 * The nomination workflow through the real wx-server-sdk on the strict local cloud: submit
 * (idempotent, scoped, validated, content-checked), queues per level, decisions at each level,
 * the public notice, objections and enrolment by the timer — and every refusal writes nothing.
 */
import { localFileId } from '../../emulator/env';
import { SUBSCRIBE_TEMPLATES, type AuditEntry, type Exemplar, type ImageUploadPurpose, type NominationDoc, type UploadPurpose } from '@contract';
import { sdkFor } from '../emulator/server-harness';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { consentOf, docs, exemplar, grant, png, unit, uploadRecord } from './fixtures';

const RISKY = '违禁词';
const HOLD = '待定词';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-det', 'detachment', corps, 1);
const bat = unit('u-bat', 'battalion', det, 1);
const st = unit('u-st', 'station', bat, 1);
const det2 = unit('u-det2', 'detachment', corps, 2);
const st2 = unit('u-st2', 'station', det2, 1);

// Uploads (lib/files.ts records each): the photo is editor-1's nomination attachment, PHOTO2
// editor-2's, the form editor-1's consent scan.
const PHOTO = 'nominations/photo.png';
const PHOTO2 = 'nominations/photo-2.png';
const FORM = 'nominations/consent-form.png';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'nominations',
    (db, storage) => {
      db.insertMany('units', docs([corps, det, bat, st, det2, st2]));
      db.insertMany(
        'roles',
        docs([
          grant('g1', 'editor-1', 'editor', 'u-st'),
          grant('g2', 'det-rev', 'reviewer', 'u-det'),
          grant('g3', 'det2-rev', 'reviewer', 'u-det2'),
          grant('g4', 'corps-rev', 'reviewer', 'u-corps'),
          grant('g5', 'editor-2', 'editor', 'u-st2'),
          grant('g6', 'bat-rev', 'reviewer', 'u-bat'),
        ]),
      );
      db.insertMany('exemplars', docs([exemplar('ex-st', st, { tier: 'reserve' }), exemplar('ex-st2', st2), exemplar('ex-person', st, { kind: 'individual', tier: 'reserve', consent: consentOf('典型ex-person') }), exemplar('ex-person2', st, { kind: 'individual', tier: 'reserve', consent: consentOf('典型ex-person2') })]));
      storage.put(PHOTO, Buffer.from('png-bytes'));
      storage.put(PHOTO2, Buffer.from('png-bytes-2'));
      storage.put(FORM, Buffer.from('form-bytes'));
      db.insertMany(
        'files',
        docs([uploadRecord(localFileId(PHOTO), 'editor-1', 'attachment'), uploadRecord(localFileId(PHOTO2), 'editor-2', 'attachment'), uploadRecord(localFileId(FORM), 'editor-1', 'consent', 'not_needed')]),
      );
    },
    { NOTICE_DAYS: '3', NOTIFY_MINIPROGRAM_STATE: 'developer' },
    { secWords: [RISKY], reviewWords: [HOLD] },
  );
});

afterAll(async () => {
  await t?.stop();
});

const DEEDS = '在乌鲁木齐“7·15”山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡。';
let keySeq = 0;
const key = () => `key-${Date.now().toString(36)}-${(keySeq += 1)}`;

function newStation(over: Record<string, unknown> = {}) {
  return {
    requestKey: key(),
    nominatingUnitId: 'u-st',
    nominee: { new: { kind: 'collective' as const, name: '天山特勤站', unitId: 'u-st' } },
    category: 'rescue' as const,
    targetTier: 'reserve' as const,
    deeds: DEEDS,
    attachments: [localFileId(PHOTO)],
    ...over,
  };
}

let uploadSeq = 0;
/** A fresh upload by `owner` for `purpose`, recorded as the upload action records it. */
function upload(owner: string, purpose: UploadPurpose): string {
  const fileId = t.cloud.storage.put(`nominations/up-${(uploadSeq += 1)}.png`, Buffer.from(`bytes-${uploadSeq}`));
  t.cloud.db.insertMany('files', docs([uploadRecord(fileId, owner, purpose, purpose === 'consent' ? 'not_needed' : 'pass')]));
  return fileId;
}

/** Every stored document of a collection (from the snapshot: `version:doc` per id). */
function stored<T>(collection: string): T[] {
  return Object.values(t.cloud.db.snapshot()[collection] ?? {}).map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as T);
}

async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = t.cloud.db.snapshot();
  const out = await fn();
  expect(t.cloud.db.snapshot()).toEqual(before);
  return out;
}

const nominationCount = () => t.cloud.db.count('nominations');
const doc = (id: string) => t.cloud.db.findById('nominations', id) as unknown as NominationDoc;
const accept = (openid: string, which: 'decision' | 'task') => t.cloud.subscriptions.accept(openid, [SUBSCRIBE_TEMPLATES[which].id]);
const runTimer = () => t.cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' }) as Promise<{ ok: boolean; data: { enrolled: string[]; held: string[]; rejected: string[] } }>;

/** Move a nomination's notice end into the past: the test's stand-in for days passing. */
async function endNotice(id: string): Promise<void> {
  const sdk = sdkFor(t.cloud);
  await sdk.database().collection('nominations').doc(id).update({ data: { noticeEndsAt: Date.now() - 1000 } });
}

async function submitted(over: Record<string, unknown> = {}) {
  return data(await t.call('nominations', 'submit', newStation(over), 'editor-1')).nomination;
}

async function throughCorps(over: Record<string, unknown> = {}) {
  const n = await submitted(over);
  data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev'));
  return data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', comment: '同意公示' }, 'corps-rev')).nomination;
}

describe('submit', () => {
  it('an editor nominates a new station in their subtree; it waits for the detachment and its reviewer is told', async () => {
    accept('det-rev', 'task');
    const before = t.cloud.subscriptions.messages('det-rev').length;
    const res = data(await t.call('nominations', 'submit', newStation(), 'editor-1'));
    expect(res.created).toBe(true);
    expect(res.nomination).toMatchObject({ state: 'submitted', waitingFor: 'detachment', nominee: { name: '天山特勤站', kind: 'collective', exemplarId: null }, unit: { _id: 'u-st' }, contentHeld: false });
    expect(res.nomination.attachments).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)]);
    const msgs = t.cloud.subscriptions.messages('det-rev').slice(before);
    expect(msgs).toEqual([expect.objectContaining({ templateId: SUBSCRIBE_TEMPLATES.task.id, page: SUBSCRIBE_TEMPLATES.task.page, state: 'developer', data: expect.objectContaining({ thing1: '推荐：天山特勤站', thing2: 'u-st' }) })]);
  });

  it('a retried submit (same requestKey) answers the first nomination and makes no second one', async () => {
    const req = newStation();
    const first = data(await t.call('nominations', 'submit', req, 'editor-1'));
    const count = nominationCount();
    const again = await writesNothing(() => t.call('nominations', 'submit', req, 'editor-1'));
    expect(data(again)).toEqual({ nomination: first.nomination, created: false });
    const twins = await Promise.all([0, 1, 2].map(() => t.call('nominations', 'submit', { ...req, requestKey: `${req.requestKey}-x` }, 'editor-1')));
    expect(twins.map((r) => data(r).nomination._id).every((id, _, all) => id === all[0])).toBe(true);
    expect(twins.filter((r) => data(r).created)).toHaveLength(1);
    expect(nominationCount()).toBe(count + 1);
  });

  it('a requestKey replayed with other content is a CONFLICT and changes nothing', async () => {
    const req = newStation();
    data(await t.call('nominations', 'submit', req, 'editor-1'));
    const res = await writesNothing(() => t.call('nominations', 'submit', { ...req, deeds: `${DEEDS}另有补充。` }, 'editor-1'));
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('outside the editor subtree, without the role, or without identity: typed refusals that write nothing', async () => {
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ nominatingUnitId: 'u-st2', nominee: { new: { kind: 'collective', name: '外站', unitId: 'u-st2' } } }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ nominee: { exemplarId: 'ex-st2' }, targetTier: 'reserve' }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation(), 'det-rev'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation(), 'someone'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await writesNothing(() => t.cloud.invoke('nominations', { action: 'submit', data: newStation() }))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('bad input answers INVALID_ARGUMENT with its fields and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [newStation({ deeds: '事'.repeat(2001) }), 'deeds'],
      [newStation({ deeds: 42 }), 'deeds'],
      [newStation({ targetTier: 'retired' }), 'targetTier'],
      [newStation({ attachments: 'cloud://x/y' }), 'attachments'],
      [newStation({ requestKey: 'bad key!' }), 'requestKey'],
      [newStation({ nominatedBy: 'editor-1' }), '(root)'],
    ];
    for (const [req, field] of cases) {
      const res = await writesNothing(() => t.raw('nominations', { action: 'submit', data: req }, 'editor-1'));
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: expect.arrayContaining([expect.objectContaining({ path: field })]) } });
    }
  });

  it('unknown units and exemplars are NOT_FOUND; files that were never uploaded are refused', async () => {
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ nominatingUnitId: 'u-none' }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ nominee: { exemplarId: 'ex-none' } }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ nominee: { new: { kind: 'collective', name: '某站', unitId: 'u-none' } } }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ attachments: [localFileId('nominations/never.png')] }), 'editor-1'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'attachments.0', message: expect.any(String) }] },
    });
  });

  it('an individual needs a consent form; an exemplar already in the target library cannot be nominated to it', async () => {
    const person = { new: { kind: 'individual', name: '张三', unitId: 'u-st' } };
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ nominee: person }), 'editor-1'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', reason: 'consent_required', fields: [{ path: 'consentForm', reason: 'consent_required', message: '个人推荐须上传本人签字的同意书' }] },
    });
    const ok = data(await t.call('nominations', 'submit', newStation({ nominee: person, consentForm: localFileId(FORM) }), 'editor-1'));
    expect(ok.nomination).toMatchObject({ hasConsent: true, nominee: { kind: 'individual' } });
    expect(doc(ok.nomination._id).consent).toMatchObject({ method: 'signed_form', evidence: localFileId(FORM), recordedBy: 'editor-1' });
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation({ nominee: { exemplarId: 'ex-st' }, targetTier: 'reserve' }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'already_in_tier' } });
    // An exemplar with consent on record needs no new form.
    expect(data(await t.call('nominations', 'submit', newStation({ nominee: { exemplarId: 'ex-person' }, targetTier: 'major' }), 'editor-1')).nomination.hasConsent).toBe(true);
  });

  it('risky deeds are CONTENT_REJECTED and stored nowhere; deeds needing review are held for the reviewers to see', async () => {
    const risky = await writesNothing(() => t.call('nominations', 'submit', newStation({ deeds: `${DEEDS}${RISKY}` }), 'editor-1'));
    expect(risky).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    const held = data(await t.call('nominations', 'submit', newStation({ deeds: `${DEEDS}${HOLD}` }), 'editor-1'));
    expect(held.nomination.contentHeld).toBe(true);
    const q = data(await t.call('nominations', 'queue', { tab: 'review' }, 'det-rev'));
    expect(q.items.find((i) => i._id === held.nomination._id)).toMatchObject({ contentHeld: true, level: 'detachment' });
  });

  it('a content check that cannot run fails closed: UNAVAILABLE, nothing stored', async () => {
    t.cloud.faults.failOpenApi('security.msgSecCheck', -1, 'system error', 1);
    expect(await writesNothing(() => t.call('nominations', 'submit', newStation(), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});

describe('files are the caller’s uploads for their purpose', () => {
  const person = (name: string) => ({ new: { kind: 'individual' as const, name, unitId: 'u-st' } });
  const notAccepted = (path: string) =>
    expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_ARGUMENT', reason: 'file_not_accepted', fields: [expect.objectContaining({ path, reason: 'file_not_accepted' })] }) });

  it('another user’s upload, a file never uploaded, a consent scan or a story image as attachment: refused naming the field, nothing written', async () => {
    const cases: [string, string][] = [
      ['another editor’s upload', localFileId(PHOTO2)],
      ['a file that does not exist', localFileId('nominations/never.png')],
      ['a consent scan', upload('editor-1', 'consent')],
      ['a story image', upload('editor-1', 'story')],
    ];
    for (const [what, fileId] of cases) {
      const res = await writesNothing(() => t.call('nominations', 'submit', newStation({ attachments: [localFileId(PHOTO), fileId] }), 'editor-1'));
      expect([what, res]).toEqual([what, notAccepted('attachments.1')]);
    }
  });

  it('a photo, an attachment or another editor’s scan as the consent form: refused naming consentForm, nothing written', async () => {
    for (const [what, fileId] of [
      ['a profile photo', upload('editor-1', 'photo')],
      ['an attachment', upload('editor-1', 'attachment')],
      ['another editor’s consent scan', upload('editor-2', 'consent')],
      ['a file that does not exist', localFileId('nominations/no-form.png')],
    ] as const) {
      const res = await writesNothing(() => t.call('nominations', 'submit', newStation({ nominee: person('张五'), consentForm: fileId }), 'editor-1'));
      expect([what, res]).toEqual([what, notAccepted('consentForm')]);
    }
  });

  it('the form’s uploads through authoring.uploadImage: attachments for “attachment”, the signed form for “consent” — a story image is not an attachment', async () => {
    const upload64 = async (purpose: ImageUploadPurpose, shade: number) => data(await t.call('authoring', 'uploadImage', { purpose, base64: png(shade).toString('base64') }, 'editor-1')).fileId;
    const attachment = await upload64('attachment', 11);
    const storyImage = await upload64('story', 12);
    const form = await upload64('consent', 13);
    // WeChat's image-check verdicts arrive later and write the files' records: let them land first.
    await t.cloud.mediaChecks.settled();
    const asStory = await writesNothing(() => t.call('nominations', 'submit', newStation({ attachments: [storyImage] }), 'editor-1'));
    expect(asStory).toEqual(notAccepted('attachments.0'));
    const n = data(await t.call('nominations', 'submit', newStation({ nominee: person('孙八'), attachments: [attachment], consentForm: form }), 'editor-1'));
    expect(n.nomination).toMatchObject({ consentAwaitsCheck: true, attachments: [expect.stringMatching(/^http:\/\//)] });
  });

  it('a consent scan proves one nomination: the same scan for a second person is refused', async () => {
    const form = upload('editor-1', 'consent');
    data(await t.call('nominations', 'submit', newStation({ nominee: person('王一'), consentForm: form }), 'editor-1'));
    const res = await writesNothing(() => t.call('nominations', 'submit', newStation({ nominee: person('王二'), consentForm: form }), 'editor-1'));
    expect(res).toMatchObject(notAccepted('consentForm'));
  });

  it('a revision keeps the files already on the nomination and accepts only the caller’s new uploads', async () => {
    const n = await submitted();
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'return', comment: '请补充照片' }, 'det-rev'));
    const form = { id: n._id, category: 'rescue' as const, targetTier: 'reserve' as const, deeds: DEEDS };
    const foreign = await writesNothing(() => t.call('nominations', 'revise', { ...form, attachments: [localFileId(PHOTO), localFileId(PHOTO2)] }, 'editor-1'));
    expect(foreign).toMatchObject(notAccepted('attachments.1'));
    const fresh = upload('editor-1', 'attachment');
    const r = data(await t.call('nominations', 'revise', { ...form, attachments: [localFileId(PHOTO), fresh] }, 'editor-1'));
    expect(r.nomination.attachments).toHaveLength(2);
    expect(doc(n._id).attachments).toEqual([localFileId(PHOTO), fresh]);
  });
});

describe('a signed consent form is checked by a reviewer, not its uploader', () => {
  async function person(name: string) {
    const form = upload('editor-1', 'consent');
    const n = data(await t.call('nominations', 'submit', newStation({ nominee: { new: { kind: 'individual', name, unitId: 'u-st' } }, consentForm: form }), 'editor-1')).nomination;
    return { n, form };
  }
  const audits = () => stored<AuditEntry>('audit');

  it('the nominator’s form is recorded under the nominee’s name and waits for a check; approving needs consentChecked', async () => {
    const { n, form } = await person('赵六');
    const unchecked = await writesNothing(() => t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev'));
    expect(unchecked).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'consent_unverified' } });
    expect(n).toMatchObject({ hasConsent: true, consentAwaitsCheck: true });
    expect(doc(n._id).consent).toEqual({ method: 'signed_form', evidence: form, recordedAt: expect.any(Number), recordedBy: 'editor-1', name: '赵六', verifiedBy: null, verifiedAt: null });
    expect(JSON.stringify(n)).not.toContain(form.split('/').pop() as string);
    const d = data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', consentChecked: true }, 'det-rev'));
    expect(d.nomination).toMatchObject({ state: 'detachment_approved', consentAwaitsCheck: false });
    expect(doc(n._id).consent).toMatchObject({ verifiedBy: 'det-rev', verifiedAt: expect.any(Number), recordedBy: 'editor-1' });
    expect(audits().filter((a) => a.subject.id === n._id && a.action === 'nominations.decide.approve')).toEqual([expect.objectContaining({ actor: 'det-rev', after: expect.objectContaining({ consentVerified: true }) })]);
    // Checked once: the corps level approves without being asked again.
    expect(data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'corps-rev')).nomination.state).toBe('in_notice');
  });

  it('reviewers of the nomination’s subtree see the scan through consentScan, each view audited; nobody else does', async () => {
    const { n } = await person('钱七');
    const viewsOf = () => audits().filter((a) => a.action === 'consent.view' && a.subject.id === n._id);
    const scan = data(await t.call('nominations', 'consentScan', { id: n._id }, 'det-rev'));
    expect(scan.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(viewsOf()).toEqual([expect.objectContaining({ actor: 'det-rev', subject: { kind: 'nomination', id: n._id } })]);
    expect(data(await t.call('nominations', 'consentScan', { id: n._id }, 'corps-rev')).url).toBe(scan.url);
    for (const openid of ['editor-1', 'det2-rev', 'reader-9']) {
      const res = await writesNothing(() => t.call('nominations', 'consentScan', { id: n._id }, openid));
      expect([openid, res]).toEqual([openid, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) })]);
    }
    expect(viewsOf()).toHaveLength(2);
    const collective = await submitted();
    expect(await writesNothing(() => t.call('nominations', 'consentScan', { id: collective._id }, 'det-rev'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'no_signed_form' } });
    expect(await writesNothing(() => t.call('nominations', 'consentScan', { id: 'nom-none' }, 'det-rev'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('an existing exemplar whose consent already holds needs no check', async () => {
    const n = data(await t.call('nominations', 'submit', newStation({ nominee: { exemplarId: 'ex-person2' }, targetTier: 'major' }), 'editor-1')).nomination;
    expect(n).toMatchObject({ hasConsent: true, consentAwaitsCheck: false });
    expect(data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev')).nomination.state).toBe('detachment_approved');
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'reject', comment: '暂不升级' }, 'corps-rev'));
  });
});

describe('an action and its audit entry commit together', () => {
  /** The next audit write fails as a database outage would: the action's transaction commits nothing. */
  async function auditFails<T>(fn: () => Promise<T>): Promise<T> {
    t.cloud.db.failWrites('audit', 1);
    try {
      return await fn();
    } finally {
      t.cloud.db.failWrites('audit', 0);
    }
  }
  const internal = { ok: false, error: { code: 'INTERNAL' } };

  it('when the audit write fails, no submit, decision, revision or withdrawal happens; the same call succeeds afterwards', async () => {
    const req = newStation();
    expect(await writesNothing(() => auditFails(() => t.call('nominations', 'submit', req, 'editor-1')))).toMatchObject(internal);
    const n = data(await t.call('nominations', 'submit', req, 'editor-1'));
    expect(n.created).toBe(true);
    const id = n.nomination._id;
    expect(await writesNothing(() => auditFails(() => t.call('nominations', 'decide', { id, decision: 'return', comment: '请补充' }, 'det-rev')))).toMatchObject(internal);
    data(await t.call('nominations', 'decide', { id, decision: 'return', comment: '请补充' }, 'det-rev'));
    const revision = { id, category: 'rescue' as const, targetTier: 'reserve' as const, deeds: `${DEEDS}补充了时间。`, attachments: [localFileId(PHOTO)] };
    expect(await writesNothing(() => auditFails(() => t.call('nominations', 'revise', revision, 'editor-1')))).toMatchObject(internal);
    data(await t.call('nominations', 'revise', revision, 'editor-1'));
    expect(await writesNothing(() => auditFails(() => t.call('nominations', 'withdraw', { id }, 'editor-1')))).toMatchObject(internal);
    data(await t.call('nominations', 'withdraw', { id }, 'editor-1'));
    expect(stored<AuditEntry>('audit').filter((a) => a.subject.id === id).map((a) => a.action)).toEqual(['nominations.submit', 'nominations.decide.return', 'nominations.revise', 'nominations.withdraw']);
  });

  it('when the audit write fails, an objection is not resolved', async () => {
    const n = await throughCorps({ nominee: { new: { kind: 'collective', name: '审计测试站', unitId: 'u-st' } } });
    data(await t.call('nominations', 'object', { id: n._id, text: '该站事迹中的时间与实际不符，请核实。' }, 'citizen-7'));
    const objection = data(await t.call('nominations', 'queue', { tab: 'objections' }, 'corps-rev')).objections.find((o) => o.nominationId === n._id)!;
    const resolve = { id: objection._id, outcome: 'dismiss' as const, comment: '经核实事迹属实' };
    expect(await writesNothing(() => auditFails(() => t.call('nominations', 'resolveObjection', resolve, 'corps-rev')))).toMatchObject(internal);
    expect(data(await t.call('nominations', 'resolveObjection', resolve, 'corps-rev')).objection.state).toBe('dismissed');
  });
});

describe('queues', () => {
  it('each reviewer sees only their level and subtree, oldest first, with counts for the tab', async () => {
    const a = await submitted();
    const b = await submitted();
    const other = data(await t.call('nominations', 'submit', { ...newStation({ nominatingUnitId: 'u-st2', nominee: { new: { kind: 'collective', name: '外站', unitId: 'u-st2' } }, attachments: [localFileId(PHOTO2)] }) }, 'editor-2')).nomination;
    const mine = data(await t.call('nominations', 'queue', {}, 'det-rev'));
    const ids = mine.items.map((i) => i._id);
    expect(ids).toEqual(expect.arrayContaining([a._id, b._id]));
    expect(ids).not.toContain(other._id);
    expect(ids.indexOf(a._id)).toBeLessThan(ids.indexOf(b._id));
    expect(mine.items.map((i) => i.createdAt)).toEqual([...mine.items.map((i) => i.createdAt)].sort((x, y) => x - y));
    expect(mine.counts.review).toBe(mine.items.length);
    expect(mine.items.every((i) => i.level === 'detachment' && i.state === 'submitted')).toBe(true);
    const theirs = data(await t.call('nominations', 'queue', {}, 'det2-rev'));
    expect(theirs.items.map((i) => i._id)).toEqual([other._id]);
    const corpsQ = data(await t.call('nominations', 'queue', {}, 'corps-rev'));
    expect(corpsQ.items.map((i) => i._id)).not.toContain(a._id);
    // A battalion reviewer has no nomination level; an editor is not a reviewer at all.
    expect(data(await t.call('nominations', 'queue', {}, 'bat-rev')).items).toEqual([]);
    expect(await t.call('nominations', 'queue', {}, 'editor-1')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });
});

describe('decisions at each level', () => {
  it('detachment approves → corps approves → notice; each decision tells the nominator', async () => {
    accept('editor-1', 'decision');
    accept('editor-1', 'decision');
    accept('corps-rev', 'task');
    const n = await submitted();
    const before = t.cloud.subscriptions.messages('editor-1').length;
    expect(await writesNothing(() => t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det2-rev'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await writesNothing(() => t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'corps-rev'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await writesNothing(() => t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'bat-rev'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const d = data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev'));
    expect(d.nomination).toMatchObject({ state: 'detachment_approved', waitingFor: 'corps', level: 'detachment' });
    expect(t.cloud.subscriptions.messages('corps-rev').at(-1)).toMatchObject({ templateId: SUBSCRIBE_TEMPLATES.task.id });
    expect(await writesNothing(() => t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'other_level' } });
    expect(data(await t.call('nominations', 'queue', {}, 'corps-rev')).items.map((i) => i._id)).toContain(n._id);
    const c = data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', comment: '同意公示' }, 'corps-rev'));
    expect(c.nomination.state).toBe('in_notice');
    expect(c.nomination.noticeEndsAt).toBeGreaterThan(Date.now() + 3 * 86_400_000 - 60_000);
    const sent = t.cloud.subscriptions.messages('editor-1').slice(before);
    expect(sent.map((m) => m.data.phrase2)).toEqual(['审核通过', '审核通过']);
    expect(sent[1]!.data.thing3).toBe('同意公示');
    const notice = data(await t.call('nominations', 'notice', {}, 'anyone'));
    expect(notice.items.find((i) => i._id === n._id)).toMatchObject({ nomineeName: '天山特勤站', unitName: 'u-st全称', targetTier: 'reserve', deeds: DEEDS });
    expect(await writesNothing(() => t.call('nominations', 'decide', { id: n._id, decision: 'reject', comment: '晚了' }, 'corps-rev'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'state_changed' } });
    const audit = Object.keys(t.cloud.db.snapshot().audit ?? {}).length;
    expect(audit).toBeGreaterThan(0);
  });

  it('a return carries its reason to the nominator, who revises and starts again at the detachment', async () => {
    const n = await submitted();
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev'));
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'return', comment: '请补充2024年救援数据' }, 'corps-rev'));
    const mine = data(await t.call('nominations', 'mine', {}, 'editor-1'));
    const item = mine.items.find((i) => i._id === n._id)!;
    expect(item.state).toBe('returned');
    expect(item.timeline.map((e) => [e.event, e.level, e.comment])).toEqual([
      ['submitted', null, ''],
      ['approve', 'detachment', ''],
      ['return', 'corps', '请补充2024年救援数据'],
    ]);
    expect(await writesNothing(() => t.call('nominations', 'revise', { id: n._id, category: 'rescue', targetTier: 'major', deeds: DEEDS }, 'editor-2'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const r = data(await t.call('nominations', 'revise', { id: n._id, category: 'rescue', targetTier: 'major', deeds: `${DEEDS}2024年参与救援一百余次。` }, 'editor-1'));
    expect(r.nomination).toMatchObject({ state: 'submitted', targetTier: 'major', waitingFor: 'detachment' });
    expect(await writesNothing(() => t.call('nominations', 'revise', { id: n._id, category: 'rescue', targetTier: 'major', deeds: DEEDS }, 'editor-1'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('the detail page offers the nominator what the state allows: revise and withdraw when returned, withdraw once resubmitted, nothing once withdrawn', async () => {
    const n = await submitted();
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'return', comment: '请补充现场照片' }, 'det-rev'));
    const returned = data(await t.call('nominations', 'get', { id: n._id }, 'editor-1'));
    expect(returned).toMatchObject({ state: 'returned', mine: true, can: { revise: true, withdraw: true, decide: null } });
    expect(returned.timeline.map((e) => [e.event, e.level, e.comment])).toEqual([
      ['submitted', null, ''],
      ['return', 'detachment', '请补充现场照片'],
    ]);
    expect(returned.attachmentFiles).toEqual([{ fileId: localFileId(PHOTO), url: expect.any(String) }]);
    // The reviewer who returned it waits for the revision; the corps reviewer only looks.
    expect(data(await t.call('nominations', 'get', { id: n._id }, 'det-rev'))).toMatchObject({ mine: false, can: { revise: false, withdraw: false, decide: null }, attachmentFiles: [] });
    const kept = returned.attachmentFiles.map((f) => f.fileId);
    data(await t.call('nominations', 'revise', { id: n._id, category: 'rescue', targetTier: 'reserve', deeds: `${DEEDS}已补充现场照片。`, attachments: kept }, 'editor-1'));
    expect(data(await t.call('nominations', 'get', { id: n._id }, 'editor-1'))).toMatchObject({ state: 'submitted', attachments: [expect.any(String)], can: { revise: false, withdraw: true, decide: null } });
    expect(data(await t.call('nominations', 'get', { id: n._id }, 'det-rev')).can.decide).toBe('detachment');
    expect(data(await t.call('nominations', 'get', { id: n._id }, 'corps-rev')).can.decide).toBeNull();
    expect(await writesNothing(() => t.call('nominations', 'get', { id: n._id }, 'det2-rev'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await writesNothing(() => t.call('nominations', 'get', { id: n._id }, 'editor-2'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    data(await t.call('nominations', 'withdraw', { id: n._id }, 'editor-1'));
    expect(data(await t.call('nominations', 'get', { id: n._id }, 'editor-1'))).toMatchObject({ state: 'withdrawn', can: { revise: false, withdraw: false, decide: null } });
  });

  it('a rejection is final and its reason is shown to the nominator', async () => {
    const n = await submitted();
    expect(await writesNothing(() => t.raw('nominations', { action: 'decide', data: { id: n._id, decision: 'reject' } }, 'det-rev'))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'comment' }] } });
    data(await t.call('nominations', 'decide', { id: n._id, decision: 'reject', comment: '事迹不够突出' }, 'det-rev'));
    const item = data(await t.call('nominations', 'mine', {}, 'editor-1')).items.find((i) => i._id === n._id)!;
    expect(item).toMatchObject({ state: 'rejected', waitingFor: null });
    expect(item.timeline.at(-1)).toMatchObject({ event: 'reject', level: 'detachment', comment: '事迹不够突出' });
    expect(await writesNothing(() => t.call('nominations', 'withdraw', { id: n._id }, 'editor-1'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('the nominator may withdraw before the corps decides; unknown ids are NOT_FOUND', async () => {
    const n = await submitted();
    expect(data(await t.call('nominations', 'withdraw', { id: n._id }, 'editor-1')).nomination.state).toBe('withdrawn');
    expect(await writesNothing(() => t.call('nominations', 'decide', { id: 'nom-none', decision: 'approve' }, 'det-rev'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await writesNothing(() => t.call('nominations', 'withdraw', { id: 'nom-none' }, 'editor-1'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('two reviewers approving at once: one decision wins, the other is refused', async () => {
    const n = await submitted();
    const both = await Promise.all([
      t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev'),
      t.call('nominations', 'decide', { id: n._id, decision: 'reject', comment: '不同意' }, 'det-rev'),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(doc(n._id).timeline).toHaveLength(2);
  });
});

describe('notice, objections and enrolment', () => {
  it('after the notice without objection the new station enters the library in one step; a second run changes nothing', async () => {
    const n = await throughCorps({ nominee: { new: { kind: 'collective', name: '新入库特勤站', unitId: 'u-st' } }, targetTier: 'major' });
    expect((await runTimer()).data.enrolled).not.toContain(n._id);
    await endNotice(n._id);
    expect(await writesNothing(() => t.call('nominations', 'object', { id: n._id, text: '公示期满后才看到，提出异议。' }, 'citizen-6'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'notice_over' } });
    const run = await runTimer();
    expect(run).toMatchObject({ ok: true });
    expect(run.data.enrolled).toContain(n._id);
    const after = doc(n._id);
    expect(after.state).toBe('enrolled');
    // The new exemplar's id is fresh, not derived from the (public) nomination id.
    const exId = after.enrolledExemplarId as string;
    expect(exId).toMatch(/^ex-/);
    expect(exId).not.toBe(`ex-${n._id}`);
    const ex = t.cloud.db.findById('exemplars', exId);
    expect(ex).toMatchObject({ name: '新入库特勤站', tier: 'major', kind: 'collective', unitPath: st.path, biography: n.deeds, state: 'published' });
    const library = data(await t.call('content', 'exemplars', { tier: 'major', limit: 50 }, 'reader'));
    expect(library.items.map((i) => i._id)).toContain(exId);
    expect(data(await t.call('nominations', 'notice', {}, 'reader')).items.map((i) => i._id)).not.toContain(n._id);
    const again = await writesNothing(() => runTimer());
    expect(again.data.enrolled).not.toContain(n._id);
  });

  it('an existing exemplar changes tier on enrolment', async () => {
    const n = await throughCorps({ nominee: { exemplarId: 'ex-st' }, targetTier: 'major' });
    await endNotice(n._id);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    expect(t.cloud.db.findById('exemplars', 'ex-st')).toMatchObject({ tier: 'major' });
  });

  it('anyone may object during the notice (once); reviewers of the subtree see it, the public never does', async () => {
    const n = await throughCorps();
    expect(data(await t.call('nominations', 'object', { id: n._id, text: '该站事迹中的转移人数与实际不符。' }, 'citizen-1'))).toEqual({ received: true });
    expect(await writesNothing(() => t.call('nominations', 'object', { id: n._id, text: '该站事迹中的转移人数与实际不符。' }, 'citizen-1'))).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'objection_duplicate' } });
    expect(await writesNothing(() => t.call('nominations', 'object', { id: n._id, text: `这是${RISKY}的内容，不能保存。` }, 'citizen-2'))).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await writesNothing(() => t.call('nominations', 'object', { id: 'nom-none', text: '这是一条足够长的异议内容。' }, 'citizen-2'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await writesNothing(() => t.call('nominations', 'object', { id: n._id, text: '短' }, 'citizen-2'))).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const q = data(await t.call('nominations', 'queue', { tab: 'objections' }, 'det-rev'));
    expect(q.objections.find((o) => o.nominationId === n._id)).toMatchObject({ state: 'open', text: '该站事迹中的转移人数与实际不符。' });
    expect(q.counts.objections).toBe(q.objections.length);
    expect(data(await t.call('nominations', 'queue', { tab: 'objections' }, 'det2-rev')).objections).toEqual([]);
    expect(JSON.stringify(data(await t.call('nominations', 'notice', {}, 'reader')))).not.toContain('转移人数与实际不符');
  });

  it('an objection still open when the notice ends holds enrolment; dismissing it lets the next run enrol', async () => {
    const n = await throughCorps({ nominee: { new: { kind: 'collective', name: '有异议的站', unitId: 'u-st' } } });
    data(await t.call('nominations', 'object', { id: n._id, text: '我认为该站的事迹材料有夸大之处。' }, 'citizen-3'));
    await endNotice(n._id);
    expect((await runTimer()).data.held).toContain(n._id);
    expect(doc(n._id).state).toBe('objection_review');
    expect(await writesNothing(() => t.call('nominations', 'object', { id: n._id, text: '公示结束后再提的异议不受理。' }, 'citizen-4'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'not_in_notice' } });
    const objection = data(await t.call('nominations', 'queue', { tab: 'objections' }, 'corps-rev')).objections.find((o) => o.nominationId === n._id)!;
    expect(await writesNothing(() => t.call('nominations', 'resolveObjection', { id: objection._id, outcome: 'dismiss', comment: '经核实属实' }, 'det-rev'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const r = data(await t.call('nominations', 'resolveObjection', { id: objection._id, outcome: 'dismiss', comment: '经核实事迹属实' }, 'corps-rev'));
    expect(r).toMatchObject({ objection: { state: 'dismissed', resolution: '经核实事迹属实' }, nominationState: 'in_notice' });
    expect((await runTimer()).data.enrolled).toContain(n._id);
  });

  it('a sustained objection blocks enrolment: the nomination is rejected and no exemplar is made', async () => {
    const n = await throughCorps({ nominee: { new: { kind: 'collective', name: '异议成立的站', unitId: 'u-st' } } });
    // One acceptance is one message (the approvals above had none left to use).
    accept('editor-1', 'decision');
    data(await t.call('nominations', 'object', { id: n._id, text: '该站去年发生过责任事故，不宜入库。' }, 'citizen-5'));
    const objection = data(await t.call('nominations', 'queue', { tab: 'objections' }, 'corps-rev')).objections.find((o) => o.nominationId === n._id)!;
    const r = data(await t.call('nominations', 'resolveObjection', { id: objection._id, outcome: 'sustain', comment: '经核实异议成立' }, 'corps-rev'));
    expect(r.nominationState).toBe('rejected');
    expect(t.cloud.subscriptions.messages('editor-1').at(-1)?.data.phrase2).toBe('异议成立');
    await endNotice(n._id);
    const run = await runTimer();
    expect(run.data.enrolled).not.toContain(n._id);
    expect(doc(n._id).enrolledExemplarId).toBeNull();
    expect(stored<Exemplar>('exemplars').filter((e) => e.name === '异议成立的站')).toEqual([]);
    expect(await writesNothing(() => t.call('nominations', 'resolveObjection', { id: objection._id, outcome: 'dismiss', comment: '再处理' }, 'corps-rev'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('the timer refuses a call that carries a user identity', async () => {
    expect(await writesNothing(() => t.cloud.invoke('nomination-timer', {}, { openid: 'editor-1' }))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });
});
