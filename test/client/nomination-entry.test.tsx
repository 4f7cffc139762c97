/** Ways into the nomination slice: the 工作台 tiles (with the reviewer's count) and the public 公示 link in the library. */
import { fireEvent, render, screen } from '@testing-library/react';
import type { Me, TierChangeView, TodoView } from '@contract';
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

function todo(counts: TodoView['counts']) {
  return ok({ counts, items: [] });
}

describe('the 工作台 nomination tiles', () => {
  it('a reviewer sees what waits at their level on the 推荐审核 tile, and the tile opens the review queue', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: DETACHMENT }])),
      // The server counts objections only for the reviewers who resolve them: a detachment reviewer gets none.
      'identity.todo': () => todo({ story_review: 0, nomination_review: 3, consent_check: 0 }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('review-count')).toHaveTextContent('3 项待处理');
    expect(served.calls.map((c) => `${c.fn}.${c.action}`).sort()).toEqual(['identity.me', 'identity.todo']);
    fake.navigations.length = 0;
    fireEvent.click(screen.getByTestId('tile-review'));
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-staff/review/index' }]);
    // Not an editor: nominating is not offered.
    expect(screen.queryByTestId('tile-nominate')).toBeNull();
  });

  it("a corps reviewer's count adds the open objections only they can resolve", async () => {
    serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: CORPS }])),
      'identity.todo': () => todo({ story_review: 0, nomination_review: 3, objection: 1, consent_check: 0 }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('review-count')).toHaveTextContent('4 项待处理');
  });

  it('an empty queue shows no count, and a failed count still shows the 工作台', async () => {
    serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: DETACHMENT }])),
      'identity.todo': () => todo({ story_review: 0, nomination_review: 0, consent_check: 0 }),
    });
    const first = render(<StaffHome />);
    expect(await screen.findByTestId('tile-review')).toBeInTheDocument();
    expect(screen.queryByTestId('review-count')).toBeNull();
    first.unmount();

    serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: DETACHMENT }])),
      'identity.todo': () => err('UNAVAILABLE', 'busy'),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('tile-review')).not.toHaveAttribute('aria-disabled');
    expect(screen.queryByTestId('review-count')).toBeNull();
    expect(screen.getByTestId('todo-unavailable')).toBeInTheDocument();
  });

  it('an editor opens 我的推荐 from the 推荐典型 tile, which counts the nominations returned to them', async () => {
    serveFunctions({
      'identity.me': () => ok(me([{ role: 'editor', unit: STATION }])),
      'identity.todo': () => todo({ returned_story: 0, returned_nomination: 2 }),
    });
    render(<StaffHome />);
    const tile = await screen.findByTestId('tile-nominate');
    expect(tile).not.toHaveAttribute('aria-disabled');
    expect(await screen.findByTestId('nominate-count')).toHaveTextContent('2 份被退回');
    expect(screen.queryByTestId('author-count')).toBeNull();
    fake.navigations.length = 0;
    fireEvent.click(tile);
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-staff/nominations/mine/index' }]);
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
