/**
 * The political department's daily tools (issue 10) as staff use them: the unit tree, the
 * campaign form (cover, period, archive), the invite code as people type it, who manages the
 * libraries, the consent link card with its printable code, and what readers see of a campaign
 * that is over.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CampaignAdminView, ExemplarEditView, Me, UnitNode } from '@contract';
import { INVITE_CODE_NEVER_USED } from '@contract';
import { CampaignsScreen } from '../../client/src/features/staff-admin/campaigns-screen';
import { LibraryAdminScreen } from '../../client/src/features/staff-admin/library-admin-screen';
import { StaffHome } from '../../client/src/features/staff-admin/staff-home';
import { tilesFor } from '../../client/src/features/staff-admin/staff-tiles';
import { belowText, UnitChooser, unitForest } from '../../client/src/features/staff-admin/unit-chooser';
import { UnitsScreen } from '../../client/src/features/staff-admin/units-screen';
import { ConsentScreen } from '../../client/src/features/authoring/consent-screen';
import { ExemplarEditorScreen } from '../../client/src/features/authoring/exemplar-editor';
import { CampaignScreen } from '../../client/src/features/campaign/campaign-screen';
import { MeScreen } from '../../client/src/features/me/me-screen';
import { inviteCodeProblem } from '../../client/src/features/me/redeem-invite';
import { pickImage } from '../../client/src/lib/image-pick';
import { campaign, storyCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

jest.mock('../../client/src/lib/image-pick', () => ({ pickImage: jest.fn() }));

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 5, 1, 4, 0, 0);
const CORPS = { _id: 'u-xj', name: '新疆维吾尔自治区消防救援总队', shortName: '新疆总队', level: 'corps' as const };
const STATION = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };
const me = (roles: Me['roles']): Me => ({ handle: 'a1b2c3d4e5', roles, reader: roles.length === 0 });

/** A corps, two detachments; the first with two battalions and three stations. */
const UNITS: UnitNode[] = [
  { ...CORPS, parentId: null, order: 0 },
  { _id: 'u-d1', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment', parentId: 'u-xj', order: 1 },
  { _id: 'u-d2', name: '克拉玛依市消防救援支队', shortName: '克拉玛依支队', level: 'detachment', parentId: 'u-xj', order: 2 },
  { _id: 'u-b1', name: '天山区消防救援大队', shortName: '天山区大队', level: 'battalion', parentId: 'u-d1', order: 1 },
  { _id: 'u-b2', name: '沙依巴克区消防救援大队', shortName: '沙依巴克区大队', level: 'battalion', parentId: 'u-d1', order: 2 },
  { ...STATION, parentId: 'u-b1', order: 1 },
  { _id: 'u-s2', name: '天山区红山路消防救援站', shortName: '红山路站', level: 'station', parentId: 'u-b1', order: 2 },
  { _id: 'u-s3', name: '沙依巴克区西山消防救援站', shortName: '西山站', level: 'station', parentId: 'u-b2', order: 1 },
];

const row = (name: RegExp) => screen.getByRole('radio', { name }).closest('[data-testid=unit-row]') as HTMLElement;

describe('the unit tree', () => {
  it('counts what each branch holds, by level', () => {
    const [corps] = unitForest(UNITS);
    expect(belowText(corps!.below)).toBe('2 个支队 · 2 个大队 · 3 个站');
    expect(corps!.children.map((c) => [c.unit.shortName, belowText(c.below)])).toEqual([
      ['乌鲁木齐支队', '2 个大队 · 3 个站'],
      ['克拉玛依支队', ''],
    ]);
  });

  it('opens at the top, indents by level, and opens and closes a branch with its arrow', async () => {
    serveFunctions({ 'admin.unitTree': () => ok({ items: UNITS }) });
    render(<UnitsScreen />);
    expect(await screen.findByRole('radio', { name: /新疆维吾尔自治区消防救援总队/ })).toHaveTextContent('新疆维吾尔自治区消防救援总队总队 · 2 个支队 · 2 个大队 · 3 个站');
    expect(screen.getAllByRole('radio').map((r) => r.textContent?.split('·')[0]?.trim())).toEqual(['新疆维吾尔自治区消防救援总队总队', '乌鲁木齐市消防救援支队支队', '克拉玛依市消防救援支队支队']);
    // A detachment without sub-units has no arrow to open.
    expect(screen.queryByRole('button', { name: '展开克拉玛依市消防救援支队' })).toBeNull();
    const open = screen.getByRole('button', { name: '展开乌鲁木齐市消防救援支队' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(open);
    expect(row(/天山区消防救援大队/)).toHaveClass('unit-chooser__row--d2');
    expect(row(/乌鲁木齐市消防救援支队/)).toHaveClass('unit-chooser__row--d1');
    expect(screen.getByRole('radio', { name: /天山区消防救援大队/ })).toHaveTextContent('大队 · 2 个站');
    fireEvent.click(screen.getByRole('button', { name: '收起乌鲁木齐市消防救援支队' }));
    expect(screen.queryByRole('radio', { name: /天山区消防救援大队/ })).toBeNull();
  });

  it('a search lists the matches, each saying where it sits', async () => {
    serveFunctions({ 'admin.unitTree': () => ok({ items: UNITS }) });
    render(<UnitsScreen />);
    fireEvent.change(await screen.findByLabelText('搜索单位'), { target: { value: '天山区' } });
    expect(screen.getAllByRole('radio').map((r) => r.textContent)).toEqual([
      '天山区消防救援大队大队 · 乌鲁木齐支队 · 2 个站',
      '天山区特勤消防救援站消防救援站 · 乌鲁木齐支队 › 天山区大队',
      '天山区红山路消防救援站消防救援站 · 乌鲁木齐支队 › 天山区大队',
    ]);
    fireEvent.change(screen.getByLabelText('搜索单位'), { target: { value: '和田' } });
    expect(screen.getByText('没有匹配的单位')).toBeInTheDocument();
  });

  it('a chooser opened on a chosen unit shows the way down to it', () => {
    const onChange = jest.fn();
    render(<UnitChooser units={UNITS} value='u-s3' onChange={onChange} />);
    expect(screen.getByRole('radio', { name: /沙依巴克区西山消防救援站/ })).toHaveAttribute('aria-checked', 'true');
    // Other branches stay closed.
    expect(screen.queryByRole('radio', { name: /天山区特勤消防救援站/ })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /天山区消防救援大队/ }));
    expect(onChange).toHaveBeenCalledWith('u-b1');
  });

  it('choosing a unit opens what can be done to it in the tree’s place; 返回 brings the tree back as it was left', async () => {
    serveFunctions({ 'admin.unitTree': () => ok({ items: UNITS }) });
    const { container } = render(<UnitsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '展开乌鲁木齐市消防救援支队' }));
    fireEvent.click(screen.getByRole('radio', { name: /天山区消防救援大队/ }));
    expect(container.querySelector('.staff-split')).toHaveClass('staff-split--open');
    expect(screen.getByTestId('unit-panel')).toHaveTextContent('大队 · 隶属乌鲁木齐市消防救援支队 · 下辖 2 个站');
    fireEvent.click(screen.getByText('‹ 返回单位列表'));
    expect(screen.queryByTestId('unit-panel')).toBeNull();
    expect(container.querySelector('.staff-split')).not.toHaveClass('staff-split--open');
    expect(screen.getByRole('radio', { name: /天山区消防救援大队/ })).toBeInTheDocument();
  });

  it('a permission refusal says who may manage units and offers nothing to retry', async () => {
    const served = serveFunctions({ 'admin.unitTree': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required', message: 'requires admin' } }) });
    render(<UnitsScreen />);
    const denied = await screen.findByTestId('state-denied');
    expect(denied).toHaveTextContent('仅管理员可以管理单位');
    fireEvent.click(denied);
    expect(served.calls).toHaveLength(1);
  });
});

describe('the campaign form', () => {
  const COVER = 'cloud://local.bucket/authoring/cover/abc/cover.jpg';
  function serveCampaigns(items: CampaignAdminView[], save: (d: Record<string, unknown>) => ReturnType<typeof ok> | ReturnType<typeof err> = () => ok({})) {
    return serveFunctions({
      'admin.listCampaigns': () => ok({ items }),
      'authoring.uploadImage': () => ok({ fileId: COVER, width: 1200, height: 600 }),
      'admin.saveCampaign': (d) => {
        const req = d as Record<string, unknown>;
        const res = save(req);
        if (!res.ok) return res;
        const found = items.find((c) => c._id === req.id);
        if (found) Object.assign(found, { archived: req.archived });
        return ok({ _id: (req.id as string) ?? 'c9', name: req.name, slug: req.slug, description: req.description, cover: null, storyCount: 0, startedAt: req.startedAt, endsAt: req.endsAt, archived: req.archived });
      },
    });
  }
  const live: CampaignAdminView = { _id: 'c1', name: '身边典型•平凡榜样', slug: 'pingfan', description: '平凡岗位上的榜样', order: 1, storyCount: 20, cover: { fileId: 'cloud://local.bucket/seed/pingfan.png', url: 'https://files.local/pingfan.png' }, startedAt: T0 - 400 * DAY, endsAt: null, archived: false };
  const empty: CampaignAdminView = { _id: 'c2', name: '119 消防宣传月', slug: 'xuanchuanyue', description: '十一月消防宣传月', order: 2, storyCount: 0, cover: null, startedAt: T0, endsAt: T0 + 29 * DAY, archived: false };

  beforeEach(() => (pickImage as jest.Mock).mockReset());

  it('each campaign says whether readers see it, its period in China time and its stories', async () => {
    serveCampaigns([live, empty]);
    render(<CampaignsScreen />);
    const rows = await screen.findAllByTestId('campaign-row');
    expect(rows[0]).toHaveTextContent('展示中');
    expect(rows[0]).toHaveTextContent('期间 2024-04-27 起');
    expect(rows[1]).toHaveTextContent('读者不可见');
    expect(rows[1]).toHaveTextContent('期间 2025-06-01 至 2025-06-30');
    expect(rows[1]).toHaveTextContent('发布第一篇事迹后，读者才能看到该专题');
  });

  it('uploads a cover as a campaign cover and shows it, picks the period, and saves whole days in China time', async () => {
    (pickImage as jest.Mock).mockResolvedValue({ base64: 'QUJD' });
    const served = serveCampaigns([live]);
    render(<CampaignsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '新建专题' }));
    const form = screen.getByTestId('campaign-form');
    expect(within(form).getByText('未设置封面')).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText('名称'), { target: { value: '新春走基层' } });
    fireEvent.change(within(form).getByLabelText('标识'), { target: { value: 'spring-2025' } });
    fireEvent.change(within(form).getByLabelText('简介'), { target: { value: '春节期间坚守一线的消防员' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: '上传封面' }));
    });
    expect(within(form).getByRole('img', { name: '封面' })).toHaveAttribute('src', 'data:image/jpeg;base64,QUJD');
    expect(served.calls.find((c) => c.action === 'uploadImage')?.data).toEqual({ purpose: 'cover', base64: 'QUJD' });
    fireEvent.change(within(form).getByLabelText('开始日期'), { target: { value: '2025-01-21' } });
    fireEvent.change(within(form).getByLabelText('结束日期'), { target: { value: '2025-02-28' } });
    expect(within(form).getByTestId('campaign-end')).toHaveTextContent('2025-02-28');
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(served.calls.some((c) => c.action === 'saveCampaign')).toBe(true));
    expect(served.calls.find((c) => c.action === 'saveCampaign')?.data).toEqual({
      name: '新春走基层',
      slug: 'spring-2025',
      description: '春节期间坚守一线的消防员',
      order: 2,
      cover: COVER,
      // 2025-01-21 00:00 and 2025-02-28 23:59:59.999 in Beijing.
      startedAt: Date.UTC(2025, 0, 20, 16, 0, 0),
      endsAt: Date.UTC(2025, 1, 28, 16, 0, 0) - 1,
      archived: false,
    });
  });

  it('an end before the start is caught before sending; 不设结束 makes it open-ended', async () => {
    const served = serveCampaigns([empty]);
    render(<CampaignsScreen />);
    fireEvent.click(within(await screen.findByTestId('campaign-row')).getByRole('button', { name: '编辑' }));
    const form = screen.getByTestId('campaign-form');
    expect(within(form).getByTestId('campaign-start')).toHaveTextContent('2025-06-01');
    fireEvent.change(within(form).getByLabelText('结束日期'), { target: { value: '2025-05-01' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('结束日期不能早于开始日期');
    expect(served.calls.some((c) => c.action === 'saveCampaign')).toBe(false);
    fireEvent.click(within(form).getByText('不设结束'));
    expect(within(form).getByTestId('campaign-end')).toHaveTextContent('不设结束日期');
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(served.calls.find((c) => c.action === 'saveCampaign')?.data).toMatchObject({ id: 'c2', endsAt: null, cover: null }));
  });

  it('an edit that leaves the period alone sends it back to the millisecond', async () => {
    const odd: CampaignAdminView = { ...empty, _id: 'c3', startedAt: T0 + 12_345, endsAt: T0 + 3 * DAY + 6_789 };
    const served = serveCampaigns([odd]);
    render(<CampaignsScreen />);
    fireEvent.click(within(await screen.findByTestId('campaign-row')).getByRole('button', { name: '编辑' }));
    fireEvent.change(within(screen.getByTestId('campaign-form')).getByLabelText('排序'), { target: { value: '7' } });
    fireEvent.click(within(screen.getByTestId('campaign-form')).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(served.calls.find((c) => c.action === 'saveCampaign')?.data).toMatchObject({ order: 7, startedAt: T0 + 12_345, endsAt: T0 + 3 * DAY + 6_789 }));
  });

  it('removing the cover saves none; a cover the server refuses reads its reason', async () => {
    const served = serveCampaigns([live], () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'file_not_accepted', message: 'not yours', fields: [{ path: 'cover', message: 'not yours', reason: 'file_not_accepted' }] } }));
    render(<CampaignsScreen />);
    fireEvent.click(within(await screen.findByTestId('campaign-row')).getByRole('button', { name: '编辑' }));
    const form = screen.getByTestId('campaign-form');
    expect(within(form).getByRole('img', { name: '封面' })).toHaveAttribute('src', 'https://files.local/pingfan.png');
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('文件不是你为此上传的，请重新上传');
    expect(served.calls.find((c) => c.action === 'saveCampaign')?.data).toMatchObject({ cover: 'cloud://local.bucket/seed/pingfan.png' });
    fireEvent.click(within(form).getByRole('button', { name: '移除封面' }));
    expect(within(form).getByText('未设置封面')).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(served.calls.filter((c) => c.action === 'saveCampaign').pop()?.data).toMatchObject({ cover: null }));
  });

  it('archiving asks first and says what readers will see; bringing it back does not ask', async () => {
    const served = serveCampaigns([live]);
    render(<CampaignsScreen />);
    const archive = within(await screen.findByTestId('campaign-row')).getByRole('button', { name: '归档' });
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(archive);
    });
    expect(fake.modals.at(-1)).toMatchObject({ title: '归档专题', content: expect.stringContaining('已分享的链接仍可打开并显示“专题已结束”') });
    expect(served.calls.some((c) => c.action === 'saveCampaign')).toBe(false);
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(archive);
    });
    await waitFor(() => expect(screen.getByTestId('campaign-row')).toHaveTextContent('已归档'));
    // Only the archive state changes: cover and period are left out, so they stay as stored.
    expect(served.calls.find((c) => c.action === 'saveCampaign')?.data).toEqual({ id: 'c1', name: live.name, slug: live.slug, description: live.description, order: live.order, archived: true });
    const asked = fake.modals.length;
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('campaign-row')).getByRole('button', { name: '恢复' }));
    });
    await waitFor(() => expect(screen.getByTestId('campaign-row')).toHaveTextContent('展示中'));
    expect(fake.modals).toHaveLength(asked);
    expect(served.calls.filter((c) => c.action === 'saveCampaign').pop()?.data).toMatchObject({ id: 'c1', archived: false });
  });
});

