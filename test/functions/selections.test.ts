/**
 * 岗位标兵 selections through the workboard function on the strict local cloud: a corps admin
 * opens a round with a named committee; stations put candidates forward within their
 * detachment's quota; members score independently and never see each other's scores before the
 * round closes; closing ranks by the stated tie rule; publishing makes a results campaign with
 * the winners linked to their profiles; the 工作台 counts the rounds waiting for a member.
 */
import { createHash } from 'node:crypto';
import type { Campaign, SelectionRoundView, StaffProfile, TodoView } from '@contract';
import { profileIdOf } from '../../cloudfunctions/src/domain/people';
import { rankCandidates } from '../../cloudfunctions/src/domain/selections';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { consentOf, docs, exemplar, grant, NOW, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 1);
const detB = unit('u-db', 'detachment', corps, 2);
const stB = unit('u-sb', 'station', detB, 1);

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const NAMES: Record<string, string> = { 'admin-c': '陈刚', 'm-1': '张华', 'm-2': '李明', 'm-3': '周洋', 'editor-a': '王磊', 'editor-b': '赵敏', 'm-4': '何伟' };
const profiles: StaffProfile[] = Object.entries(NAMES).map(([openid, name]) => ({ _id: profileIdOf(sha, openid), openid, name, unitId: null, updatedAt: NOW }));

const person = (id: string, at: typeof stA, name: string) => exemplar(id, at, { kind: 'individual', tier: 'reserve', name, consent: consentOf(name) });
const people = [person('e-a1', stA, '马强'), person('e-a2', stA, '古丽'), person('e-a3', stA, '艾力'), person('e-b1', stB, '刘洋'), person('e-b2', stB, '孙杰')];

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('selections', (db) => {
    db.insertMany('units', docs([corps, detA, stA, detB, stB]));
    db.insertMany(
      'roles',
      docs([
        grant('g-admin', 'admin-c', 'admin', 'u-corps'),
        grant('g-m1', 'm-1', 'reviewer', 'u-corps'),
        grant('g-m2', 'm-2', 'reviewer', 'u-da'),
        grant('g-m3', 'm-3', 'publisher', 'u-db'),
        // m-2 also edits at station A: it puts someone forward it then may not score.
        grant('g-m2e', 'm-2', 'editor', 'u-sa'),
        grant('g-ea', 'editor-a', 'editor', 'u-sa'),
        grant('g-eb', 'editor-b', 'editor', 'u-sb'),
        grant('g-gone', 'gone-1', 'reviewer', 'u-da', NOW - 1000),
        grant('g-m4', 'm-4', 'reviewer', 'u-sa'),
      ]),
    );
    db.insertMany('staff_profiles', docs(profiles));
    db.insertMany('exemplars', docs(people));
  });
});

afterAll(async () => {
  await t?.stop();
});

const CRITERIA = [
  { name: '业务能力', weight: 60, maxScore: 10 },
  { name: '群众评价', weight: 40, maxScore: 10 },
];

async function openRound(over: { quota?: number; places?: number; committee?: string[] } = {}) {
  return data(
    await t.call(
      'workboard',
      'createSelectionRound',
      { unitId: 'u-corps', category: 'rescue', period: '2025年度', criteria: CRITERIA, quota: over.quota ?? 2, places: over.places ?? 2, committee: over.committee ?? ['g-m1', 'g-m2', 'g-m3'] },
      'admin-c',
    ),
  );
}

const view = async (id: string, openid: string): Promise<SelectionRoundView> => data(await t.call('workboard', 'selectionRound', { id }, openid));
const candidateId = (v: SelectionRoundView, name: string) => v.candidates.find((c) => c.name === name)?._id as string;

