/**
 * 荣誉墙 and the lists behind its figures: the figures the server counted, the period a reader
 * picks, every number, text row and chart point opening the list behind it, the loading, empty
 * and error states; the lists send what the figure names and open the profiles; the exemplar
 * editor records a placement's outlet level.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ExemplarEditView, HonoursWallView, PlacementCard } from '@contract';
import { HonoursWallScreen } from '../../client/src/features/honours/honours-wall-screen';
import { HonouredScreen } from '../../client/src/features/honours/honoured-screen';
import { PlacementsScreen } from '../../client/src/features/honours/placements-screen';
import { ExemplarEditorScreen } from '../../client/src/features/authoring/exemplar-editor';
import { routes } from '../../client/src/lib/routes';
import { exemplarCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

// The canvas has no jsdom rendering: this stand-in offers each data point of each series as a
// button, so a test taps a bar as a reader would and sees which list the page opens.
jest.mock('../../client/src/features/honours/chart', () => ({
  Chart: ({ option, label, onSelect, testId }: { option: (scale: number) => { series: { data: unknown[] }[] }; label: string; onSelect?: (h: { seriesIndex: number; dataIndex: number }) => void; testId?: string }) => (
    <div data-testid={testId} aria-label={label} role='img'>
      {option(1).series.map((s, si) => s.data.map((_, di) => <button key={`${si}-${di}`} data-testid={`${testId}-${si}-${di}`} onClick={() => onSelect?.({ seriesIndex: si, dataIndex: di })} />))}
    </div>
  ),
}));

const unit = (id: string, name: string) => ({ _id: id, name: `${name}消防救援支队`, shortName: `${name}支队`, level: 'detachment' as const });
const levels = (n: [number, number, number, number]) =>
  (['national', 'regional', 'prefecture', 'county'] as const).map((level, i) => ({ level, individuals: n[i]!, collectives: i % 2 }));

function wallView(over: Partial<HonoursWallView> = {}): HonoursWallView {
  return {
    years: [2022, 2023, 2024],
    since: 2022,
    honoured: [
      { band: 'national_regional', individuals: 56, collectives: 34 },
      { band: 'national', individuals: 12, collectives: 8 },
      { band: 'regional', individuals: 50, collectives: 30 },
      { band: 'prefecture', individuals: 69, collectives: 38 },
      { band: 'county', individuals: 80, collectives: 41 },
      { band: 'merit', individuals: 20, collectives: 17 },
      { band: 'any', individuals: 120, collectives: 60 },
    ],
    awards: 400,
    byYear: [
      { year: 2022, levels: levels([1, 2, 3, 4]) },
      { year: 2023, levels: levels([2, 3, 4, 5]) },
      { year: 2024, levels: levels([3, 4, 5, 6]) },
    ],
    libraries: [
      { tier: 'major', individuals: 10, collectives: 8 },
      { tier: 'reserve', individuals: 49, collectives: 25 },
    ],
    units: { total: 25, detachments: [{ unit: unit('u-wlmq', '乌鲁木齐市'), exemplars: 9 }, { unit: unit('u-klmy', '克拉玛依市'), exemplars: 4 }] },
    placements: {
      total: 363,
      byLevel: [
        { level: 'central', n: 40 },
        { level: 'regional', n: 120 },
        { level: 'prefecture', n: 0 },
        { level: 'county', n: 203 },
      ],
      byYear: [
        { year: 2022, n: 100 },
        { year: 2023, n: 120 },
        { year: 2024, n: 143 },
      ],
      outlets: [{ outlet: '新疆日报', level: 'regional', n: 80 }],
    },
    updatedAt: Date.UTC(2025, 0, 2, 4, 0),
    ...over,
  };
}

const lastNavigation = () => fake.navigations.at(-1)?.url;

describe('荣誉墙', () => {
  it('shows the counted figures since the first year, and each number opens the list behind it', async () => {
    const served = serveFunctions({ 'content.honoursWall': () => ok(wallView()) });
    render(<HonoursWallScreen />);
    expect(screen.getByLabelText('加载中')).toBeInTheDocument();
    const figure = await screen.findByTestId('figure-national_regional-collective');
    expect(figure).toHaveTextContent('34个');
    expect(figure).toHaveAttribute('aria-label', '自2022年以来国家级和自治区（兵团）级受表彰集体34个，查看名单');
    expect(screen.getByTestId('figure-national_regional-individual')).toHaveTextContent('56人');
    expect(screen.getByTestId('figure-prefecture-collective')).toHaveTextContent('38个');
    expect(screen.getByTestId('figure-merit-collective')).toHaveTextContent('17个记功单位');
    expect(served.calls[0]?.data).toEqual({});

    fireEvent.click(figure);
    expect(lastNavigation()).toBe(routes.honoured({ band: 'national_regional', since: '2022', kind: 'collective' }));
    fireEvent.click(screen.getByTestId('figure-major-individual'));
    expect(lastNavigation()).toBe(routes.honoured({ tier: 'major', kind: 'individual' }));
    fireEvent.click(screen.getByTestId('unit-u-wlmq'));
    expect(lastNavigation()).toBe(routes.honoured({ band: 'any', since: '2022', unitId: 'u-wlmq', unitName: '乌鲁木齐市消防救援支队' }));
    fireEvent.click(screen.getByTestId('outlet-level-county'));
    expect(lastNavigation()).toBe(routes.placements({ since: '2022', level: 'county' }));
    fireEvent.click(screen.getByTestId('outlet-row'));
    expect(lastNavigation()).toBe(routes.placements({ since: '2022', outlet: '新疆日报' }));
    fireEvent.click(screen.getByText('媒体刊发', { selector: '.honours-wall__total-label' }));
    expect(lastNavigation()).toBe(routes.placements({ since: '2022' }));
  });

  it('a tap on a chart opens the same list as the figure’s text row', async () => {
    serveFunctions({ 'content.honoursWall': () => ok(wallView()) });
    render(<HonoursWallScreen />);
    await screen.findByTestId('chart-by-year');
    // Series are the levels in order, data points the years: regional (1) in 2023 (1).
    fireEvent.click(screen.getByTestId('chart-by-year-1-1'));
    expect(lastNavigation()).toBe(routes.honoured({ band: 'regional', year: '2023' }));
    fireEvent.click(screen.getByTestId('year-2023-regional'));
    expect(lastNavigation()).toBe(routes.honoured({ band: 'regional', year: '2023' }));
    fireEvent.click(screen.getByTestId('chart-units-0-1'));
    expect(lastNavigation()).toBe(routes.honoured({ band: 'any', since: '2022', unitId: 'u-klmy', unitName: '克拉玛依市消防救援支队' }));
    // The donut leaves out empty levels: its third slice is county, not prefecture.
    fireEvent.click(screen.getByTestId('chart-outlet-levels-0-2'));
    expect(lastNavigation()).toBe(routes.placements({ since: '2022', level: 'county' }));
    fireEvent.click(screen.getByTestId('chart-placements-by-year-0-2'));
    expect(lastNavigation()).toBe(routes.placements({ year: '2024' }));
  });

  it('gives every chart its numbers in words for screen readers, and as text rows beside it', async () => {
    serveFunctions({ 'content.honoursWall': () => ok(wallView()) });
    render(<HonoursWallScreen />);
    const chart = await screen.findByTestId('chart-by-year');
    expect(chart).toHaveAttribute('aria-label', expect.stringContaining('2024年国家级3、自治区级5、地州市级5、县市级7'));
    expect(screen.getByTestId('year-2024-county')).toHaveTextContent('县市级 7');
    expect(screen.getByTestId('chart-outlet-levels')).toHaveAttribute('aria-label', expect.stringContaining('中央媒体40篇'));
    expect(screen.getByTestId('placement-year-2024')).toHaveTextContent('143篇');
  });

  it('picking a start year asks for the figures since then', async () => {
    const served = serveFunctions({ 'content.honoursWall': (d) => ok(wallView({ since: (d as { since?: number }).since ?? 2022 })) });
    render(<HonoursWallScreen />);
    await screen.findByTestId('figure-national_regional-collective');
    fireEvent.click(screen.getByRole('radio', { name: '自2024年' }));
    await act(async () => {});
    expect(served.calls.at(-1)?.data).toEqual({ since: 2024 });
    expect(await screen.findByText('自2024年以来 · 随荣誉录入自动更新')).toBeInTheDocument();
  });

  it('says so when there is nothing to count yet', async () => {
    serveFunctions({ 'content.honoursWall': () => ok(wallView({ years: [], since: null, byYear: [], updatedAt: null })) });
    render(<HonoursWallScreen />);
    expect(await screen.findByText('暂无可统计的荣誉')).toBeInTheDocument();
  });

  it('a failure offers to try again, and trying again shows the wall', async () => {
    let fail = true;
    serveFunctions({ 'content.honoursWall': () => (fail ? err('UNAVAILABLE', '服务暂时不可用') : ok(wallView())) });
    render(<HonoursWallScreen />);
    const error = await screen.findByTestId('state-error');
    expect(error).toHaveTextContent('加载失败，点击重试');
    fail = false;
    fireEvent.click(error);
    expect(await screen.findByTestId('figure-national_regional-collective')).toBeInTheDocument();
  });
});

describe('the lists behind the figures', () => {
  it('the honoured list sends what the figure names, says what it lists, and opens a profile', async () => {
    setRouterParams({ band: 'national_regional', since: '2022', kind: 'collective' });
    const served = serveFunctions({ 'content.honoured': () => ok({ items: [exemplarCard(1, { name: '特勤一站', kind: 'collective' })], next: null }) });
    render(<HonouredScreen />);
    expect(await screen.findByText('特勤一站')).toBeInTheDocument();
    expect(served.calls[0]?.data).toEqual({ band: 'national_regional', since: 2022, kind: 'collective', cursor: null, limit: 20 });
    expect(screen.getByTestId('list-heading')).toHaveTextContent('自2022年以来 · 国家级和自治区（兵团）级荣誉 · 集体');
    fireEvent.click(screen.getByTestId('exemplar-card'));
    expect(lastNavigation()).toBe(routes.profile({ id: exemplarCard(1)._id }));
  });

  it('a library size opens that library’s list; a detachment’s bar lists its subtree by name', async () => {
    setRouterParams({ tier: 'reserve', kind: 'individual' });
    const served = serveFunctions({ 'content.exemplars': () => ok({ items: [exemplarCard(2, { name: '王芳' })], next: null }), 'content.honoured': () => ok({ items: [], next: null }) });
    const { unmount } = render(<HonouredScreen />);
    expect(await screen.findByText('王芳')).toBeInTheDocument();
    expect(served.calls[0]?.data).toEqual({ tier: 'reserve', kind: 'individual', cursor: null, limit: 20 });
    expect(screen.getByTestId('list-heading')).toHaveTextContent('后备典型库 · 个人');
    unmount();

    setRouterParams({ band: 'any', since: '2023', unitId: 'u-wlmq', unitName: '乌鲁木齐市消防救援支队' });
    render(<HonouredScreen />);
    expect(await screen.findByText('暂无典型')).toBeInTheDocument();
    expect(served.calls.at(-1)?.data).toEqual({ band: 'any', since: 2023, unitId: 'u-wlmq', cursor: null, limit: 20 });
    expect(screen.getByTestId('list-heading')).toHaveTextContent('自2023年以来 · 乌鲁木齐市消防救援支队 · 受表彰典型');
  });

  it('a link that names no list says so and asks the server nothing', async () => {
    setRouterParams({ band: 'galactic', year: '2024' });
    const served = serveFunctions({});
    render(<HonouredScreen />);
    expect(await screen.findByText('没有这份名单')).toBeInTheDocument();
    expect(served.calls).toEqual([]);
  });

  it('the placements list shows outlet, level and date, and opens the exemplar it reports on', async () => {
    setRouterParams({ year: '2024', level: 'central' });
    const item: PlacementCard = { _id: 'pl1', outlet: '人民日报', level: 'central', title: '天山脚下的逆行者', date: '2024-03-02', link: null, exemplar: { _id: 'ex-1', name: '王勇', kind: 'individual' } };
    const served = serveFunctions({ 'content.placements': () => ok({ items: [item], next: null }) });
    render(<PlacementsScreen />);
    const row = await screen.findByTestId('placement-row');
    expect(row).toHaveTextContent('天山脚下的逆行者');
    expect(row).toHaveTextContent('中央媒体');
    expect(row).toHaveTextContent('人民日报 · 2024年3月2日');
    expect(row).toHaveTextContent('报道对象：王勇');
    expect(served.calls[0]?.data).toEqual({ year: 2024, level: 'central', cursor: null, limit: 20 });
    expect(screen.getByTestId('list-heading')).toHaveTextContent('2024年 · 中央媒体 · 刊发');
    fireEvent.click(row);
    expect(lastNavigation()).toBe(routes.profile({ id: 'ex-1' }));
  });
});

describe('the exemplar editor’s placement form', () => {
  it('asks for the outlet level and sends it', async () => {
    setRouterParams({ id: 'p1' });
    let current: ExemplarEditView = {
      _id: 'p1', kind: 'collective', tier: 'reserve', name: '特勤站', title: '尖刀', unitId: 'u1', category: 'rescue', photo: null, photoUrl: null,
      summary: '冲在最前', biography: '生平', state: 'draft', consent: null, honorCount: 0, honors: [], placements: [], updatedAt: 1,
    };
    const served = serveFunctions({
      'identity.me': () => ok({ handle: 'h', roles: [{ role: 'editor', unit: { _id: 'u1', name: '总队', shortName: '总队', level: 'corps' } }], reader: false }),
      'authoring.exemplar': () => ok(current),
      'authoring.savePlacement': (d) => {
        const p = (d as { placement: ExemplarEditView['placements'][number] }).placement;
        current = { ...current, placements: [p] };
        return ok(current);
      },
    });
    render(<ExemplarEditorScreen />);
    await screen.findByText('媒体刊发（0）');
    fireEvent.input(screen.getByPlaceholderText('媒体名称'), { target: { value: '新疆日报' } });
    fireEvent.input(screen.getByPlaceholderText('稿件标题'), { target: { value: '尖刀班的一天' } });
    fireEvent.input(screen.getByLabelText('刊发日期'), { target: { value: '2024-05-01' } });
    fireEvent.click(screen.getByText('添加刊发记录'));
    await act(async () => {});
    expect(fake.toasts.at(-1)?.title).toBe('请填写媒体、媒体级别、标题和日期');
    expect(served.calls.some((c) => c.action === 'savePlacement')).toBe(false);

    fireEvent.click(screen.getByText('自治区媒体'));
    fireEvent.click(screen.getByText('添加刊发记录'));
    expect(await screen.findByText('媒体刊发（1）')).toBeInTheDocument();
    expect(served.calls.find((c) => c.action === 'savePlacement')?.data).toMatchObject({ exemplarId: 'p1', placement: { outlet: '新疆日报', level: 'regional', title: '尖刀班的一天', date: '2024-05-01', link: null } });
    expect(screen.getByTestId('placement-row')).toHaveTextContent('新疆日报（自治区媒体）《尖刀班的一天》');
  });
});