describe('the invite code as people type it', () => {
  function serveRedeem() {
    let roles: Me['roles'] = [];
    return serveFunctions({
      'identity.me': () => ok(me(roles)),
      'engagement.myLikes': () => ok({ items: [], next: null }),
      'admin.redeem': () => {
        roles = [{ role: 'editor', unit: STATION }];
        return ok({ role: 'editor', unit: STATION });
      },
    });
  }

  it('names the characters codes never use, derived from the alphabet', () => {
    expect(INVITE_CODE_NEVER_USED).toEqual(['0', '1', 'I', 'L', 'O']);
    expect(inviteCodeProblem('K7M2P91X')).toBe('邀请码里没有「1」：邀请码不使用 0、1、I、L、O 等易混字符，请对照邀请码再核对一遍');
    expect(inviteCodeProblem('k7m2 p9qx')).toBeNull();
    expect(inviteCodeProblem('K7M2-P9Q')).toBe('邀请码为 8 位，现在是 7 位，请核对');
    expect(inviteCodeProblem('K7M2P9Q!')).toBe('邀请码只由字母和数字组成，请核对后重新输入');
  });

  it.each([['k7m2 p9qx'], ['K7M2-P9QX'], [' k7m2-p9qx ']])('“%s” is sent as the code it is', async (typed) => {
    const served = serveRedeem();
    render(<MeScreen />);
    fireEvent.click(await screen.findByText('输入邀请码'));
    expect(screen.getByTestId('invite-code-rule')).toHaveTextContent('不含 0、1、I、L、O 等易混字符；不分大小写，空格和短横线可忽略');
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: typed } });
    fireEvent.change(screen.getByLabelText('你的姓名'), { target: { value: '王磊' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    await waitFor(() => expect(served.calls.find((c) => c.action === 'redeem')?.data).toMatchObject({ code: 'K7M2P9QX' }));
  });

  it('a code with the digit 1 says 1 is never used, and nothing is sent', async () => {
    const served = serveRedeem();
    render(<MeScreen />);
    fireEvent.click(await screen.findByText('输入邀请码'));
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: 'k7m2 p91x' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('邀请码里没有「1」');
    expect(served.calls.some((c) => c.action === 'redeem')).toBe(false);
  });
});

