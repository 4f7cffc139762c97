/** Staff screens: the 工作台, invites, redeeming on the me page, grants, the audit log and library management. */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AuditView, CampaignAdminView, GrantView, InviteView, LibraryItem, Me, TierChangeView, UnitNode } from '@contract';
import { StaffHome } from '../../client/src/features/staff-admin/staff-home';
import { InvitesScreen } from '../../client/src/features/staff-admin/invites-screen';
import { GrantsScreen } from '../../client/src/features/staff-admin/grants-screen';
import { AuditScreen } from '../../client/src/features/staff-admin/audit-screen';
import { LibraryAdminScreen } from '../../client/src/features/staff-admin/library-admin-screen';
import { UnitsScreen } from '../../client/src/features/staff-admin/units-screen';
import { CampaignsScreen } from '../../client/src/features/staff-admin/campaigns-screen';
import { tilesFor } from '../../client/src/features/staff-admin/staff-tiles';
import { MeScreen } from '../../client/src/features/me/me-screen';
import { chinaDayStart, formatDate } from '../../client/src/lib/dates';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake } from './support/taro-fake';

const CORPS = { _id: 'u-xj', name: '新疆维吾尔自治区消防救援总队', shortName: '新疆总队', level: 'corps' as const };
const STATION = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };
const UNITS: UnitNode[] = [
  { ...CORPS, parentId: null, order: 0 },
  { _id: 'u-d1', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment', parentId: 'u-xj', order: 1 },
  { _id: 'u-b1', name: '天山区消防救援大队', shortName: '天山区大队', level: 'battalion', parentId: 'u-d1', order: 1 },
  { ...STATION, parentId: 'u-b1', order: 1 },
];
const T0 = Date.UTC(2025, 5, 1, 4, 0, 0);

function me(roles: Me['roles']): Me {
  return { handle: 'a1b2c3d4e5', roles, reader: roles.length === 0 };
}

describe('the 工作台', () => {
  it('shows the tiles of the roles held, the overdue count for a publisher, and opens a tile', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(me([{ role: 'publisher', unit: CORPS }, { role: 'admin', unit: CORPS }])),
      'identity.todo': () => ok({ counts: { publish_failed: 0, library_overdue: 3 }, items: [] }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('library-count')).toHaveTextContent('3 项待复核');
    // Nothing failed: the publish tile shows no count.
    expect(screen.queryByTestId('publish-count')).toBeNull();
    expect(screen.getByTestId('tile-invites')).toBeInTheDocument();
    expect(screen.getByTestId('tile-audit')).toBeInTheDocument();
    // Not an editor or reviewer: those jobs are not offered.
    expect(screen.queryByTestId('tile-review')).toBeNull();
    expect(screen.queryByTestId('tile-author')).toBeNull();
    // Each tile opens its page; a job whose page does not exist yet shows as not open and goes nowhere.
    for (const tile of tilesFor(['publisher', 'admin'])) {
      fake.navigations.length = 0;
      fireEvent.click(screen.getByTestId(`tile-${tile.key}`));
      if (tile.route) {
        expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: tile.route }]);
      } else {
        expect(screen.getByTestId(`tile-${tile.key}`)).toHaveAttribute('aria-disabled', 'true');
        expect(fake.navigations).toEqual([]);
      }
    }
    expect(tilesFor(['publisher', 'admin']).map((t) => t.key)).toEqual(expect.arrayContaining(['library', 'invites', 'units', 'campaigns', 'audit']));
    // One question for every count: no page's list is read to count it.
    expect(served.calls.map((c) => `${c.fn}.${c.action}`).sort()).toEqual(['identity.me', 'identity.todo']);
  });

  it('every tile with waiting work shows its count, story review included', async () => {
    serveFunctions({
      'identity.me': () => ok(me([{ role: 'editor', unit: STATION }, { role: 'reviewer', unit: CORPS }, { role: 'publisher', unit: CORPS }])),
      'identity.todo': () =>
        ok({
          counts: { story_review: 4, nomination_review: 2, objection: 1, consent_check: 5, comment_review: 7, returned_story: 1, returned_nomination: 2, publish_failed: 1, library_overdue: 6, selection_score: 2, plan_due: 3 },
          items: [],
        }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('story-review-count')).toHaveTextContent('4 篇待审核');
    expect(screen.getByTestId('review-count')).toHaveTextContent('3 项待处理');
    expect(screen.getByTestId('consent-check-count')).toHaveTextContent('5 份待核对');
    expect(screen.getByTestId('author-count')).toHaveTextContent('1 篇被退回');
    expect(screen.getByTestId('nominate-count')).toHaveTextContent('2 份被退回');
    expect(screen.getByTestId('publish-count')).toHaveTextContent('1 项发布失败');
    expect(screen.getByTestId('library-count')).toHaveTextContent('6 项待复核');
    expect(screen.getByTestId('selections-count')).toHaveTextContent('2 项待评分');
    expect(screen.getByTestId('plans-count')).toHaveTextContent('3 项任务到期');
    // Every tile whose page has waiting work says so.
    for (const tile of tilesFor(['editor', 'reviewer', 'publisher'])) {
      if (tile.todo) expect([tile.key, screen.queryByTestId(`${tile.key}-count`) !== null]).toEqual([tile.key, true]);
    }
  });

  it('the 待办 list gathers what waits, longest first, in Chinese with Beijing times, and each item opens its page', async () => {
    const at = Date.UTC(2025, 4, 20, 16, 30, 0); // 2025-05-21 00:30 in Beijing
    serveFunctions({
      'identity.me': () => ok(me([{ role: 'reviewer', unit: CORPS }, { role: 'editor', unit: STATION }])),
      'identity.todo': () =>
        ok({
          counts: { story_review: 5, nomination_review: 1, objection: 1, consent_check: 0, returned_story: 1, returned_nomination: 0 },
          items: [
            { kind: 'story_review', id: 's-1', title: '烈火中的逆行者', unit: STATION, since: at },
            { kind: 'objection', id: 'n-2', title: '天山区特勤站', unit: STATION, since: at + 60_000 },
            { kind: 'returned_story', id: 's-3', title: '雪夜驰援', unit: STATION, since: at + 120_000 },
            { kind: 'nomination_review', id: 'n-4', title: '王勇', unit: null, since: at + 180_000 },
          ],
        }),
    });
    render(<StaffHome />);
    const rows = await screen.findAllByTestId('todo-item');
    expect(screen.getByTestId('todo')).toHaveTextContent('待办（8）');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('烈火中的逆行者事迹待审核天山区特勤站 · 提交于 2025-05-21 00:30'),
      expect.stringContaining('天山区特勤站公示异议'),
      expect.stringContaining('雪夜驰援事迹被退回'),
      expect.stringContaining('王勇推荐待审核送达于 2025-05-21 00:33'),
    ]);
    // Not every item is listed: the list says where the rest are.
    expect(screen.getByTestId('todo')).toHaveTextContent('仅列出每类最早的几项');
    const opened = rows.map((row) => {
      fake.navigations.length = 0;
      fireEvent.click(row);
      return fake.navigations[0]?.url;
    });
    expect(opened).toEqual([
      '/pages-staff/story-review/index?id=s-1',
      '/pages-staff/review/index?tab=objections',
      '/pages-staff/story-editor/index?id=s-3',
      '/pages-staff/nominations/detail/index?id=n-4',
    ]);
  });

  it('an editor sees no library count and asks no library question', async () => {
    const served = serveFunctions({ 'identity.me': () => ok(me([{ role: 'editor', unit: STATION }])), 'identity.todo': () => ok({ counts: { returned_story: 0, returned_nomination: 0 }, items: [] }) });
    render(<StaffHome />);
    expect(await screen.findByTestId('tile-author')).toBeInTheDocument();
    expect(screen.queryByTestId('tile-library')).toBeNull();
    expect(screen.getByTestId('todo')).toHaveTextContent('眼下没有等你处理的事项');
    expect(served.calls.map((c) => c.action).sort()).toEqual(['me', 'todo']);
  });
});

