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
      'library.overdue': () => ok({ items: [], total: 3 }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('overdue-count')).toHaveTextContent('3 项待复核');
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
    expect(served.calls.map((c) => `${c.fn}.${c.action}`)).toEqual(['identity.me', 'library.overdue']);
  });

  it('an editor sees no library count and asks no library question', async () => {
    const served = serveFunctions({ 'identity.me': () => ok(me([{ role: 'editor', unit: STATION }])) });
    render(<StaffHome />);
    expect(await screen.findByTestId('tile-author')).toBeInTheDocument();
    expect(screen.queryByTestId('tile-library')).toBeNull();
    expect(served.calls.map((c) => c.action)).toEqual(['me']);
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
    await screen.findByRole('radio', { name: /天山区特勤消防救援站/ });
    fireEvent.click(screen.getByRole('button', { name: '生成邀请码' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请选择单位');
    expect(served.calls.some((c) => c.action === 'createInvite')).toBe(false);
  });

  it('revokes only after the admin confirms', async () => {
    const { served, invites } = serveInvites();
    render(<InvitesScreen />);
    fireEvent.click(await screen.findByRole('radio', { name: /天山区特勤消防救援站/ }));
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
    return serveFunctions({
      'identity.me': () => ok(me(roles)),
      'engagement.myLikes': () => ok({ items: [], next: null }),
      'admin.redeem': (d) => {
        const res = redeem((d as { code: string }).code);
        if (res.ok) roles = [{ role: 'editor', unit: STATION }];
        return res;
      },
    });
  }

  it('a reader types a code and becomes staff: the role and the 工作台 entry appear', async () => {
    const served = serveMe(() => ok({ role: 'editor', unit: STATION }));
    render(<MeScreen />);
    fireEvent.click(await screen.findByText('输入邀请码'));
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: ' k7m2p9qx ' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByText('工作台')).toBeInTheDocument();
    expect(screen.getByTestId('me-role')).toHaveTextContent('宣传员天山区特勤消防救援站');
    expect(served.calls.find((c) => c.action === 'redeem')?.data).toEqual({ code: 'K7M2P9QX' });
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
    fireEvent.click(await screen.findByText('输入邀请码'));
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: 'K7M2P9QX' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.queryByText('工作台')).toBeNull();
  });

  it('a code of the wrong length is caught before it is sent', async () => {
    const served = serveMe(() => ok({ role: 'editor', unit: STATION }));
    render(<MeScreen />);
    fireEvent.click(await screen.findByText('输入邀请码'));
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: 'K7M2' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('邀请码为 8 位字母或数字');
    expect(served.calls.some((c) => c.action === 'redeem')).toBe(false);
  });
});

