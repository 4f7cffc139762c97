import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { ExemplarCard, LibraryUnit } from '@contract';
import { LibraryScreen } from '../../client/src/features/library/library-screen';
import { exemplarCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, fireReachBottom } from './support/taro-fake';

// A tiny library the fake server filters the way the content function does.
const ALL: ExemplarCard[] = [
  exemplarCard(1, { name: '张伟', tier: 'major', kind: 'individual', category: 'rescue' }),
  exemplarCard(2, { name: '特勤一站', tier: 'major', kind: 'collective', category: 'rescue' }),
  exemplarCard(3, { name: '李娜', tier: 'major', kind: 'individual', category: 'political' }),
  exemplarCard(4, { name: '王芳', tier: 'reserve', kind: 'individual', category: 'logistics' }),
  exemplarCard(5, { name: '红山站', tier: 'reserve', kind: 'collective', category: 'law' }),
];

interface Req {
  tier: string;
  kind?: string;
  category?: string;
  unitId?: string;
  cursor?: string | null;
  limit?: number;
}

function serveLibrary(pageSize = 20) {
  return serveFunctions({
    'content.exemplars': (data) => {
      const r = data as Req;
      const matching = ALL.filter(
        (e) => e.tier === r.tier && (!r.kind || e.kind === r.kind) && (!r.category || e.category === r.category),
      );
      const start = r.cursor ? Number(r.cursor.split('_')[0]) : 0;
      const items = matching.slice(start, start + pageSize);
      const end = start + items.length;
      return ok({ items, next: end < matching.length ? `${end}_${items.at(-1)!._id}` : null });
    },
  });
}

/** The category button opens its sheet; a choice closes it. */
function pickCategory(name: string): void {
  fireEvent.click(screen.getByTestId('category-filter'));
  fireEvent.click(within(screen.getByRole('dialog', { name: '按类别筛选' })).getByRole('radio', { name }));
}

const names = () => screen.queryAllByTestId('exemplar-card').map((c) => c.querySelector('.exemplar-card__name')?.textContent);

describe('the library', () => {
  it('opens on the major library and switches to the reserve one', async () => {
    const served = serveLibrary();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    expect(screen.getByRole('tab', { name: '重大先进典型库' })).toHaveAttribute('aria-selected', 'true');
    expect(names()).toEqual(['张伟', '特勤一站', '李娜']);

    fireEvent.click(screen.getByRole('tab', { name: '后备典型库' }));
    await screen.findByText('王芳');
    expect(names()).toEqual(['王芳', '红山站']);
    expect(served.calls.map((c) => (c.data as Req).tier)).toEqual(['major', 'reserve']);
  });

  it('filters by 个人/集体 and by category, and 全部 lifts the filter', async () => {
    const served = serveLibrary();
    render(<LibraryScreen />);
    await screen.findByText('张伟');

    fireEvent.click(screen.getByRole('radio', { name: '集体' }));
    await screen.findByText('特勤一站');
    expect(names()).toEqual(['特勤一站']);

    fireEvent.click(screen.getByRole('radio', { name: '个人' }));
    pickCategory('优秀政治干部');
    await act(async () => {});
    expect(names()).toEqual(['李娜']);
    expect(served.calls.at(-1)?.data).toMatchObject({ tier: 'major', kind: 'individual', category: 'political' });

    fireEvent.click(screen.getByRole('radio', { name: '全部' }));
    pickCategory('全部类别');
    await act(async () => {});
    expect(names()).toEqual(['张伟', '特勤一站', '李娜']);
    expect(served.calls.at(-1)?.data).toEqual({ tier: 'major', cursor: null, limit: 20 });
  });

  it('says so when no exemplar matches', async () => {
    serveLibrary();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    pickCategory('后勤好管家');
    expect(await screen.findByText('暂无符合条件的典型')).toBeInTheDocument();
  });

  it('pages on at the bottom and opens a profile on tap', async () => {
    serveLibrary(2);
    render(<LibraryScreen />);
    await screen.findByText('特勤一站');
    expect(names()).toEqual(['张伟', '特勤一站']);
    await act(async () => fireReachBottom());
    await screen.findByText('李娜');
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    fireEvent.click(screen.getByText('李娜'));
    await act(async () => {});
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/profile/index?id=e3' }]);
  });
});

