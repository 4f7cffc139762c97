/** admin through the real wx-server-sdk: invites and redeeming, grants, the audit log, the unit tree, campaigns. */
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import type { NominationDoc, ObjectionDoc, StoryRevision } from '@contract';
import { MATRIX_FUNCTION_ENV, seedGrant, seedInvite, seedMatrixWorld, seedNomination, seedObjection, seedStation } from './authz-matrix';
import { DEV_USERS } from '../../emulator/seed';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('admin', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

type Refusal = { ok: false; error: { code: string; reason?: string; message: string; fields?: { path: string; message: string; reason?: string }[] } };

/** Runs `fn` and asserts the call answered `code` and left every collection exactly as it was. */
async function refusedWithoutWrites(code: string, fn: () => Promise<unknown>): Promise<Refusal> {
  const before = t.cloud.db.snapshot();
  const res = (await fn()) as Refusal;
  expect(res).toMatchObject({ ok: false, error: { code } });
  expect(t.cloud.db.snapshot()).toEqual(before);
  return res;
}

/** Every collection but the rate limit windows. */
function withoutCounters(): Record<string, Record<string, string>> {
  const { rate_limits: _counted, ...rest } = t.cloud.db.snapshot();
  return rest;
}

/** A refused redeem: it answered `code` and wrote nothing but its attempt counter (issue 8: attempts are limited). */
async function redeemRefused(code: string, fn: () => Promise<unknown>): Promise<Refusal> {
  const before = withoutCounters();
  const res = (await fn()) as Refusal;
  expect(res).toMatchObject({ ok: false, error: { code } });
  expect(withoutCounters()).toEqual(before);
  return res;
}

describe('invites', () => {
  it('an admin creates an invite, a reader redeems it and from then on holds the role', async () => {
    const invite = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-wlmq-b1-s2', validDays: 7 }, 'dev-admin'));
    expect(invite).toMatchObject({ role: 'editor', status: 'open', unit: { _id: 'u-wlmq-b1-s2', level: 'station' }, redeemedBy: null });
    expect(invite.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(invite.expiresAt - invite.createdAt).toBe(7 * 86_400_000);

    expect(data(await t.call('identity', 'me', {}, 'o-new-editor')).reader).toBe(true);
    // Typed the way people type: lower case with spaces around.
    const role = data(await t.call('admin', 'redeem', { code: ` ${invite.code.toLowerCase()} ` }, 'o-new-editor'));
    expect(role).toMatchObject({ role: 'editor', unit: { _id: 'u-wlmq-b1-s2' } });
    const me = data(await t.call('identity', 'me', {}, 'o-new-editor'));
    expect(me.reader).toBe(false);
    expect(me.roles.map((r) => [r.role, r.unit._id])).toEqual([['editor', 'u-wlmq-b1-s2']]);

    const listed = data(await t.call('admin', 'listInvites', { unitId: 'u-wlmq-b1-s2' }, 'dev-admin'));
    // Redeemed without giving a name: a staff member without a profile, at the invite's unit.
    expect(listed.items[0]).toMatchObject({ _id: invite._id, status: 'redeemed', redeemedBy: { name: '未署名人员', unit: { _id: 'u-wlmq-b1-s2' } } });
  });

  it('a replayed redeem answers CONFLICT (used) and writes nothing, for the redeemer and for anyone else', async () => {
    const invite = data(await t.call('admin', 'createInvite', { role: 'reviewer', unitId: 'u-wlmq', validDays: 1 }, 'dev-admin'));
    data(await t.call('admin', 'redeem', { code: invite.code }, 'o-first'));
    const again = await redeemRefused('CONFLICT', () => t.call('admin', 'redeem', { code: invite.code }, 'o-first'));
    expect(again.error.reason).toBe('invite_used');
    expect(again.error.fields).toEqual([{ path: 'code', message: 'used', reason: 'invite_used' }]);
    await redeemRefused('CONFLICT', () => t.call('admin', 'redeem', { code: invite.code }, 'o-second'));
    expect(data(await t.call('identity', 'me', {}, 'o-second')).roles).toEqual([]);
  });

  it('two people racing for one code: exactly one becomes staff', async () => {
    const invite = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-wlmq-b1-s1', validDays: 1 }, 'dev-admin'));
    const results = await Promise.all(['o-race-a', 'o-race-b', 'o-race-c'].map((o) => t.call('admin', 'redeem', { code: invite.code }, o)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.code))).toEqual(['CONFLICT', 'CONFLICT']);
    const grants = Object.keys(t.cloud.db.snapshot().roles ?? {}).filter((id) => id === `rg-${invite._id}`);
    expect(grants).toHaveLength(1);
  });

  it('an expired, a revoked and an unknown code are refused with their reason and nothing written', async () => {
    const expired = seedInvite(t.cloud.db, 'u-wlmq-b1-s1', 90_001, { expiresAt: Date.now() - 1 });
    const res = await redeemRefused('FAILED_PRECONDITION', () => t.call('admin', 'redeem', { code: expired.code }, 'o-late'));
    expect(res.error.reason).toBe('invite_expired');
    expect(res.error.fields).toEqual([{ path: 'code', message: 'expired', reason: 'invite_expired' }]);

    const open = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-wlmq-b1-s1', validDays: 3 }, 'dev-admin'));
    const revoked = data(await t.call('admin', 'revokeInvite', { inviteId: open._id }, 'dev-admin'));
    expect(revoked.status).toBe('revoked');
    const r2 = await redeemRefused('FAILED_PRECONDITION', () => t.call('admin', 'redeem', { code: open.code }, 'o-late'));
    expect(r2.error.reason).toBe('invite_revoked');
    expect(r2.error.fields).toEqual([{ path: 'code', message: 'revoked', reason: 'invite_revoked' }]);
    // Revoking twice is refused too: the first revoke settled it.
    const twice = await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('admin', 'revokeInvite', { inviteId: open._id }, 'dev-admin'));
    expect(twice.error.fields).toEqual([{ path: 'inviteId', message: 'revoked', reason: 'invite_revoked' }]);

    const unknown = await redeemRefused('NOT_FOUND', () => t.call('admin', 'redeem', { code: 'ZZZZZZZZ' }, 'o-late'));
    expect(unknown.error.fields).toEqual([{ path: 'code', message: 'unknown', reason: 'invite_unknown' }]);
    const noInvite = await refusedWithoutWrites('NOT_FOUND', () => t.call('admin', 'revokeInvite', { inviteId: 'inv-nope' }, 'dev-admin'));
    expect(noInvite.error.reason).toBe('invite_unknown');
    expect(data(await t.call('identity', 'me', {}, 'o-late')).reader).toBe(true);
  });

  it('bad input is INVALID_ARGUMENT with the field named, and nothing written', async () => {
    const cases: [string, unknown][] = [
      ['createInvite', { role: 'overlord', unitId: 'u-wlmq', validDays: 7 }],
      ['createInvite', { role: 'editor', unitId: 'u-wlmq', validDays: 31 }],
      ['createInvite', { role: 'editor', unitId: 'u-wlmq', validDays: '7' }],
      ['createInvite', { role: 'editor', unitId: 'u wlmq!', validDays: 7 }],
      ['createInvite', { role: 'editor', unitId: 'u-wlmq', validDays: 7, openid: 'dev-admin' }],
      ['redeem', { code: 'O0O0O0O0' }],
      ['redeem', { code: 12345678 }],
      ['addUnit', { parentId: 'u-wlmq-b1', name: '站'.repeat(41), shortName: '新站' }],
      ['addUnit', { parentId: 'u-wlmq-b1', name: '   ', shortName: '新站' }],
      ['saveCampaign', { name: '专题', slug: 'Bad Slug', description: '简介', order: 1 }],
      ['listInvites', { cursor: 'not-a-cursor' }],
    ];
    for (const [action, payload] of cases) {
      const res = await refusedWithoutWrites('INVALID_ARGUMENT', () => t.raw('admin', { action, data: payload }, 'dev-admin'));
      expect(res.error.fields?.length).toBeGreaterThan(0);
    }
  });

  it('a detachment admin cannot invite into another detachment: PERMISSION_DENIED, nothing written', async () => {
    await refusedWithoutWrites('PERMISSION_DENIED', () => t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-klmy-b1-s1', validDays: 7 }, 'mx-det-admin'));
    const inside = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-wlmq-b2-s1', validDays: 7 }, 'mx-det-admin'));
    expect(inside.unit._id).toBe('u-wlmq-b2-s1');
  });

  it('lists invites of the subtree newest first, in keyset pages', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-hm-b1-s1', validDays: 2 }, 'dev-admin')));
    const p1 = data(await t.call('admin', 'listInvites', { unitId: 'u-hm', limit: 2 }, 'dev-admin'));
    expect(p1.next).not.toBeNull();
    const p2 = data(await t.call('admin', 'listInvites', { unitId: 'u-hm', limit: 2, cursor: p1.next }, 'dev-admin'));
    const ids = [...p1.items, ...p2.items].map((i) => i._id);
    expect(new Set(ids)).toEqual(new Set(made.map((m) => m._id)));
    const created = [...p1.items, ...p2.items].map((i) => i.createdAt);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    // Invites of other detachments stay out of this list.
    expect([...p1.items, ...p2.items].every((i) => i.unit._id.startsWith('u-hm'))).toBe(true);
  });
});

