/**
 * Consent (PIPL art. 25) as staff and the person see it: the reviewer's 同意书核对 page and its
 * 工作台 tile, the editor's consent block, the person's withdrawal on their consent page, an
 * admin's withdrawal on a written request, and the signed form a nomination reviewer must look
 * at before approving.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ConsentCheckItem, ExemplarEditView, Me, NominationDetail } from '@contract';
import { ConsentCheckScreen } from '../../client/src/features/authoring/consent-check-screen';
import { ConsentScreen } from '../../client/src/features/authoring/consent-screen';
import { ExemplarEditorScreen } from '../../client/src/features/authoring/exemplar-editor';
import { StaffHome } from '../../client/src/features/staff-admin/staff-home';
import { ProfileScreen } from '../../client/src/features/profile/profile-screen';
import { NominationDetailScreen } from '../../client/src/features/nominations/detail-screen';
import { NominationFormScreen } from '../../client/src/features/nominations/form-screen';
import { timelineText } from '../../client/src/features/nominations/labels';
import { pickImage } from '../../client/src/lib/image-pick';
import { profile } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, fireReachBottom, setRouterParams } from './support/taro-fake';

jest.mock('../../client/src/lib/image-pick', () => ({ pickImage: jest.fn() }));

const CORPS = { _id: 'u-xj', name: '新疆维吾尔自治区消防救援总队', shortName: '总队', level: 'corps' as const };
const DETACHMENT = { _id: 'u-wlmq', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' as const };
const STATION = { _id: 'u-st', name: '天山区特勤消防救援站', shortName: '特勤站', level: 'station' as const };
const me = (roles: Me['roles']): Me => ({ handle: 'a1b2c3d4e5', roles, reader: roles.length === 0 });
const REVIEWER = me([{ role: 'reviewer', unit: DETACHMENT }]);
const EDITOR = me([{ role: 'editor', unit: STATION }]);
const ADMIN = me([{ role: 'admin', unit: CORPS }]);
/** 2025-06-01 04:00 UTC, 12:00 in Urumqi's offices on Beijing time. */
const T0 = Date.UTC(2025, 5, 1, 4, 0, 0);
const SCAN = 'https://files.local/consent/wang.jpg';

const forms: ConsentCheckItem[] = [
  { exemplarId: 'ex-wang', name: '王勇', unit: STATION, recordedAt: T0 },
  { exemplarId: 'ex-li', name: '李娜', unit: null, recordedAt: T0 + 3_600_000 },
];

