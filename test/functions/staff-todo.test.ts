/**
 * identity.todo on the strict local cloud (every count must be served by a declared index): the
 * 工作台 counts what waits for each role the caller holds, only inside their subtrees and each
 * subtree once, never the caller's own work to decide, and lists the oldest few of each kind.
 */
import type { CommentDoc, ConsentRecord, NominationDoc, NominationState, ObjectionDoc, PublishJob, StoryRevision, StoryRevisionState, TodoView, Unit } from '@contract';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { docs, exemplar, grant, NOW, unit } from './fixtures';

const DAY = 86_400_000;
const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 1);
const detB = unit('u-db', 'detachment', corps, 2);
const stB = unit('u-sb', 'station', detB, 1);

function revision(_id: string, at: Unit, state: StoryRevisionState, authorOpenid: string, t: number, contributors = [authorOpenid]): StoryRevision {
  return {
    _id,
    revision: 1,
    version: 1,
    title: `事迹${_id}`,
    summary: '',
    cover: null,
    campaignId: null,
    exemplarIds: [],
    unitId: at._id,
    unitPath: at.path,
    author: '宣传员',
    authorOpenid,
    contributors,
    markdown: '正文',
    blocks: [{ type: 'paragraph', spans: [{ text: '正文' }] }],
    state,
    secCheck: state === 'in_review' ? 'pass' : null,
    history: state === 'draft' ? [] : [{ action: 'submit', by: authorOpenid, at: t, comment: '' }],
    submittedAt: state === 'draft' ? null : t,
    createdAt: t - 1000,
    updatedAt: t,
  };
}

function nomination(_id: string, at: Unit, state: NominationState, t: number, nominatedBy = 'editor-a'): NominationDoc {
  return {
    _id,
    requestKey: `todo-${_id}`,
    nominee: { new: { kind: 'collective', name: `站${_id}`, unitId: at._id } },
    category: 'rescue',
    targetTier: 'reserve',
    deeds: '在山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡，受到群众赞扬。',
    attachments: [],
    consent: null,
    nominatingUnitId: at._id,
    unitPath: at.path,
    nominatedBy,
    state,
    noticeEndsAt: state === 'in_notice' ? NOW + 7 * DAY : null,
    createdAt: t,
    updatedAt: t,
    nomineeName: `站${_id}`,
    nomineeKind: 'collective',
    contentHeld: false,
    objections: { open: 0, sustained: 0 },
    enrolledExemplarId: null,
    timeline: [{ event: 'submitted', level: null, comment: '', at: t }],
  };
}

function objection(_id: string, nom: NominationDoc, state: ObjectionDoc['state'], at: number): ObjectionDoc {
  return {
    _id,
    nominationId: nom._id,
    text: '事迹材料中转移人数与实际不符，请核实。',
    filedBy: 'reader-1',
    at,
    state,
    unitPath: nom.unitPath,
    nominatingUnitId: nom.nominatingUnitId,
    nomineeName: nom.nomineeName,
    contentHeld: false,
    resolvedBy: null,
    resolvedAt: null,
    resolution: null,
  };
}

function signedForm(recordedBy: string, name: string, t: number, verifiedBy: string | null = null): ConsentRecord {
  return { method: 'signed_form', evidence: `cloud://env.bucket/consent/${name}.png`, recordedAt: t, recordedBy, name, verifiedBy, verifiedAt: verifiedBy ? t + 1 : null };
}

function job(_id: string, state: PublishJob['state'], t: number): PublishJob {
  return {
    _id,
    storyId: `s-${_id}`,
    revision: 1,
    state,
    mediaMap: {},
    thumbMediaId: null,
    draftMediaId: null,
    publishId: null,
    articleUrl: null,
    failure: state === 'failed' ? { code: 45009, message: 'reach max api daily quota limit' } : null,
    attempts: 1,
    createdBy: 'pub-corps',
    createdAt: t - 1000,
    updatedAt: t,
    title: `发布${_id}`,
  };
}

const t0 = NOW - 10 * DAY;
/** Review dates the functions' real clock has not reached (fixture times are in the past). */
const FAR = Date.UTC(2100, 0, 1);
const at = (i: number) => t0 + i * 60_000;

const revisions = [
  revision('r-a1', stA, 'in_review', 'editor-a', at(3)),
  revision('r-a2', stA, 'in_review', 'editor-a', at(1)),
  revision('r-a3', stA, 'in_review', 'editor-a', at(5)),
  revision('r-b1', stB, 'in_review', 'editor-b', at(2)),
  revision('r-b2', stB, 'in_review', 'editor-b', at(4)),
  // Written by the corps reviewer, and one they saved after its author: another reviewer decides these.
  revision('r-own', stA, 'in_review', 'rev-corps', at(0)),
  revision('r-helped', stA, 'in_review', 'editor-a', at(0), ['editor-a', 'rev-corps']),
  revision('r-ret1', stA, 'returned', 'editor-a', at(7)),
  revision('r-ret2', stA, 'returned', 'editor-a', at(6)),
  revision('r-draft', stA, 'draft', 'editor-a', at(8)),
];

