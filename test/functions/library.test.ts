/** library through the real wx-server-sdk: tier decisions with their history, overdue reviews. */
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { MATRIX_FUNCTION_ENV, seedExemplar, seedMatrixWorld } from './authz-matrix';

const DAY = 86_400_000;
let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('library', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

async function refusedWithoutWrites(code: string, fn: () => Promise<unknown>) {
  const before = t.cloud.db.snapshot();
  const res = (await fn()) as { ok: false; error: { code: string; fields?: { path: string; message: string; reason?: string }[] } };
  expect(res).toMatchObject({ ok: false, error: { code } });
  expect(t.cloud.db.snapshot()).toEqual(before);
  return res;
}

async function libraryIds(tier: 'major' | 'reserve'): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { _id: string }[]; next: string | null } = data(await t.call('content', 'exemplars', { tier, limit: 50, cursor }, 'dev-reader'));
    ids.push(...page.items.map((e) => e._id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

describe('tier decisions', () => {
  it('a publisher promotes a reserve exemplar: it moves to the major library, with history, audit and a yearly review', async () => {
    const id = seedExemplar(t.cloud.db, 'u-wlmq-b1-s1', 1);
    expect(await libraryIds('reserve')).toContain(id);
    const started = Date.now();
    const res = data(await t.call('library', 'changeTier', { exemplarId: id, change: 'promote', reason: '获评全国青年岗位能手' }, 'dev-publisher'));
    expect(res.exemplar).toMatchObject({ _id: id, tier: 'major', overdue: false, unit: { _id: 'u-wlmq-b1-s1' } });
    expect(res.exemplar.nextReviewAt).toBeGreaterThanOrEqual(started + 365 * DAY);
    expect(res.exemplar.enteredTierAt).toBeGreaterThanOrEqual(started);
    expect(res.change).toMatchObject({ exemplarId: id, kind: 'promote', from: 'reserve', to: 'major', reason: '获评全国青年岗位能手' });
    // By name (the demo seed's profile of dev-publisher), never the OPENID.
    expect(res.change.actor).toEqual({ name: '周洋', unit: expect.objectContaining({ _id: 'u-xj' }) });
    // The history record's id is one nobody can predict (96 random bits), like every id the server makes.
    expect(res.change._id).toMatch(/^tc-[0-9a-z]+-[0-9a-f]{24}$/);
    expect(await libraryIds('major')).toContain(id);
    expect(await libraryIds('reserve')).not.toContain(id);

    const history = data(await t.call('library', 'history', { exemplarId: id }, 'dev-publisher'));
    expect(history.items.map((h) => [h.kind, h.from, h.to])).toEqual([['promote', 'reserve', 'major']]);
    const audit = Object.values(t.cloud.db.snapshot().audit ?? {}).map((r) => JSON.parse(r.slice(r.indexOf(':') + 1)) as { action: string; subject: { id: string }; before: unknown; after: unknown });
    expect(audit.find((a) => a.subject.id === id)).toMatchObject({ action: 'library.promote', before: { tier: 'reserve' }, after: { tier: 'major', reason: '获评全国青年岗位能手' } });
  });

  it('a replayed or illegal decision is FAILED_PRECONDITION and writes nothing', async () => {
    const id = seedExemplar(t.cloud.db, 'u-wlmq-b1-s1', 2, { tier: 'major' });
    const res = await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('library', 'changeTier', { exemplarId: id, change: 'promote', reason: '再次升级' }, 'dev-publisher'));
    expect(res.error.fields).toEqual([{ path: 'change', message: 'cannot promote an exemplar in tier major', reason: 'tier_change_not_allowed' }]);
    await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('library', 'changeTier', { exemplarId: id, change: 'reinstate', reason: '恢复' }, 'dev-publisher'));
    data(await t.call('library', 'changeTier', { exemplarId: id, change: 'demote', reason: '近年事迹不足' }, 'dev-publisher'));
    await refusedWithoutWrites('FAILED_PRECONDITION', () => t.call('library', 'changeTier', { exemplarId: id, change: 'demote', reason: '近年事迹不足' }, 'dev-publisher'));
  });

  it('retire takes an exemplar out of both libraries; reinstate brings it back to the reserve', async () => {
    const id = seedExemplar(t.cloud.db, 'u-klmy-b1-s1', 3);
    data(await t.call('library', 'changeTier', { exemplarId: id, change: 'retire', reason: '已调离消防救援队伍' }, 'dev-publisher'));
    expect(await libraryIds('reserve')).not.toContain(id);
    expect(await libraryIds('major')).not.toContain(id);
    const back = data(await t.call('library', 'changeTier', { exemplarId: id, change: 'reinstate', reason: '重新回到一线' }, 'dev-publisher'));
    expect(back.exemplar.tier).toBe('reserve');
    expect(await libraryIds('reserve')).toContain(id);
    const history = data(await t.call('library', 'history', { exemplarId: id }, 'dev-publisher'));
    expect(history.items.map((h) => h.kind)).toEqual(['reinstate', 'retire']);
    expect(history.items[1]?.nextReviewAt).toBeNull();
  });

  it('bad input: unknown ids, oversized or blank reasons, unknown decisions, wrong types', async () => {
    await refusedWithoutWrites('NOT_FOUND', () => t.call('library', 'changeTier', { exemplarId: 'ex-none', change: 'promote', reason: '理由' }, 'dev-publisher'));
    await refusedWithoutWrites('NOT_FOUND', () => t.call('library', 'history', { exemplarId: 'ex-none' }, 'dev-publisher'));
    const id = seedExemplar(t.cloud.db, 'u-wlmq-b1-s1', 4);
    for (const payload of [
      { exemplarId: id, change: 'promote', reason: '长'.repeat(201) },
      { exemplarId: id, change: 'promote', reason: '  ' },
      { exemplarId: id, change: 'crown', reason: '理由' },
      { exemplarId: id, change: 'promote', reason: 42 },
      { exemplarId: [id], change: 'promote', reason: '理由' },
    ]) {
      await refusedWithoutWrites('INVALID_ARGUMENT', () => t.raw('library', { action: 'changeTier', data: payload }, 'dev-publisher'));
    }
  });

  it('a detachment publisher decides inside its subtree only', async () => {
    const inside = seedExemplar(t.cloud.db, 'u-wlmq-b2-s1', 5);
    const outside = seedExemplar(t.cloud.db, 'u-klmy-b1-s1', 6);
    data(await t.call('library', 'changeTier', { exemplarId: inside, change: 'promote', reason: '支队推荐' }, 'mx-det-publisher'));
    await refusedWithoutWrites('PERMISSION_DENIED', () => t.call('library', 'changeTier', { exemplarId: outside, change: 'promote', reason: '越权' }, 'mx-det-publisher'));
    const history = data(await t.call('library', 'history', {}, 'mx-det-publisher'));
    expect(history.items.length).toBeGreaterThan(0);
    expect(history.items.every((h) => h.exemplarId !== outside)).toBe(true);
  });
});