describe('grants', () => {
  it('a detachment admin lists only its subtree’s grants; revoking one takes the role away', async () => {
    const grantId = seedGrant(t.cloud.db, 'u-wlmq-b3-s1', 90_100, { openid: 'o-to-revoke' });
    const list = data(await t.call('admin', 'listGrants', { limit: 50 }, 'mx-det-admin'));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((g) => g.unit._id.startsWith('u-wlmq'))).toBe(true);
    expect(list.items.some((g) => g._id === grantId)).toBe(true);
    expect(JSON.stringify(list)).not.toContain('o-to-revoke');

    expect(data(await t.call('identity', 'me', {}, 'o-to-revoke')).reader).toBe(false);
    const revoked = data(await t.call('admin', 'revokeGrant', { grantId }, 'mx-det-admin'));
    expect(revoked).toMatchObject({ _id: grantId, role: 'editor' });
    expect(data(await t.call('identity', 'me', {}, 'o-to-revoke')).reader).toBe(true);
    const again = await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('admin', 'revokeGrant', { grantId }, 'mx-det-admin'));
    expect(again.error.fields).toEqual([{ path: 'grantId', message: 'revoked', reason: 'grant_already_revoked' }]);
    const after = data(await t.call('admin', 'listGrants', { limit: 50 }, 'mx-det-admin'));
    expect(after.items.some((g) => g._id === grantId)).toBe(false);
  });

  it('an admin cannot revoke their own admin grant, and cannot touch grants outside their subtree', async () => {
    const own = await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('admin', 'revokeGrant', { grantId: 'rg-mx-det-admin' }, 'mx-det-admin'));
    expect(own.error.fields).toEqual([{ path: 'grantId', message: 'self', reason: 'grant_self' }]);
    await refusedWithoutWrites('PERMISSION_DENIED', () => t.call('admin', 'revokeGrant', { grantId: 'rg-dev-publisher' }, 'mx-det-admin'));
    await refusedWithoutWrites('NOT_FOUND', () => t.call('admin', 'revokeGrant', { grantId: 'rg-none' }, 'mx-det-admin'));
  });
});