const nomAtDetA = [nomination('n-a1', stA, 'submitted', at(2)), nomination('n-a2', stA, 'submitted', at(1))];
const nomAtDetB = nomination('n-b1', stB, 'submitted', at(3));
const nomAtCorps = nomination('n-c1', stA, 'detachment_approved', at(4));
const nomHeld = nomination('n-held', stB, 'objection_review', at(5));
const nomInNotice = nomination('n-notice', stB, 'in_notice', at(6));
const nomReturned = nomination('n-ret', stA, 'returned', at(7));
const nominations = [...nomAtDetA, nomAtDetB, nomAtCorps, nomHeld, nomInNotice, nomReturned];
const objections = [objection('o-open', nomInNotice, 'open', at(8)), objection('o-done', nomInNotice, 'dismissed', at(9))];

const exemplars = [
  exemplar('p-a1', stA, { kind: 'individual', name: '待核对甲', consent: signedForm('editor-a', '待核对甲', at(2)), nextReviewAt: FAR }),
  exemplar('p-a2', stA, { kind: 'individual', name: '待核对乙', consent: signedForm('editor-a', '待核对乙', at(1)), nextReviewAt: FAR }),
  exemplar('p-own', stA, { kind: 'individual', name: '本人上传', consent: signedForm('rev-corps', '本人上传', at(0)), nextReviewAt: FAR }),
  exemplar('p-b1', stB, { kind: 'individual', name: '待核对丙', consent: signedForm('editor-b', '待核对丙', at(3)), nextReviewAt: FAR }),
  exemplar('p-ok', stA, { kind: 'individual', name: '已核对', consent: signedForm('editor-a', '已核对', at(4), 'rev-a'), nextReviewAt: FAR }),
  // Library reviews: two past their date (one per detachment), one not yet due.
  exemplar('x-late-a', stA, { tier: 'major', name: '逾期甲', nextReviewAt: NOW - 3 * DAY }),
  exemplar('x-late-b', stB, { tier: 'reserve', name: '逾期乙', nextReviewAt: NOW - 5 * DAY }),
  exemplar('x-due', stA, { tier: 'reserve', name: '未到期', nextReviewAt: FAR }),
];

function comment(_id: string, at: Unit, state: CommentDoc['state'], t: number, text = '向英雄致敬！向消防救援队伍学习！感谢你们的守护'): CommentDoc {
  return { _id, storyId: 's-1', unitId: at._id, unitPath: at.path, openid: `reader-${_id}`, requestKey: `k-${_id}`, text, state, contentHeld: false, createdAt: t, updatedAt: t, featuredAt: null, featuredBy: null, hiddenAt: null, hiddenBy: null, hiddenReason: null, reply: null, deletedAt: null };
}

// Readers' messages: two waiting in detachment A's subtree, one in B's; decided ones do not wait.
const comments = [
  comment('m-a1', stA, 'pending', at(6)),
  comment('m-a2', stA, 'pending', at(3), '好样的'),
  comment('m-b1', stB, 'pending', at(5)),
  comment('m-done', stA, 'featured', at(1)),
  comment('m-hid', stA, 'hidden', at(1)),
  comment('m-del', stA, 'deleted', at(1), ''),
];

const jobs = [job('j-fail1', 'failed', at(4)), job('j-fail2', 'failed', at(2)), job('j-ok', 'published', at(3))];

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('staff-todo', (db) => {
    db.insertMany('units', docs([corps, detA, stA, detB, stB]));
    db.insertMany(
      'roles',
      docs([
        grant('g1', 'editor-a', 'editor', 'u-sa'),
        grant('g2', 'rev-a', 'reviewer', 'u-da'),
        // Nested reviewer grants (corps and a detachment): every subtree is counted once.
        grant('g3', 'rev-corps', 'reviewer', 'u-corps'),
        grant('g4', 'rev-corps', 'reviewer', 'u-da'),
        grant('g5', 'rev-corps', 'editor', 'u-sa'),
        grant('g6', 'pub-a', 'publisher', 'u-da'),
        grant('g7', 'pub-corps', 'publisher', 'u-corps'),
        grant('g8', 'admin-1', 'admin', 'u-corps'),
        grant('g9', 'ex-editor', 'editor', 'u-sa', NOW - DAY),
      ]),
    );
    db.insertMany('story_revisions', docs(revisions));
    db.insertMany('nominations', docs(nominations));
    db.insertMany('objections', docs(objections));
    db.insertMany('exemplars', docs(exemplars));
    db.insertMany('publish_jobs', docs(jobs));
    db.insertMany('comments', docs(comments));
  });
});

