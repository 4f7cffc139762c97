/** Ways into the nomination slice: the 工作台 tiles (with the reviewer's count) and the public 公示 link in the library. */
import { fireEvent, render, screen } from '@testing-library/react';
import type { Me, QueueCounts, TierChangeView } from '@contract';
import { StaffHome } from '../../client/src/features/staff-admin/staff-home';
import { LibraryScreen } from '../../client/src/features/library/library-screen';
import { LibraryAdminScreen } from '../../client/src/features/staff-admin/library-admin-screen';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake } from './support/taro-fake';

const CORPS = { _id: 'u-xj', name: '新疆维吾尔自治区消防救援总队', shortName: '总队', level: 'corps' as const };
const DETACHMENT = { _id: 'u-d1', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' as const };
const STATION = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };

function me(roles: Me['roles']): Me {
  return { handle: 'a1b2c3d4e5', roles, reader: roles.length === 0 };
}

function queue(counts: QueueCounts) {
  return ok({ counts, items: [], objections: [] });
}

describe('the 工作台 nomination tiles', () => {
  it('a reviewer sees what waits at their level on the 审核 tile, and the tile opens the review queue', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: DETACHMENT }])),
      'nominations.queue': () => queue({ review: 3, objections: 1 }),
    });
    render(<StaffHome />);
    // Open objections wait for the corps reviewer alone: a detachment reviewer's count leaves them out.
    expect(await screen.findByTestId('review-count')).toHaveTextContent('3 项待处理');
    expect(served.calls.find((c) => c.action === 'queue')?.data).toEqual({ tab: 'review' });
    fake.navigations.length = 0;
    fireEvent.click(screen.getByTestId('tile-review'));
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-staff/review/index' }]);
    // Not an editor: nominating is not offered.
    expect(screen.queryByTestId('tile-nominate')).toBeNull();
  });

  it("a corps reviewer's count includes the open objections only they can resolve", async () => {
    serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: CORPS }])),
      'nominations.queue': () => queue({ review: 3, objections: 1 }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('review-count')).toHaveTextContent('4 项待处理');
  });

  it('an empty queue shows no count, and a failed count still shows the 工作台', async () => {
    serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: DETACHMENT }])),
      'nominations.queue': () => queue({ review: 0, objections: 0 }),
    });
    const first = render(<StaffHome />);
    expect(await screen.findByTestId('tile-review')).toBeInTheDocument();
    expect(screen.queryByTestId('review-count')).toBeNull();
    first.unmount();

    serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: DETACHMENT }])),
      'nominations.queue': () => err('UNAVAILABLE', 'busy'),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('tile-review')).not.toHaveAttribute('aria-disabled');
    expect(screen.queryByTestId('review-count')).toBeNull();
  });

  it('an editor opens 我的推荐 from the 推荐典型 tile and asks for no queue', async () => {
    const served = serveFunctions({ 'identity.me': () => ok(me([{ role: 'editor', unit: STATION }])) });
    render(<StaffHome />);
    const tile = await screen.findByTestId('tile-nominate');
    expect(tile).not.toHaveAttribute('aria-disabled');
    fake.navigations.length = 0;
    fireEvent.click(tile);
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-staff/nominations/mine/index' }]);
    expect(served.calls.map((c) => c.action)).toEqual(['me']);
  });
});

describe('the public 公示 page is reachable', () => {
  it('the library header links to it', async () => {
    serveFunctions({ 'content.exemplars': () => ok({ items: [], next: null }) });
    render(<LibraryScreen />);
    fake.navigations.length = 0;
    fireEvent.click(await screen.findByTestId('notice-link'));
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/notice/index' }]);
  });
});

describe('enrolments in the library history', () => {
  it('a new exemplar enrolled after its notice reads as entering from no library, by the notice rather than a person', async () => {
    const at = Date.UTC(2026, 11, 1, 4, 0, 0);
    const enrol: TierChangeView = { _id: 'tc-enrol-n1', exemplarId: 'ex-n1', exemplarName: '艾力', kind: 'enrol', from: null, to: 'reserve', reason: '推荐经支队、总队审核通过，公示期满入库', actor: { name: '系统', unit: null }, at, nextReviewAt: at + 180 * 86_400_000 };
    serveFunctions({
      'library.overdue': () => ok({ items: [], total: 0 }),
      'library.history': () => ok({ items: [enrol], next: null }),
      'content.exemplars': () => ok({ items: [], next: null }),
    });
    render(<LibraryAdminScreen />);
    fireEvent.click(await screen.findByText('调整记录'));
    const row = await screen.findByTestId('history-row');
    expect(row).toHaveTextContent('系统 在公示期满后将 艾力 列入典型库');
    expect(row).toHaveTextContent('新入库 → 后备典型库');
  });
});