describe('同意书核对', () => {
  function serveChecks(verify: (d: unknown) => ReturnType<typeof ok> | ReturnType<typeof err> = () => ok({})) {
    let items = [...forms];
    return serveFunctions({
      'authoring.consentQueue': () => ok({ items, next: null }),
      'authoring.consentScan': () => ok({ url: SCAN }),
      'authoring.verifyConsent': (d) => {
        const res = verify(d);
        if (res.ok) items = items.filter((i) => i.exemplarId !== (d as { exemplarId: string }).exemplarId);
        return res;
      },
    });
  }

  it('lists the waiting forms by name, unit and upload time in China time', async () => {
    serveChecks();
    render(<ConsentCheckScreen />);
    const rows = await screen.findAllByTestId('consent-check-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('王勇');
    expect(rows[0]).toHaveTextContent('天山区特勤消防救援站');
    expect(rows[0]).toHaveTextContent('上传于 2025-06-01 12:00');
    expect(rows[1]).toHaveTextContent('所属单位未知');
    expect(screen.getByText('2 份待核对，先上传的在前')).toBeInTheDocument();
  });

  it('says so when nothing waits', async () => {
    serveFunctions({ 'authoring.consentQueue': () => ok({ items: [], next: null }) });
    render(<ConsentCheckScreen />);
    expect(await screen.findByText('暂无待核对的同意书')).toBeInTheDocument();
  });

  it('a long queue comes one page at a time; the count shows once the whole list is here', async () => {
    const more: ConsentCheckItem[] = Array.from({ length: 50 }, (_, i) => ({ exemplarId: `ex-${i}`, name: `待核对${i}`, unit: STATION, recordedAt: T0 + i }));
    const served = serveFunctions({
      'authoring.consentQueue': (d) => ((d as { cursor?: string | null }).cursor === 'c-1' ? ok({ items: forms, next: null }) : ok({ items: more, next: 'c-1' })),
    });
    render(<ConsentCheckScreen />);
    expect(await screen.findAllByTestId('consent-check-row')).toHaveLength(50);
    expect(screen.getByText('待核对的同意书，先上传的在前')).toBeInTheDocument();
    await act(async () => fireReachBottom());
    await waitFor(() => expect(screen.getAllByTestId('consent-check-row')).toHaveLength(52));
    expect(screen.getByText('52 份待核对，先上传的在前')).toBeInTheDocument();
    expect(served.calls.map((c) => (c.data as { cursor?: string | null }).cursor ?? null)).toEqual([null, 'c-1']);
  });

  it('opens the scan large (tap for full screen, each view audited) and confirms it after asking', async () => {
    const served = serveChecks();
    render(<ConsentCheckScreen />);
    fireEvent.click((await screen.findAllByTestId('consent-check-row'))[0]!);
    const detail = screen.getByTestId('consent-check-detail');
    const scan = await within(detail).findByRole('img', { name: '王勇的签字同意书' });
    expect(scan).toHaveAttribute('src', SCAN);
    expect(within(detail).getByText(/每次查看同意书都会记入审计日志/)).toBeInTheDocument();
    fireEvent.click(scan);
    expect(fake.previews).toEqual([{ current: SCAN, urls: [SCAN] }]);
    expect(served.calls.filter((c) => c.action === 'consentScan').map((c) => c.data)).toEqual([{ exemplarId: 'ex-wang' }]);

    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(within(detail).getByText('核对无误'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/「王勇」本人签字/);
    expect(served.calls.some((c) => c.action === 'verifyConsent')).toBe(false);

    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(within(detail).getByText('核对无误'));
    });
    expect(served.calls.find((c) => c.action === 'verifyConsent')?.data).toEqual({ exemplarId: 'ex-wang', decision: 'confirm', comment: '' });
    await waitFor(() => expect(screen.getAllByTestId('consent-check-row')).toHaveLength(1));
    expect(fake.toasts.at(-1)).toEqual({ title: '已核对', icon: 'success' });
  });

  it('returns a form only with a reason, after asking', async () => {
    const served = serveChecks();
    render(<ConsentCheckScreen />);
    fireEvent.click((await screen.findAllByTestId('consent-check-row'))[0]!);
    const detail = screen.getByTestId('consent-check-detail');
    fireEvent.click(within(detail).getByText('退回'));
    await act(async () => {
      fireEvent.click(within(detail).getByText('确认退回'));
    });
    expect(within(detail).getByRole('alert')).toHaveTextContent('退回时请写明原因');
    expect(fake.modals).toEqual([]);
    fireEvent.input(within(detail).getByLabelText('退回原因'), { target: { value: '签字与姓名不符' } });
    await act(async () => {
      fireEvent.click(within(detail).getByText('确认退回'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/移除/);
    expect(served.calls.find((c) => c.action === 'verifyConsent')?.data).toEqual({ exemplarId: 'ex-wang', decision: 'reject', comment: '签字与姓名不符' });
  });

  it('a reviewer who uploaded the form is told to leave it to another reviewer', async () => {
    serveChecks(() => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'own_work', message: 'the caller wrote or submitted this consent form' } }));
    render(<ConsentCheckScreen />);
    fireEvent.click((await screen.findAllByTestId('consent-check-row'))[0]!);
    const detail = screen.getByTestId('consent-check-detail');
    await within(detail).findByRole('img');
    await act(async () => {
      fireEvent.click(within(detail).getByText('核对无误'));
    });
    expect(within(detail).getByRole('alert')).toHaveTextContent('不能审核自己撰写或提交的内容，请由其他审核员处理');
  });

  it('a caller who is not a reviewer reads why, with nothing to retry', async () => {
    serveFunctions({ 'authoring.consentQueue': () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required', message: 'requires reviewer' } }) });
    render(<ConsentCheckScreen />);
    expect(await screen.findByText('你没有此操作所需的角色，请向管理员申请')).toBeInTheDocument();
    expect(screen.queryByText(/重试/)).toBeNull();
  });

  it('the 工作台 shows reviewers the tile with the count of waiting forms, and it opens the page', async () => {
    serveFunctions({
      'identity.me': () => ok(REVIEWER),
      'identity.todo': () => ok({ counts: { story_review: 0, nomination_review: 0, consent_check: 2 }, items: [] }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('consent-check-count')).toHaveTextContent('2 份待核对');
    fireEvent.click(screen.getByTestId('tile-consent-check'));
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages-staff/consent-checks/index' }]);
  });
});

function editView(over: Partial<ExemplarEditView> = {}): ExemplarEditView {
  return {
    _id: 'p1', kind: 'individual', tier: 'reserve', name: '王勇', title: '一级消防士', unitId: 'u-st', category: 'rescue', photo: null, photoUrl: null,
    summary: '冲在最前', biography: '生平', state: 'draft', consent: null, honorCount: 0, honors: [], placements: [], updatedAt: 1, ...over,
  };
}

describe('the editor’s consent block', () => {
  beforeEach(() => setRouterParams({ id: 'p1' }));

  it('a signed form waiting for its check says so, and publishing reads the server’s reason', async () => {
    serveFunctions({
      'identity.me': () => ok(EDITOR),
      'authoring.exemplar': () => ok(editView({ consent: { method: 'signed_form', recordedAt: T0, counts: false, awaitsCheck: true } })),
      'authoring.setExemplarState': () => ({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'consent_unverified', message: 'not checked yet' } }),
    });
    render(<ExemplarEditorScreen />);
    expect(await screen.findByTestId('consent-status')).toHaveTextContent('同意书已上传，待审核员核对');
    expect(screen.getByText('重新上传同意书')).toBeInTheDocument();
    fireEvent.click(screen.getByText('公开发布'));
    expect(await screen.findByTestId('publish-error')).toHaveTextContent('本人签字的同意书尚待审核员核对，核对通过后才能公开');
  });

  it('consent that counts reads as given, with nothing more to ask', async () => {
    serveFunctions({ 'identity.me': () => ok(EDITOR), 'authoring.exemplar': () => ok(editView({ consent: { method: 'signed_form', recordedAt: T0, counts: true, awaitsCheck: false } })) });
    render(<ExemplarEditorScreen />);
    expect(await screen.findByTestId('consent-status')).toHaveTextContent('已取得本人同意（签字同意书已由审核员核对）');
    expect(screen.queryByText('发起本人确认')).toBeNull();
  });

  it('renaming a consented person asks first, since it voids the consent', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(EDITOR),
      'authoring.exemplar': () => ok(editView({ state: 'published', consent: { method: 'in_app', recordedAt: T0, counts: true, awaitsCheck: false } })),
      'authoring.saveExemplar': () => ok(editView({ name: '王永' })),
    });
    render(<ExemplarEditorScreen />);
    fireEvent.input(await screen.findByLabelText('名称'), { target: { value: '王永' } });
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(screen.getByText('保存资料'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/本人此前的同意将失效，资料将立即停止公开/);
    expect(served.calls.some((c) => c.action === 'saveExemplar')).toBe(false);
  });
});

describe('the person withdraws their consent', () => {
  const info = { name: '王勇', kind: 'individual', unitName: '天山区特勤消防救援站', summary: '冲在最前', expiresAt: Date.now() + 86_400_000, confirmed: true, mine: true, withdrawnByMe: false };

  it('with an optional reason, after a confirmation that the profile is hidden at once', async () => {
    setRouterParams({ code: 'CODE123456' });
    const served = serveFunctions({ 'authoring.consentInfo': () => ok(info), 'authoring.withdrawMyConsent': () => ok({ withdrawn: true }) });
    render(<ConsentScreen />);
    fireEvent.click(await screen.findByText('撤回同意'));
    fireEvent.input(screen.getByLabelText('撤回原因'), { target: { value: '已调离消防岗位' } });
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤回'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/立即停止/);
    expect(served.calls.some((c) => c.action === 'withdrawMyConsent')).toBe(false);
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤回'));
    });
    expect(served.calls.find((c) => c.action === 'withdrawMyConsent')?.data).toEqual({ code: 'CODE123456', reason: '已调离消防岗位' });
    expect(await screen.findByTestId('consent-withdrawn')).toHaveTextContent('已撤回，你的资料已不再公开');
    expect(screen.queryByText('撤回同意')).toBeNull();
  });

  it('reopening the link after withdrawing says so, with nothing left to do', async () => {
    setRouterParams({ code: 'CODE123456' });
    serveFunctions({ 'authoring.consentInfo': () => ok({ ...info, mine: false, withdrawnByMe: true }) });
    render(<ConsentScreen />);
    expect(await screen.findByTestId('consent-withdrawn')).toHaveTextContent('已撤回，你的资料已不再公开');
    expect(screen.queryByText('撤回同意')).toBeNull();
    expect(screen.queryByText(/此确认链接已使用/)).toBeNull();
  });

  it('someone else’s link offers no withdrawal', async () => {
    setRouterParams({ code: 'CODE123456' });
    serveFunctions({ 'authoring.consentInfo': () => ok({ ...info, mine: false }) });
    render(<ConsentScreen />);
    expect(await screen.findByText(/此确认链接已使用/)).toBeInTheDocument();
    expect(screen.queryByText('撤回同意')).toBeNull();
  });
});

