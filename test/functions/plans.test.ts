/**
 * The plan board (挂图作业 / 对账消号) through the real wx-server-sdk on the local cloud (strict
 * indexes): a corps admin makes the corps plan and a detachment's, a detachment admin makes and
 * fills only its own; the board shows each task's state on today's Shanghai date, overdue
 * included; a tick needs evidence (a note, a photo the admin uploaded for it, or a story or
 * nomination inside the plan's subtree) and moves the plan's completion in the same write; a
 * wrong tick is reopened with its reason; the corps sees every detachment's board with its rate;
 * tasks due soon reach their owner unit's admins once, by subscribe message, and show on the
 * 工作台 of those admins.
 */
import type { AuditEntry, NominationDoc, NominationState, PlanTaskDoc, PursuitDoc } from '@contract';
import { PLAN_DUE_TEMPLATE } from '@contract';
import { addDays, shanghaiYmd } from '../../cloudfunctions/src/domain/plans';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { localFileId } from '../../emulator/env';
import { campaign, docs, grant, png, story, unit, uploadRecord } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-det-a', 'detachment', corps, 1);
const bnA = unit('u-bn-a', 'battalion', detA, 1);
const stA = unit('u-st-a', 'station', bnA, 1);
const detB = unit('u-det-b', 'detachment', corps, 2);
const stB = unit('u-st-b', 'station', detB, 1);

const STORY_A = story('s-a', stA);
const STORY_B = story('s-b', stB);
/** Not published: no link option. */
const DRAFT_A = story('s-draft-a', stA, { state: 'draft', publishedAt: null });
const PHOTO = localFileId('authoring/evidence/x/photo-a.png');
const OTHERS_PHOTO = localFileId('authoring/evidence/y/photo-b.png');

const today = shanghaiYmd(Date.now());
const year = Number(today.slice(0, 4));
/** A date of this year `days` from today, kept inside the year (tests near New Year still hold). */
const inYear = (days: number): string => {
  const d = addDays(today, days);
  return d.slice(0, 4) === String(year) ? d : days < 0 ? `${year}-01-01` : `${year}-12-31`;
};

/** An honour pursuit organised at `at` (the pursuits area's document, as it stores it). */
function pursuit(_id: string, at: typeof corps): PursuitDoc {
  return {
    _id,
    name: `争创${_id}`,
    level: 'national',
    awardedBy: '共青团中央',
    unitId: at._id,
    unitPath: at.path,
    opensOn: `${year}-03-01`,
    nominationDeadline: `${year}-04-01`,
    resultOn: `${year}-06-01`,
    keyDates: [],
    note: '',
    candidates: [],
    year,
    deadlineDay: Number(`${year}0401`),
    lastDay: Number(`${year}0601`),
    createdBy: 'admin-corps',
    createdAt: 1,
    updatedAt: 1,
  };
}

/** A nomination of a new individual at `at` (the nominations area's document, as it stores it). */
function nomination(_id: string, at: typeof corps, name: string, state: NominationState, createdAt: number): NominationDoc {
  return {
    _id,
    requestKey: `plans-${_id}`,
    nominee: { new: { kind: 'individual', name, unitId: at._id } },
    category: 'rescue',
    targetTier: 'reserve',
    deeds: '在山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡，受到群众赞扬。',
    attachments: [],
    consent: null,
    nominatingUnitId: at._id,
    unitPath: at.path,
    nominatedBy: 'editor-a',
    state,
    noticeEndsAt: null,
    createdAt,
    updatedAt: createdAt,
    nomineeName: name,
    nomineeKind: 'individual',
    contentHeld: false,
    objections: { open: 0, sustained: 0 },
    enrolledExemplarId: null,
    timeline: [{ event: 'submitted', level: null, comment: '', at: createdAt }],
  };
}

