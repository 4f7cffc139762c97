/**
 * Authorization of every nominations staff action with the shared matrix: each dev identity,
 * inside and outside the subtree, is allowed exactly when its grants say so, and a refusal writes
 * nothing. The review levels are exact: the detachment reviewer decides only the detachment step
 * of its own detachment's nominations, the corps reviewer only the corps step and objections —
 * an ancestor grant does not sign off for a level below it. The public actions (notice, object)
 * answer every signed-in user, and nomination-timer refuses every user's call.
 */
import type { NominationDoc, ObjectionDoc } from '@contract';
import { startTestCloud, type TestCloud } from './cloud-fixture';
import {
  DEV_MATRIX_USERS,
  describeAuthzMatrix,
  MATRIX_DEEDS,
  MATRIX_FUNCTION_ENV,
  MATRIX_ROOT,
  MATRIX_TARGETS,
  matrixUnit,
  MATRIX_NOMINATOR as NOMINATOR,
  seedMatrixWorld,
  seedNomination,
  seedObjection,
  type MatrixContext,
  type MatrixTarget,
  type StaffAction,
} from './authz-matrix';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('nominations-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

const DEEDS = MATRIX_DEEDS;

/** The caller's own nomination (revise and withdraw act on what the caller nominated). */
const own = (ctx: MatrixContext): string => ctx.caller?.openid ?? NOMINATOR;

const detachmentOf = (target: MatrixTarget) => matrixUnit(target.path[1] as string);
const corpsOf = () => matrixUnit(MATRIX_ROOT);

const form = { category: 'rescue' as const, targetTier: 'reserve' as const, deeds: DEEDS, attachments: [] };

export const NOMINATION_ACTIONS: StaffAction[] = [
  {
    name: 'nominations.submit',
    roles: ['editor'],
    writes: true,
    request: (target, { seq }) => ({
      requestKey: `mxsubmit-${seq}`,
      nominatingUnitId: target.unitId,
      nominee: { new: { kind: 'collective', name: `矩阵新站${seq}`, unitId: target.unitId } },
      ...form,
    }),
  },
  {
    name: 'nominations.revise',
    roles: ['editor'],
    writes: true,
    request: (target, ctx) => ({ id: seedNomination(ctx.t.cloud.db, target.unitId, ctx.seq, 'returned', { nominatedBy: own(ctx) })._id, ...form }),
  },
  {
    name: 'nominations.withdraw',
    roles: ['editor'],
    writes: true,
    request: (target, ctx) => ({ id: seedNomination(ctx.t.cloud.db, target.unitId, ctx.seq, 'submitted', { nominatedBy: own(ctx) })._id }),
  },
  {
    // Someone else's nomination: a reviewer of its unit subtree opens it; to anyone else it does
    // not exist (its nominator opens it too — see 'the detail page' below).
    name: 'nominations.get',
    roles: ['reviewer'],
    writes: false,
    refusal: 'NOT_FOUND',
    request: (target, { t, seq }) => ({ id: seedNomination(t.cloud.db, target.unitId, seq, 'submitted')._id }),
  },
  { name: 'nominations.queue', roles: ['reviewer'], scope: 'anywhere', writes: false, request: () => ({ tab: 'review' }) },
  { name: 'nominations.queue', label: 'objections tab', roles: ['reviewer'], scope: 'anywhere', writes: false, request: () => ({ tab: 'objections' }) },
  {
    name: 'nominations.decide',
    label: 'detachment step',
    roles: ['reviewer'],
    scope: 'exact',
    targetOf: detachmentOf,
    writes: true,
    auditAction: 'nominations.decide.approve',
    request: (target, { t, seq }) => ({ id: seedNomination(t.cloud.db, target.unitId, seq, 'submitted')._id, decision: 'approve', comment: '' }),
  },
  {
    name: 'nominations.decide',
    label: 'detachment step, return',
    roles: ['reviewer'],
    scope: 'exact',
    targetOf: detachmentOf,
    writes: true,
    auditAction: 'nominations.decide.return',
    request: (target, { t, seq }) => ({ id: seedNomination(t.cloud.db, target.unitId, seq, 'submitted')._id, decision: 'return', comment: '请补充现场照片' }),
  },
  {
    name: 'nominations.decide',
    label: 'corps step',
    roles: ['reviewer'],
    scope: 'exact',
    targetOf: corpsOf,
    writes: true,
    auditAction: 'nominations.decide.approve',
    request: (target, { t, seq }) => ({ id: seedNomination(t.cloud.db, target.unitId, seq, 'detachment_approved')._id, decision: 'approve', comment: '' }),
  },
  {
    name: 'nominations.decide',
    label: 'corps step, reject',
    roles: ['reviewer'],
    scope: 'exact',
    targetOf: corpsOf,
    writes: true,
    auditAction: 'nominations.decide.reject',
    request: (target, { t, seq }) => ({ id: seedNomination(t.cloud.db, target.unitId, seq, 'detachment_approved')._id, decision: 'reject', comment: '事迹不够典型' }),
  },
  {
    // A reviewer of the nomination's unit subtree sees the signed consent form; each view is audited.
    name: 'nominations.consentScan',
    roles: ['reviewer'],
    writes: true,
    auditAction: 'consent.view',
    request: (target, { t, seq }) => {
      const form = t.cloud.storage.put(`nominations/mx-form-${seq}.png`, Buffer.from(`signed-form-${seq}`));
      const consent = { method: 'signed_form' as const, evidence: form, recordedAt: Date.now() - 1000, recordedBy: NOMINATOR, name: `矩阵推荐人${seq}`, verifiedBy: null, verifiedAt: null };
      const nominee = { new: { kind: 'individual' as const, name: `矩阵推荐人${seq}`, unitId: target.unitId } };
      return { id: seedNomination(t.cloud.db, target.unitId, seq, 'submitted', { nominee, nomineeKind: 'individual', nomineeName: nominee.new.name, consent })._id };
    },
  },
  {
    name: 'nominations.resolveObjection',
    roles: ['reviewer'],
    scope: 'exact',
    targetOf: corpsOf,
    writes: true,
    auditAction: 'nominations.objection.dismiss',
    request: (target, { t, seq }) => ({ id: seedObjection(t.cloud.db, target.unitId, seq), outcome: 'dismiss', comment: '经核查，异议不成立' }),
  },
  {
    name: 'nominations.resolveObjection',
    label: 'sustain',
    roles: ['reviewer'],
    scope: 'exact',
    targetOf: corpsOf,
    writes: true,
    auditAction: 'nominations.objection.sustain',
    request: (target, { t, seq }) => ({ id: seedObjection(t.cloud.db, target.unitId, seq), outcome: 'sustain', comment: '经核查，异议成立' }),
  },
];

describeAuthzMatrix('nominations', () => t, NOMINATION_ACTIONS);

/** Every stored document of a collection (from the snapshot: `version:doc` per id). */
function stored<T>(collection: string): T[] {
  return Object.values(t.cloud.db.snapshot()[collection] ?? {}).map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as T);
}