describe('an admin withdraws consent on a written request', () => {
  beforeEach(() => setRouterParams({ id: 'e1' }));

  function serveProfile(who: Me, withdraw = () => ok(editView())) {
    return serveFunctions({
      'content.profile': () => ok(profile({ _id: 'e1', name: '王勇', kind: 'individual' })),
      'identity.me': () => ok(who),
      'engagement.status': () => ok({ items: [] }),
      'authoring.withdrawConsent': withdraw,
    });
  }

  it('an admin gives the reason, confirms, and leaves the profile that is no longer public', async () => {
    const served = serveProfile(ADMIN);
    render(<ProfileScreen />);
    fireEvent.click(await screen.findByText('撤回本人同意（管理员）'));
    const sheet = screen.getByTestId('withdraw-consent-sheet');
    await act(async () => {
      fireEvent.click(within(sheet).getByText('确认撤回'));
    });
    expect(within(sheet).getByRole('alert')).toHaveTextContent('请填写撤回原因');
    fireEvent.click(within(sheet).getByText('依本人书面申请'));
    await act(async () => {
      fireEvent.click(within(sheet).getByText('确认撤回'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/「王勇」的资料将立即停止公开/);
    expect(served.calls.find((c) => c.action === 'withdrawConsent')?.data).toEqual({ exemplarId: 'e1', reason: '依本人书面申请' });
    await waitFor(() => expect(fake.navigations).toEqual([{ kind: 'navigateBack', url: '' }]));
  });

  it('an admin outside the person’s unit reads the server’s reason and stays', async () => {
    serveProfile(ADMIN, () => ({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope', message: 'outside' } }));
    render(<ProfileScreen />);
    fireEvent.click(await screen.findByText('撤回本人同意（管理员）'));
    fireEvent.input(screen.getByLabelText('撤回原因'), { target: { value: '依本人书面申请' } });
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤回'));
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('该内容不在你所管辖的单位范围内');
    expect(fake.navigations).toEqual([]);
  });

  it('readers and other staff see no such action', async () => {
    serveProfile(EDITOR);
    render(<ProfileScreen />);
    await screen.findByText('王勇');
    await act(async () => undefined);
    expect(screen.queryByText('撤回本人同意（管理员）')).toBeNull();
  });
});

describe('a nomination whose signed form awaits its check', () => {
  const item: NominationDetail = {
    _id: 'nom-1',
    nominee: { name: '张三', kind: 'individual', exemplarId: null },
    unit: STATION,
    category: 'rescue',
    targetTier: 'reserve',
    deeds: '在“7·15”山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡。',
    attachments: [],
    state: 'submitted',
    waitingFor: 'detachment',
    contentHeld: false,
    hasConsent: true,
    consentAwaitsCheck: true,
    noticeEndsAt: null,
    createdAt: T0,
    updatedAt: T0,
    timeline: [{ event: 'submitted', level: null, comment: '', at: T0 }],
    enrolledExemplarId: null,
    mine: false,
    can: { revise: false, withdraw: false, decide: 'detachment' },
    attachmentFiles: [],
  };

  beforeEach(() => setRouterParams({ id: 'nom-1' }));

  it('cannot be approved until the reviewer has opened the form and ticked that it matches; then approve says so', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(REVIEWER),
      'nominations.get': () => ok(item),
      'nominations.consentScan': () => ok({ url: SCAN }),
      'nominations.decide': () => ok({ nomination: { ...item, state: 'detachment_approved', level: 'detachment' } }),
    });
    render(<NominationDetailScreen />);
    await screen.findByTestId('decision-sheet');
    const card = screen.getByTestId('nomination-page');
    expect(within(card).getByTestId('approve-blocked')).toHaveTextContent('通过前请先查看同意书');
    await act(async () => {
      fireEvent.click(within(card).getByText('提交审核决定'));
    });
    expect(fake.modals).toEqual([]);
    expect(served.calls.some((c) => c.action === 'decide')).toBe(false);
    // Ticking before the form is on screen does nothing.
    const tick = within(card).getByRole('checkbox', { name: /已核对同意书与被推荐人一致/ });
    fireEvent.click(tick);
    expect(tick).toHaveAttribute('aria-checked', 'false');

    await act(async () => {
      fireEvent.click(within(card).getByText('查看同意书'));
    });
    expect(served.calls.find((c) => c.action === 'consentScan')?.data).toEqual({ id: 'nom-1' });
    const scan = within(card).getByRole('img', { name: '张三的签字同意书' });
    fireEvent.click(scan);
    expect(fake.previews.at(-1)).toEqual({ current: SCAN, urls: [SCAN] });
    fireEvent.click(tick);
    expect(tick).toHaveAttribute('aria-checked', 'true');
    expect(within(card).queryByTestId('approve-blocked')).toBeNull();

    await act(async () => {
      fireEvent.click(within(card).getByText('提交审核决定'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/「张三」的推荐作出“通过”决定/);
    expect(served.calls.find((c) => c.action === 'decide')?.data).toEqual({ id: 'nom-1', decision: 'approve', comment: '', consentChecked: true });
  });

  it('returning it needs no check, and sends none', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(REVIEWER),
      'nominations.get': () => ok(item),
      'nominations.decide': () => ok({ nomination: { ...item, state: 'returned', level: 'detachment' } }),
    });
    render(<NominationDetailScreen />);
    await screen.findByTestId('decision-sheet');
    const card = screen.getByTestId('nomination-page');
    fireEvent.click(within(card).getByText('退回修改'));
    fireEvent.input(within(card).getByLabelText('审核意见'), { target: { value: '请补充时间' } });
    await act(async () => {
      fireEvent.click(within(card).getByText('提交审核决定'));
    });
    expect(served.calls.find((c) => c.action === 'decide')?.data).toEqual({ id: 'nom-1', decision: 'return', comment: '请补充时间' });
  });
});

describe('nomination files and timeline', () => {
  it('attachments are uploaded as attachments and the consent form as consent', async () => {
    const picked = pickImage as jest.MockedFunction<typeof pickImage>;
    picked.mockResolvedValue({ base64: 'aGVsbG8gd29ybGQ=' });
    let n = 0;
    const served = serveFunctions({
      'identity.me': () => ok(EDITOR),
      'authoring.uploadImage': () => ok({ fileId: `cloud://env.bucket/u/f${++n}.jpg`, width: 10, height: 10 }),
    });
    render(<NominationFormScreen />);
    const add = await screen.findByText('添加图片');
    await act(async () => {
      fireEvent.click(add);
    });
    await act(async () => {
      fireEvent.click(screen.getByText('上传签字同意书'));
    });
    expect(served.calls.filter((c) => c.action === 'uploadImage').map((c) => (c.data as { purpose: string }).purpose)).toEqual(['attachment', 'consent']);
  });

  it('a nomination not enrolled because the library changed the tier during the notice says so', () => {
    expect(timelineText({ event: 'superseded', level: null, comment: '', at: T0 })).toBe('公示期间库别已调整，未入库');
  });
});