const NOM_A = nomination('nom-a', stA, '张伟', 'submitted', 3_000);
const NOM_A_OLD = nomination('nom-a-old', detA, '张建国', 'enrolled', 1_000);
const NOM_A_GONE = nomination('nom-a-gone', stA, '张撤回', 'withdrawn', 2_000);
const NOM_B = nomination('nom-b', stB, '李强', 'in_notice', 4_000);

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('plans', (db, storage) => {
    storage.put('authoring/evidence/x/photo-a.png', png(60));
    db.insertMany('units', docs([corps, detA, bnA, stA, detB, stB]));
    db.insertMany('stories', docs([STORY_A, STORY_B, DRAFT_A]));
    db.insertMany('nominations', docs([NOM_A, NOM_A_OLD, NOM_A_GONE, NOM_B]));
    db.insertMany('campaigns', docs([campaign('cp-1', 1)]));
    db.insertMany('pursuits', docs([pursuit('pu-corps', corps), pursuit('pu-b', detB)]));
    db.insertMany('files', docs([uploadRecord(PHOTO, 'admin-a', 'evidence'), uploadRecord(OTHERS_PHOTO, 'admin-b', 'evidence')]));
    db.insertMany(
      'roles',
      docs([
        grant('g-admin-corps', 'admin-corps', 'admin', corps._id),
        grant('g-admin-a', 'admin-a', 'admin', detA._id),
        grant('g-admin-b', 'admin-b', 'admin', detB._id),
        grant('g-admin-st', 'admin-st', 'admin', stA._id),
        grant('g-rev-a', 'reviewer-a', 'reviewer', detA._id),
        grant('g-ed-a', 'editor-a', 'editor', stA._id),
      ]),
    );
  });
});

afterAll(async () => {
  await t?.stop();
});

const planA = `pl-${year}-${detA._id}`;
const corpsPlan = `pl-${year}-${corps._id}`;
const task = (id: string) => t.cloud.db.snapshot().plan_tasks?.[id];
const audits = () => Object.values(t.cloud.db.snapshot().audit ?? {}).map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as AuditEntry);

async function addTask(plan: string, owner: string, title: string, due: string, as = 'admin-a'): Promise<string> {
  const res = await t.call('workboard', 'saveTask', { planId: plan, title, unitId: owner, responsible: '赵军', due, link: null }, as);
  return data(res).task._id;
}

describe('making plans', () => {
  it('a detachment admin makes its own plan once; a second is refused as already made', async () => {
    const made = data(await t.call('workboard', 'createPlan', { year, unitId: detA._id, title: '' }, 'admin-a'));
    expect(made.plan).toMatchObject({ _id: planA, level: 'detachment', taskCount: 0, completion: 0, canManage: true, unit: { _id: detA._id } });
    expect(made.plan.title).toContain(`${year}`);
    const again = await t.call('workboard', 'createPlan', { year, unitId: detA._id, title: '重复' }, 'admin-a');
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'plan_exists' } });
  });

  it('a detachment admin cannot make another detachment’s plan nor the corps’; the corps admin makes both', async () => {
    expect(await t.call('workboard', 'createPlan', { year, unitId: detB._id, title: '' }, 'admin-a')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope' } });
    expect(await t.call('workboard', 'createPlan', { year, unitId: corps._id, title: '' }, 'admin-a')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    data(await t.call('workboard', 'createPlan', { year, unitId: corps._id, title: '总队年度计划' }, 'admin-corps'));
    data(await t.call('workboard', 'createPlan', { year, unitId: detB._id, title: '' }, 'admin-corps'));
  });

  it('plans are made at the corps and detachments only, never at a station', async () => {
    expect(await t.call('workboard', 'createPlan', { year, unitId: stA._id, title: '' }, 'admin-st')).toMatchObject({ ok: false, error: { reason: 'plan_level_invalid' } });
  });

  it('the audit log records who made each plan', () => {
    expect(audits().filter((a) => a.action === 'plan.create').map((a) => [a.actor, a.subject.id])).toEqual(
      expect.arrayContaining([
        ['admin-a', planA],
        ['admin-corps', corpsPlan],
      ]),
    );
  });
});