describe('who manages the libraries', () => {
  it('the 工作台 offers 典型库管理 to publishers only: an admin neither sees it nor asks for its count', async () => {
    expect(tilesFor(['admin']).map((t) => t.key)).not.toContain('library');
    expect(tilesFor(['publisher']).map((t) => t.key)).toContain('library');
    const served = serveFunctions({ 'identity.me': () => ok(me([{ role: 'admin', unit: CORPS }])), 'identity.todo': () => ok({ counts: {}, items: [] }) });
    render(<StaffHome />);
    expect(await screen.findByTestId('tile-units')).toBeInTheDocument();
    expect(screen.queryByTestId('tile-library')).toBeNull();
    expect(served.calls.some((c) => c.fn === 'library')).toBe(false);
  });

  it('the library page reached without the publisher role says so and offers nothing to retry', async () => {
    const served = serveFunctions({
      'library.overdue': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required', message: 'requires publisher' } }),
      'library.history': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required', message: 'requires publisher' } }),
      'content.exemplars': () => ok({ items: [], next: null }),
    });
    render(<LibraryAdminScreen />);
    const denied = await screen.findByTestId('state-denied');
    expect(denied).toHaveTextContent('仅发布员可以管理典型库');
    expect(denied).toHaveTextContent('你没有此操作所需的角色，请向管理员申请');
    expect(screen.queryByText(/重试/)).toBeNull();
    const calls = served.calls.length;
    fireEvent.click(denied);
    expect(served.calls).toHaveLength(calls);
  });

  it('a decision opens under its exemplar’s row, offering only what the contract allows for its tier', async () => {
    serveFunctions({
      'library.overdue': () => ok({ items: [], total: 0 }),
      'library.history': () => ok({ items: [], next: null }),
      'content.exemplars': () => ok({ items: [{ _id: 'e1', kind: 'individual', tier: 'major', name: '王磊', title: '一级消防长', category: 'rescue', photo: null, summary: '', unit: STATION, honorCount: 3, storyCount: 2, saluteCount: 0 }], next: null }),
    });
    render(<LibraryAdminScreen />);
    fireEvent.click(screen.getByRole('tab', { name: '重大库' }));
    const libraryRow = await screen.findByTestId('library-row');
    expect(libraryRow).toHaveTextContent('天山区特勤消防救援站');
    expect(libraryRow).toHaveTextContent('荣誉 3 项 · 事迹 2 篇');
    fireEvent.click(within(libraryRow).getByRole('button', { name: '调整' }));
    const panel = within(libraryRow).getByTestId('decision-panel');
    expect(within(panel).getAllByRole('radio').map((r) => r.textContent)).toEqual(['复核保留', '调入后备典型库', '退出典型库']);
  });
});

