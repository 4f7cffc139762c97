/**
 * 争创荣誉 on the client: the list (one year, phases, the deadlines on top, 新建 for an admin), a
 * pursuit's page (dates, candidates with outcomes; 获评 records at once, 撤销获评 asks first and
 * sends nothing when the admin cancels; refusals in Chinese), putting a candidate forward from
 * the options by name, the form checking its dates before sending, and the deadlines component
 * the plan board shows, and the admin's 工作台 tile and 待办.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PursuitCandidateView, PursuitCard, PursuitDeadline, PursuitView } from '@contract';
import { PursuitDeadlines } from '../../client/src/features/pursuits/deadlines';
import { PursuitScreen } from '../../client/src/features/pursuits/pursuit-screen';
import { PursuitsScreen } from '../../client/src/features/pursuits/pursuits-screen';
import { StaffHome } from '../../client/src/features/staff-admin/staff-home';
import { ok, serveFunctions, type Served } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

const CORPS = { _id: 'u-corps', name: '新疆维吾尔自治区消防救援总队', shortName: '总队', level: 'corps' as const };
const STATION = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };

function card(over: Partial<PursuitCard> = {}): PursuitCard {
  return {
    _id: 'pu-1',
    name: '全国青年岗位能手',
    level: 'national',
    awardedBy: '共青团中央',
    unit: CORPS,
    opensOn: '2026-11-01',
    nominationDeadline: '2026-12-14',
    resultOn: '2027-02-15',
    phase: 'open',
    candidateCount: 1,
    awardedCount: 0,
    next: { label: '推荐截止', date: '2026-12-14', daysLeft: 12 },
    ...over,
  };
}

function candidate(over: Partial<PursuitCandidateView> = {}): PursuitCandidateView {
  return { exemplarId: 'ex-c1', name: '天山区特勤站', kind: 'collective', unit: STATION, outcome: 'pending', awardedOn: null, decidedBy: null, decidedAt: null, public: true, ...over };
}

function view(over: Partial<PursuitView> = {}): PursuitView {
  return {
    ...card({ phase: 'awaiting_result', nominationDeadline: '2026-11-02', resultOn: '2026-12-07', next: { label: '结果公布', date: '2026-12-07', daysLeft: 5 } }),
    keyDates: [{ label: '党委书记向授奖机关汇报', date: '2026-12-05' }],
    note: '限报两人',
    candidates: [candidate()],
    today: '2026-12-02',
    canManage: true,
    outcomesOpen: true,
    updatedAt: 1,
    ...over,
  };
}

const deadline = (over: Partial<PursuitDeadline> = {}): PursuitDeadline => ({ pursuitId: 'pu-1', pursuitName: '全国青年岗位能手', level: 'national', kind: 'nomination', label: '推荐截止', date: '2026-12-14', daysLeft: 12, unit: CORPS, ...over });
const callsOf = (served: Served, action: string) => served.calls.filter((c) => c.fn === 'workboard' && c.action === action).map((c) => c.data);

describe('the pursuits list', () => {
  it('shows this year’s pursuits with their phase and next date, the deadlines on top, and 新建 for an admin', async () => {
    serveFunctions({
      'workboard.pursuits': () => ok({ year: 2026, items: [card(), card({ _id: 'pu-2', name: '新疆最美应急人', phase: 'awaiting_result', next: null })], next: null, canCreate: [CORPS] }),
      'workboard.pursuitDeadlines': () => ok({ today: '2026-12-02', items: [deadline({ kind: 'key', label: '党委书记向团中央汇报', date: '2026-12-04', daysLeft: 2 }), deadline()] }),
    });
    render(<PursuitsScreen />);
    const rows = await screen.findAllByTestId('pursuit-row');
    expect(rows[0]).toHaveTextContent('全国青年岗位能手');
    expect(rows[0]).toHaveTextContent('推荐中');
    expect(rows[0]).toHaveTextContent('下一节点：推荐截止 2026年12月14日（还有 12 天）');
    expect(rows[1]).toHaveTextContent('待公布');
    const deadlines = await screen.findAllByTestId('pursuit-deadline');
    expect(deadlines.map((d) => d.textContent)).toEqual([expect.stringContaining('全国青年岗位能手 · 党委书记向团中央汇报还有 2 天'), expect.stringContaining('推荐截止还有 12 天')]);
    fireEvent.click(deadlines[0]!);
    expect(fake.navigations.at(-1)?.url).toBe('/pages-staff/pursuit/index?id=pu-1');
    expect(screen.getByTestId('pursuit-new')).toBeInTheDocument();
  });

  it('the form says what is missing before anything is sent, and opens the new pursuit once saved', async () => {
    const served = serveFunctions({
      'workboard.pursuits': () => ok({ year: 2026, items: [], next: null, canCreate: [CORPS] }),
      'workboard.pursuitDeadlines': () => ok({ today: '2026-12-02', items: [] }),
      'workboard.savePursuit': (d) => ok(view({ _id: 'pu-new', name: (d as { name: string }).name })),
    });
    render(<PursuitsScreen />);
    expect(await screen.findByText('2026 年还没有争创项目')).toBeInTheDocument();
    expect(await screen.findByTestId('pursuit-deadlines-empty')).toHaveTextContent('未来 30 天内没有争创节点');
    fireEvent.click(screen.getByTestId('pursuit-new'));
    const form = screen.getByTestId('pursuit-form');
    fireEvent.click(within(form).getByText('保存'));
    expect(await within(form).findByRole('alert')).toHaveTextContent('请填写荣誉名称');
    fireEvent.input(within(form).getByLabelText('荣誉名称'), { target: { value: '全国青年文明号' } });
    fireEvent.input(within(form).getByLabelText('授予单位'), { target: { value: '共青团中央' } });
    fireEvent.click(within(form).getByText('保存'));
    await waitFor(() => expect(callsOf(served, 'savePursuit')).toHaveLength(1));
    expect(callsOf(served, 'savePursuit')[0]).toMatchObject({ unitId: 'u-corps', name: '全国青年文明号', level: 'regional', awardedBy: '共青团中央', keyDates: [], requestKey: expect.any(String) });
    await waitFor(() => expect(fake.navigations.at(-1)?.url).toBe('/pages-staff/pursuit/index?id=pu-new'));
  });
});

describe('a pursuit’s page', () => {
  beforeEach(() => setRouterParams({ id: 'pu-1' }));

  it('records 获评 at once and shows it; 撤销获评 asks first and sends nothing when cancelled', async () => {
    const served = serveFunctions({
      'workboard.pursuit': () => ok(view()),
      'workboard.setPursuitOutcome': (d) =>
        ok(view({ updatedAt: 2, candidates: [candidate({ outcome: (d as { outcome: 'awarded' }).outcome, awardedOn: '2026-12-02', decidedBy: { name: '陈刚', unit: null }, decidedAt: 1 })] })),
    });
    render(<PursuitScreen />);
    const row = await screen.findByTestId('pursuit-candidate');
    expect(row).toHaveTextContent('待定');
    expect(screen.getAllByTestId('pursuit-date').map((d) => d.textContent)).toEqual([
      expect.stringContaining('开始推荐'),
      expect.stringContaining('推荐截止'),
      expect.stringContaining('关键节点：党委书记向授奖机关汇报'),
      expect.stringContaining('结果公布'),
    ]);
    fireEvent.click(within(row).getByText('获评'));
    await waitFor(() => expect(screen.getByTestId('pursuit-candidate')).toHaveTextContent('已获评'));
    expect(callsOf(served, 'setPursuitOutcome')).toEqual([{ pursuitId: 'pu-1', exemplarId: 'ex-c1', outcome: 'awarded' }]);
    expect(screen.getByTestId('pursuit-candidate')).toHaveTextContent('2026年12月2日获评，已登记到典型荣誉');
    expect(fake.modals).toHaveLength(0);

    fake.modalAnswer = false;
    fireEvent.click(within(screen.getByTestId('pursuit-candidate')).getByText('撤销获评'));
    await waitFor(() => expect(fake.modals).toHaveLength(1));
    expect(fake.modals[0]?.content).toContain('将从「天山区特勤站」的荣誉中删除「全国青年岗位能手」');
    expect(callsOf(served, 'setPursuitOutcome')).toHaveLength(1);
  });

  it('shows the server’s refusal in Chinese, and before the deadline says when outcomes open instead of offering them', async () => {
    serveFunctions({
      'workboard.pursuit': () => ok(view()),
      'workboard.setPursuitOutcome': () => ({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'pursuit_window_open', message: 'x' } }),
    });
    const { unmount } = render(<PursuitScreen />);
    fireEvent.click(within(await screen.findByTestId('pursuit-candidate')).getByText('未获评'));
    expect(await screen.findByTestId('pursuit-error')).toHaveTextContent('推荐截止日之后才能登记评选结果');
    unmount();

    serveFunctions({ 'workboard.pursuit': () => ok(view({ outcomesOpen: false, nominationDeadline: '2026-12-14' })) });
    render(<PursuitScreen />);
    const row = await screen.findByTestId('pursuit-candidate');
    expect(within(row).queryByText('获评')).toBeNull();
    expect(screen.getByText('推荐截止日（2026年12月14日）起可登记评选结果')).toBeInTheDocument();
  });

  it('puts forward an exemplar found by name; a reader of the unit sees the pursuit without any action', async () => {
    const served = serveFunctions({
      'workboard.pursuit': () => ok(view({ candidates: [] })),
      'workboard.pursuitOptions': () =>
        ok({
          items: [
            { _id: 'ex-i1', name: '艾力·买买提', kind: 'individual', tier: 'major', unit: STATION },
            { _id: 'ex-i2', name: '王建军', kind: 'individual', tier: 'reserve', unit: STATION },
          ],
        }),
      'workboard.addPursuitCandidate': () => ok(view({ updatedAt: 3, candidates: [candidate({ exemplarId: 'ex-i2', name: '王建军', kind: 'individual' })] })),
    });
    const { unmount } = render(<PursuitScreen />);
    fireEvent.click(await screen.findByTestId('candidate-add'));
    await screen.findAllByTestId('candidate-option');
    fireEvent.input(screen.getByLabelText('按名称查找典型'), { target: { value: '王' } });
    const options = screen.getAllByTestId('candidate-option');
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('王建军')]);
    fireEvent.click(within(options[0]!).getByText('推荐'));
    expect(await screen.findByTestId('pursuit-candidate')).toHaveTextContent('王建军');
    expect(callsOf(served, 'addPursuitCandidate')).toEqual([{ pursuitId: 'pu-1', exemplarId: 'ex-i2' }]);
    unmount();

    serveFunctions({ 'workboard.pursuit': () => ok(view({ canManage: false })) });
    render(<PursuitScreen />);
    const row = await screen.findByTestId('pursuit-candidate');
    expect(within(row).queryAllByRole('button').filter((b) => b.textContent !== '查看主页')).toEqual([]);
    expect(screen.queryByTestId('candidate-add')).toBeNull();
    expect(screen.queryByTestId('pursuit-edit')).toBeNull();
  });
});

describe('the deadlines component', () => {
  it('offers a retry when it cannot load', async () => {
    let fail = true;
    serveFunctions({ 'workboard.pursuitDeadlines': () => (fail ? { ok: false, error: { code: 'UNAVAILABLE', message: 'x' } } : ok({ today: '2026-12-02', items: [deadline({ daysLeft: 0 })] })) });
    render(<PursuitDeadlines />);
    const error = await screen.findByTestId('state-error');
    fail = false;
    fireEvent.click(error);
    expect(await screen.findByTestId('pursuit-deadline')).toHaveTextContent('今天');
  });
});

describe('the 工作台', () => {
  it('gives the admin a 争创荣誉 tile with the dates coming up, and lists them as 待办 that open their pursuit', async () => {
    serveFunctions({
      'identity.me': () => ok({ handle: 'a1b2c3d4e5', roles: [{ role: 'admin', unit: CORPS }], reader: false }),
      'identity.todo': () => ok({ counts: { pursuit_deadline: 5 }, items: [{ kind: 'pursuit_deadline', id: 'pu-1', title: '全国青年岗位能手 · 推荐截止', unit: CORPS, since: Date.parse('2026-12-14T00:00:00+08:00') }] }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('pursuits-count')).toHaveTextContent('5 个节点临近');
    const item = screen.getByTestId('todo-item');
    expect(item).toHaveTextContent('全国青年岗位能手 · 推荐截止');
    expect(item).toHaveTextContent('2026-12-14 到期');
    fireEvent.click(item);
    expect(fake.navigations.at(-1)?.url).toBe('/pages-staff/pursuit/index?id=pu-1');
    fireEvent.click(screen.getByTestId('tile-pursuits'));
    expect(fake.navigations.at(-1)?.url).toBe('/pages-staff/pursuits/index');
  });
});