let seq = 500_000;
const next = () => (seq += 1);

describe('review levels are exact', () => {
  it('the detachment reviewer cannot take the corps step of its own detachment’s nomination, nor the corps reviewer the detachment step', async () => {
    const atCorps = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'detachment_approved');
    const atDetachment = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'submitted');
    for (const [id, openid] of [
      [atCorps._id, 'dev-reviewer'],
      [atDetachment._id, 'dev-corps-reviewer'],
    ] as const) {
      const before = t.cloud.db.snapshot();
      const res = await t.call('nominations', 'decide', { id, decision: 'approve', comment: '' }, openid);
      expect([id, openid, res]).toEqual([id, openid, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) })]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('a reviewer’s queue holds exactly the nominations waiting for its level, inside its subtree', async () => {
    const inside = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'submitted');
    const outside = seedNomination(t.cloud.db, MATRIX_TARGETS.outside.unitId, next(), 'submitted');
    const corpsStep = seedNomination(t.cloud.db, MATRIX_TARGETS.outside.unitId, next(), 'detachment_approved');
    const ids = async (openid: string) => {
      const res = await t.call('nominations', 'queue', { tab: 'review' }, openid);
      if (!res.ok) throw new Error(`queue refused ${openid}: ${res.error.code}`);
      return new Set(res.data.items.map((i) => `${i._id}@${i.level}`));
    };
    const det = await ids('dev-reviewer');
    expect([det.has(`${inside._id}@detachment`), det.has(`${outside._id}@detachment`), [...det].some((k) => k.startsWith(`${corpsStep._id}@`))]).toEqual([true, false, false]);
    const corps = await ids('dev-corps-reviewer');
    expect([[...corps].some((k) => k.startsWith(`${inside._id}@`)), corps.has(`${corpsStep._id}@corps`)]).toEqual([false, true]);
  });
});

