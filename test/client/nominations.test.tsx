import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Me, MyNomination, NominationDetail, NoticeItem, QueueItem } from '@contract';
import { NominationFormScreen, DRAFT_KEY } from '../../client/src/features/nominations/form-screen';
import { NominationDetailScreen } from '../../client/src/features/nominations/detail-screen';
import { MyNominationsScreen } from '../../client/src/features/nominations/mine-screen';
import { NoticeScreen } from '../../client/src/features/nominations/notice-screen';
import { ObjectionScreen } from '../../client/src/features/nominations/objection-screen';
import { ReviewScreen } from '../../client/src/features/nominations/review-screen';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, fireDidShow, fireReachBottom, setRouterParams } from './support/taro-fake';

const NOW = Date.now();
const UNIT = { _id: 'u-st', name: '天山区特勤消防救援站', shortName: '特勤站', level: 'station' as const };
const EDITOR: Me = { handle: '用户 1', roles: [{ role: 'editor', unit: UNIT }], reader: false };
const CORPS = { _id: 'u-xj', name: '新疆维吾尔自治区消防救援总队', shortName: '总队', level: 'corps' as const };
const DETACHMENT = { _id: 'u-wlmq', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' as const };
const CORPS_REVIEWER: Me = { handle: '用户 2', roles: [{ role: 'reviewer', unit: CORPS }], reader: false };
const DETACHMENT_REVIEWER: Me = { handle: '用户 3', roles: [{ role: 'reviewer', unit: DETACHMENT }], reader: false };
const DEEDS = '在“7·15”山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡。';

function nomination(over: Partial<MyNomination> = {}): MyNomination {
  return {
    _id: 'nom-1',
    nominee: { name: '张三', kind: 'individual', exemplarId: null },
    unit: UNIT,
    category: 'rescue',
    targetTier: 'reserve',
    deeds: DEEDS,
    attachments: [],
    state: 'submitted',
    waitingFor: 'detachment',
    contentHeld: false,
    hasConsent: true,
    consentAwaitsCheck: false,
    noticeEndsAt: null,
    createdAt: NOW - 3_600_000,
    updatedAt: NOW - 3_600_000,
    timeline: [{ event: 'submitted', level: null, comment: '', at: NOW - 3_600_000 }],
    enrolledExemplarId: null,
    ...over,
  };
}

function queueItem(over: Partial<QueueItem> = {}): QueueItem {
  const { enrolledExemplarId: _e, ...rest } = nomination();
  void _e;
  return { ...rest, level: 'detachment', ...over };
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('the nomination form', () => {
  it('shows what is wrong before sending, keeps the draft locally, and sends nothing', async () => {
    const served = serveFunctions({ 'identity.me': () => ok(EDITOR) });
    render(<NominationFormScreen />);
    await screen.findByText('提交推荐');
    type('推荐对象名称', '张三');
    type('事迹材料', '太短了');
    fireEvent.click(screen.getByText('提交推荐'));
    expect(await screen.findByText('事迹材料至少 30 字')).toBeInTheDocument();
    expect(screen.getByText('个人推荐须经本人同意并上传签字同意书')).toBeInTheDocument();
    expect(served.calls.filter((c) => c.fn === 'nominations')).toEqual([]);
    expect(fake.storage.get(DRAFT_KEY)).toMatchObject({ name: '张三', deeds: '太短了', unitId: 'u-st' });
  });

  it('a collective is submitted with the draft requestKey; the server confirmation clears the draft and opens my nominations', async () => {
    const served = serveFunctions({ 'identity.me': () => ok(EDITOR), 'nominations.submit': () => ok({ nomination: nomination(), created: true }) });
    fake.storage.set('dev.openid', 'dev-editor');
    render(<NominationFormScreen />);
    await screen.findByText('提交推荐');
    fireEvent.click(screen.getByText('集体'));
    type('推荐对象名称', '特勤站');
    type('事迹材料', DEEDS);
    const key = (fake.storage.get(DRAFT_KEY) as { requestKey: string }).requestKey;
    await act(async () => {
      fireEvent.click(screen.getByText('提交推荐'));
    });
    const submit = served.calls.find((c) => c.action === 'submit');
    expect(submit?.data).toMatchObject({ requestKey: key, nominatingUnitId: 'u-st', nominee: { new: { kind: 'collective', name: '特勤站', unitId: 'u-st' } }, deeds: DEEDS, consentForm: null });
    // h5 stand-in for the subscribe dialog, asked before the submit goes out.
    const subscribe = fake.requests.findIndex((r) => r.url.endsWith('/dev/subscribe'));
    expect(subscribe).toBeGreaterThanOrEqual(0);
    expect(fake.requests[subscribe]!.data).toEqual({ templateIds: ['local-tpl-decision'] });
    expect(subscribe).toBeLessThan(fake.requests.findIndex((r) => r.url === '/fn/nominations'));
    expect(fake.storage.has(DRAFT_KEY)).toBe(false);
    expect(fake.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: '/pages-staff/nominations/mine/index' });
  });

  it('a failed submit keeps the draft and its requestKey for the retry and shows the reason', async () => {
    serveFunctions({ 'identity.me': () => ok(EDITOR), 'nominations.submit': () => err('CONTENT_REJECTED', 'risky') });
    render(<NominationFormScreen />);
    await screen.findByText('提交推荐');
    fireEvent.click(screen.getByText('集体'));
    type('推荐对象名称', '特勤站');
    type('事迹材料', DEEDS);
    const key = (fake.storage.get(DRAFT_KEY) as { requestKey: string }).requestKey;
    await act(async () => {
      fireEvent.click(screen.getByText('提交推荐'));
    });
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(fake.storage.get(DRAFT_KEY)).toMatchObject({ requestKey: key, deeds: DEEDS });
    expect(fake.navigations).toEqual([]);
  });
});

describe('my nominations', () => {
  it('shows each state with its latest step and reason, and a row opens the nomination', async () => {
    serveFunctions({
      'nominations.mine': () =>
        ok({
          items: [
            nomination({
              state: 'rejected',
              waitingFor: null,
              timeline: [
                { event: 'submitted', level: null, comment: '', at: NOW - 7_200_000 },
                { event: 'reject', level: 'detachment', comment: '事迹不够突出', at: NOW - 3_600_000 },
              ],
            }),
            nomination({ _id: 'nom-2', state: 'returned', waitingFor: null, timeline: [{ event: 'return', level: 'corps', comment: '请补充照片', at: NOW - 600_000 }] }),
          ],
          next: null,
        }),
    });
    render(<MyNominationsScreen />);
    const [rejected, returned] = await screen.findAllByTestId('my-nomination');
    expect(rejected).toHaveTextContent('未通过');
    expect(rejected).toHaveTextContent(/支队审核未通过：事迹不够突出/);
    expect(returned).toHaveTextContent('已退回修改');
    expect(returned).toHaveTextContent('总队退回修改：请补充照片');
    expect(returned).toHaveTextContent('待你修改后重新提交');
    fireEvent.click(returned!);
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/nominations/detail/index?id=nom-2' });
  });

  it('loads the next page at the end of the list, and says when there is no more', async () => {
    const served = serveFunctions({
      'nominations.mine': (d) =>
        (d as { cursor?: string | null }).cursor === 'c-1'
          ? ok({ items: [nomination({ _id: 'nom-51', nominee: { name: '第五十一位', kind: 'collective', exemplarId: null } })], next: null })
          : ok({ items: Array.from({ length: 50 }, (_, i) => nomination({ _id: `nom-${i}` })), next: 'c-1' }),
    });
    render(<MyNominationsScreen />);
    expect(await screen.findAllByTestId('my-nomination')).toHaveLength(50);
    expect(screen.queryByText('没有更多了')).toBeNull();
    await act(async () => fireReachBottom());
    expect(await screen.findByText('第五十一位')).toBeInTheDocument();
    expect(screen.getAllByTestId('my-nomination')).toHaveLength(51);
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    expect(served.calls.filter((c) => c.action === 'mine').map((c) => (c.data as { cursor?: string | null }).cursor ?? null)).toEqual([null, 'c-1']);
  });
});

describe('the review queue', () => {
  it('shows counts on the tabs and a row per nomination with what to look at; a row opens its detail page', async () => {
    serveFunctions({
      'identity.me': () => ok(DETACHMENT_REVIEWER),
      'nominations.queue': () =>
        ok({
          counts: { review: 2, objections: 1 },
          items: [queueItem(), queueItem({ _id: 'nom-2', nominee: { name: '李四', kind: 'individual', exemplarId: null }, contentHeld: true, consentAwaitsCheck: true })],
          objections: [],
          next: null,
        }),
    });
    render(<ReviewScreen />);
    expect(await screen.findByText('待审核 (2)')).toBeInTheDocument();
    expect(screen.getByText('公示异议 (1)')).toBeInTheDocument();
    const [, second] = screen.getAllByTestId('queue-item');
    expect(second).toHaveTextContent('内容安全提示：请人工仔细核对');
    expect(second).toHaveTextContent('本人签字同意书待审核员核对');
    fireEvent.click(second!);
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/nominations/detail/index?id=nom-2' });
  });

  it('pages through a long queue and reloads it when the reviewer comes back from a decision', async () => {
    let decided = false;
    const served = serveFunctions({
      'identity.me': () => ok(DETACHMENT_REVIEWER),
      'nominations.queue': (d) => {
        const { cursor } = d as { cursor?: string | null };
        if (cursor === 'c-1') return ok({ counts: { review: 52, objections: 0 }, items: [queueItem({ _id: 'nom-50' }), queueItem({ _id: 'nom-51' })], objections: [], next: null });
        const items = Array.from({ length: 50 }, (_, i) => queueItem({ _id: `nom-${i}` }));
        return ok({ counts: { review: decided ? 51 : 52, objections: 0 }, items: decided ? items.slice(1) : items, objections: [], next: 'c-1' });
      },
    });
    render(<ReviewScreen />);
    expect(await screen.findAllByTestId('queue-item')).toHaveLength(50);
    await act(async () => fireReachBottom());
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(52));
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    decided = true;
    await act(async () => fireDidShow());
    await act(async () => fireDidShow());
    await waitFor(() => expect(screen.getByText('待审核 (51)')).toBeInTheDocument());
    expect(served.calls.filter((c) => c.action === 'queue').map((c) => (c.data as { cursor?: string | null }).cursor ?? null)).toEqual([null, 'c-1', null]);
  });

  it('the objections tab pages too, and the corps reviewer sustains one with a reason, asked first', async () => {
    const objection = (i: number) => ({ _id: `obj-${i}`, nominationId: `nom-${i}`, nomineeName: `站${i}`, text: `异议内容${i}：转移人数与实际不符`, at: NOW, state: 'open' as const, contentHeld: false, resolution: null });
    const served = serveFunctions({
      'identity.me': () => ok(CORPS_REVIEWER),
      'nominations.queue': (d) => {
        const { tab, cursor } = d as { tab: string; cursor?: string | null };
        if (tab !== 'objections') return ok({ counts: { review: 0, objections: 3 }, items: [], objections: [], next: null });
        return cursor ? ok({ counts: { review: 0, objections: 3 }, items: [], objections: [objection(3)], next: null }) : ok({ counts: { review: 0, objections: 3 }, items: [], objections: [objection(1), objection(2)], next: 'c-o' });
      },
      'nominations.resolveObjection': () => ok({ objection: objection(1), nominationState: 'rejected' }),
    });
    render(<ReviewScreen />);
    fireEvent.click(await screen.findByText('公示异议 (3)'));
    expect(await screen.findByText('异议内容1：转移人数与实际不符')).toBeInTheDocument();
    await act(async () => fireReachBottom());
    expect(await screen.findByText('异议内容3：转移人数与实际不符')).toBeInTheDocument();
    const first = screen.getAllByTestId('objection-item')[0]!;
    fireEvent.click(within(first).getByText('异议成立'));
    const sheet = within(first).getByTestId('objection-sheet');
    await act(async () => {
      fireEvent.click(within(sheet).getByText('异议成立'));
    });
    expect(within(sheet).getByRole('alert')).toHaveTextContent('请填写处理意见');
    fireEvent.input(within(sheet).getByLabelText('处理意见（必填）'), { target: { value: '经核实异议成立' } });
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(within(sheet).getByText('异议成立'));
    });
    expect(served.calls.some((c) => c.action === 'resolveObjection')).toBe(false);
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(within(sheet).getByText('异议成立'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/不予入库/);
    expect(served.calls.find((c) => c.action === 'resolveObjection')?.data).toEqual({ id: 'obj-1', outcome: 'sustain', comment: '经核实异议成立' });
    // Writing the reason never leaves the page; the row itself opens the nomination.
    expect(fake.navigations).toEqual([]);
  });

  it('a detachment reviewer sees open objections but no controls the server would refuse', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(DETACHMENT_REVIEWER),
      'nominations.queue': () =>
        ok({
          counts: { review: 0, objections: 1 },
          items: [],
          objections: [{ _id: 'obj-1', nominationId: 'nom-1', nomineeName: '张三', text: '转移人数与实际不符', at: NOW, state: 'open', contentHeld: false, resolution: null }],
          next: null,
        }),
    });
    render(<ReviewScreen />);
    fireEvent.click(await screen.findByText('公示异议 (1)'));
    expect(await screen.findByText('转移人数与实际不符')).toBeInTheDocument();
    expect(await screen.findByText('由总队审核员核实处理')).toBeInTheDocument();
    expect(screen.queryByText('异议成立')).toBeNull();
    fireEvent.click(screen.getByTestId('objection-item'));
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/nominations/detail/index?id=nom-1' });
    expect(served.calls.some((c) => c.action === 'resolveObjection')).toBe(false);
  });
});