describe('audit log', () => {
  it('corps admins read every staff action newest first with names, never OPENIDs, in keyset pages', async () => {
    const p1 = data(await t.call('admin', 'auditLog', { limit: 3 }, 'dev-admin'));
    expect(p1.items).toHaveLength(3);
    const p2 = data(await t.call('admin', 'auditLog', { limit: 3, cursor: p1.next }, 'dev-admin'));
    const all = [...p1.items, ...p2.items];
    expect(new Set(all.map((e) => e._id)).size).toBe(all.length);
    const at = all.map((e) => e.at);
    expect([...at].sort((a, b) => b - a)).toEqual(at);
    const text = JSON.stringify(all);
    expect(text).not.toMatch(/"(dev-admin|mx-det-admin|o-[a-z-]+)"/);
    // Staff read by the name they gave (the demo seed names the dev users), else 未署名人员.
    const named = new Set(DEV_USERS.flatMap((u) => (u.name ? [u.name] : [])));
    expect(all.every((e) => e.actor.name === '未署名人员' || named.has(e.actor.name))).toBe(true);
    expect(all.some((e) => e.actor.name === '陈刚')).toBe(true);
  });

  it('a detachment admin may not read the corps-wide log', async () => {
    await refusedWithoutWrites('PERMISSION_DENIED', () => t.call('admin', 'auditLog', {}, 'mx-det-admin'));
  });
});