describe('my nominations are the caller’s own', () => {
  it('every identity lists exactly the nominations it made, whatever its grants', async () => {
    const mine = new Map<string, string>();
    for (const user of DEV_MATRIX_USERS) mine.set(user.openid, seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'submitted', { nominatedBy: user.openid })._id);
    for (const user of DEV_MATRIX_USERS) {
      const before = t.cloud.db.snapshot();
      const res = await t.call('nominations', 'mine', { limit: 50 }, user.openid);
      if (!res.ok) throw new Error(`mine refused ${user.openid}: ${res.error.code}`);
      const listed = res.data.items.map((i) => i._id);
      expect([user.openid, listed.includes(mine.get(user.openid) as string)]).toEqual([user.openid, true]);
      expect([user.openid, listed.filter((id) => [...mine.values()].includes(id) && id !== mine.get(user.openid))]).toEqual([user.openid, []]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('a nominator who no longer holds the editor role cannot withdraw or revise, and nothing is written', async () => {
    const withdrawn = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'submitted', { nominatedBy: 'dev-reader' });
    const returned = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'returned', { nominatedBy: 'dev-reader' });
    for (const [action, data] of [
      ['withdraw', { id: withdrawn._id }],
      ['revise', { id: returned._id, ...form }],
    ] as const) {
      const before = t.cloud.db.snapshot();
      const res = await t.raw('nominations', { action, data }, 'dev-reader');
      expect([action, res]).toEqual([action, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) })]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('nobody withdraws or revises another person’s nomination, not even the reviewers or the admin: it is NOT_FOUND to them', async () => {
    const submitted = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'submitted', { nominatedBy: 'dev-editor' });
    const returned = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'returned', { nominatedBy: 'dev-editor' });
    for (const user of DEV_MATRIX_USERS.filter((u) => u.openid !== 'dev-editor')) {
      for (const [action, data] of [
        ['withdraw', { id: submitted._id }],
        ['revise', { id: returned._id, ...form }],
      ] as const) {
        const before = t.cloud.db.snapshot();
        const res = await t.raw('nominations', { action, data }, user.openid);
        expect([user.openid, action, res]).toEqual([user.openid, action, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
        expect(t.cloud.db.snapshot()).toEqual(before);
      }
    }
  });
});

describe('the detail page (nominations.get)', () => {
  it('every identity opens its own nomination, whatever its grants now, and acts on it only while it edits for the unit', async () => {
    for (const user of DEV_MATRIX_USERS) {
      const n = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'returned', { nominatedBy: user.openid });
      const before = t.cloud.db.snapshot();
      const res = await t.call('nominations', 'get', { id: n._id }, user.openid);
      if (!res.ok) throw new Error(`get refused ${user.openid} its own nomination: ${res.error.code}`);
      const edits = user.grants.some((g) => g.role === 'editor' && MATRIX_TARGETS.inside.path.includes(g.unitId));
      expect([user.openid, res.data.mine, res.data.can]).toEqual([user.openid, true, { revise: edits, withdraw: edits, decide: null }]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('a reviewer decides only at the level the nomination waits for and only at that level’s unit; its nominator never decides', async () => {
    const atDetachment = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'submitted');
    const atCorps = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'detachment_approved');
    const own = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'submitted', { nominatedBy: 'dev-reviewer' });
    const can = async (id: string, openid: string) => {
      const res = await t.call('nominations', 'get', { id }, openid);
      if (!res.ok) throw new Error(`get refused ${openid}: ${res.error.code}`);
      return res.data.can.decide;
    };
    expect(await can(atDetachment._id, 'dev-reviewer')).toBe('detachment');
    expect(await can(atDetachment._id, 'dev-corps-reviewer')).toBeNull();
    expect(await can(atCorps._id, 'dev-reviewer')).toBeNull();
    expect(await can(atCorps._id, 'dev-corps-reviewer')).toBe('corps');
    expect(await can(own._id, 'dev-reviewer')).toBeNull();
  });

  it('only the nominator gets the attachments’ file ids (their revise form keeps them)', async () => {
    const file = t.cloud.storage.put(`nominations/mx-attachment-${next()}.png`, Buffer.from('attachment'));
    const n = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'returned', { nominatedBy: 'dev-editor', attachments: [file] });
    const mine = await t.call('nominations', 'get', { id: n._id }, 'dev-editor');
    const theirs = await t.call('nominations', 'get', { id: n._id }, 'dev-reviewer');
    if (!mine.ok || !theirs.ok) throw new Error('get refused');
    expect(mine.data.attachmentFiles).toEqual([{ fileId: file, url: expect.any(String) }]);
    expect([theirs.data.attachmentFiles, theirs.data.attachments.length]).toEqual([[], 1]);
  });

  it('an unknown or malformed id is NOT_FOUND to everyone, and nothing is written', async () => {
    for (const id of ['nom-none', '../etc', '']) {
      for (const user of DEV_MATRIX_USERS) {
        const before = t.cloud.db.snapshot();
        const res = await t.raw('nominations', { action: 'get', data: { id } }, user.openid);
        expect([id, user.openid, res]).toEqual([id, user.openid, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
        expect(t.cloud.db.snapshot()).toEqual(before);
      }
    }
  });
});

describe('public actions answer every signed-in user', () => {
  it('notice lists the nominations in 公示 to every identity and writes nothing', async () => {
    const shown = seedNomination(t.cloud.db, MATRIX_TARGETS.outside.unitId, next(), 'in_notice');
    for (const user of [...DEV_MATRIX_USERS, { openid: 'o-any-reader' }]) {
      const before = t.cloud.db.snapshot();
      const res = await t.call('nominations', 'notice', {}, user.openid);
      if (!res.ok) throw new Error(`notice refused ${user.openid}: ${res.error.code}`);
      expect([user.openid, res.data.items.some((i) => i._id === shown._id)]).toEqual([user.openid, true]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('every identity may file one objection to a nomination in 公示; it is stored as theirs', async () => {
    const nom = seedNomination(t.cloud.db, MATRIX_TARGETS.outside.unitId, next(), 'in_notice');
    const users = [...DEV_MATRIX_USERS, { openid: 'o-any-reader' }];
    for (const user of users) {
      const res = await t.call('nominations', 'object', { id: nom._id, text: '我认为该站事迹材料有夸大之处，请核实。' }, user.openid);
      expect([user.openid, res]).toEqual([user.openid, { ok: true, data: { received: true } }]);
    }
    const filed = stored<ObjectionDoc>('objections').filter((o) => o.nominationId === nom._id);
    expect(filed.map((o) => o.filedBy).sort()).toEqual(users.map((u) => u.openid).sort());
    expect((t.cloud.db.findById('nominations', nom._id) as unknown as NominationDoc).objections).toEqual({ open: users.length, sustained: 0 });
  });
});

describe('callers without a role or an identity', () => {
  it('a call without a WeChat identity is UNAUTHENTICATED for every staff action and writes nothing', async () => {
    for (const action of NOMINATION_ACTIONS) {
      const act = action.name.split('.')[1] as string;
      const req = await action.request(MATRIX_TARGETS.inside, { t, seq: next() });
      const before = t.cloud.db.snapshot();
      const res = await t.cloud.invoke('nominations', { action: act, data: req });
      expect([action.name, res]).toEqual([action.name, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('nomination-timer refuses every user’s call with PERMISSION_DENIED and writes nothing, though a notice is over; its trigger enrols it', async () => {
    const due = seedNomination(t.cloud.db, MATRIX_TARGETS.inside.unitId, next(), 'in_notice', { noticeEndsAt: Date.now() - 60_000 });
    for (const user of [...DEV_MATRIX_USERS, { openid: 'o-any-reader' }]) {
      const before = t.cloud.db.snapshot();
      const res = await t.cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' }, { openid: user.openid });
      expect([user.openid, res]).toEqual([user.openid, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) })]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
    const run = (await t.cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' })) as { ok: boolean; data: { enrolled: string[] } };
    expect(run.ok).toBe(true);
    expect(run.data.enrolled).toContain(due._id);
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