describe('overdue reviews', () => {
  it('lists major and reserve exemplars past their review date, most overdue first, and a keep clears one', async () => {
    const now = Date.now();
    const late = seedExemplar(t.cloud.db, 'u-wlmq-b1-s2', 10, { tier: 'major', nextReviewAt: now - 40 * DAY });
    const later = seedExemplar(t.cloud.db, 'u-klmy-b1-s2', 11, { tier: 'reserve', nextReviewAt: now - 3 * DAY });
    const retired = seedExemplar(t.cloud.db, 'u-klmy-b1-s2', 12, { tier: 'retired', nextReviewAt: now - 90 * DAY });
    const first = data(await t.call('library', 'overdue', {}, 'dev-publisher'));
    const ids = first.items.map((i) => i._id);
    expect(ids).toContain(late);
    expect(ids).toContain(later);
    expect(ids).not.toContain(retired);
    expect(ids.indexOf(late)).toBeLessThan(ids.indexOf(later));
    expect(first.items.every((i) => i.overdue && i.nextReviewAt <= Date.now())).toBe(true);
    const due = first.items.map((i) => i.nextReviewAt);
    expect([...due].sort((a, b) => a - b)).toEqual(due);
    expect(first.total).toBe(first.items.length);

    const kept = data(await t.call('library', 'changeTier', { exemplarId: late, change: 'keep', reason: '复核：事迹持续突出' }, 'dev-publisher'));
    expect(kept.exemplar).toMatchObject({ tier: 'major', overdue: false });
    const second = data(await t.call('library', 'overdue', {}, 'dev-publisher'));
    expect(second.total).toBe(first.total - 1);
    expect(second.items.map((i) => i._id)).not.toContain(late);

    // The detachment publisher sees only its subtree's overdue exemplars.
    const det = data(await t.call('library', 'overdue', {}, 'mx-det-publisher'));
    expect(det.items.map((i) => i._id)).not.toContain(later);
    expect(det.items.every((i) => i.unit?._id.startsWith('u-wlmq'))).toBe(true);
  });

  it('history pages newest first across the subtree', async () => {
    const p1 = data(await t.call('library', 'history', { limit: 2 }, 'dev-publisher'));
    expect(p1.items).toHaveLength(2);
    const p2 = data(await t.call('library', 'history', { limit: 2, cursor: p1.next }, 'dev-publisher'));
    const all = [...p1.items, ...p2.items];
    expect(new Set(all.map((h) => h._id)).size).toBe(all.length);
    const at = all.map((h) => h.at);
    expect([...at].sort((a, b) => b - a)).toEqual(at);
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