describe('opening a round', () => {
  it('seats the committee by name and refuses a revoked or outside grant, or too few people', async () => {
    const card = await openRound();
    const v = await view(card._id, 'admin-c');
    expect(v.committee.map((m) => m.person.name)).toEqual(['张华', '李明', '周洋']);
    expect(v.tieRuleText).toContain('第一项评分标准');
    expect(JSON.stringify(v)).not.toMatch(/m-1|m-2|m-3/);
    const revoked = await t.call('workboard', 'createSelectionRound', { unitId: 'u-corps', category: 'law', period: '2025年度', criteria: CRITERIA, quota: 1, places: 1, committee: ['g-m1', 'g-m2', 'g-gone'] }, 'admin-c');
    expect(revoked).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'selection_committee_invalid' } });
    // The same person twice is one member.
    const twice = await t.call('workboard', 'createSelectionRound', { unitId: 'u-corps', category: 'law', period: '2025年度', criteria: CRITERIA, quota: 1, places: 1, committee: ['g-m1', 'g-m2', 'g-m2e'] }, 'admin-c');
    expect(twice).toMatchObject({ ok: false, error: { reason: 'selection_committee_invalid' } });
    // A detachment-level round cannot seat someone from another detachment.
    const outside = await t.call('workboard', 'selectionPeople', { unitId: 'u-da' }, 'admin-c');
    expect(data(outside).items.map((p) => p.person.name).sort()).toEqual(['李明', '王磊', '何伟'].sort());

    // A detachment's round takes nobody from another detachment, whoever puts them forward.
    const det = data(await t.call('workboard', 'createSelectionRound', { unitId: 'u-da', category: 'law', period: '2025年度', criteria: CRITERIA, quota: 1, places: 1, committee: ['g-m2', 'g-ea', 'g-m4'] }, 'admin-c'));
    const foreign = await t.call('workboard', 'putForward', { roundId: det._id, nominee: { exemplarId: 'e-b2' } }, 'editor-b');
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'selection_outside_round' } });
  });
});

