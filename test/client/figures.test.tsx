/**
 * 数据统计 (the leaders' dashboard): it opens on the caller's highest unit, says the figure
 * sentence and that these are internal staff figures, shows a table per figure (a row opens
 * that unit, 返回 goes back up), changes period by chip or by two dates, picks a unit from the
 * tree, exports the workbook and opens it, and shows the loading, error and refusal states.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { FiguresView, Me, UnitFigures, UnitNode, UnitRef } from '@contract';
import { FiguresScreen } from '../../client/src/features/figures/figures-screen';
import { err, ok, serveFunctions } from './support/local-cloud';
import { setRouterParams } from './support/taro-fake';

const openWorkbook = jest.fn(async (_file: { url: string; fileName: string }) => undefined);
jest.mock('../../client/src/features/figures/open-workbook', () => ({ openWorkbook: (f: { url: string; fileName: string }) => openWorkbook(f) }));

const CORPS: UnitRef = { _id: 'u-xj', name: '新疆维吾尔自治区消防救援总队', shortName: '新疆总队', level: 'corps' };
const WLMQ: UnitRef = { _id: 'u-wlmq', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' };
const KLMY: UnitRef = { _id: 'u-klmy', name: '克拉玛依市消防救援支队', shortName: '克拉玛依支队', level: 'detachment' };
const SCOPE: UnitNode[] = [
  { ...CORPS, parentId: null, order: 0 },
  { ...WLMQ, parentId: 'u-xj', order: 1 },
  { ...KLMY, parentId: 'u-xj', order: 2 },
];

function row(unit: UnitRef, depth: number, n: number): UnitFigures {
  const p = (c: number, i: number) => ({ collectives: c, individuals: i });
  return {
    unit,
    parentId: depth === 0 ? null : 'u-xj',
    depth,
    honours: { nationalRegional: p(34 * n, 56 * n), national: p(8 * n, 12 * n), regional: p(30 * n, 50 * n), prefecture: p(38 * n, 69 * n), county: p(5 * n, 7 * n), awards: 400 * n },
    commendedUnits: 17 * n,
    placements: { central: 40 * n, regional: 120 * n, prefecture: 150 * n, county: 50 * n, unrated: 0, total: 360 * n },
    library: { major: p(8 * n, 10 * n), reserve: p(25 * n, 49 * n), promoted: 2 * n, demoted: n, retired: 0, reinstated: 0, enrolled: 3 * n },
    plans: { total: 20 * n, done: 15 * n, overdue: 2 * n },
  };
}

function view(unit: UnitRef = CORPS, over: Partial<FiguresView> = {}): FiguresView {
  return {
    unit,
    from: '2022-01-01',
    to: '2026-12-02',
    today: '2026-12-02',
    total: row(unit, 0, 2),
    children: unit._id === 'u-xj' ? [row(WLMQ, 1, 1), row(KLMY, 1, 1)] : [],
    byYear: [2022, 2023].map((year) => ({
      year,
      levels: (['national', 'regional', 'prefecture', 'county'] as const).map((level) => ({ level, collectives: 1, individuals: 2 })),
      placements: { central: 1, regional: 2, prefecture: 3, county: 4, unrated: 0, total: 10 },
    })),
    commendations: [{ exemplarId: 'ex-c01', name: '天山区特勤消防救援站', unit: null, title: '集体二等功', level: 'regional', date: '2023-05-17', awardedBy: '应急管理部' }],
    scope: SCOPE,
    ...over,
  };
}

const me = (roles: Me['roles']): Me => ({ handle: 'h', roles, reader: roles.length === 0 });
const picker = jest.fn(({ units, onChange }: { units: readonly UnitNode[]; onChange: (id: string) => void }) => (
  <div data-testid='picker'>
    {units.map((u) => (
      <button key={u._id} onClick={() => onChange(u._id)}>{`选${u.shortName}`}</button>
    ))}
  </div>
));

async function settle() {
  await act(async () => {
    for (let i = 0; i < 6; i++) await Promise.resolve();
  });
}

beforeEach(() => {
  setRouterParams({});
  openWorkbook.mockClear();
});

it('opens on the highest unit the caller holds, says the sentence, that the figures are internal, and shows a table per figure', async () => {
  const served = serveFunctions({
    'identity.me': () => ok(me([{ role: 'editor', unit: { ...WLMQ } }, { role: 'admin', unit: CORPS }])),
    'workboard.figures': () => ok(view()),
  });
  render(<FiguresScreen unitPicker={picker} />);
  expect(screen.getByTestId('figures-loading')).toBeTruthy();
  await screen.findByTestId('figures-sentence');
  expect(served.calls.find((c) => c.action === 'figures')?.data).toEqual({ unitId: 'u-xj', from: 2022 });
  expect(screen.getByTestId('figures-sentence').textContent).toBe(
    '自2022年以来，新疆维吾尔自治区消防救援总队共有68个集体和112名个人获国家级或自治区（兵团）级表彰，76个集体和138名个人获地州级表彰，34个单位受到县级以上记功表彰，媒体刊发报道720篇（次）。',
  );
  expect(screen.getByTestId('figures-note').textContent).toContain('未取得本人公开同意的个人');
  for (const id of ['table-honours', 'table-years', 'table-commended', 'commendations', 'bars-outlets', 'bars-years', 'table-placements', 'table-library', 'bars-plans', 'table-plans']) expect(screen.getByTestId(id)).toBeTruthy();
  const honours = screen.getByTestId('table-honours');
  expect(within(honours).getAllByTestId('figures-row').map((r) => r.textContent)).toEqual(['乌鲁木齐支队 ›3456386957400', '克拉玛依支队 ›3456386957400']);
  expect(within(honours).getByTestId('figures-total').textContent).toBe('合计68112761381014800');
  expect(within(screen.getByTestId('table-plans')).getByTestId('figures-total').textContent).toBe('合计403075%4');
  expect(screen.getByTestId('bars-outlets').textContent).toContain('中央媒体80');
});

it('a row opens that unit, and 返回 goes back up to its parent', async () => {
  const served = serveFunctions({
    'identity.me': () => ok(me([{ role: 'admin', unit: CORPS }])),
    'workboard.figures': (d) => ok(view((d as { unitId: string }).unitId === 'u-wlmq' ? WLMQ : CORPS)),
  });
  render(<FiguresScreen unitPicker={picker} />);
  await screen.findByTestId('figures-sentence');
  fireEvent.click(within(screen.getByTestId('table-honours')).getAllByTestId('figures-row')[0]!);
  await settle();
  expect(screen.getByTestId('figures-unit').textContent).toBe(WLMQ.name);
  expect(served.calls.filter((c) => c.action === 'figures').at(-1)?.data).toEqual({ unitId: 'u-wlmq', from: 2022 });
  fireEvent.click(screen.getByText('返回新疆总队'));
  await settle();
  expect(screen.getByTestId('figures-unit').textContent).toBe(CORPS.name);
});

it('the unit tree picks a unit; a period chip or two dates change the period', async () => {
  setRouterParams({ unitId: 'u-xj' });
  const served = serveFunctions({ 'workboard.figures': (d) => ok(view((d as { unitId: string }).unitId === 'u-klmy' ? KLMY : CORPS)) });
  render(<FiguresScreen unitPicker={picker} />);
  await screen.findByTestId('figures-sentence');
  // The route named the unit: no identity read.
  expect(served.calls.some((c) => c.action === 'me')).toBe(false);
  fireEvent.click(screen.getByText('选择单位'));
  fireEvent.click(screen.getByText('选克拉玛依支队'));
  await settle();
  expect(served.calls.filter((c) => c.action === 'figures').at(-1)?.data).toEqual({ unitId: 'u-klmy', from: 2022 });
  fireEvent.click(within(screen.getByLabelText('统计时段')).getByText('2023年'));
  await settle();
  expect(served.calls.filter((c) => c.action === 'figures').at(-1)?.data).toEqual({ unitId: 'u-klmy', from: 2023, to: 2023 });
  fireEvent.click(screen.getByText('自定义日期'));
  fireEvent.input(screen.getByLabelText('开始日期'), { target: { value: '2024-07-01' } });
  fireEvent.input(screen.getByLabelText('结束日期'), { target: { value: '2024-01-01' } });
  fireEvent.click(screen.getByText('确定'));
  expect(screen.getByText('结束日期不能早于开始日期')).toBeTruthy();
  fireEvent.input(screen.getByLabelText('结束日期'), { target: { value: '2024-12-31' } });
  fireEvent.click(screen.getByText('确定'));
  await settle();
  expect(served.calls.filter((c) => c.action === 'figures').at(-1)?.data).toEqual({ unitId: 'u-klmy', from: '2024-07-01', to: '2024-12-31' });
});

it('导出 Excel asks for the same unit and period and opens the workbook', async () => {
  setRouterParams({ unitId: 'u-xj' });
  const served = serveFunctions({
    'workboard.figures': () => ok(view()),
    'workboard.exportFigures': () => ok({ url: 'http://127.0.0.1/x.xlsx', fileName: '新疆总队推优树典数据统计.xlsx', expiresAt: 1 }),
  });
  render(<FiguresScreen unitPicker={picker} />);
  await screen.findByTestId('figures-sentence');
  fireEvent.click(screen.getByTestId('figures-export'));
  await settle();
  expect(served.calls.find((c) => c.action === 'exportFigures')?.data).toEqual({ unitId: 'u-xj', from: '2022-01-01', to: '2026-12-02' });
  expect(openWorkbook).toHaveBeenCalledWith({ url: 'http://127.0.0.1/x.xlsx', fileName: '新疆总队推优树典数据统计.xlsx', expiresAt: 1 });
});

it('a unit outside the caller’s scope shows the refusal, not a retry; a failure offers a retry', async () => {
  setRouterParams({ unitId: 'u-klmy' });
  serveFunctions({ 'workboard.figures': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope', message: 'x' } }) });
  const { unmount } = render(<FiguresScreen unitPicker={picker} />);
  await screen.findByTestId('state-denied');
  expect(screen.getByText('无权查看该单位的数据')).toBeTruthy();
  unmount();
  serveFunctions({ 'workboard.figures': () => err('UNAVAILABLE') });
  render(<FiguresScreen unitPicker={picker} />);
  await screen.findByTestId('state-error');
});

it('a reader (no staff role) is refused without asking for figures', async () => {
  const served = serveFunctions({ 'identity.me': () => ok(me([])) });
  render(<FiguresScreen unitPicker={picker} />);
  await screen.findByTestId('state-denied');
  expect(served.calls.some((c) => c.action === 'figures')).toBe(false);
});