describe('grants and the audit log', () => {
  it('lists grants and revokes one after confirmation; the caller’s own admin grant has no revoke button', async () => {
    const grants: GrantView[] = [
      { _id: 'rg-1', role: 'editor', unit: STATION, holder: '9f8e7d6c5b', grantedAt: T0, self: false },
      { _id: 'rg-2', role: 'admin', unit: CORPS, holder: 'a1b2c3d4e5', grantedAt: T0 - 1, self: true },
    ];
    const served = serveFunctions({
      'admin.listGrants': () => ok({ items: [...grants], next: null }),
      'admin.revokeGrant': (d) => {
        const i = grants.findIndex((g) => g._id === (d as { grantId: string }).grantId);
        const [g] = grants.splice(i, 1);
        return ok(g);
      },
    });
    fake.modalAnswer = true;
    render(<GrantsScreen />);
    const rows = await screen.findAllByTestId('grant-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('管理员 · 新疆总队我');
    expect(within(rows[1]!).queryByRole('button')).toBeNull();
    fireEvent.click(within(rows[0]!).getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(screen.getAllByTestId('grant-row')).toHaveLength(1));
    expect(fake.modals[0]?.content).toContain('9f8e7d6c5b');
    expect(served.calls.find((c) => c.action === 'revokeGrant')?.data).toEqual({ grantId: 'rg-1' });
  });

  it('shows audit entries as what · when · who · before → after, in Chinese', async () => {
    const entries: AuditView[] = [
      { _id: 'a2', actor: '9f8e7d6c5b', action: 'library.promote', subject: { kind: 'exemplar', id: 'ex-1' }, before: { tier: 'reserve' }, after: { tier: 'major', reason: '获评全国青年岗位能手' }, at: T0 },
      { _id: 'a1', actor: 'ADMIN_OPENIDS', action: 'admin.revokeGrant', subject: { kind: 'grant', id: 'rg-1' }, before: { role: 'editor', revokedAt: null }, after: { role: 'editor', revokedAt: T0 }, at: T0 - 60_000 },
    ];
    serveFunctions({ 'admin.auditLog': () => ok({ items: entries, next: null }) });
    render(<AuditScreen />);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows[0]).toHaveTextContent('升入重大典型库');
    expect(rows[0]).toHaveTextContent('2025-06-01 12:00 · 操作人 9f8e7d6c5b');
    expect(rows[0]).toHaveTextContent('后备典型库 → 重大先进典型库 · 理由：获评全国青年岗位能手');
    expect(rows[1]).toHaveTextContent('撤销授权');
    expect(rows[1]).toHaveTextContent('宣传员 · 有效 → 宣传员 · 已撤销');
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
        const change: TierChangeView = { _id: 'tc-1', exemplarId: req.exemplarId, exemplarName: '天山区特勤站', kind: req.change, from: 'reserve', to: 'major', reason: req.reason, actor: 'a1b2c3d4e5', at: T0, nextReviewAt: T0 + 365 * 86_400_000 };
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
    expect(await screen.findByTestId('history-row')).toHaveTextContent('天山区特勤站 · 升入重大典型库');
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
    fireEvent.click(await screen.findByRole('radio', { name: /天山区消防救援大队/ }));
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
    fireEvent.click(await screen.findByRole('radio', { name: /天山区消防救援大队/ }));
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
    fireEvent.click(await screen.findByRole('radio', { name: /天山区特勤消防救援站/ }));
    const tabs = within(screen.getByTestId('unit-panel')).getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['更名', '调整隶属']);
  });
});

describe('campaign management', () => {
  function serveCampaigns() {
    const items: CampaignAdminView[] = [{ _id: 'c1', name: '身边典型•平凡榜样', slug: 'pingfan', description: '平凡岗位上的榜样', order: 1, storyCount: 20 }];
    const served = serveFunctions({
      'admin.listCampaigns': () => ok({ items: [...items].sort((a, b) => a.order - b.order) }),
      'admin.saveCampaign': (d) => {
        const req = d as { id?: string; name: string; slug: string; description: string; order: number };
        if (items.some((c) => c.slug === req.slug && c._id !== req.id)) {
          return { ok: false, error: { code: 'CONFLICT', reason: 'slug_taken', message: 'slug taken', fields: [{ path: 'slug', message: 'taken', reason: 'slug_taken' }] } };
        }
        const existing = items.find((c) => c._id === req.id);
        if (existing) Object.assign(existing, { name: req.name, slug: req.slug, description: req.description, order: req.order });
        else items.push({ _id: `c${items.length + 1}`, name: req.name, slug: req.slug, description: req.description, order: req.order, storyCount: 0 });
        return ok({ _id: req.id ?? `c${items.length}`, name: req.name, slug: req.slug, description: req.description, cover: null, storyCount: 0 });
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
    expect(screen.getAllByTestId('campaign-row')[1]).toHaveTextContent('天山风华•蓝焰闪耀tianshan · 排序 2 · 0 篇事迹');
    expect(served.calls.filter((c) => c.action === 'saveCampaign').pop()?.data).toEqual({ name: '天山风华•蓝焰闪耀', slug: 'tianshan', description: '天山南北的蓝焰故事', order: 2 });
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
    expect(served.calls.find((c) => c.action === 'saveCampaign')?.data).toEqual({ id: 'c1', name: '身边典型•平凡榜样', slug: 'pingfan', description: '平凡岗位上的榜样', order: 5 });
  });
});
