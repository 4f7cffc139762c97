/**
 * People by name through the real wx-server-sdk: a staff member's profile (given when they
 * redeem an invite, or later in 我的) is how grants, invites, the audit log and the library's
 * tier history show them; staff without one read as 未署名人员, timers as 系统, everyone else as
 * 读者 — and no answer carries an OPENID.
 */
import type { AuditEntry, TierChange } from '@contract';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { MATRIX_FUNCTION_ENV, MATRIX_ROOT, matrixUnit, seedExemplar, seedMatrixWorld } from './authz-matrix';

const RISKY = '违禁词';
const STATION = 'u-wlmq-b1-s1';
/** Every OPENID this suite acts as or seeds: none may appear as a value in any answer. */
const OPENIDS = ['dev-admin', 'dev-publisher', 'dev-editor', 'dev-reviewer', 'o-new-staff', 'o-person', 'o-second'];

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('people', seedMatrixWorld, MATRIX_FUNCTION_ENV, { secWords: [RISKY] });
});

afterAll(async () => {
  await t?.stop();
});

/** Every string value anywhere in `v` (keys excluded). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(strings);
  return [];
}

function expectNoOpenid(answer: unknown): void {
  const leaked = strings(answer).filter((s) => OPENIDS.includes(s));
  expect(leaked).toEqual([]);
}

describe('names given by staff', () => {
  it('an admin names themselves in 我的; a reader redeems an invite with their name and is named from then on', async () => {
    expect(data(await t.call('identity', 'saveProfile', { name: '王磊', unitId: MATRIX_ROOT }, 'dev-admin'))).toMatchObject({ name: '王磊', unit: { _id: MATRIX_ROOT } });
    const invite = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: STATION, validDays: 7 }, 'dev-admin'));
    data(await t.call('admin', 'redeem', { code: invite.code, name: '李娜' }, 'o-new-staff'));
    const me = data(await t.call('identity', 'me', {}, 'o-new-staff'));
    expect(me.profile).toEqual({ name: '李娜', unit: matrixUnitRef(STATION) });
    expectNoOpenid(me);

    const invites = data(await t.call('admin', 'listInvites', { unitId: STATION }, 'dev-admin'));
    const redeemed = invites.items.find((i) => i._id === invite._id);
    expect(redeemed?.redeemedBy).toEqual({ name: '李娜', unit: matrixUnitRef(STATION) });
    expectNoOpenid(invites);
  });

  it('grants show their holder by name; staff who have not given a name read as 未署名人员 with their unit', async () => {
    const grants = data(await t.call('admin', 'listGrants', { unitId: STATION, limit: 50 }, 'dev-admin'));
    const byRole = new Map(grants.items.map((g) => [`${g.role}@${g.unit._id}:${g.holder.name}`, g]));
    expect(byRole.has(`editor@${STATION}:李娜`)).toBe(true);
    // dev-editor gave a name (the demo seed's profile); mx-det-admin, at Urumqi, never did.
    expect(grants.items.find((g) => g._id === 'rg-dev-editor')?.holder).toEqual({ name: '王磊', unit: matrixUnitRef(STATION) });
    const unnamed = data(await t.call('admin', 'listGrants', { unitId: 'u-wlmq', limit: 50 }, 'dev-admin'));
    expect(unnamed.items.find((g) => g._id === 'rg-mx-det-admin')?.holder).toEqual({ name: '未署名人员', unit: matrixUnitRef('u-wlmq') });
    expectNoOpenid(grants);
  });

  it('redeeming with a name keeps the unit of an existing profile', async () => {
    data(await t.call('identity', 'saveProfile', { name: '周洋', unitId: MATRIX_ROOT }, 'dev-publisher'));
    const invite = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: STATION, validDays: 7 }, 'dev-admin'));
    data(await t.call('admin', 'redeem', { code: invite.code, name: '周洋洋' }, 'dev-publisher'));
    expect(data(await t.call('identity', 'me', {}, 'dev-publisher')).profile).toEqual({ name: '周洋洋', unit: matrixUnitRef(MATRIX_ROOT) });
  });

  it('a risky name refuses the redeem: the invite stays open and nobody becomes staff', async () => {
    const invite = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: STATION, validDays: 7 }, 'dev-admin'));
    const res = await t.call('admin', 'redeem', { code: invite.code, name: `李${RISKY}` }, 'o-second');
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', reason: 'content_risky' } });
    expect(data(await t.call('identity', 'me', {}, 'o-second')).reader).toBe(true);
    const listed = data(await t.call('admin', 'listInvites', { unitId: STATION }, 'dev-admin'));
    expect(listed.items.find((i) => i._id === invite._id)?.status).toBe('open');
  });
});

describe('the library history and the audit log', () => {
  it('tier history names the publisher who decided, and 系统 for an enrolment after a notice', async () => {
    const exemplarId = seedExemplar(t.cloud.db, STATION, 71_001);
    const enrolled: TierChange = {
      _id: 'tc-people-enrol',
      exemplarId,
      exemplarName: '矩阵典型71001',
      unitId: STATION,
      unitPath: matrixUnit(STATION).path,
      kind: 'enrol',
      from: null,
      to: 'reserve',
      reason: '推荐公示期满',
      actor: 'nomination-timer',
      at: Date.now() - 60_000,
      nextReviewAt: Date.now() + 86_400_000,
    };
    t.cloud.db.insertMany('tier_changes', [enrolled as unknown as Record<string, unknown>]);
    const changed = data(await t.call('library', 'changeTier', { exemplarId, change: 'promote', reason: '事迹突出' }, 'dev-publisher'));
    expect(changed.change.actor).toEqual({ name: '周洋洋', unit: matrixUnitRef(MATRIX_ROOT) });
    const history = data(await t.call('library', 'history', { exemplarId }, 'dev-publisher'));
    expect(history.items.map((h) => [h.kind, h.actor.name])).toEqual([
      ['promote', '周洋洋'],
      ['enrol', '系统'],
    ]);
    expectNoOpenid(history);
  });

  it('the audit log names actors and subjects; details show units and people by name; no OPENID anywhere', async () => {
    // Entries other actors write: the image check (a timer) and a person confirming their consent (a reader).
    const seeded: AuditEntry[] = [
      { _id: 'au-people-file', actor: 'media-check', action: 'file.removed', subject: { kind: 'file', id: 'f-people' }, before: { check: 'pending' }, after: { check: 'risky', owner: 'dev-editor', purpose: 'story' }, at: Date.now() - 1000 },
      { _id: 'au-people-consent', actor: 'o-person', action: 'consent.confirm', subject: { kind: 'exemplar', id: 'ex-none' }, before: null, after: { method: 'in_app', name: '古丽' }, at: Date.now() - 900 },
    ];
    t.cloud.db.insertMany('audit', seeded as unknown as Record<string, unknown>[]);
    // An admin revokes 李娜's grant: the entry names the holder, not the OPENID.
    const grants = data(await t.call('admin', 'listGrants', { unitId: STATION, limit: 50 }, 'dev-admin'));
    const lina = grants.items.find((g) => g.holder.name === '李娜');
    data(await t.call('admin', 'revokeGrant', { grantId: lina?._id as string }, 'dev-admin'));

    const log = data(await t.call('admin', 'auditLog', { limit: 50 }, 'dev-admin'));
    const entry = (action: string) => log.items.find((e) => e.action === action);
    expect(entry('admin.createInvite')).toMatchObject({ actor: { name: '王磊' }, subjectLabel: '天山区特勤站 宣传员' });
    const redeems = log.items.filter((e) => e.action === 'admin.redeem');
    expect(redeems.map((e) => [e.actor.name, e.actor.unit?._id, e.subjectLabel])).toEqual([
      ['周洋洋', MATRIX_ROOT, '天山区特勤站 宣传员'],
      ['李娜', STATION, '天山区特勤站 宣传员'],
    ]);
    expect(entry('admin.revokeGrant')).toMatchObject({ actor: { name: '王磊' }, subjectLabel: '李娜（天山区特勤站 宣传员）' });
    expect(entry('admin.revokeGrant')?.after).toEqual({ role: 'editor', unitId: '天山区特勤消防救援站', revokedAt: expect.any(Number) });
    expect(entry('library.promote')).toMatchObject({ actor: { name: '周洋洋' }, subjectLabel: '矩阵典型71001' });
    expect(entry('identity.saveProfile')).toMatchObject({ actor: { name: expect.any(String) }, subjectLabel: null });
    expect(entry('file.removed')).toMatchObject({ actor: { name: '系统', unit: null }, after: { check: 'risky', owner: '王磊', purpose: 'story' } });
    expect(entry('consent.confirm')).toMatchObject({ actor: { name: '读者', unit: null }, subjectLabel: '古丽' });
    expectNoOpenid(log);
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});

function matrixUnitRef(unitId: string) {
  return expect.objectContaining({ _id: unitId, name: expect.any(String), shortName: expect.any(String) });
}
