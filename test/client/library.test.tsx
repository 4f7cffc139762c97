import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ExemplarCard } from '@contract';
import { LibraryScreen } from '../../client/src/features/library/library-screen';
import { exemplarCard } from './support/fixtures';
import { ok, serveFunctions } from './support/local-cloud';
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
    fireEvent.click(screen.getByRole('radio', { name: '优秀政治干部' }));
    await act(async () => {});
    expect(names()).toEqual(['李娜']);
    expect(served.calls.at(-1)?.data).toMatchObject({ tier: 'major', kind: 'individual', category: 'political' });

    fireEvent.click(screen.getByRole('radio', { name: '全部' }));
    fireEvent.click(screen.getByRole('radio', { name: '全部类别' }));
    await act(async () => {});
    expect(names()).toEqual(['张伟', '特勤一站', '李娜']);
    expect(served.calls.at(-1)?.data).toEqual({ tier: 'major', cursor: null, limit: 20 });
  });

  it('says so when no exemplar matches', async () => {
    serveLibrary();
    render(<LibraryScreen />);
    await screen.findByText('张伟');
    fireEvent.click(screen.getByRole('radio', { name: '后勤好管家' }));
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