describe('the nomination detail page', () => {
  const PHOTO = 'https://files.local/nominations/photo.jpg';
  function detail(over: Partial<NominationDetail> = {}): NominationDetail {
    return { ...nomination(), mine: false, can: { revise: false, withdraw: false, decide: null }, attachmentFiles: [], ...over };
  }
  const returned = () =>
    detail({
      nominee: { name: '特勤站', kind: 'collective', exemplarId: null },
      state: 'returned',
      waitingFor: null,
      attachments: [PHOTO],
      attachmentFiles: [{ fileId: 'cloud://env.bucket/nominations/photo.png', url: PHOTO }],
      mine: true,
      can: { revise: true, withdraw: true, decide: null },
      timeline: [
        { event: 'submitted', level: null, comment: '', at: Date.UTC(2025, 5, 1, 4, 0) },
        { event: 'return', level: 'detachment', comment: '请补充现场照片', at: Date.UTC(2025, 5, 1, 18, 30) },
      ],
    });

  beforeEach(() => setRouterParams({ id: 'nom-1' }));

  it('shows the nomination, its consent, and every step in Beijing time with the reviewer’s comment', async () => {
    serveFunctions({ 'nominations.get': () => ok(returned()) });
    render(<NominationDetailScreen />);
    expect(await screen.findByTestId('nomination-state')).toHaveTextContent('已退回修改');
    expect(screen.getByTestId('nomination-facts')).toHaveTextContent('集体 · 天山区特勤消防救援站');
    expect(screen.getByTestId('nomination-facts')).toHaveTextContent('灭火救援尖兵 · 拟入后备典型库');
    expect(screen.getByTestId('return-comment')).toHaveTextContent('支队退回意见请补充现场照片');
    const steps = screen.getAllByTestId('timeline-entry').map((e) => e.textContent);
    expect(steps).toEqual(['2025-06-01 12:00提交推荐', '2025-06-02 02:30支队退回修改请补充现场照片']);
    expect(screen.getByRole('img', { name: '事迹材料图片 1' })).toHaveAttribute('src', PHOTO);
    expect(screen.getByText(DEEDS)).toBeInTheDocument();
  });

  it('an individual’s consent status reads as the reviewers need it', async () => {
    serveFunctions({ 'nominations.get': () => ok(detail({ consentAwaitsCheck: true })) });
    render(<NominationDetailScreen />);
    expect(await screen.findByTestId('consent-status')).toHaveTextContent('本人签字同意书待审核员核对');
  });

  it('the nominator revises a returned nomination: prefilled, attachments kept by id, a removed one dropped, sent as revise', async () => {
    let current = returned();
    const served = serveFunctions({
      'nominations.get': () => ok(current),
      'nominations.revise': (d) => {
        current = { ...current, state: 'submitted', waitingFor: 'detachment', can: { revise: false, withdraw: true, decide: null }, timeline: [...current.timeline, { event: 'resubmitted', level: null, comment: '', at: NOW }] };
        return ok({ nomination: { ...current, deeds: (d as { deeds: string }).deeds } });
      },
    });
    render(<NominationDetailScreen />);
    fireEvent.click(await screen.findByText('修改后重新提交'));
    const form = screen.getByTestId('revise-form');
    expect(within(form).getByLabelText('事迹材料')).toHaveValue(DEEDS);
    expect(within(form).getAllByTestId('revise-attachment')).toHaveLength(1);
    fireEvent.input(within(form).getByLabelText('事迹材料'), { target: { value: `${DEEDS}已补充现场照片。` } });
    fireEvent.click(within(form).getByText('重大先进典型库'));
    await act(async () => {
      fireEvent.click(within(form).getByText('重新提交'));
    });
    expect(served.calls.find((c) => c.action === 'revise')?.data).toEqual({
      id: 'nom-1',
      category: 'rescue',
      targetTier: 'major',
      deeds: `${DEEDS}已补充现场照片。`,
      attachments: ['cloud://env.bucket/nominations/photo.png'],
      consentForm: null,
    });
    expect(await screen.findByTestId('nomination-state')).toHaveTextContent('待支队审核');
    expect(screen.queryByTestId('revise-form')).toBeNull();
    expect(screen.queryByRole('button', { name: '修改后重新提交' })).toBeNull();
    expect(screen.getAllByTestId('timeline-entry').at(-1)).toHaveTextContent('修改后重新提交');
  });

  it('a removed attachment is not sent, and a refusal reads beside its field', async () => {
    const served = serveFunctions({
      'nominations.get': () => ok(returned()),
      'nominations.revise': () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'consent_required', message: 'consent', fields: [{ path: 'deeds', message: 'x', reason: 'content_risky' }] } }),
    });
    render(<NominationDetailScreen />);
    fireEvent.click(await screen.findByText('修改后重新提交'));
    const form = screen.getByTestId('revise-form');
    fireEvent.click(within(form).getByLabelText('移除图片 1'));
    await act(async () => {
      fireEvent.click(within(form).getByText('重新提交'));
    });
    expect((served.calls.find((c) => c.action === 'revise')?.data as { attachments: string[] }).attachments).toEqual([]);
    expect(within(form).getByRole('alert')).toHaveTextContent('内容未通过安全检测，请修改后重试');
  });

  it('withdrawing asks first; declined, nothing is sent; confirmed, the nomination reads 已撤回', async () => {
    let current = detail({ mine: true, can: { revise: false, withdraw: true, decide: null } });
    const served = serveFunctions({
      'nominations.get': () => ok(current),
      'nominations.withdraw': () => {
        current = { ...current, state: 'withdrawn', waitingFor: null, can: { revise: false, withdraw: false, decide: null } };
        return ok({ nomination: current });
      },
    });
    render(<NominationDetailScreen />);
    const button = await screen.findByText('撤回推荐');
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(button);
    });
    expect(fake.modals.at(-1)).toMatchObject({ title: '撤回推荐' });
    expect(served.calls.some((c) => c.action === 'withdraw')).toBe(false);
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByText('撤回推荐'));
    });
    expect(served.calls.find((c) => c.action === 'withdraw')?.data).toEqual({ id: 'nom-1' });
    expect(await screen.findByTestId('nomination-state')).toHaveTextContent('已撤回');
    expect(screen.queryByText('撤回推荐')).toBeNull();
  });

  it('a reviewer of the level it waits for decides on the page; anyone else sees no decision', async () => {
    let current = detail({ can: { revise: false, withdraw: false, decide: 'detachment' } });
    const served = serveFunctions({
      'nominations.get': () => ok(current),
      'nominations.decide': () => {
        current = { ...current, state: 'returned', waitingFor: null, can: { revise: false, withdraw: false, decide: null } };
        return ok({ nomination: queueItem({ state: 'returned' }) });
      },
    });
    render(<NominationDetailScreen />);
    expect(await screen.findByText('审核决定（支队）')).toBeInTheDocument();
    expect(screen.queryByText('修改后重新提交')).toBeNull();
    expect(screen.queryByText('撤回推荐')).toBeNull();
    fireEvent.click(screen.getByText('退回修改'));
    fireEvent.click(screen.getByText('提交审核决定'));
    expect(await screen.findByText('不通过或退回时必须填写意见')).toBeInTheDocument();
    fireEvent.input(screen.getByLabelText('审核意见'), { target: { value: '请补充现场照片' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交审核决定'));
    });
    expect(fake.modals.at(-1)).toMatchObject({ content: expect.stringMatching(/「张三」的推荐作出“退回修改”决定/) });
    expect(served.calls.find((c) => c.action === 'decide')?.data).toEqual({ id: 'nom-1', decision: 'return', comment: '请补充现场照片' });
    expect(await screen.findByTestId('nomination-state')).toHaveTextContent('已退回修改');
    expect(screen.queryByText('审核决定（支队）')).toBeNull();
  });

  it('a nomination the caller may not see reads as not there, with nothing to retry', async () => {
    serveFunctions({ 'nominations.get': () => err('NOT_FOUND', 'nomination nom-1 not found') });
    render(<NominationDetailScreen />);
    expect(await screen.findByText('内容不存在或已下线')).toBeInTheDocument();
    expect(screen.queryByText(/重试/)).toBeNull();
  });
});