describe('a round from put forward to published', () => {
  let id = '';

  it('takes candidates within each detachment quota and refuses one over it with a typed reason', async () => {
    id = (await openRound({ quota: 2, places: 2 }))._id;
    data(await t.call('workboard', 'putForward', { roundId: id, nominee: { exemplarId: 'e-a1' } }, 'editor-a'));
    data(await t.call('workboard', 'putForward', { roundId: id, nominee: { exemplarId: 'e-a2' } }, 'm-2'));
    const over = await t.call('workboard', 'putForward', { roundId: id, nominee: { exemplarId: 'e-a3' } }, 'editor-a');
    expect(over).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'selection_quota_full' } });
    const again = await t.call('workboard', 'putForward', { roundId: id, nominee: { exemplarId: 'e-a1' } }, 'editor-a');
    expect(again).toMatchObject({ ok: false, error: { reason: 'selection_already_candidate' } });
    // Another detachment has its own quota; a person not in a library goes forward by name.
    data(await t.call('workboard', 'putForward', { roundId: id, nominee: { exemplarId: 'e-b1' } }, 'editor-b'));
    const v = data(await t.call('workboard', 'putForward', { roundId: id, nominee: { name: '阿依古丽', unitId: 'u-sb' } }, 'editor-b'));
    expect(v.candidates.map((c) => c.name)).toEqual(['马强', '古丽', '刘洋', '阿依古丽']);
    expect(v.quotaUse).toEqual(expect.arrayContaining([expect.objectContaining({ unit: expect.objectContaining({ _id: 'u-db' }), used: 2, quota: 2 })]));
    // An editor cannot put forward someone of another station.
    const foreign = await t.call('workboard', 'putForward', { roundId: id, nominee: { exemplarId: 'e-b2' } }, 'editor-a');
    expect(foreign).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope' } });
  });

  it('lets each member score only as a member, not whom they put forward, and within each criterion maximum', async () => {
    const v = await view(id, 'm-1');
    const [ma, gu, li, ay] = ['马强', '古丽', '刘洋', '阿依古丽'].map((n) => candidateId(v, n)) as [string, string, string, string];
    const outsider = await t.call('workboard', 'scoreCandidate', { roundId: id, candidateId: ma, scores: [8, 8] }, 'editor-b');
    expect(outsider).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'selection_not_member' } });
    const own = await t.call('workboard', 'scoreCandidate', { roundId: id, candidateId: gu, scores: [8, 8] }, 'm-2');
    expect(own).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'own_work' } });
    const tooHigh = await t.call('workboard', 'scoreCandidate', { roundId: id, candidateId: ma, scores: [11, 8] }, 'm-1');
    expect(tooHigh).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'selection_score_invalid' } });

    // 马强 (8,8) and 刘洋 (10,5) tie on the total, 80: 刘洋, put forward later, is stronger on the first criterion.
    // 古丽 is scored by two members only (m-2 put her forward): her mean is over those two.
    const sheets: Record<string, Record<string, number[]>> = {
      'm-1': { [ma]: [8, 8], [gu]: [7, 7], [li]: [10, 5], [ay]: [5, 5] },
      'm-2': { [ma]: [8, 8], [li]: [10, 5], [ay]: [6, 6] },
      'm-3': { [ma]: [8, 8], [gu]: [7, 7], [li]: [10, 5], [ay]: [4, 4] },
    };
    for (const [member, sheet] of Object.entries(sheets)) {
      for (const [cand, scores] of Object.entries(sheet)) data(await t.call('workboard', 'scoreCandidate', { roundId: id, candidateId: cand, scores }, member));
    }
    // Rescoring replaces the member's earlier scores.
    data(await t.call('workboard', 'scoreCandidate', { roundId: id, candidateId: ay, scores: [5, 5] }, 'm-3'));
  });

  it('shows each member only their own scores while open, and nobody else any score', async () => {
    const m1 = await view(id, 'm-1');
    const m3 = await view(id, 'm-3');
    expect(m1.candidates.find((c) => c.name === '阿依古丽')?.myScores).toEqual([5, 5]);
    expect(m1.candidates.find((c) => c.name === '马强')?.myScores).toEqual([8, 8]);
    expect(m3.candidates.find((c) => c.name === '阿依古丽')?.myScores).toEqual([5, 5]);
    expect(m1.candidates.every((c) => c.result === null)).toBe(true);
    // m-2's distinctive 6s for 阿依古丽 appear in nobody else's answer, and the admin sees progress only.
    const admin = await view(id, 'admin-c');
    expect(admin.candidates.every((c) => c.myScores === null && c.result === null)).toBe(true);
    expect(admin.committee.map((m) => [m.person.name, m.scored])).toEqual([['张华', 4], ['李明', 3], ['周洋', 4]]);
    for (const v of [m1, m3, admin]) expect(JSON.stringify(v)).not.toContain('[6,6]');
    const m2 = await view(id, 'm-2');
    expect(m2.candidates.find((c) => c.name === '古丽')).toMatchObject({ myScores: null, mayScore: false });
    // Nor does the round list or the audit log carry a score.
    const audit = t.cloud.db.snapshot().audit ?? {};
    expect(Object.values(audit).filter((v) => v.includes('scoreCandidate') && /\[\d/.test(v))).toEqual([]);
  });

  it('waits on the 工作台 for members with candidates left, and not once they are done', async () => {
    const second = await openRound({ quota: 1, places: 1 });
    data(await t.call('workboard', 'putForward', { roundId: second._id, nominee: { exemplarId: 'e-a3' } }, 'editor-a'));
    const todo: TodoView = data(await t.call('identity', 'todo', {}, 'm-1'));
    expect(todo.counts.selection_score).toBe(1);
    expect(todo.items.filter((i) => i.kind === 'selection_score').map((i) => i.id)).toEqual([second._id]);
    // Someone on no committee has no such kind at all.
    expect(data(await t.call('identity', 'todo', {}, 'editor-b')).counts.selection_score).toBeUndefined();
    const list = data(await t.call('workboard', 'selectionRounds', {}, 'm-1'));
    expect(list.items.find((r) => r._id === second._id)).toMatchObject({ member: true, awaitingMyScores: true });
    expect(list.items.find((r) => r._id === id)).toMatchObject({ member: true, awaitingMyScores: false });
  });

  it('closes into a ranking by the stated tie rule that matches an independent count', async () => {
    const refusedEditor = await t.call('workboard', 'closeSelectionRound', { id }, 'editor-a');
    expect(refusedEditor).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const publishEarly = await t.call('workboard', 'publishSelectionRound', { id }, 'admin-c');
    expect(publishEarly).toMatchObject({ ok: false, error: { reason: 'selection_not_closed' } });
    const v = data(await t.call('workboard', 'closeSelectionRound', { id }, 'admin-c'));
    // Independent count: 刘洋 (10,5) → 60×1.0 + 40×0.5 = 80; 马强 (8,8) → 48 + 32 = 80 — the tie goes
    // to 刘洋's first criterion although 马强 was put forward first; 古丽 (7,7) → 70; 阿依古丽 (5,6,5 each) → 53.33.
    expect(v.candidates.map((c) => [c.name, c.result?.rank, c.result?.total, c.result?.winner])).toEqual([
      ['刘洋', 1, 80, true],
      ['马强', 2, 80, true],
      ['古丽', 3, 70, false],
      ['阿依古丽', 4, 53.33, false],
    ]);
    const late = await t.call('workboard', 'scoreCandidate', { roundId: id, candidateId: candidateId(v, '马强'), scores: [1, 1] }, 'm-1');
    expect(late).toMatchObject({ ok: false, error: { reason: 'selection_not_open' } });
    // After close everyone who sees the round sees the ranking, and no sheet.
    const editor = await view(id, 'editor-a');
    expect(editor.candidates[0]?.result?.rank).toBe(1);
    expect(editor.candidates.every((c) => c.myScores === null)).toBe(true);
  });

  it('publishes the results as a campaign listing the winners with their profiles, once', async () => {
    const v = data(await t.call('workboard', 'publishSelectionRound', { id }, 'admin-c'));
    expect(v.state).toBe('published');
    const campaignId = v.campaignId as string;
    const feed = data(await t.call('content', 'campaignFeed', { campaignId }));
    expect(feed.campaign.name).toBe('2025年度灭火救援尖兵评选结果');
    expect(feed.campaign.roll).toEqual([
      { rank: 1, name: '刘洋', unitName: 'u-sb全称', exemplarId: 'e-b1', total: 80 },
      { rank: 2, name: '马强', unitName: 'u-sa全称', exemplarId: 'e-a1', total: 80 },
    ]);
    // Readers find it among the campaigns although no story is filed under it yet.
    expect(data(await t.call('content', 'campaigns', {})).items.find((c) => c._id === campaignId)).toMatchObject({ storyCount: 0, roll: expect.any(Array) });
    const again = await t.call('workboard', 'publishSelectionRound', { id }, 'admin-c');
    expect(again).toMatchObject({ ok: false, error: { reason: 'selection_not_closed' } });
    const campaigns = Object.keys(t.cloud.db.snapshot().campaigns ?? {});
    expect(campaigns.filter((k) => k === campaignId)).toHaveLength(1);
    const stored = JSON.parse((t.cloud.db.snapshot().campaigns ?? {})[campaignId]?.replace(/^[^:]*:/, '') ?? '{}') as Campaign;
    expect(stored.storyCount).toBe(0);
  });
});

describe('the tie rule, as a pure rule', () => {
  const round = { criteria: CRITERIA, places: 1 };
  it('breaks an equal total by the first criterion, then by who was put forward first', () => {
    const cands = [
      { _id: 'late', putForwardAt: 2 },
      { _id: 'early', putForwardAt: 1 },
      { _id: 'first-strong', putForwardAt: 3 },
    ];
    // late and early: (7,7) = 70; first-strong: (8, 5.5) → 48 + 22 = 70, stronger on the first.
    const sheets = [{ scores: { late: [7, 7], early: [7, 7], 'first-strong': [8, 5] } }, { scores: { late: [7, 7], early: [7, 7], 'first-strong': [8, 6] } }];
    expect(rankCandidates(round, cands, sheets).map((r) => [r.candidateId, r.total, r.winner])).toEqual([
      ['first-strong', 70, true],
      ['early', 70, false],
      ['late', 70, false],
    ]);
  });
  it('names no winner nobody scored', () => {
    expect(rankCandidates(round, [{ _id: 'x', putForwardAt: 1 }], [])[0]).toMatchObject({ winner: false, sheets: 0 });
  });
});

describe('indexes', () => {
  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