describe('the consent link card', () => {
  const view: ExemplarEditView = {
    _id: 'p1', kind: 'individual', tier: 'reserve', name: '王勇', title: '一级消防士', unitId: 'u-s1', category: 'rescue', photo: null, photoUrl: null,
    summary: '冲在最前', biography: '生平', state: 'draft', consent: null, honorCount: 0, honors: [], placements: [], updatedAt: 1,
  };
  const CODE = 'AbCdEfGh23456789';
  const QR = 'https://files.local/consent-codes/release/AbCdEfGh23456789.png';

  function serveEditor(qrCode: string | null) {
    return serveFunctions({
      'identity.me': () => ok(me([{ role: 'editor', unit: STATION }])),
      'authoring.exemplar': () => ok(view),
      // 2025-06-08 04:00 UTC: noon in Beijing.
      'authoring.requestConsent': () => ok({ code: CODE, path: `pages-staff/consent/index?code=${CODE}`, expiresAt: T0 + 7 * DAY, qrCode }),
    });
  }

  beforeEach(() => setRouterParams({ id: 'p1' }));

  it('after 发起本人确认: the expiry in Beijing time, a link to copy (h5), the code to print, and no raw path', async () => {
    serveEditor(QR);
    render(<ExemplarEditorScreen />);
    fireEvent.click(await screen.findByText('发起本人确认'));
    const card = await screen.findByTestId('consent-link');
    expect(card).toHaveTextContent('请王勇用自己的微信确认');
    expect(within(card).getByTestId('consent-link-expiry')).toHaveTextContent('有效期至 2025-06-08 12:00（北京时间）');
    expect(card).not.toHaveTextContent('pages-staff');
    expect(within(card).getByRole('img', { name: '本人确认小程序码' })).toHaveAttribute('src', QR);
    fireEvent.click(within(card).getByRole('button', { name: '查看大图' }));
    expect(fake.previews).toEqual([{ current: QR, urls: [QR] }]);
    fireEvent.click(within(card).getByRole('button', { name: '复制链接' }));
    await waitFor(() => expect(fake.clipboard).toBe(`${window.location.origin}${window.location.pathname}#/pages-staff/consent/index?code=${CODE}`));
  });

  it('WeChat’s share button sends the consent page as a chat card; the page’s own menu never shares the editor', async () => {
    serveEditor(QR);
    render(<ExemplarEditorScreen />);
    fireEvent.click(await screen.findByText('发起本人确认'));
    await screen.findByTestId('consent-link');
    const share = fake.shareAppMessage as (res: { from: string }) => unknown;
    expect(share({ from: 'button' })).toEqual({ title: '请确认公开你的先进事迹', path: `/pages-staff/consent/index?code=${CODE}` });
    expect(share({ from: 'menu' })).toEqual({ title: '身边典型', path: '/pages/feed/index' });
  });

  it('without a code image the card says so and still offers the link', async () => {
    serveEditor(null);
    render(<ExemplarEditorScreen />);
    fireEvent.click(await screen.findByText('发起本人确认'));
    expect(await screen.findByTestId('consent-link-no-code')).toHaveTextContent('小程序码暂时没有生成');
    expect(screen.getByRole('button', { name: '复制链接' })).toBeInTheDocument();
  });

  it('the consent page opened from the printed code reads the link’s code from the scene', async () => {
    setRouterParams({ scene: encodeURIComponent(CODE) });
    const served = serveFunctions({ 'authoring.consentInfo': () => ok({ name: '王勇', kind: 'individual', unitName: '天山区特勤消防救援站', summary: '冲在最前', expiresAt: T0 + 7 * DAY, confirmed: false, mine: false, withdrawnByMe: false }) });
    render(<ConsentScreen />);
    expect(await screen.findByText('同意公开个人事迹')).toBeInTheDocument();
    expect(served.calls.find((c) => c.action === 'consentInfo')?.data).toEqual({ code: CODE });
  });
});

describe('a campaign that is over', () => {
  it('opened from an old link, its page says 专题已结束 with its period, and its stories still read', async () => {
    setRouterParams({ id: 'c4' });
    serveFunctions({
      'content.campaignFeed': () => ok({ items: [storyCard(1)], next: null, campaign: campaign(4, { archived: true, startedAt: Date.UTC(2024, 11, 31, 16), endsAt: Date.UTC(2025, 1, 28, 16) - 1 }) }),
    });
    render(<CampaignScreen />);
    expect(await screen.findByTestId('campaign-ended')).toHaveTextContent('专题已结束');
    expect(screen.getByText('2025-01-01 至 2025-02-28')).toBeInTheDocument();
    expect(await screen.findByText('事迹标题1')).toBeInTheDocument();
  });

  it('a live campaign says nothing of the kind', async () => {
    setRouterParams({ id: 'c1' });
    serveFunctions({ 'content.campaignFeed': () => ok({ items: [storyCard(1)], next: null, campaign: campaign(1) }) });
    render(<CampaignScreen />);
    expect(await screen.findByText('事迹标题1')).toBeInTheDocument();
    expect(screen.queryByTestId('campaign-ended')).toBeNull();
  });
});