describe('the public notice', () => {
  const item: NoticeItem = { _id: 'nom-9', nomineeName: '特勤站', kind: 'collective', unitName: '天山区特勤消防救援站', category: 'rescue', targetTier: 'major', deeds: DEEDS, noticeEndsAt: NOW + 86_400_000 };

  it('anyone reads the notice; 提出异议 opens the objection page for that nomination', async () => {
    serveFunctions({ 'nominations.notice': () => ok({ items: [item] }) });
    render(<NoticeScreen />);
    expect(await screen.findByText('特勤站')).toBeInTheDocument();
    expect(screen.getByText(/拟入重大先进典型库/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('提出异议'));
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: `/pages-notice/objection/index?id=nom-9&name=${encodeURIComponent('特勤站')}` });
  });

  it('the objection page validates with the contract before sending, sends, and goes back to 公示', async () => {
    const served = serveFunctions({ 'nominations.object': () => ok({ received: true }) });
    setRouterParams({ id: 'nom-9', name: encodeURIComponent('特勤站') });
    render(<ObjectionScreen />);
    expect(screen.getByText('对「特勤站」的推荐提出异议')).toBeInTheDocument();
    type('异议内容', '太短');
    fireEvent.click(screen.getByText('提交异议'));
    expect(await screen.findByText('异议内容至少 10 字')).toBeInTheDocument();
    expect(served.calls.some((c) => c.action === 'object')).toBe(false);
    type('异议内容', '该站事迹中的转移人数与实际不符。');
    await act(async () => {
      fireEvent.click(screen.getByText('提交异议'));
    });
    expect(served.calls.find((c) => c.action === 'object')?.data).toEqual({ id: 'nom-9', text: '该站事迹中的转移人数与实际不符。' });
    expect(fake.toasts.at(-1)).toMatchObject({ title: '异议已提交' });
    expect(fake.navigations.at(-1)).toMatchObject({ kind: 'navigateBack' });
  });

  it('a second objection by the same person reads why, in the server’s words', async () => {
    serveFunctions({
      'nominations.object': () => ({ ok: false, error: { code: 'CONFLICT', reason: 'objection_duplicate', message: 'you already filed an objection to this nomination' } }),
    });
    setRouterParams({ id: 'nom-9', name: '特勤站' });
    render(<ObjectionScreen />);
    type('异议内容', '该站事迹中的转移人数与实际不符。');
    await act(async () => {
      fireEvent.click(screen.getByText('提交异议'));
    });
    expect(screen.getByRole('alert')).toHaveTextContent('你已对该推荐提出过异议');
    expect(screen.queryByText(/内容已被他人修改/)).toBeNull();
  });

  it('an ended notice offers no objection', async () => {
    serveFunctions({ 'nominations.notice': () => ok({ items: [{ ...item, noticeEndsAt: NOW - 1000 }] }) });
    render(<NoticeScreen />);
    expect(await screen.findByText('公示期已满，待入库')).toBeInTheDocument();
    expect(screen.queryByText('提出异议')).toBeNull();
  });
});