describe('the unit filter', () => {
  // The corps, two detachments (one with a battalion and its station), as content.libraryUnits lists them.
  const unit = (_id: string, name: string, shortName: string, level: LibraryUnit['level'], parentId: string | null, count: number): LibraryUnit => ({ _id, name, shortName, level, parentId, count });
  const TREE: LibraryUnit[] = [
    unit('u-corps', '新疆消防救援总队', '总队', 'corps', null, 5),
    unit('u-wlmq', '乌鲁木齐支队', '乌鲁木齐', 'detachment', 'u-corps', 4),
    unit('u-b1', '米东大队', '米东', 'battalion', 'u-wlmq', 3),
    unit('u-st', '米东区古牧地消防救援站', '古牧地站', 'station', 'u-b1', 3),
    unit('u-kel', '克拉玛依支队', '克拉玛依', 'detachment', 'u-corps', 1),
  ];
  /** Which units' subtrees each exemplar is in. */
  const UNIT_OF: Record<string, string[]> = { e1: ['u-corps', 'u-wlmq', 'u-b1', 'u-st'], e2: ['u-corps', 'u-wlmq', 'u-b1', 'u-st'], e3: ['u-corps', 'u-kel'], e4: ['u-corps', 'u-wlmq'], e5: ['u-corps', 'u-wlmq', 'u-b1', 'u-st'] };

  function serveWithUnits() {
    return serveFunctions({
      'content.exemplars': (data) => {
        const r = data as Req;
        const items = ALL.filter((e) => e.tier === r.tier && (!r.kind || e.kind === r.kind) && (!r.category || e.category === r.category) && (!r.unitId || UNIT_OF[e._id]!.includes(r.unitId)));
        return ok({ items, next: null });
      },
      'content.libraryUnits': () => ok({ items: TREE, total: 5 }),
    });
  }

  const rows = () => screen.getAllByTestId('unit-row').map((r) => r.textContent);

  it('opens on the corps’ detachments with their counts; drilling down and picking a station narrows the list to its subtree', async () => {
    const served = serveWithUnits();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    fireEvent.click(screen.getByTestId('unit-filter'));
    await screen.findByRole('dialog', { name: '按单位筛选' });
    await screen.findByText('乌鲁木齐支队');
    expect(rows()).toEqual(['全部单位5', '乌鲁木齐支队4›', '克拉玛依支队1']);
    expect(served.calls.find((c) => c.action === 'libraryUnits')?.data).toEqual({ tier: 'major' });

    fireEvent.click(screen.getByText('乌鲁木齐支队'));
    expect(rows()).toEqual(['乌鲁木齐支队（全部）4', '米东大队3›']);
    fireEvent.click(screen.getByText('米东大队'));
    fireEvent.click(screen.getByText('米东区古牧地消防救援站'));
    await act(async () => {});
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(names()).toEqual(['张伟', '特勤一站']);
    expect(served.calls.at(-1)?.data).toEqual({ tier: 'major', unitId: 'u-st', cursor: null, limit: 20 });
    expect(screen.getByTestId('unit-filter')).toHaveTextContent('古牧地站');
  });

  it('picks a whole detachment, keeps the unit with the other filters and on the other library, and 全部单位 lifts it', async () => {
    const served = serveWithUnits();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    fireEvent.click(screen.getByTestId('unit-filter'));
    fireEvent.click(await screen.findByText('乌鲁木齐支队'));
    fireEvent.click(screen.getByText('乌鲁木齐支队（全部）'));
    await act(async () => {});
    expect(served.calls.at(-1)?.data).toMatchObject({ tier: 'major', unitId: 'u-wlmq' });

    fireEvent.click(screen.getByRole('radio', { name: '个人' }));
    await act(async () => {});
    expect(served.calls.at(-1)?.data).toMatchObject({ tier: 'major', unitId: 'u-wlmq', kind: 'individual' });
    expect(names()).toEqual(['张伟']);

    fireEvent.click(screen.getByRole('tab', { name: '后备典型库' }));
    await act(async () => {});
    expect(served.calls.at(-1)?.data).toMatchObject({ tier: 'reserve', unitId: 'u-wlmq', kind: 'individual' });

    // The counts are the current filters' counts; the sheet opens on the level of the chosen unit, marked.
    fireEvent.click(screen.getByTestId('unit-filter'));
    const chosen = await screen.findByText('乌鲁木齐支队');
    expect(chosen.closest('[data-testid=unit-row]')).toHaveClass('filter-row--chosen');
    expect(served.calls.filter((c) => c.action === 'libraryUnits').at(-1)?.data).toEqual({ tier: 'reserve', kind: 'individual' });
    fireEvent.click(screen.getAllByTestId('unit-row')[0]!);
    await act(async () => {});
    expect(served.calls.at(-1)?.data).toEqual({ tier: 'reserve', kind: 'individual', cursor: null, limit: 20 });
    expect(screen.getByTestId('unit-filter')).toHaveTextContent('全部单位');
  });

  it('closes without changing anything', async () => {
    const served = serveWithUnits();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    fireEvent.click(screen.getByTestId('unit-filter'));
    await screen.findByText('乌鲁木齐支队');
    const before = served.calls.length;
    fireEvent.click(screen.getByText('关闭'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(served.calls.length).toBe(before);
  });

  it('before the figures exist, lists the units without numbers', async () => {
    serveFunctions({
      'content.exemplars': () => ok({ items: ALL.slice(0, 1), next: null }),
      'content.libraryUnits': () => ok({ items: TREE.map((u) => ({ ...u, count: null })), total: null }),
    });
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    fireEvent.click(screen.getByTestId('unit-filter'));
    await screen.findByText('乌鲁木齐支队');
    expect(rows()).toEqual(['全部单位', '乌鲁木齐支队›', '克拉玛依支队']);
  });

  it('a tree that cannot be loaded offers a retry', async () => {
    let fail = true;
    serveFunctions({
      'content.exemplars': () => ok({ items: ALL.slice(0, 1), next: null }),
      'content.libraryUnits': () => (fail ? err('UNAVAILABLE') : ok({ items: TREE, total: 5 })),
    });
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    fireEvent.click(screen.getByTestId('unit-filter'));
    const retry = await screen.findByText('加载失败，点击重试');
    fail = false;
    fireEvent.click(retry);
    expect(await screen.findByText('乌鲁木齐支队')).toBeInTheDocument();
  });
});

describe('the category filter', () => {
  it('names the chosen category on its button, marks it in its sheet, and closes without change', async () => {
    const served = serveLibrary();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    expect(screen.getByTestId('category-filter')).toHaveTextContent('全部类别');
    pickCategory('优秀政治干部');
    await screen.findByText('李娜');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('category-filter')).toHaveTextContent('优秀政治干部');
    fireEvent.click(screen.getByTestId('category-filter'));
    expect(screen.getByRole('radio', { name: '优秀政治干部' })).toHaveAttribute('aria-checked', 'true');
    const before = served.calls.length;
    fireEvent.click(screen.getByText('关闭'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(served.calls.length).toBe(before);
  });
});

describe('switching', () => {
  it('to the other library, or another filter, starts the list at the top', async () => {
    serveLibrary();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    expect(fake.pageScrolls).toEqual([]);
    fireEvent.click(screen.getByRole('tab', { name: '后备典型库' }));
    expect(fake.pageScrolls).toEqual([0]);
    fireEvent.click(screen.getByRole('radio', { name: '集体' }));
    pickCategory('执法为民模范');
    expect(fake.pageScrolls).toEqual([0, 0, 0]);
  });
});
