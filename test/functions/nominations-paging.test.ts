/**
 * The reviewers' nomination queue pages by cursor on the strict local cloud: both tabs walk every
 * waiting item exactly once, oldest first, whatever the number of items, ties of time, or review
 * levels and subtrees a reviewer's grants merge — nothing silently stops at 50.
 */
import type { NominationDoc, NominationsApi, NominationState, ObjectionDoc } from '@contract';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { docs, grant, NOW, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-det', 'detachment', corps, 1);
const st = unit('u-st', 'station', det, 1);
const det2 = unit('u-det2', 'detachment', corps, 2);
const st2 = unit('u-st2', 'station', det2, 1);

function nomination(seq: number, at: typeof st, state: NominationState, createdAt: number): NominationDoc {
  return {
    _id: `nom-p-${String(seq).padStart(3, '0')}`,
    requestKey: `paging-${seq}`,
    nominee: { new: { kind: 'collective', name: `分页站${seq}`, unitId: at._id } },
    category: 'rescue',
    targetTier: 'reserve',
    deeds: '在山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡，受到群众赞扬。',
    attachments: [],
    consent: null,
    nominatingUnitId: at._id,
    unitPath: at.path,
    nominatedBy: 'editor-x',
    state,
    noticeEndsAt: state === 'in_notice' ? NOW + 7 * 86_400_000 : null,
    createdAt,
    updatedAt: createdAt,
    nomineeName: `分页站${seq}`,
    nomineeKind: 'collective',
    contentHeld: false,
    objections: { open: state === 'in_notice' ? 1 : 0, sustained: 0 },
    enrolledExemplarId: null,
    timeline: [{ event: 'submitted', level: null, comment: '', at: createdAt }],
  };
}

function objection(seq: number, nom: NominationDoc, at: number): ObjectionDoc {
  return {
    _id: `obj-p-${String(seq).padStart(3, '0')}`,
    nominationId: nom._id,
    text: '事迹材料中转移人数与实际不符，请核实。',
    filedBy: `reader-${seq}`,
    at,
    state: 'open',
    unitPath: nom.unitPath,
    nominatingUnitId: nom.nominatingUnitId,
    nomineeName: nom.nomineeName,
    contentHeld: false,
    resolvedBy: null,
    resolvedAt: null,
    resolution: null,
  };
}

// Times repeat every 7 items (heavy ties, across lanes too); ids are not in time order.
const time = (i: number) => NOW - 86_400_000 + (i % 7) * 1000;
const scatter = (i: number, n: number) => (i * 37) % n;

// 65 waiting for the detachment of det, 30 for det2's, 40 for the corps (approved by det), 5 done.
const atDet = Array.from({ length: 65 }, (_, i) => nomination(scatter(i, 65), st, 'submitted', time(i)));
const atDet2 = Array.from({ length: 30 }, (_, i) => nomination(100 + i, st2, 'submitted', time(i + 3)));
const atCorps = Array.from({ length: 40 }, (_, i) => nomination(200 + i, i % 2 ? st : st2, 'detachment_approved', time(i + 1)));
const inNotice = Array.from({ length: 64 }, (_, i) => nomination(300 + i, i % 3 ? st : st2, 'in_notice', time(i)));
const done = [nomination(400, st, 'rejected', time(0)), nomination(401, st2, 'enrolled', time(1))];
const objections = inNotice.map((n, i) => objection(scatter(i, 64), n, time(i + 2)));
const resolved = { ...objection(99, inNotice[0] as NominationDoc, time(0)), _id: 'obj-p-resolved', state: 'dismissed' as const };

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('nominations-paging', (db) => {
    db.insertMany('units', docs([corps, det, st, det2, st2]));
    db.insertMany(
      'roles',
      docs([
        grant('g1', 'det-rev', 'reviewer', 'u-det'),
        grant('g2', 'corps-rev', 'reviewer', 'u-corps'),
        // Three review lanes (corps step, both detachment steps) and, for objections, the corps
        // subtree that contains the others: each item must come once.
        grant('g3', 'all-rev', 'reviewer', 'u-corps'),
        grant('g4', 'all-rev', 'reviewer', 'u-det'),
        grant('g5', 'all-rev', 'reviewer', 'u-det2'),
      ]),
    );
    db.insertMany('nominations', docs([...atDet, ...atDet2, ...atCorps, ...inNotice, ...done]));
    db.insertMany('objections', docs([...objections, resolved]));
  });
});