afterAll(async () => {
  await t?.stop();
});

async function todoOf(openid: string): Promise<TodoView> {
  return data(await t.call('identity', 'todo', {}, openid));
}

const ids = (v: TodoView, kind: string) => v.items.filter((i) => i.kind === kind).map((i) => i.id);

describe('identity.todo', () => {
  it('a detachment reviewer counts the stories, nominations and consent forms of their subtree, and no objections', async () => {
    const v = await todoOf('rev-a');
    expect(v.counts).toEqual({ story_review: 5, nomination_review: 2, consent_check: 3, comment_review: 2 });
    // The oldest few of each, longest waiting first, each named and placed.
    expect(ids(v, 'story_review')).toEqual(['r-helped', 'r-own', 'r-a2']);
    expect(ids(v, 'nomination_review')).toEqual(['n-a2', 'n-a1']);
    expect(ids(v, 'consent_check')).toEqual(['p-own', 'p-a2', 'p-a1']);
    // A message is named by its first words (long ones cut with …).
    expect(v.items.filter((i) => i.kind === 'comment_review').map((i) => [i.id, i.title])).toEqual([
      ['m-a2', '好样的'],
      ['m-a1', '向英雄致敬！向消防救援队伍学习！…'],
    ]);
    const story = v.items.find((i) => i.id === 'r-a2');
    expect(story).toEqual({ kind: 'story_review', id: 'r-a2', title: '事迹r-a2', unit: { _id: 'u-sa', name: 'u-sa全称', shortName: 'u-sa', level: 'station' }, since: at(1) });
    expect(v.items.map((i) => i.since)).toEqual([...v.items.map((i) => i.since)].sort((a, b) => a - b));
  });

  it('a corps reviewer over a detachment too counts each subtree once, leaves out what they wrote or uploaded, and counts the open objections', async () => {
    const v = await todoOf('rev-corps');
    expect(v.counts).toEqual({
      // 7 in review, less the one they wrote and the one they saved.
      story_review: 5,
      // Corps lanes: approved by a detachment, held by an objection; detachment lane: two submitted.
      nomination_review: 4,
      objection: 1,
      // 4 waiting, less their own upload.
      consent_check: 3,
      // Both subtrees' waiting messages, each once.
      comment_review: 3,
      returned_story: 0,
      returned_nomination: 0,
    });
    expect(ids(v, 'story_review')).toEqual(['r-a2', 'r-b1', 'r-a1']);
    expect(ids(v, 'consent_check')).toEqual(['p-a2', 'p-a1', 'p-b1']);
    expect(ids(v, 'nomination_review').sort()).toEqual(['n-a1', 'n-a2', 'n-c1']);
    // An objection opens the nomination it objects to.
    expect(v.items.filter((i) => i.kind === 'objection')).toEqual([{ kind: 'objection', id: 'n-notice', title: '站n-notice', unit: expect.objectContaining({ _id: 'u-sb' }), since: at(8) }]);
  });

  it('an editor sees their stories and nominations returned for changes', async () => {
    const v = await todoOf('editor-a');
    expect(v.counts).toEqual({ returned_story: 2, returned_nomination: 1 });
    expect(ids(v, 'returned_story')).toEqual(['r-ret2', 'r-ret1']);
    expect(ids(v, 'returned_nomination')).toEqual(['n-ret']);
  });

  it('a publisher counts failed publish jobs and the overdue reviews of their subtree only', async () => {
    const a = await todoOf('pub-a');
    expect(a.counts).toEqual({ publish_failed: 2, library_overdue: 1 });
    expect(ids(a, 'library_overdue')).toEqual(['x-late-a']);
    expect(ids(a, 'publish_failed')).toEqual(['j-fail2', 'j-fail1']);
    const corpsWide = await todoOf('pub-corps');
    expect(corpsWide.counts).toEqual({ publish_failed: 2, library_overdue: 2 });
    expect(ids(corpsWide, 'library_overdue')).toEqual(['x-late-b', 'x-late-a']);
  });

  it('a reader and someone whose grant was revoked have nothing waiting; an admin has the work of its kinds (here none)', async () => {
    for (const who of ['reader-1', 'ex-editor']) {
      expect(await todoOf(who)).toEqual({ counts: {}, items: [] });
    }
    // An admin's honour pursuits' dates (争创节点): none in this world.
    const admin = await todoOf('admin-1');
    expect(admin).toMatchObject({ counts: { pursuit_deadline: 0 }, items: [] });
    expect(Object.values(admin.counts).every((n) => n === 0)).toBe(true);
  });

  it('a call without a WeChat identity is refused', async () => {
    const res = await t.cloud.invoke('identity', { action: 'todo', data: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