describe('invites', () => {
  function serveInvites() {
    const invites: InviteView[] = [];
    const served = serveFunctions({
      'admin.unitTree': () => ok({ items: UNITS }),
      'admin.listInvites': () => ok({ items: [...invites].reverse(), next: null }),
      'admin.createInvite': (d) => {
        const req = d as { role: InviteView['role']; unitId: string; validDays: number };
        const unit = UNITS.find((u) => u._id === req.unitId)!;
        const inv: InviteView = {
          _id: `inv-K7M2P9QX`,
          code: 'K7M2P9QX',
          role: req.role,
          unit: { _id: unit._id, name: unit.name, shortName: unit.shortName, level: unit.level },
          status: 'open',
          expiresAt: T0 + req.validDays * 86_400_000,
          createdAt: T0,
          redeemedBy: null,
          redeemedAt: null,
        };
        invites.push(inv);
        return ok(inv);
      },
      'admin.revokeInvite': (d) => {
        const inv = invites.find((i) => i._id === (d as { inviteId: string }).inviteId);
        if (!inv) return err('NOT_FOUND');
        inv.status = 'revoked';
        return ok(inv);
      },
    });
    return { served, invites };
  }

  it('creates a code for a role over a chosen unit, shows it to copy, and lists it', async () => {
    const { served } = serveInvites();
    render(<InvitesScreen />);
    fireEvent.click(await screen.findByRole('radio', { name: '审核员' }));
    fireEvent.change(screen.getByLabelText('搜索单位'), { target: { value: '乌鲁木齐' } });
    fireEvent.click(screen.getByRole('radio', { name: /乌鲁木齐市消防救援支队/ }));
    fireEvent.click(screen.getByRole('radio', { name: '3 天' }));
    fireEvent.click(screen.getByRole('button', { name: '生成邀请码' }));
    const created = await screen.findByTestId('invite-created');
    expect(created).toHaveTextContent('K7M2P9QX');
    expect(created).toHaveTextContent('审核员 · 乌鲁木齐市消防救援支队');
    expect(served.calls.find((c) => c.action === 'createInvite')?.data).toEqual({ role: 'reviewer', unitId: 'u-d1', validDays: 3 });
    fireEvent.click(within(created).getByRole('button', { name: '复制邀请码' }));
    await waitFor(() => expect(fake.clipboard).toBe('K7M2P9QX'));
    expect(await screen.findByTestId('invite-row')).toHaveTextContent('K7M2P9QX · 审核员');
  });

  it('will not send without a unit', async () => {
    const { served } = serveInvites();
    render(<InvitesScreen />);
    await screen.findByRole('radio', { name: /新疆维吾尔自治区消防救援总队/ });
    fireEvent.click(screen.getByRole('button', { name: '生成邀请码' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请选择单位');
    expect(served.calls.some((c) => c.action === 'createInvite')).toBe(false);
  });

  it('revokes only after the admin confirms', async () => {
    const { served, invites } = serveInvites();
    render(<InvitesScreen />);
    // The unit tree opens at the top: a station is found by name.
    fireEvent.change(await screen.findByLabelText('搜索单位'), { target: { value: '特勤' } });
    fireEvent.click(screen.getByRole('radio', { name: /天山区特勤消防救援站/ }));
    fireEvent.click(screen.getByRole('button', { name: '生成邀请码' }));
    const row = await screen.findByTestId('invite-row');
    fake.modalAnswer = false;
    fireEvent.click(within(row).getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(fake.modals).toHaveLength(1));
    expect(served.calls.some((c) => c.action === 'revokeInvite')).toBe(false);
    fake.modalAnswer = true;
    fireEvent.click(within(row).getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(invites[0]?.status).toBe('revoked'));
    await waitFor(() => expect(screen.getByTestId('invite-row')).toHaveTextContent('已撤销'));
    expect(within(screen.getByTestId('invite-row')).queryByRole('button', { name: '撤销' })).toBeNull();
  });
});

describe('redeeming on the me page', () => {
  function serveMe(redeem: (code: string) => ReturnType<typeof ok> | ReturnType<typeof err>) {
    let roles: Me['roles'] = [];
    let profile: Me['profile'];
    return serveFunctions({
      'identity.me': () => ok({ ...me(roles), ...(profile ? { profile } : {}) }),
      'engagement.myLikes': () => ok({ items: [], next: null }),
      'admin.redeem': (d) => {
        const req = d as { code: string; name?: string };
        const res = redeem(req.code);
        if (res.ok) roles = [{ role: 'editor', unit: STATION }];
        if (res.ok && req.name) profile = { name: req.name, unit: STATION };
        return res;
      },
    });
  }

  /** Opens the form and types a code (and the name the form asks a reader for). */
  async function typeCode(code: string, name = '李娜') {
    fireEvent.click(await screen.findByText('输入邀请码'));
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: code } });
    fireEvent.change(screen.getByLabelText('你的姓名'), { target: { value: name } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
  }

  it('a reader types a code and their name and becomes staff: the name, the role and the 工作台 entry appear', async () => {
    const served = serveMe(() => ok({ role: 'editor', unit: STATION }));
    render(<MeScreen />);
    await typeCode(' k7m2p9qx ', ' 李娜 ');
    expect(await screen.findByText('工作台')).toBeInTheDocument();
    expect(screen.getByTestId('me-role')).toHaveTextContent('宣传员天山区特勤消防救援站');
    expect(within(screen.getByTestId('me-card')).getByText('李娜')).toBeInTheDocument();
    expect(served.calls.find((c) => c.action === 'redeem')?.data).toEqual({ code: 'K7M2P9QX', name: '李娜' });
    expect(fake.toasts).toContainEqual({ title: '已成为宣传员', icon: 'success' });
    fireEvent.click(screen.getByText('工作台'));
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-staff/home/index' }]);
  });

  // As the server refuses (use-cases/admin/invite-refusals.ts): the typed reason on the error and its
  // field, beside the old message tokens, which the page no longer reads.
  it.each([
    ['invite_used', 'used', 'CONFLICT', '该邀请码已被使用'],
    ['invite_expired', 'expired', 'FAILED_PRECONDITION', '该邀请码已过期，请向管理员重新索取'],
    ['invite_revoked', 'revoked', 'FAILED_PRECONDITION', '该邀请码已被撤销'],
    ['invite_unknown', 'unknown', 'NOT_FOUND', '邀请码不存在，请核对后重试'],
    ['invite_authority_lost', 'authority_lost', 'FAILED_PRECONDITION', '签发该邀请码的管理员已无此权限，请向现任管理员索取新邀请码'],
  ] as const)('a code refused as %s reads its reason and the user stays a reader', async (reason, token, code, text) => {
    serveMe(() => ({ ok: false, error: { code, reason, message: `the invite is ${token}`, fields: [{ path: 'code', message: token, reason }] } }));
    render(<MeScreen />);
    await typeCode('K7M2P9QX');
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.queryByText('工作台')).toBeNull();
  });

  it('a reader without a name, or with one character, is asked for their name before anything is sent', async () => {
    const served = serveMe(() => ok({ role: 'editor', unit: STATION }));
    render(<MeScreen />);
    await typeCode('K7M2P9QX', '  ');
    expect(await screen.findByRole('alert')).toHaveTextContent('请填写你的姓名');
    fireEvent.change(screen.getByLabelText('你的姓名'), { target: { value: '李' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('姓名至少 2 个字');
    expect(served.calls.some((c) => c.action === 'redeem')).toBe(false);
  });

  it('a name the server refuses reads as the server said it, beside the form', async () => {
    serveMe(() => ({ ok: false, error: { code: 'CONTENT_REJECTED', reason: 'content_risky', message: 'the name is risky' } }));
    render(<MeScreen />);
    await typeCode('K7M2P9QX');
    expect(await screen.findByRole('alert')).toHaveTextContent('内容未通过安全检测，请修改后重试');
  });

  it('a code of the wrong length is caught before it is sent', async () => {
    const served = serveMe(() => ok({ role: 'editor', unit: STATION }));
    render(<MeScreen />);
    fireEvent.click(await screen.findByText('输入邀请码'));
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: 'K7M2' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('邀请码为 8 位，现在是 4 位，请核对');
    expect(served.calls.some((c) => c.action === 'redeem')).toBe(false);
  });
});

describe('grants and the audit log', () => {
  it('lists grants by their holder’s name and revokes one after confirmation; the caller’s own admin grant has no revoke button', async () => {
    const grants: GrantView[] = [
      { _id: 'rg-1', role: 'editor', unit: STATION, holder: { name: '李娜', unit: STATION }, grantedAt: T0, self: false },
      { _id: 'rg-2', role: 'admin', unit: CORPS, holder: { name: '王磊', unit: CORPS }, grantedAt: T0 - 1, self: true },
    ];
    const served = serveFunctions({
      'admin.listGrants': () => ok({ items: [...grants], next: null }),
      'admin.revokeGrant': (d) => {
        const i = grants.findIndex((g) => g._id === (d as { grantId: string }).grantId);
        const [g] = grants.splice(i, 1);
        return ok(g);
      },
    });
    render(<GrantsScreen />);
    const rows = await screen.findAllByTestId('grant-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('李娜宣传员天山区特勤消防救援站');
    expect(rows[1]).toHaveTextContent('王磊（我）管理员新疆维吾尔自治区消防救援总队');
    expect(within(rows[1]!).queryByRole('button')).toBeNull();
    fake.modalAnswer = false;
    fireEvent.click(within(rows[0]!).getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(fake.modals).toHaveLength(1));
    expect(served.calls.some((c) => c.action === 'revokeGrant')).toBe(false);
    fake.modalAnswer = true;
    fireEvent.click(within(rows[0]!).getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(screen.getAllByTestId('grant-row')).toHaveLength(1));
    expect(fake.modals[0]?.content).toBe('撤销 李娜 在「天山区特勤站」的宣传员角色？撤销后立即生效。');
    expect(served.calls.find((c) => c.action === 'revokeGrant')?.data).toEqual({ grantId: 'rg-1' });
  });

  it('a refused revoke says why on the page and the list stays', async () => {
    const grants: GrantView[] = [{ _id: 'rg-1', role: 'editor', unit: STATION, holder: { name: '李娜', unit: STATION }, grantedAt: T0, self: false }];
    serveFunctions({
      'admin.listGrants': () => ok({ items: grants, next: null }),
      'admin.revokeGrant': () => ({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'grant_already_revoked', message: 'the grant is already revoked' } }),
    });
    fake.modalAnswer = true;
    render(<GrantsScreen />);
    fireEvent.click(within(await screen.findByTestId('grant-row')).getByRole('button', { name: '撤销' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('该授权已被撤销');
    expect(screen.getByTestId('grant-row')).toBeInTheDocument();
  });

  it('shows each audit entry as a Chinese sentence with its time; its details unfold as readable lines, never JSON', async () => {
    const WANG = { name: '王磊', unit: CORPS };
    const entries: AuditView[] = [
      { _id: 'a3', actor: { name: '李娜', unit: STATION }, action: 'story.submit', subject: { kind: 'story', id: 's-1' }, subjectLabel: '火场逆行者', before: { state: 'draft', version: 3 }, after: { state: 'in_review', version: 3, secCheck: 'pass' }, at: T0 + 60_000 },
      { _id: 'a2', actor: WANG, action: 'library.promote', subject: { kind: 'exemplar', id: 'ex-1' }, subjectLabel: '天山区特勤站', before: { tier: 'reserve', nextReviewAt: T0 }, after: { tier: 'major', nextReviewAt: T0 + 86_400_000, reason: '获评全国青年岗位能手' }, at: T0 },
      { _id: 'a1', actor: { name: '系统', unit: null }, action: 'file.removed', subject: { kind: 'file', id: 'f-1' }, subjectLabel: null, before: { check: 'pending' }, after: { check: 'risky', owner: '李娜', purpose: 'story' }, at: T0 - 60_000 },
      { _id: 'a0', actor: WANG, action: 'admin.somethingNew', subject: { kind: 'thing', id: 'x' }, subjectLabel: null, before: null, after: { flag: true }, at: T0 - 120_000 },
    ];
    serveFunctions({ 'admin.auditLog': () => ok({ items: entries, next: null }) });
    render(<AuditScreen />);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows.map((r) => r.querySelector('.list-row__title')?.textContent)).toEqual([
      '李娜 在 天山区特勤站 提交了事迹《火场逆行者》',
      '王磊 将 天山区特勤站 升入重大先进典型库',
      '系统 删除了未通过内容安全检查的图片',
      '王磊 进行了操作',
    ]);
    // Times in China time, whatever the device's zone.
    expect(rows[1]).toHaveTextContent('2025-06-01 12:00 · 查看详情');
    // Folded until tapped.
    expect(within(rows[1]!).queryByTestId('audit-details')).toBeNull();
    fireEvent.click(rows[1]!);
    const details = within(rows[1]!).getByTestId('audit-details');
    expect([...details.children].map((c) => c.textContent)).toEqual(['库别：后备典型库 → 重大先进典型库', '理由：获评全国青年岗位能手', '下次复核：2025-06-01 12:00 → 2025-06-02 12:00']);
    fireEvent.click(rows[0]!);
    expect([...within(rows[0]!).getByTestId('audit-details').children].map((c) => c.textContent)).toEqual(['状态：草稿 → 审核中', '内容安全检测：通过']);
    fireEvent.click(rows[2]!);
    expect([...within(rows[2]!).getByTestId('audit-details').children].map((c) => c.textContent)).toEqual(['图片检测：待检测 → 未通过', '用途：事迹图片', '上传人：李娜']);
    // An entry with nothing readable in its details does not offer to unfold.
    expect(rows[3]).not.toHaveAttribute('role', 'button');
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/[{}"]|library\.|admin\.|story\.|in_review|reserve/);
  });
});

describe('library management', () => {
  const overdueItem: LibraryItem = { _id: 'ex-1', name: '天山区特勤站', kind: 'collective', tier: 'reserve', unit: STATION, enteredTierAt: T0 - 400 * 86_400_000, nextReviewAt: T0 - 86_400_000, overdue: true };

  it('promotes an overdue reserve exemplar with a reason after confirmation, then refreshes the list and history', async () => {
    let overdue = [overdueItem];
    const history: TierChangeView[] = [];
    const served = serveFunctions({
      'library.overdue': () => ok({ items: overdue, total: overdue.length }),
      'library.history': () => ok({ items: history, next: null }),
      'content.exemplars': () => ok({ items: [], next: null }),
      'library.changeTier': (d) => {
        const req = d as { exemplarId: string; change: 'promote'; reason: string };
        overdue = [];
        const change: TierChangeView = { _id: 'tc-1', exemplarId: req.exemplarId, exemplarName: '天山区特勤站', kind: req.change, from: 'reserve', to: 'major', reason: req.reason, actor: { name: '周洋', unit: CORPS }, at: T0, nextReviewAt: T0 + 365 * 86_400_000 };
        history.unshift(change);
        return ok({ exemplar: { ...overdueItem, tier: 'major', overdue: false }, change });
      },
    });
    render(<LibraryAdminScreen />);
    expect(await screen.findByTestId('overdue-total')).toHaveTextContent('共 1 项逾期待复核');
    fireEvent.click(within(screen.getByTestId('library-row')).getByRole('button', { name: '复核' }));
    const panel = screen.getByTestId('decision-panel');
    // A reserve exemplar can be promoted, kept or retired — not demoted or reinstated.
    expect(within(panel).getAllByRole('radio').map((r) => r.textContent)).toEqual(['升入重大典型库', '复核保留', '退出典型库']);
    fireEvent.click(within(panel).getByRole('button', { name: '提交' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('请填写理由');
    fireEvent.change(within(panel).getByLabelText('理由'), { target: { value: '获评全国青年岗位能手' } });
    fake.modalAnswer = true;
    fireEvent.click(within(panel).getByRole('button', { name: '提交' }));
    await waitFor(() => expect(screen.queryByTestId('decision-panel')).toBeNull());
    expect(served.calls.find((c) => c.action === 'changeTier')?.data).toEqual({ exemplarId: 'ex-1', change: 'promote', reason: '获评全国青年岗位能手' });
    expect(fake.modals[0]?.content).toBe('确定对「天山区特勤站」执行「升入重大典型库」？');
    expect(await screen.findByText('没有待复核的典型')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: '调整记录' }));
    expect(await screen.findByTestId('history-row')).toHaveTextContent('周洋 将 天山区特勤站 升入重大先进典型库');
  });

  it('shows the server’s refusal in the panel and keeps it open', async () => {
    serveFunctions({
      'library.overdue': () => ok({ items: [overdueItem], total: 1 }),
      'library.history': () => ok({ items: [], next: null }),
      'content.exemplars': () => ok({ items: [], next: null }),
      'library.changeTier': () => err('FAILED_PRECONDITION', 'cannot promote an exemplar in tier major'),
    });
    fake.modalAnswer = true;
    render(<LibraryAdminScreen />);
    fireEvent.click(within(await screen.findByTestId('library-row')).getByRole('button', { name: '复核' }));
    const panel = screen.getByTestId('decision-panel');
    fireEvent.change(within(panel).getByLabelText('理由'), { target: { value: '理由' } });
    fireEvent.click(within(panel).getByRole('button', { name: '提交' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('当前状态不允许此操作');
  });
});

describe('unit management', () => {
  function serveTree() {
    const units = UNITS.map((u) => ({ ...u }));
    const served = serveFunctions({
      'admin.unitTree': () => ok({ items: units }),
      'admin.renameUnit': (d) => {
        const req = d as { unitId: string; name: string; shortName: string };
        const u = units.find((x) => x._id === req.unitId)!;
        Object.assign(u, { name: req.name, shortName: req.shortName });
        return ok(u);
      },
      'admin.moveUnit': (d) => {
        const req = d as { unitId: string; parentId: string };
        const u = units.find((x) => x._id === req.unitId)!;
        u.parentId = req.parentId;
        return ok({ unit: u, units: 2, exemplars: 3, stories: 5 });
      },
    });
    return { served, units };
  }

  it('renames a unit after confirmation and shows the new name in the tree', async () => {
    const { served } = serveTree();
    fake.modalAnswer = true;
    render(<UnitsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '展开乌鲁木齐市消防救援支队' }));
    fireEvent.click(screen.getByRole('radio', { name: /天山区消防救援大队/ }));
    const panel = screen.getByTestId('unit-panel');
    fireEvent.change(within(panel).getByLabelText('全称'), { target: { value: '天山区消防救援大队（新）' } });
    fireEvent.click(within(panel).getByRole('button', { name: '提交' }));
    expect(await screen.findByRole('radio', { name: /天山区消防救援大队（新）/ })).toBeInTheDocument();
    expect(served.calls.find((c) => c.action === 'renameUnit')?.data).toEqual({ unitId: 'u-b1', name: '天山区消防救援大队（新）', shortName: '天山区大队' });
    expect(screen.queryByTestId('unit-panel')).toBeNull();
  });

  it('offers only parents of the right level for a move and reports what the move rewrote', async () => {
    const { served, units } = serveTree();
    units.push({ _id: 'u-d2', name: '克拉玛依市消防救援支队', shortName: '克拉玛依支队', level: 'detachment', parentId: 'u-xj', order: 2 });
    fake.modalAnswer = true;
    render(<UnitsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '展开乌鲁木齐市消防救援支队' }));
    fireEvent.click(screen.getByRole('radio', { name: /天山区消防救援大队/ }));
    const panel = screen.getByTestId('unit-panel');
    fireEvent.click(within(panel).getByRole('tab', { name: '调整隶属' }));
    // A battalion moves under a detachment: its current one and every other level are not offered.
    expect(within(panel).getAllByRole('radio').map((r) => r.textContent)).toEqual(['克拉玛依市消防救援支队支队']);
    fireEvent.click(within(panel).getByRole('button', { name: '提交' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('请选择新的上级单位');
    fireEvent.click(within(panel).getByRole('radio', { name: /克拉玛依市消防救援支队/ }));
    fireEvent.click(within(panel).getByRole('button', { name: '提交' }));
    await waitFor(() => expect(fake.toasts).toContainEqual({ title: '已调整：2 个单位、3 个典型、5 篇事迹', icon: 'none' }));
    expect(served.calls.find((c) => c.action === 'moveUnit')?.data).toEqual({ unitId: 'u-b1', parentId: 'u-d2' });
    expect(fake.modals[0]?.content).toContain('典型与事迹的单位信息将一并更新');
  });

  it('a station cannot get sub-units: the add tab is not offered', async () => {
    serveTree();
    render(<UnitsScreen />);
    fireEvent.change(await screen.findByLabelText('搜索单位'), { target: { value: '特勤' } });
    fireEvent.click(screen.getByRole('radio', { name: /天山区特勤消防救援站/ }));
    const tabs = within(screen.getByTestId('unit-panel')).getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['更名', '调整隶属']);
  });
});

describe('campaign management', () => {
  function serveCampaigns() {
    const items: CampaignAdminView[] = [
      { _id: 'c1', name: '身边典型•平凡榜样', slug: 'pingfan', description: '平凡岗位上的榜样', order: 1, storyCount: 20, cover: null, startedAt: T0 - 400 * 86_400_000, endsAt: null, archived: false },
    ];
    const served = serveFunctions({
      'admin.listCampaigns': () => ok({ items: [...items].sort((a, b) => a.order - b.order) }),
      'admin.saveCampaign': (d) => {
        const req = d as { id?: string; name: string; slug: string; description: string; order: number; startedAt: number; endsAt: number | null; archived: boolean };
        if (items.some((c) => c.slug === req.slug && c._id !== req.id)) {
          return { ok: false, error: { code: 'CONFLICT', reason: 'slug_taken', message: 'slug taken', fields: [{ path: 'slug', message: 'taken', reason: 'slug_taken' }] } };
        }
        const existing = items.find((c) => c._id === req.id);
        const fields = { name: req.name, slug: req.slug, description: req.description, order: req.order, startedAt: req.startedAt, endsAt: req.endsAt, archived: req.archived };
        if (existing) Object.assign(existing, fields);
        else items.push({ _id: `c${items.length + 1}`, ...fields, storyCount: 0, cover: null });
        return ok({ _id: req.id ?? `c${items.length}`, ...fields, cover: null, storyCount: 0 });
      },
    });
    return { served, items };
  }

  it('creates a campaign after checking the form, and a taken slug reads as such', async () => {
    const { served } = serveCampaigns();
    render(<CampaignsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '新建专题' }));
    const form = screen.getByTestId('campaign-form');
    fireEvent.change(within(form).getByLabelText('名称'), { target: { value: '天山风华•蓝焰闪耀' } });
    fireEvent.change(within(form).getByLabelText('标识'), { target: { value: 'Tianshan!' } });
    fireEvent.change(within(form).getByLabelText('简介'), { target: { value: '天山南北的蓝焰故事' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('标识为 2–40 位小写字母、数字或连字符');
    expect(served.calls.some((c) => c.action === 'saveCampaign')).toBe(false);

    fireEvent.change(within(form).getByLabelText('标识'), { target: { value: 'pingfan' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('该标识已被其他专题使用');

    fireEvent.change(within(form).getByLabelText('标识'), { target: { value: 'tianshan' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getAllByTestId('campaign-row')).toHaveLength(2));
    expect(screen.getAllByTestId('campaign-row')[1]).toHaveTextContent('0 篇已发布事迹 · 排序 2 · 标识 tianshan');
    // A new campaign starts today (China time) with no end, no cover, not archived.
    const today = chinaDayStart(formatDate(Date.now()));
    expect(served.calls.filter((c) => c.action === 'saveCampaign').pop()?.data).toEqual({ name: '天山风华•蓝焰闪耀', slug: 'tianshan', description: '天山南北的蓝焰故事', order: 2, cover: null, startedAt: today, endsAt: null, archived: false });
  });

  it('edits an existing campaign with its fields filled in', async () => {
    const { served } = serveCampaigns();
    render(<CampaignsScreen />);
    fireEvent.click(within(await screen.findByTestId('campaign-row')).getByRole('button', { name: '编辑' }));
    const form = screen.getByTestId('campaign-form');
    expect(within(form).getByLabelText('名称')).toHaveValue('身边典型•平凡榜样');
    fireEvent.change(within(form).getByLabelText('排序'), { target: { value: '5' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByTestId('campaign-row')).toHaveTextContent('排序 5'));
    // The whole campaign goes back, its period exactly as stored (its days were not touched).
    expect(served.calls.find((c) => c.action === 'saveCampaign')?.data).toEqual({ id: 'c1', name: '身边典型•平凡榜样', slug: 'pingfan', description: '平凡岗位上的榜样', order: 5, cover: null, startedAt: T0 - 400 * 86_400_000, endsAt: null, archived: false });
  });
});
