/**
 * 挂图作业 on the client: the corps sees its own board and every detachment's with completion
 * and overdue counts, and makes a missing plan; a board shows tasks by month or by state with
 * the overdue in red; 对账消号 needs evidence before anything is sent and shows the server's
 * refusal in Chinese; a wrong tick is reopened with a reason after asking; loading, empty and
 * error states.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PlanBoard, PlanSummary, PlanTaskDetail, PlanTaskView, PlansOverview } from '@contract';
import { PlansScreen } from '../../client/src/features/plans/plans-screen';
import { BoardScreen } from '../../client/src/features/plans/board-screen';
import { TaskScreen } from '../../client/src/features/plans/task-screen';
import { TaskFormScreen } from '../../client/src/features/plans/task-form-screen';
import { err, ok, serveFunctions, type Served } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

const CORPS = { _id: 'u-xj', name: '新疆维吾尔自治区消防救援总队', shortName: '新疆总队', level: 'corps' as const };
const WLMQ = { _id: 'u-wlmq', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' as const };
const KLMY = { _id: 'u-klmy', name: '克拉玛依市消防救援支队', shortName: '克拉玛依支队', level: 'detachment' as const };
const STATION = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };
const PERSON = { name: '陈刚', unit: CORPS };

function plan(unit: typeof CORPS | typeof WLMQ, over: Partial<PlanSummary> = {}): PlanSummary {
  return { _id: `pl-2026-${unit._id}`, year: 2026, title: `${unit.shortName}2026年度推优树典工作计划`, level: unit.level === 'corps' ? 'corps' : 'detachment', unit, taskCount: 4, doneCount: 1, overdueCount: 0, completion: 0.25, canManage: true, ...over };
}

function task(i: number, over: Partial<PlanTaskView> = {}): PlanTaskView {
  return { _id: `pt${i}`, planId: 'pl-2026-u-wlmq', title: `任务${i}`, unit: STATION, responsible: '王磊', due: '2026-03-05', status: 'not_started', state: 'not_started', doneAt: null, link: null, ...over };
}

function detail(over: Partial<PlanTaskDetail> = {}): PlanTaskDetail {
  return { ...task(1), plan: { _id: 'pl-2026-u-wlmq', title: '乌鲁木齐支队2026年度推优树典工作计划', year: 2026, unit: WLMQ }, evidence: null, reopens: [], canAct: true, canEdit: true, ...over };
}

const callsOf = (served: Served, action: string) => served.calls.filter((c) => c.fn === 'workboard' && c.action === action).map((c) => c.data);

describe('a year of boards', () => {
  it('the corps sees its own board first, then each detachment’s with its rate; overdue counts in red', async () => {
    const overview: PlansOverview = { year: 2026, today: '2026-06-01', plans: [plan(CORPS), plan(WLMQ, { overdueCount: 2, completion: 0.5, doneCount: 2 })], canCreate: [], assigned: [] };
    serveFunctions({ 'workboard.plans': () => ok(overview) });
    setRouterParams({ year: '2026' });
    render(<PlansScreen />);
    const rows = await screen.findAllByTestId('plan-row');
    expect(rows.map((r) => within(r).getByText(/支队|总队/, { selector: '.list-row__title' }).textContent)).toEqual(['新疆总队', '乌鲁木齐支队']);
    expect(rows[1]).toHaveTextContent('完成率 50% · 已完成 2/4 项');
    expect(within(rows[1]!).getByText('逾期 2')).toHaveClass('list-row__badge--danger');
    expect(screen.getByText('支队计划（1）')).toBeInTheDocument();
    fireEvent.click(rows[1]!);
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/plan-board/index?planId=pl-2026-u-wlmq' });
  });

  it('a detachment sees what the corps assigned to it (上级交办), the overdue in red', async () => {
    serveFunctions({
      'workboard.plans': () => ok({ year: 2026, today: '2026-06-01', plans: [plan(WLMQ)], canCreate: [], assigned: [task(7, { planId: 'pl-2026-u-xj', title: '报送后备典型调整建议', unit: WLMQ, due: '2026-05-20', state: 'overdue', status: 'in_progress' })] }),
    });
    setRouterParams({ year: '2026' });
    render(<PlansScreen />);
    const section = await screen.findByTestId('plan-assigned');
    expect(section).toHaveTextContent('上级交办（1）');
    const row = within(section).getByTestId('plan-task');
    expect(row).toHaveAttribute('data-state', 'overdue');
    expect(row).toHaveTextContent('截止 5月20日 · 已逾期 12 天');
    fireEvent.click(within(row).getByRole('button'));
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/plan-task/index?id=pt7' });
  });

  it('an admin makes a missing plan and lands on its board', async () => {
    const served = serveFunctions({
      'workboard.plans': () => ok({ year: 2026, today: '2026-06-01', plans: [plan(CORPS)], canCreate: [KLMY], assigned: [] }),
      'workboard.createPlan': () => ok({ plan: plan(KLMY as never, { _id: 'pl-2026-u-klmy' }) }),
    });
    setRouterParams({ year: '2026' });
    render(<PlansScreen />);
    fireEvent.click(await screen.findByText('建立克拉玛依支队计划'));
    await waitFor(() => expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/plan-board/index?planId=pl-2026-u-klmy' }));
    expect(callsOf(served, 'createPlan')).toEqual([{ year: 2026, unitId: 'u-klmy', title: '' }]);
  });

  it('says when a year has no plan yet, and a refusal as a refusal', async () => {
    serveFunctions({ 'workboard.plans': () => ok({ year: 2026, today: '2026-06-01', plans: [], canCreate: [], assigned: [] }) });
    setRouterParams({ year: '2026' });
    const { unmount } = render(<PlansScreen />);
    expect(await screen.findByText('2026 年度还没有工作计划')).toBeInTheDocument();
    unmount();
    serveFunctions({ 'workboard.plans': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required', message: 'requires staff' } }) });
    render(<PlansScreen />);
    expect(await screen.findByText('仅工作人员可以查看工作计划')).toBeInTheDocument();
  });
});

describe('a board', () => {
  const board: PlanBoard = {
    plan: plan(WLMQ, { canManage: false }),
    today: '2026-06-01',
    tasks: [
      task(1, { due: '2026-03-05', state: 'overdue', status: 'in_progress' }),
      task(2, { due: '2026-03-20', state: 'done', status: 'done', doneAt: 1 }),
      task(3, { due: '2026-06-02', state: 'not_started' }),
    ],
    ownerUnits: [WLMQ, STATION],
  };

  it('shows the tasks by month, the overdue one in red with how late it is; by state the overdue come first', async () => {
    serveFunctions({ 'workboard.board': () => ok(board) });
    render(<BoardScreen planId='pl-2026-u-wlmq' />);
    const groups = await screen.findAllByTestId('plan-group');
    expect(groups.map((g) => g.firstChild?.textContent)).toEqual(['3月（2）', '6月（1）']);
    const late = screen.getAllByTestId('plan-task')[0]!;
    expect(late).toHaveAttribute('data-state', 'overdue');
    expect(late).toHaveClass('plan-task--overdue');
    expect(within(late).getByText('逾期')).toHaveClass('list-row__badge--danger');
    expect(late).toHaveTextContent('截止 3月5日 · 已逾期 88 天');
    expect(screen.getByTestId('plan-count-overdue')).toHaveTextContent('1逾期');
    expect(screen.queryByTestId('plan-add-task')).toBeNull();
    fireEvent.click(screen.getByText('按状态'));
    expect(screen.getAllByTestId('plan-group').map((g) => g.firstChild?.textContent)).toEqual(['逾期（1）', '未开始（1）', '已完成（1）']);
  });

  it('an admin of the plan adds tasks; an empty board says so', async () => {
    serveFunctions({ 'workboard.board': () => ok({ ...board, plan: plan(WLMQ), tasks: [] }) });
    render(<BoardScreen planId='pl-2026-u-wlmq' />);
    expect(await screen.findByText('这个计划还没有任务')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('plan-add-task'));
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/plan-editor/index?planId=pl-2026-u-wlmq' });
  });

  it('a failed load offers a retry', async () => {
    let fail = true;
    serveFunctions({ 'workboard.board': () => (fail ? err('UNAVAILABLE') : ok(board)) });
    render(<BoardScreen planId='pl-2026-u-wlmq' />);
    const retry = await screen.findByTestId('state-error');
    fail = false;
    fireEvent.click(retry);
    expect(await screen.findAllByTestId('plan-task')).toHaveLength(3);
  });
});

describe('对账消号', () => {
  it('a tick without evidence is stopped on the page; with a note it is sent', async () => {
    let current = detail({ state: 'overdue', status: 'in_progress' });
    const served = serveFunctions({
      'workboard.task': () => ok(current),
      'workboard.tickTask': () => {
        current = detail({ status: 'done', state: 'done', doneAt: 2, evidence: { note: '稿件已报送', photos: [], link: null, by: PERSON, at: 2 } });
        return ok({ task: current });
      },
    });
    render(<TaskScreen id='pt1' />);
    expect(await screen.findByTestId('plan-task-due')).toHaveTextContent('已逾期');
    fireEvent.click(screen.getByTestId('plan-tick'));
    fireEvent.click(screen.getByTestId('plan-tick-submit'));
    expect(await screen.findByTestId('plan-tick-error')).toHaveTextContent('请填写完成说明、上传照片或选择关联记录作为佐证');
    expect(callsOf(served, 'tickTask')).toEqual([]);
    fireEvent.input(screen.getByLabelText('完成情况说明'), { target: { value: '稿件已报送' } });
    fireEvent.click(screen.getByTestId('plan-tick-submit'));
    expect(await screen.findByTestId('plan-evidence')).toHaveTextContent('陈刚');
    expect(callsOf(served, 'tickTask')).toEqual([{ id: 'pt1', note: '稿件已报送', photos: [], link: null }]);
    expect(screen.getByTestId('plan-task-state')).toHaveTextContent('已完成');
  });

  it('a linked story can be the evidence; the server’s refusal reads in Chinese', async () => {
    const served = serveFunctions({
      'workboard.task': () => ok(detail({ link: { kind: 'story', id: 's1', title: '烈火中的逆行者' } })),
      'workboard.tickTask': () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'plan_link_invalid', message: 'no story' } }),
    });
    render(<TaskScreen id='pt1' />);
    fireEvent.click(await screen.findByTestId('plan-tick'));
    expect(screen.getByTestId('plan-use-link')).toHaveTextContent('以关联的事迹「烈火中的逆行者」作为佐证');
    fireEvent.click(screen.getByTestId('plan-tick-submit'));
    expect(await screen.findByTestId('plan-tick-error')).toHaveTextContent('关联的争创项目、推荐、专题或事迹不存在或不在本计划范围内');
    expect(callsOf(served, 'tickTask')).toEqual([{ id: 'pt1', note: '', photos: [], link: { kind: 'story', id: 's1' } }]);
  });

  it('a done task is reopened with a reason, after asking', async () => {
    let current = detail({ status: 'done', state: 'done', doneAt: 2, evidence: { note: '完成', photos: [], link: null, by: PERSON, at: 2 } });
    const served = serveFunctions({
      'workboard.task': () => ok(current),
      'workboard.reopenTask': (data) => {
        current = detail({ status: 'in_progress', state: 'in_progress', reopens: [{ reason: (data as { reason: string }).reason, by: PERSON, at: 3 }] });
        return ok({ task: current });
      },
    });
    render(<TaskScreen id='pt1' />);
    fireEvent.click(await screen.findByTestId('plan-reopen'));
    fireEvent.click(screen.getByText('佐证材料不符'));
    fake.modalAnswer = false;
    fireEvent.click(within(screen.getByTestId('plan-reopen-sheet')).getByText('重新打开'));
    await waitFor(() => expect(fake.modals.length).toBeGreaterThan(0));
    expect(callsOf(served, 'reopenTask')).toEqual([]);
    fake.modalAnswer = true;
    fireEvent.click(within(screen.getByTestId('plan-reopen-sheet')).getByText('重新打开'));
    expect(await screen.findByTestId('plan-reopens')).toHaveTextContent('陈刚：佐证材料不符');
    expect(callsOf(served, 'reopenTask')).toEqual([{ id: 'pt1', reason: '佐证材料不符' }]);
  });

  it('someone who may only read sees no actions', async () => {
    serveFunctions({ 'workboard.task': () => ok(detail({ canAct: false, canEdit: false })) });
    render(<TaskScreen id='pt1' />);
    await screen.findByTestId('plan-task-detail');
    expect(screen.queryByTestId('plan-tick')).toBeNull();
    expect(screen.queryByTestId('plan-edit')).toBeNull();
  });
});

describe('the task form', () => {
  const board: PlanBoard = { plan: plan(WLMQ), today: '2026-06-01', tasks: [], ownerUnits: [WLMQ, STATION] };

  it('says what is missing before sending, then sends the task with the pursuit it serves', async () => {
    const served = serveFunctions({
      'workboard.board': () => ok(board),
      'content.campaigns': () => ok({ items: [{ _id: 'cp1', name: '身边典型•平凡榜样', slug: 'a', description: '', cover: null, storyCount: 0, startedAt: 0, endsAt: null }] }),
      'workboard.pursuits': () => ok({ items: [{ _id: 'pu1', name: '全国青年岗位能手' }], next: null, year: 2026, canCreate: [] }),
      'workboard.saveTask': (data) => ok({ task: task(9, data as Partial<PlanTaskView>) }),
    });
    render(<TaskFormScreen planId='pl-2026-u-wlmq' id={null} />);
    await screen.findByTestId('plan-task-form');
    fireEvent.click(screen.getByTestId('plan-task-save'));
    expect(await screen.findByTestId('plan-form-error')).toHaveTextContent('请填写任务内容');
    fireEvent.input(screen.getByLabelText('任务内容'), { target: { value: '报送候选人材料' } });
    fireEvent.input(screen.getByLabelText('责任人'), { target: { value: '李明' } });
    fireEvent.click(screen.getByText('天山区特勤站'));
    fireEvent.click(screen.getByText('争创：全国青年岗位能手'));
    fireEvent.click(screen.getByTestId('plan-task-save'));
    await waitFor(() => expect(callsOf(served, 'saveTask')).toHaveLength(1));
    expect(callsOf(served, 'saveTask')[0]).toMatchObject({ planId: 'pl-2026-u-wlmq', title: '报送候选人材料', unitId: 'u-s1', responsible: '李明', link: { kind: 'pursuit', id: 'pu1' } });
    await waitFor(() => expect(fake.navigations.at(-1)).toMatchObject({ kind: 'navigateBack' }));
  });

  const lists = {
    'workboard.board': () => ok(board),
    'content.campaigns': () => ok({ items: [] }),
    'workboard.pursuits': () => ok({ items: [], next: null, year: 2026, canCreate: [] }),
  };

  it('links a nomination picked from the plan’s own list, by the nominee’s name; the save carries it', async () => {
    const served = serveFunctions({
      ...lists,
      'workboard.linkOptions': (data) => {
        const q = (data as { q?: string }).q;
        const all = [
          { id: 'nom-1', title: '张伟', subtitle: '天山区特勤站 · 灭火救援尖兵 · 推荐入后备典型库' },
          { id: 'nom-2', title: '李强', subtitle: '乌鲁木齐支队 · 后勤好管家 · 推荐入重大先进典型库' },
        ];
        return ok({ items: all.filter((o) => !q || o.title.includes(q)) });
      },
      'workboard.saveTask': (data) => ok({ task: task(9, data as Partial<PlanTaskView>) }),
    });
    render(<TaskFormScreen planId='pl-2026-u-wlmq' id={null} />);
    await screen.findByTestId('plan-task-form');
    fireEvent.click(screen.getByTestId('plan-pick-nomination'));
    const picker = screen.getByTestId('plan-link-picker');
    expect(within(picker).getByLabelText('加载中')).toBeInTheDocument();
    const options = await within(picker).findAllByTestId('plan-link-option');
    expect(options.map((o) => [within(o).getByText(/张伟|李强/).textContent, within(o).getByText(/推荐入/).textContent])).toEqual([
      ['张伟', '天山区特勤站 · 灭火救援尖兵 · 推荐入后备典型库'],
      ['李强', '乌鲁木齐支队 · 后勤好管家 · 推荐入重大先进典型库'],
    ]);
    expect(callsOf(served, 'linkOptions')).toEqual([{ planId: 'pl-2026-u-wlmq', kind: 'nomination' }]);
    // Typing asks the server again for what matches.
    fireEvent.input(within(picker).getByLabelText('按被推荐人姓名查找'), { target: { value: '李' } });
    await waitFor(() => expect(within(screen.getByTestId('plan-link-picker')).getAllByTestId('plan-link-option')).toHaveLength(1));
    expect(callsOf(served, 'linkOptions').at(-1)).toEqual({ planId: 'pl-2026-u-wlmq', kind: 'nomination', q: '李' });
    fireEvent.click(screen.getByText('李强'));
    expect(screen.queryByTestId('plan-link-picker')).toBeNull();
    expect(screen.getByTestId('plan-link-picked')).toHaveTextContent('推荐：李强');
    expect(screen.getByText('不关联').parentElement).toHaveAttribute('aria-pressed', 'false');
    fireEvent.input(screen.getByLabelText('任务内容'), { target: { value: '跟进李强推荐公示' } });
    fireEvent.input(screen.getByLabelText('责任人'), { target: { value: '周杰' } });
    fireEvent.click(screen.getByTestId('plan-task-save'));
    await waitFor(() => expect(callsOf(served, 'saveTask')).toHaveLength(1));
    expect(callsOf(served, 'saveTask')[0]).toMatchObject({ title: '跟进李强推荐公示', link: { kind: 'nomination', id: 'nom-2' } });
    expect((callsOf(served, 'saveTask')[0] as { link: object }).link).toEqual({ kind: 'nomination', id: 'nom-2' });
  });

  it('the story picker says when the plan has no published story, and a failed list offers a retry', async () => {
    let fail = true;
    serveFunctions({ ...lists, 'workboard.linkOptions': () => (fail ? err('UNAVAILABLE') : ok({ items: [] })) });
    render(<TaskFormScreen planId='pl-2026-u-wlmq' id={null} />);
    await screen.findByTestId('plan-task-form');
    fireEvent.click(screen.getByTestId('plan-pick-story'));
    const retry = await screen.findByTestId('state-error');
    expect(retry).toHaveTextContent('候选记录加载失败，点击重试');
    fail = false;
    fireEvent.click(retry);
    expect(await screen.findByTestId('plan-link-empty')).toHaveTextContent('本计划范围内还没有已发布的事迹');
    fireEvent.click(screen.getByTestId('plan-link-picker-close'));
    expect(screen.queryByTestId('plan-link-picker')).toBeNull();
  });

  it('an existing nomination link shows by name and is kept when the task is saved again', async () => {
    const served = serveFunctions({
      ...lists,
      'workboard.task': () => ok(detail({ link: { kind: 'nomination', id: 'nom-1', title: '张伟' } })),
      'workboard.saveTask': (data) => ok({ task: task(1, data as Partial<PlanTaskView>) }),
    });
    render(<TaskFormScreen planId='pl-2026-u-wlmq' id='pt1' />);
    expect(await screen.findByTestId('plan-link-picked')).toHaveTextContent('推荐：张伟');
    fireEvent.click(screen.getByTestId('plan-task-save'));
    await waitFor(() => expect(callsOf(served, 'saveTask')).toHaveLength(1));
    expect((callsOf(served, 'saveTask')[0] as { link: object }).link).toEqual({ kind: 'nomination', id: 'nom-1' });
  });
});