describe('tasks on the board', () => {
  let late: string;
  let soon: string;
  let later: string;

  beforeAll(async () => {
    late = await addTask(planA, stA._id, '特勤站事迹采写', inYear(-5));
    soon = await addTask(planA, detA._id, '报送岗位标兵候选人', inYear(1));
    later = await addTask(planA, bnA._id, '宣传员培训', inYear(60));
  });

  it('the board lists the tasks by due date with their states; an unfinished task past its date reads overdue', async () => {
    const board = data(await t.call('workboard', 'board', { planId: planA }, 'reviewer-a'));
    expect(board.today).toBe(today);
    const rows = board.tasks.map((x) => [x._id, x.state, x.unit?._id, x.responsible]);
    expect(rows).toEqual([
      [late, inYear(-5) < today ? 'overdue' : 'not_started', stA._id, '赵军'],
      [soon, 'not_started', detA._id, '赵军'],
      [later, 'not_started', bnA._id, '赵军'],
    ]);
    expect(board.plan).toMatchObject({ taskCount: 3, doneCount: 0, canManage: false });
    expect(board.ownerUnits.map((u) => u._id)).toEqual([detA._id, bnA._id, stA._id]);
  });

  it('the plan stores the figures’ contract on each task: year, the owner’s unitPath, due, status, doneAt', () => {
    expect(task(late)).toBeDefined();
    const stored = JSON.parse((task(late) as string).slice((task(late) as string).indexOf(':') + 1)) as PlanTaskDoc;
    expect(stored).toMatchObject({ year, unitPath: stA.path, due: inYear(-5), status: 'not_started', doneAt: null });
  });

  it('a task’s owner must be inside the plan’s unit and its date inside the plan’s year', async () => {
    expect(await t.call('workboard', 'saveTask', { planId: planA, title: '越界', unitId: stB._id, responsible: '赵军', due: inYear(3), link: null }, 'admin-a')).toMatchObject({
      ok: false,
      error: { reason: 'task_owner_outside_plan' },
    });
    expect(await t.call('workboard', 'saveTask', { planId: planA, title: '跨年', unitId: detA._id, responsible: '赵军', due: `${year + 1}-01-10`, link: null }, 'admin-a')).toMatchObject({
      ok: false,
      error: { reason: 'task_due_outside_year' },
    });
  });

  it('a corps plan assigns tasks to the corps or a detachment, not to a station', async () => {
    expect(await addTask(corpsPlan, detA._id, '报送后备典型调整建议', inYear(2), 'admin-corps')).toBeTruthy();
    expect(await t.call('workboard', 'saveTask', { planId: corpsPlan, title: '站', unitId: stA._id, responsible: '赵军', due: inYear(3), link: null }, 'admin-corps')).toMatchObject({
      ok: false,
      error: { reason: 'task_owner_outside_plan' },
    });
  });

  it('a link names a story or nomination inside the plan’s subtree, or a campaign, that exists', async () => {
    const ok = data(await t.call('workboard', 'saveTask', { planId: planA, title: '专题采写', unitId: stA._id, responsible: '王磊', due: inYear(20), link: { kind: 'campaign', id: 'cp-1' } }, 'admin-a'));
    expect(ok.task.link).toEqual({ kind: 'campaign', id: 'cp-1', title: '专题cp-1' });
    // A detachment's task may serve the corps' pursuit (its candidates come from the detachments), not another detachment's.
    const served = data(await t.call('workboard', 'saveTask', { planId: planA, title: '推荐候选人', unitId: detA._id, responsible: '李明', due: inYear(25), link: { kind: 'pursuit', id: 'pu-corps' } }, 'admin-a'));
    expect(served.task.link).toEqual({ kind: 'pursuit', id: 'pu-corps', title: '争创pu-corps' });
    expect(await t.call('workboard', 'saveTask', { planId: planA, title: '别的支队', unitId: detA._id, responsible: '李明', due: inYear(25), link: { kind: 'pursuit', id: 'pu-b' } }, 'admin-a')).toMatchObject({
      ok: false,
      error: { reason: 'plan_link_invalid' },
    });
    expect(await t.call('workboard', 'saveTask', { planId: planA, title: '别人的事迹', unitId: stA._id, responsible: '王磊', due: inYear(20), link: { kind: 'story', id: STORY_B._id } }, 'admin-a')).toMatchObject({
      ok: false,
      error: { reason: 'plan_link_invalid' },
    });
    expect(await t.call('workboard', 'saveTask', { planId: planA, title: '无此推荐', unitId: stA._id, responsible: '王磊', due: inYear(20), link: { kind: 'nomination', id: 'nom-none' } }, 'admin-a')).toMatchObject({
      ok: false,
      error: { reason: 'plan_link_invalid' },
    });
  });

  it('editing a task keeps its status and count', async () => {
    const edited = data(await t.call('workboard', 'saveTask', { planId: planA, id: later, title: '宣传员业务培训', unitId: bnA._id, responsible: '孙伟', due: inYear(61), link: null }, 'admin-a'));
    expect(edited.task).toMatchObject({ _id: later, title: '宣传员业务培训', responsible: '孙伟', status: 'not_started' });
    const board = data(await t.call('workboard', 'board', { planId: planA }, 'admin-a'));
    expect(board.plan.taskCount).toBe(5);
  });

  describe('对账消号', () => {
    it('a tick without evidence is refused and nothing changes', async () => {
      expect(await t.call('workboard', 'tickTask', { id: late, note: '  ', photos: [], link: null }, 'admin-a')).toMatchObject({ ok: false, error: { reason: 'evidence_required' } });
      expect(data(await t.call('workboard', 'task', { id: late }, 'admin-a')).status).toBe('not_started');
    });

    it('a photo counts only when the caller uploaded it as evidence', async () => {
      expect(await t.call('workboard', 'tickTask', { id: late, note: '', photos: [OTHERS_PHOTO], link: null }, 'admin-a')).toMatchObject({ ok: false, error: { reason: 'file_not_accepted' } });
    });

    it('a linked story must lie inside the plan’s subtree', async () => {
      expect(await t.call('workboard', 'tickTask', { id: late, note: '', photos: [], link: { kind: 'story', id: STORY_B._id } }, 'admin-a')).toMatchObject({ ok: false, error: { reason: 'plan_link_invalid' } });
    });

    it('with a photo and a story the task is done, the plan’s completion moves, and the tick is audited', async () => {
      const ticked = data(await t.call('workboard', 'tickTask', { id: late, note: '已完成采写', photos: [PHOTO], link: { kind: 'story', id: STORY_A._id } }, 'admin-a'));
      expect(ticked.task).toMatchObject({ status: 'done', state: 'done' });
      const detail = data(await t.call('workboard', 'task', { id: late }, 'editor-a'));
      expect(detail.evidence).toMatchObject({ note: '已完成采写', link: { kind: 'story', id: STORY_A._id, title: STORY_A.title }, photos: [{ fileId: PHOTO, url: expect.any(String) }] });
      expect(detail.evidence?.by.name).not.toMatch(/admin-a/);
      expect(detail).toMatchObject({ canAct: false, canEdit: false });
      const board = data(await t.call('workboard', 'board', { planId: planA }, 'admin-a'));
      expect(board.plan).toMatchObject({ doneCount: 1, taskCount: 5, completion: 0.2 });
      expect(audits().filter((a) => a.action === 'plan.task_tick' && a.subject.id === late)).toHaveLength(1);
      expect(await t.call('workboard', 'tickTask', { id: late, note: '再来', photos: [], link: null }, 'admin-a')).toMatchObject({ ok: false, error: { reason: 'task_already_done' } });
    });

    it('a station admin ticks the task its station owns, but not one its detachment owns', async () => {
      expect(await t.call('workboard', 'startTask', { id: soon }, 'admin-st')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      expect(await t.call('workboard', 'reopenTask', { id: late, reason: '材料不全' }, 'admin-b')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    });

    it('a wrong tick is reopened with its reason: back to in progress, the old evidence kept, audited', async () => {
      expect(await t.call('workboard', 'reopenTask', { id: soon, reason: '未消号' }, 'admin-a')).toMatchObject({ ok: false, error: { reason: 'task_not_done' } });
      const reopened = data(await t.call('workboard', 'reopenTask', { id: late, reason: '照片不是本次活动的' }, 'admin-st'));
      expect(reopened.task).toMatchObject({ status: 'in_progress', doneAt: null });
      const detail = data(await t.call('workboard', 'task', { id: late }, 'admin-a'));
      expect(detail.evidence).toBeNull();
      expect(detail.reopens).toEqual([expect.objectContaining({ reason: '照片不是本次活动的' })]);
      const board = data(await t.call('workboard', 'board', { planId: planA }, 'admin-a'));
      expect(board.plan.doneCount).toBe(0);
      const entry = audits().find((a) => a.action === 'plan.task_reopen' && a.subject.id === late);
      expect(entry).toMatchObject({ actor: 'admin-st', after: { reason: '照片不是本次活动的', state: 'in_progress' } });
    });

    it('starting a task moves it to in progress once', async () => {
      expect(data(await t.call('workboard', 'startTask', { id: soon }, 'admin-a')).task.status).toBe('in_progress');
      expect(await t.call('workboard', 'startTask', { id: soon }, 'admin-a')).toMatchObject({ ok: false, error: { reason: 'state_changed' } });
    });
  });
});

describe('what a task may link to (the task form’s picker)', () => {
  it('lists the nominations of the plan’s subtree newest first by name, never a withdrawn one nor another detachment’s', async () => {
    const listed = data(await t.call('workboard', 'linkOptions', { planId: planA, kind: 'nomination' }, 'admin-a'));
    expect(listed.items).toEqual([
      // The unit by its short name (the fixtures' short names are their ids).
      { id: NOM_A._id, title: '张伟', subtitle: `${stA.shortName} · 灭火救援尖兵 · 推荐入后备典型库` },
      { id: NOM_A_OLD._id, title: '张建国', subtitle: `${detA.shortName} · 灭火救援尖兵 · 推荐入后备典型库` },
    ]);
    expect(listed.items.map((i) => i.id)).not.toContain(NOM_B._id);
    // The corps plan's subtree holds both detachments.
    const corpsWide = data(await t.call('workboard', 'linkOptions', { planId: corpsPlan, kind: 'nomination' }, 'admin-corps'));
    expect(corpsWide.items.map((i) => i.id)).toEqual([NOM_B._id, NOM_A._id, NOM_A_OLD._id]);
  });

  it('what is typed narrows by name or title', async () => {
    const named = data(await t.call('workboard', 'linkOptions', { planId: corpsPlan, kind: 'nomination', q: ' 李 ' }, 'admin-corps'));
    expect(named.items.map((i) => i.title)).toEqual(['李强']);
    const stories = data(await t.call('workboard', 'linkOptions', { planId: corpsPlan, kind: 'story', q: 's-b' }, 'admin-corps'));
    expect(stories.items.map((i) => i.id)).toEqual([STORY_B._id]);
  });

  it('lists the published stories of the plan’s subtree with their unit and date, not a draft nor another detachment’s', async () => {
    const listed = data(await t.call('workboard', 'linkOptions', { planId: planA, kind: 'story' }, 'admin-a'));
    expect(listed.items).toEqual([{ id: STORY_A._id, title: STORY_A.title, subtitle: `${stA.shortName} · ${shanghaiYmd(STORY_A.publishedAt!)} 发布` }]);
  });

  it('is for the plan’s admins: another detachment’s admin and the detachment’s reviewer are refused', async () => {
    expect(await t.call('workboard', 'linkOptions', { planId: planA, kind: 'nomination' }, 'admin-b')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope' } });
    expect(await t.call('workboard', 'linkOptions', { planId: planA, kind: 'story' }, 'reviewer-a')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required' } });
  });

  it('a picked nomination is saved as the task’s link with the nominee’s name; one outside the plan is refused', async () => {
    const planB = `pl-${year}-${detB._id}`;
    const [picked] = data(await t.call('workboard', 'linkOptions', { planId: planB, kind: 'nomination' }, 'admin-b')).items;
    expect(picked).toMatchObject({ id: NOM_B._id, title: '李强' });
    const saved = data(await t.call('workboard', 'saveTask', { planId: planB, title: '跟进李强推荐公示', unitId: stB._id, responsible: '周杰', due: inYear(40), link: { kind: 'nomination', id: picked!.id } }, 'admin-b'));
    expect(saved.task.link).toEqual({ kind: 'nomination', id: NOM_B._id, title: '李强' });
    expect(data(await t.call('workboard', 'task', { id: saved.task._id }, 'admin-b')).link).toEqual({ kind: 'nomination', id: NOM_B._id, title: '李强' });
    expect(await t.call('workboard', 'saveTask', { planId: planB, title: '别的支队', unitId: stB._id, responsible: '周杰', due: inYear(40), link: { kind: 'nomination', id: NOM_A._id } }, 'admin-b')).toMatchObject({
      ok: false,
      error: { reason: 'plan_link_invalid' },
    });
  });
});

describe('the corps sees every board', () => {
  it('the corps admin’s year lists its plan first, then each detachment’s, with completion and overdue counts', async () => {
    const year_ = data(await t.call('workboard', 'plans', { year }, 'admin-corps'));
    expect(year_.plans.map((p) => p.unit._id)).toEqual([corps._id, detA._id, detB._id]);
    const a = year_.plans.find((p) => p._id === planA);
    expect(a).toMatchObject({ taskCount: 5, doneCount: 0, canManage: true });
    expect(a?.overdueCount).toBe(inYear(-5) < today ? 1 : 0);
    expect(year_.canCreate).toEqual([]);
  });

  it('a detachment reviewer sees only its detachment’s board; a station editor none; a reader is refused', async () => {
    const mine = data(await t.call('workboard', 'plans', { year }, 'reviewer-a'));
    expect(mine.plans.map((p) => p._id)).toEqual([planA]);
    // 上级交办: the corps plan's task owned by the detachment, though the corps board is not theirs to read.
    expect(mine.assigned.map((x) => [x.title, x.planId, x.unit?._id])).toEqual([['报送后备典型调整建议', corpsPlan, detA._id]]);
    expect(data(await t.call('workboard', 'plans', { year }, 'admin-corps')).assigned).toEqual([]);
    expect(mine.canCreate).toEqual([]);
    expect(data(await t.call('workboard', 'plans', { year }, 'editor-a')).plans).toEqual([]);
    expect(await t.call('workboard', 'plans', { year }, 'reader-1')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await t.call('workboard', 'board', { planId: corpsPlan }, 'reviewer-a')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('a later year offers the admin the units whose plan is still to be made', async () => {
    const next = data(await t.call('workboard', 'plans', { year: year + 1 }, 'admin-corps'));
    expect(next.plans).toEqual([]);
    expect(next.canCreate.map((u) => u._id)).toEqual([corps._id, detA._id, detB._id]);
  });
});

describe('due soon', () => {
  it('the 工作台 counts the tasks the caller’s unit owns that are overdue or due soon, for its admins', async () => {
    const todo = data(await t.call('identity', 'todo', {}, 'admin-a'));
    // detA owns: soon (in 1 day) and the corps plan's task (in 2 days).
    expect(todo.counts.plan_due).toBe(2);
    expect(todo.items.filter((i) => i.kind === 'plan_due').map((i) => i.title)).toEqual(expect.arrayContaining(['报送岗位标兵候选人', '报送后备典型调整建议']));
    // The unit's admins answer for its tasks (and get the reminder); its other staff read the board.
    expect(data(await t.call('identity', 'todo', {}, 'reviewer-a')).counts.plan_due).toBeUndefined();
    // The station's admin: the station's task is overdue (it was reopened).
    expect(data(await t.call('identity', 'todo', {}, 'admin-st')).counts.plan_due).toBe(inYear(-5) < today ? 1 : 0);
  });

  it('the timer tells the owner unit’s admins once per task; a user cannot run it', async () => {
    t.cloud.subscriptions.accept('admin-a', [PLAN_DUE_TEMPLATE.id, PLAN_DUE_TEMPLATE.id, PLAN_DUE_TEMPLATE.id]);
    expect(await t.cloud.invoke('plan-timer', { Type: 'Timer', TriggerName: 'plan-due' }, { openid: 'admin-a' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const before = t.cloud.subscriptions.messages('admin-a').length;
    const run = (await t.cloud.invoke('plan-timer', { Type: 'Timer', TriggerName: 'plan-due' })) as { ok: boolean; data: { reminded: string[] } };
    expect(run.ok).toBe(true);
    const sent = t.cloud.subscriptions.messages('admin-a').slice(before);
    expect(sent.map((m) => m.data.thing1).sort()).toEqual(['报送后备典型调整建议', '报送岗位标兵候选人']);
    expect(sent[0]).toMatchObject({ templateId: PLAN_DUE_TEMPLATE.id, title: '任务到期提醒' });
    expect(sent[0]?.page).toMatch(/^pages-staff\/plan-task\/index\?id=/);
    const again = (await t.cloud.invoke('plan-timer', { Type: 'Timer', TriggerName: 'plan-due' })) as { ok: boolean; data: { reminded: string[] } };
    expect(again.data.reminded).toEqual([]);
    expect(t.cloud.subscriptions.messages('admin-a').length).toBe(before + 2);
  });

  it('a battalion moved to another detachment takes its tasks’ paths along (the figures count subtrees by them)', async () => {
    data(await t.call('admin', 'moveUnit', { unitId: bnA._id, parentId: detB._id }, 'admin-corps'));
    const stored = Object.values(t.cloud.db.snapshot().plan_tasks ?? {}).map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as PlanTaskDoc);
    expect(stored.filter((x) => x.unitId === stA._id).map((x) => x.unitPath)).toEqual([[corps._id, detB._id, bnA._id, stA._id], [corps._id, detB._id, bnA._id, stA._id]]);
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
