import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Me, MyNomination, NoticeItem, QueueItem } from '@contract';
import { NominationFormScreen, DRAFT_KEY } from '../../client/src/features/nominations/form-screen';
import { MyNominationsScreen } from '../../client/src/features/nominations/mine-screen';
import { NoticeScreen } from '../../client/src/features/nominations/notice-screen';
import { ReviewScreen } from '../../client/src/features/nominations/review-screen';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake } from './support/taro-fake';

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
  it('shows each state with the reviewers reasons in order', async () => {
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
          ],
          next: null,
        }),
    });
    render(<MyNominationsScreen />);
    expect(await screen.findByTestId('my-nomination-state')).toHaveTextContent('未通过');
    const entries = screen.getAllByTestId('timeline-entry').map((e) => e.textContent);
    expect(entries[0]).toMatch(/提交推荐$/);
    expect(entries[1]).toMatch(/支队审核未通过：事迹不够突出$/);
  });
});

describe('the review queue', () => {
  it('shows counts on the tabs and asks for a comment before a rejection is sent, then confirms', async () => {
    const served = serveFunctions({
      'nominations.queue': () => ok({ counts: { review: 2, objections: 1 }, items: [queueItem(), queueItem({ _id: 'nom-2', nominee: { name: '李四', kind: 'individual', exemplarId: null }, contentHeld: true })], objections: [] }),
      'nominations.decide': () => ok({ nomination: queueItem({ state: 'rejected' }) }),
    });
    render(<ReviewScreen />);
    expect(await screen.findByText('待审核 (2)')).toBeInTheDocument();
    expect(screen.getByText('公示异议 (1)')).toBeInTheDocument();
    expect(screen.getByText('内容安全提示：请人工仔细核对')).toBeInTheDocument();
    const first = screen.getAllByTestId('queue-item')[0]!;
    fireEvent.click(within(first).getByText('审核'));
    fireEvent.click(within(first).getByText('不通过'));
    fireEvent.click(within(first).getByText('提交审核决定'));
    expect(await within(first).findByText('不通过或退回时必须填写意见')).toBeInTheDocument();
    expect(served.calls.some((c) => c.action === 'decide')).toBe(false);
    fireEvent.input(within(first).getByLabelText('审核意见'), { target: { value: '事迹不够突出' } });
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(within(first).getByText('提交审核决定'));
    });
    expect(served.calls.some((c) => c.action === 'decide')).toBe(false);
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(within(first).getByText('提交审核决定'));
    });
    expect(served.calls.find((c) => c.action === 'decide')?.data).toEqual({ id: 'nom-1', decision: 'reject', comment: '事迹不够突出' });
  });

  it('the objections tab lists open objections for a decision', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(CORPS_REVIEWER),
      'nominations.queue': (d) =>
        ok({
          counts: { review: 0, objections: 1 },
          items: [],
          objections: (d as { tab: string }).tab === 'objections' ? [{ _id: 'obj-1', nominationId: 'nom-1', nomineeName: '张三', text: '转移人数与实际不符', at: NOW, state: 'open', contentHeld: false, resolution: null }] : [],
        }),
      'nominations.resolveObjection': () => ok({ objection: { _id: 'obj-1' }, nominationState: 'rejected' }),
    });
    render(<ReviewScreen />);
    fireEvent.click(await screen.findByText('公示异议 (1)'));
    expect(await screen.findByText('转移人数与实际不符')).toBeInTheDocument();
    fireEvent.input(screen.getByLabelText('处理意见'), { target: { value: '经核实异议成立' } });
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByText('异议成立'));
    });
    expect(served.calls.find((c) => c.action === 'resolveObjection')?.data).toEqual({ id: 'obj-1', outcome: 'sustain', comment: '经核实异议成立' });
  });

  it('a detachment reviewer sees open objections but no controls the server would refuse', async () => {
    const served = serveFunctions({
      'identity.me': () => ok(DETACHMENT_REVIEWER),
      'nominations.queue': () =>
        ok({
          counts: { review: 0, objections: 1 },
          items: [],
          objections: [{ _id: 'obj-1', nominationId: 'nom-1', nomineeName: '张三', text: '转移人数与实际不符', at: NOW, state: 'open', contentHeld: false, resolution: null }],
        }),
    });
    render(<ReviewScreen />);
    fireEvent.click(await screen.findByText('公示异议 (1)'));
    expect(await screen.findByText('转移人数与实际不符')).toBeInTheDocument();
    expect(await screen.findByText('由总队审核员核实处理')).toBeInTheDocument();
    expect(screen.queryByText('异议成立')).toBeNull();
    expect(served.calls.some((c) => c.action === 'resolveObjection')).toBe(false);
  });
});

describe('the public notice', () => {
  const item: NoticeItem = { _id: 'nom-9', nomineeName: '特勤站', kind: 'collective', unitName: '天山区特勤消防救援站', category: 'rescue', targetTier: 'major', deeds: DEEDS, noticeEndsAt: NOW + 86_400_000 };

  it('anyone reads the notice and files an objection, validated before sending', async () => {
    const served = serveFunctions({ 'nominations.notice': () => ok({ items: [item] }), 'nominations.object': () => ok({ received: true }) });
    render(<NoticeScreen />);
    expect(await screen.findByText('特勤站')).toBeInTheDocument();
    expect(screen.getByText(/拟入重大先进典型库/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('提出异议'));
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
  });

  it('an ended notice offers no objection', async () => {
    serveFunctions({ 'nominations.notice': () => ok({ items: [{ ...item, noticeEndsAt: NOW - 1000 }] }) });
    render(<NoticeScreen />);
    expect(await screen.findByText('公示期已满，待入库')).toBeInTheDocument();
    expect(screen.queryByText('提出异议')).toBeNull();
  });
});