afterAll(async () => {
  await t?.stop();
});

/** Oldest first, ties by _id ascending: the order the queue promises. */
function oldestFirst<T extends { _id: string }>(items: T[], key: (x: T) => number): string[] {
  return [...items].sort((a, b) => key(a) - key(b) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)).map((x) => x._id);
}

async function walk(openid: string, tab: 'review' | 'objections', limit?: number) {
  const pages: string[][] = [];
  const counts = new Set<string>();
  let cursor: string | null = null;
  do {
    const res: NominationsApi['queue']['res'] = data(await t.call('nominations', 'queue', { tab, ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) }, openid));
    const ids = tab === 'review' ? res.items.map((i) => `${i._id}@${i.level}`) : res.objections.map((o) => o._id);
    expect(tab === 'review' ? res.objections : res.items).toEqual([]);
    pages.push(ids);
    counts.add(JSON.stringify(res.counts));
    cursor = res.next;
    if (pages.length > 100) throw new Error('runaway paging');
  } while (cursor);
  return { pages, all: pages.flat(), counts: [...counts].map((c) => JSON.parse(c) as { review: number; objections: number }) };
}

describe('the review tab pages through every nomination waiting for the caller', () => {
  it('65 waiting at one detachment: a page of 50, then the rest — oldest first, none twice, none missing', async () => {
    const { pages, all, counts } = await walk('det-rev', 'review');
    expect(pages.map((p) => p.length)).toEqual([50, 15]);
    expect(all).toEqual(oldestFirst(atDet, (n) => n.createdAt).map((id) => `${id}@detachment`));
    // det's subtree holds the objections to nominations of st: two in three of the 64.
    expect(counts).toEqual([{ review: 65, objections: 42 }]);
  });

  it('a reviewer of three levels pages through the merge of its lanes, in small pages too, each item once with its level', async () => {
    const expected = [...atDet.map((n) => ({ ...n, level: 'detachment' })), ...atDet2.map((n) => ({ ...n, level: 'detachment' })), ...atCorps.map((n) => ({ ...n, level: 'corps' }))];
    const order = oldestFirst(expected, (n) => n.createdAt);
    const levelOf = new Map(expected.map((n) => [n._id, n.level]));
    for (const limit of [undefined, 7, 50]) {
      const { pages, all, counts } = await walk('all-rev', 'review', limit);
      expect([limit, all]).toEqual([limit, order.map((id) => `${id}@${levelOf.get(id)}`)]);
      expect(new Set(all).size).toBe(all.length);
      expect(pages.slice(0, -1).every((p) => p.length === (limit ?? 50))).toBe(true);
      expect(counts).toEqual([{ review: 135, objections: 64 }]);
    }
  });

  it('the corps reviewer pages through the corps step only', async () => {
    const { all } = await walk('corps-rev', 'review', 9);
    expect(all).toEqual(oldestFirst(atCorps, (n) => n.createdAt).map((id) => `${id}@corps`));
  });
});

describe('the objections tab pages through every open objection of the caller’s subtree', () => {
  it('64 open objections, merged over nested grants: each once, oldest first; a resolved one never', async () => {
    for (const [openid, limit] of [['all-rev', undefined], ['corps-rev', 11]] as const) {
      const { pages, all } = await walk(openid, 'objections', limit);
      expect([openid, all]).toEqual([openid, oldestFirst(objections, (o) => o.at)]);
      expect(pages.length).toBe(limit ? Math.ceil(64 / limit) : 2);
    }
  });

  it('a detachment reviewer pages through its detachment’s objections only', async () => {
    const { all } = await walk('det-rev', 'objections', 5);
    expect(all).toEqual(oldestFirst(objections.filter((o) => o.unitPath.includes('u-det')), (o) => o.at));
  });
});

describe('cursors', () => {
  it('a cursor this server did not issue is INVALID_ARGUMENT', async () => {
    for (const cursor of ['not-a-cursor', '007_nom-p-001']) {
      expect(await t.raw('nominations', { action: 'queue', data: { tab: 'review', cursor } }, 'det-rev')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