describe('unit tree', () => {
  it('adds a station under a battalion and renames it; the library sees the new name', async () => {
    const st = data(await t.call('admin', 'addUnit', { parentId: 'u-tlf-b1', name: '高昌区新城消防救援站', shortName: '新城站' }, 'dev-admin'));
    expect(st).toMatchObject({ level: 'station', parentId: 'u-tlf-b1', name: '高昌区新城消防救援站' });
    // A server-made id nobody can predict (96 random bits).
    expect(st._id).toMatch(/^u-[0-9a-z]+-[0-9a-f]{24}$/);
    const renamed = data(await t.call('admin', 'renameUnit', { unitId: st._id, name: '高昌区新城路消防救援站', shortName: '新城路站' }, 'dev-admin'));
    expect(renamed.shortName).toBe('新城路站');
    const units = data(await t.call('content', 'units', {}, 'dev-reader'));
    expect(units.items.find((u) => u._id === st._id)).toMatchObject({ shortName: '新城路站', parentId: 'u-tlf-b1' });
    const under = await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('admin', 'addUnit', { parentId: st._id, name: '子单位', shortName: '子' }, 'dev-admin'));
    expect(under.error.reason).toBe('unit_no_sub_units');
  });

  it('moving a battalion to another detachment rewrites the subtree’s paths and every unitPath copy', async () => {
    const before = t.cloud.db.snapshot();
    const exemplarsUnder = Object.values(before.exemplars ?? {}).filter((v) => v.includes('"u-wlmq-b2"')).length;
    const storiesUnder = Object.values(before.stories ?? {}).filter((v) => v.includes('"u-wlmq-b2"')).length;
    const moved = data(await t.call('admin', 'moveUnit', { unitId: 'u-wlmq-b2', parentId: 'u-klmy' }, 'dev-admin'));
    expect(moved).toMatchObject({ unit: { _id: 'u-wlmq-b2', parentId: 'u-klmy' }, units: 3, exemplars: exemplarsUnder, stories: storiesUnder });
    expect(t.cloud.db.findById('units', 'u-wlmq-b2-s1')).toMatchObject({ path: ['u-xj', 'u-klmy', 'u-wlmq-b2', 'u-wlmq-b2-s1'] });
    const after = t.cloud.db.snapshot();
    for (const coll of ['exemplars', 'stories', 'invites'] as const) {
      for (const raw of Object.values(after[coll] ?? {})) {
        const doc = JSON.parse(raw.slice(raw.indexOf(':') + 1)) as { unitId: string; unitPath: string[] };
        if (doc.unitPath.includes('u-wlmq-b2')) expect([coll, doc.unitPath.slice(0, 3)]).toEqual([coll, ['u-xj', 'u-klmy', 'u-wlmq-b2']]);
      }
    }
    // The Urumqi detachment admin no longer administers the moved battalion.
    await refusedWithoutWrites('PERMISSION_DENIED', () => t.call('admin', 'renameUnit', { unitId: 'u-wlmq-b2-s1', name: '改名', shortName: '改名' }, 'mx-det-admin'));
    // Move it back: the tree is as before.
    data(await t.call('admin', 'moveUnit', { unitId: 'u-wlmq-b2', parentId: 'u-wlmq' }, 'dev-admin'));
    expect(t.cloud.db.findById('units', 'u-wlmq-b2-s1')).toMatchObject({ path: ['u-xj', 'u-wlmq', 'u-wlmq-b2', 'u-wlmq-b2-s1'] });
  });

  it('a moved station takes its nominations and objections along: the new detachment’s reviewer queues and decides them, the old one no longer can', async () => {
    const st = seedStation(t.cloud.db, 'u-wlmq-b1', 910_001);
    seedGrant(t.cloud.db, 'u-klmy', 910_002, { role: 'reviewer', openid: 'mx-klmy-reviewer' });
    const waiting = seedNomination(t.cloud.db, st.unitId, 910_003, 'submitted');
    const objectionId = seedObjection(t.cloud.db, st.unitId, 910_004);
    const sibling = seedNomination(t.cloud.db, 'u-wlmq-b1-s2', 910_005, 'submitted');
    const queued = async (openid: string) => {
      const [review, objections] = [data(await t.call('nominations', 'queue', { tab: 'review' }, openid)), data(await t.call('nominations', 'queue', { tab: 'objections' }, openid))];
      return { review: review.items.map((i) => i._id), objections: objections.objections.map((o) => o._id) };
    };
    const beforeOld = await queued('dev-reviewer');
    const beforeNew = await queued('mx-klmy-reviewer');
    expect([beforeOld.review.includes(waiting._id), beforeOld.objections.includes(objectionId)]).toEqual([true, true]);
    expect([beforeNew.review.includes(waiting._id), beforeNew.objections.includes(objectionId)]).toEqual([false, false]);

    data(await t.call('admin', 'moveUnit', { unitId: st.unitId, parentId: 'u-klmy-b1' }, 'dev-admin'));
    const newPath = ['u-xj', 'u-klmy', 'u-klmy-b1', st.unitId];
    expect((t.cloud.db.findById('nominations', waiting._id) as unknown as NominationDoc).unitPath).toEqual(newPath);
    expect((t.cloud.db.findById('objections', objectionId) as unknown as ObjectionDoc).unitPath).toEqual(newPath);
    // The sibling station did not move: its nomination keeps its path.
    expect((t.cloud.db.findById('nominations', sibling._id) as unknown as NominationDoc).unitPath).toEqual(sibling.unitPath);

    const afterOld = await queued('dev-reviewer');
    const afterNew = await queued('mx-klmy-reviewer');
    expect([afterOld.review.includes(waiting._id), afterOld.objections.includes(objectionId), afterOld.review.includes(sibling._id)]).toEqual([false, false, true]);
    expect([afterNew.review.includes(waiting._id), afterNew.objections.includes(objectionId)]).toEqual([true, true]);
    await refusedWithoutWrites('PERMISSION_DENIED', () => t.call('nominations', 'decide', { id: waiting._id, decision: 'approve', comment: '' }, 'dev-reviewer'));
    expect(data(await t.call('nominations', 'decide', { id: waiting._id, decision: 'approve', comment: '' }, 'mx-klmy-reviewer')).nomination.state).toBe('detachment_approved');
  });

  it('a moved station takes its pending story revision along: the new detachment’s reviewer queues it, the old one neither sees nor approves it', async () => {
    const st = seedStation(t.cloud.db, 'u-wlmq-b1', 910_021);
    seedGrant(t.cloud.db, 'u-klmy', 910_022, { role: 'reviewer', openid: 'mx-klmy-story-reviewer' });
    const rev: StoryRevision = {
      _id: 'mx-moved-story',
      revision: 1,
      version: 1,
      title: '搬迁站的事迹',
      summary: '',
      cover: null,
      campaignId: null,
      exemplarIds: [],
      unitId: st.unitId,
      unitPath: st.path,
      author: '宣传员',
      authorOpenid: 'mx-station-editor',
      markdown: '正文',
      blocks: [{ type: 'paragraph', spans: [{ text: '正文' }] }],
      state: 'in_review',
      secCheck: 'pass',
      history: [{ action: 'submit', by: 'mx-station-editor', at: Date.now() - 1000, comment: '' }],
      submittedAt: Date.now() - 1000,
      createdAt: Date.now() - 2000,
      updatedAt: Date.now() - 1000,
    };
    t.cloud.db.insertMany('story_revisions', [rev as unknown as Record<string, unknown>]);
    const queued = async (openid: string) => data(await t.call('authoring', 'reviewQueue', {}, openid)).items.map((i) => i.storyId);
    expect([(await queued('dev-reviewer')).includes(rev._id), (await queued('mx-klmy-story-reviewer')).includes(rev._id)]).toEqual([true, false]);

    data(await t.call('admin', 'moveUnit', { unitId: st.unitId, parentId: 'u-klmy-b1' }, 'dev-admin'));
    expect((t.cloud.db.findById('story_revisions', rev._id) as unknown as StoryRevision).unitPath).toEqual(['u-xj', 'u-klmy', 'u-klmy-b1', st.unitId]);
    expect([(await queued('dev-reviewer')).includes(rev._id), (await queued('mx-klmy-story-reviewer')).includes(rev._id)]).toEqual([false, true]);
    await refusedWithoutWrites('PERMISSION_DENIED', () => t.call('authoring', 'review', { storyId: rev._id, version: 1, decision: 'approve', comment: '' }, 'dev-reviewer'));
  });

  it('moving a battalion rewrites the nominations and objections of the battalion and of its stations, each to its own unit’s path', async () => {
    const atBattalion = seedNomination(t.cloud.db, 'u-wlmq-b2', 910_011, 'submitted');
    const atStation = seedNomination(t.cloud.db, 'u-wlmq-b2-s1', 910_012, 'returned');
    const objectionId = seedObjection(t.cloud.db, 'u-wlmq-b2-s1', 910_013);
    data(await t.call('admin', 'moveUnit', { unitId: 'u-wlmq-b2', parentId: 'u-klmy' }, 'dev-admin'));
    const pathOf = (coll: 'nominations' | 'objections', id: string) => (t.cloud.db.findById(coll, id) as unknown as { unitPath: string[] }).unitPath;
    expect(pathOf('nominations', atBattalion._id)).toEqual(['u-xj', 'u-klmy', 'u-wlmq-b2']);
    expect(pathOf('nominations', atStation._id)).toEqual(['u-xj', 'u-klmy', 'u-wlmq-b2', 'u-wlmq-b2-s1']);
    expect(pathOf('objections', objectionId)).toEqual(['u-xj', 'u-klmy', 'u-wlmq-b2', 'u-wlmq-b2-s1']);
    const entries = Object.values(t.cloud.db.snapshot().audit ?? {}).map((raw) => JSON.parse(raw.slice(raw.indexOf(':') + 1)) as { action: string; at: number; after: { nominations?: number } });
    const last = entries.filter((e) => e.action === 'admin.moveUnit').sort((a, b) => a.at - b.at).pop();
    expect(last?.after.nominations).toBe(3);
    data(await t.call('admin', 'moveUnit', { unitId: 'u-wlmq-b2', parentId: 'u-wlmq' }, 'dev-admin'));
    expect(pathOf('nominations', atStation._id)).toEqual(['u-xj', 'u-wlmq', 'u-wlmq-b2', 'u-wlmq-b2-s1']);
    expect(pathOf('objections', objectionId)).toEqual(['u-xj', 'u-wlmq', 'u-wlmq-b2', 'u-wlmq-b2-s1']);
  });

  it('refuses a move into its own subtree or under the wrong level, writing nothing', async () => {
    for (const [unitId, parentId] of [
      ['u-wlmq', 'u-wlmq-b1'],
      ['u-wlmq-b1-s1', 'u-klmy'],
    ]) {
      const res = await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('admin', 'moveUnit', { unitId: unitId as string, parentId: parentId as string }, 'dev-admin'));
      expect(res.error.fields).toEqual([{ path: 'parentId', message: expect.any(String), reason: 'unit_move_invalid' }]);
    }
    await refusedWithoutWrites('NOT_FOUND', () => t.call('admin', 'moveUnit', { unitId: 'u-nowhere', parentId: 'u-klmy' }, 'dev-admin'));
  });
});

describe('campaigns', () => {
  it('creates and edits a campaign; readers do not see it before it has a published story; a taken slug is a CONFLICT', async () => {
    const made = data(await t.call('admin', 'saveCampaign', { name: '蓝焰新春', slug: 'lanyan-2025', description: '新春专题', order: 9 }, 'dev-admin'));
    expect(made).toMatchObject({ name: '蓝焰新春', storyCount: 0, cover: null });
    const edited = data(await t.call('admin', 'saveCampaign', { id: made._id, name: '蓝焰新春·2025', slug: 'lanyan-2025', description: '新春专题', order: 9 }, 'dev-admin'));
    expect(edited.name).toBe('蓝焰新春·2025');
    const managed = data(await t.call('admin', 'listCampaigns', {}, 'dev-admin'));
    expect(managed.items.find((c) => c._id === made._id)).toEqual({ _id: made._id, name: '蓝焰新春·2025', slug: 'lanyan-2025', description: '新春专题', order: 9, storyCount: 0, cover: null, startedAt: made.startedAt, endsAt: null, archived: false });
    const orders = managed.items.map((c) => c.order);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    // An empty campaign would open on nothing: readers see it once a story is published under it.
    const list = data(await t.call('content', 'campaigns', {}, 'dev-reader'));
    expect(list.items.find((c) => c._id === made._id)).toBeUndefined();
    const taken = await refusedWithoutWrites('CONFLICT', () => t.call('admin', 'saveCampaign', { name: '别的', slug: 'lanyan-2025', description: '重复', order: 10 }, 'dev-admin'));
    expect(taken.error.fields).toEqual([{ path: 'slug', message: 'taken', reason: 'slug_taken' }]);
    await refusedWithoutWrites('NOT_FOUND', () => t.call('admin', 'saveCampaign', { id: 'camp-none', name: '别的', slug: 'other-slug', description: '无', order: 10 }, 'dev-admin'));
  });
});

describe('audit of every change', () => {
  it('each successful change above left one audit entry with before/after', () => {
    const entries = Object.values(t.cloud.db.snapshot().audit ?? {}).map((raw) => JSON.parse(raw.slice(raw.indexOf(':') + 1)) as { action: string; before: unknown; after: unknown });
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['admin.createInvite', 'admin.redeem', 'admin.revokeInvite', 'admin.revokeGrant', 'admin.addUnit', 'admin.renameUnit', 'admin.moveUnit', 'admin.saveCampaign']) {
      expect([a, actions.has(a)]).toEqual([a, true]);
    }
    const rename = entries.find((e) => e.action === 'admin.renameUnit');
    expect(rename?.before).toMatchObject({ shortName: '新城站' });
    expect(rename?.after).toMatchObject({ shortName: '新城路站' });
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
