/** The nomination form's existing-exemplar mode: a searchable picker over the reserve library within the editor's unit. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ExemplarCard, Me, MyNomination, Result } from '@contract';
import { NominationFormScreen, DRAFT_KEY } from '../../client/src/features/nominations/form-screen';
import { matches } from '../../client/src/features/nominations/exemplar-picker';
import { exemplarCard } from './support/fixtures';
import { ok, serveFunctions } from './support/local-cloud';
import { fake } from './support/taro-fake';

const UNIT = { _id: 'u-st', name: '天山区特勤消防救援站', shortName: '特勤站', level: 'station' as const };
const EDITOR: Me = { handle: '用户 1', roles: [{ role: 'editor', unit: UNIT }], reader: false };
const DEEDS = '在“7·15”山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡。';

// 55 reserve exemplars in the station's subtree: two pages of 50 and 5.
const RESERVE: ExemplarCard[] = Array.from({ length: 55 }, (_, i) =>
  exemplarCard(i + 1, { tier: 'reserve', name: i === 41 ? '买买提·艾力' : `队员${i + 1}`, category: i === 41 ? 'law' : 'rescue', unit: { ...UNIT } }),
);

function nomination(): MyNomination {
  return {
    _id: 'nom-9',
    nominee: { name: '买买提·艾力', kind: 'individual', exemplarId: 'e42' },
    unit: UNIT,
    category: 'law',
    targetTier: 'major',
    deeds: DEEDS,
    attachments: [],
    state: 'submitted',
    waitingFor: 'detachment',
    contentHeld: false,
    hasConsent: true,
    consentAwaitsCheck: false,
    noticeEndsAt: null,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    timeline: [{ event: 'submitted', level: null, comment: '', at: Date.now() }],
    enrolledExemplarId: null,
  };
}

function serve(submit: () => Result<unknown> = () => ok({ nomination: nomination(), created: true })) {
  return serveFunctions({
    'identity.me': () => ok(EDITOR),
    'content.exemplars': (data) => {
      const r = data as { tier: string; unitId?: string; cursor?: string | null; limit?: number };
      if (r.tier !== 'reserve' || r.unitId !== 'u-st') return ok({ items: [], next: null });
      const start = r.cursor ? Number(r.cursor) : 0;
      const items = RESERVE.slice(start, start + (r.limit ?? 20));
      const end = start + items.length;
      return ok({ items, next: end < RESERVE.length ? String(end) : null });
    },
    'nominations.submit': submit,
  });
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('nominating an existing exemplar', () => {
  it('reads the reserve library of the unit subtree, narrows it as the editor types, and submits a promotion to the major library', async () => {
    const served = serve();
    render(<NominationFormScreen />);
    await screen.findByText('提交推荐');
    fireEvent.click(screen.getByText('后备典型升级'));
    // Only the first 30 of 55 show until the editor types.
    expect(await screen.findByText('还有 25 位，请输入关键字缩小范围')).toBeInTheDocument();
    const reads = served.calls.filter((c) => c.action === 'exemplars').map((c) => c.data);
    expect(reads).toEqual([
      { tier: 'reserve', unitId: 'u-st', cursor: null, limit: 50 },
      { tier: 'reserve', unitId: 'u-st', cursor: '50', limit: 50 },
    ]);
    type('搜索典型', '艾力');
    const options = screen.getAllByTestId('exemplar-option');
    expect(options.map((o) => o.textContent)).toEqual(['买买提·艾力 · 个人 · 特勤站']);
    fireEvent.click(options[0]!);
    expect(screen.getByTestId('picked-exemplar')).toHaveTextContent('买买提·艾力');
    expect(screen.getByText(/拟入库：重大先进典型库/)).toBeInTheDocument();
    type('事迹材料', DEEDS);
    // The pick survives in the local draft like the rest of the form.
    expect(fake.storage.get(DRAFT_KEY)).toMatchObject({ existing: { _id: 'e42', name: '买买提·艾力', kind: 'individual' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交推荐'));
    });
    const submit = served.calls.find((c) => c.action === 'submit');
    expect(submit?.data).toMatchObject({ nominatingUnitId: 'u-st', nominee: { exemplarId: 'e42' }, targetTier: 'major', category: 'law', deeds: DEEDS, consentForm: null });
    expect(fake.storage.has(DRAFT_KEY)).toBe(false);
  });

  it('asks for a pick before sending anything', async () => {
    const served = serve();
    render(<NominationFormScreen />);
    await screen.findByText('提交推荐');
    fireEvent.click(screen.getByText('后备典型升级'));
    await screen.findAllByTestId('exemplar-option');
    type('事迹材料', DEEDS);
    fireEvent.click(screen.getByText('提交推荐'));
    expect(await screen.findByText('请选择已有典型')).toBeInTheDocument();
    expect(served.calls.filter((c) => c.fn === 'nominations')).toEqual([]);
  });

  it('shows the server refusal (an active nomination already exists) and keeps the draft for later', async () => {
    // The server names the field and its reason, so the reason reads under the pick instead of the generic CONFLICT text.
    serve(() => ({
      ok: false,
      error: { code: 'CONFLICT', reason: 'nominee_busy', message: 'exemplar e42 already has an active nomination', fields: [{ path: 'nominee.exemplarId', message: 'busy', reason: 'nominee_busy' }] },
    }));
    render(<NominationFormScreen />);
    await screen.findByText('提交推荐');
    fireEvent.click(screen.getByText('后备典型升级'));
    type('搜索典型', '艾力');
    fireEvent.click((await screen.findAllByTestId('exemplar-option'))[0]!);
    type('事迹材料', DEEDS);
    await act(async () => {
      fireEvent.click(screen.getByText('提交推荐'));
    });
    expect(await screen.findByText('该典型已有进行中的推荐，待其结束后再推荐')).toHaveAttribute('role', 'alert');
    expect(screen.queryByText('内容已被他人修改，请刷新后重试')).toBeNull();
    expect(fake.storage.get(DRAFT_KEY)).toMatchObject({ existing: { _id: 'e42' } });
  });

  it('going back to a new nominee drops the pick', async () => {
    const served = serve();
    render(<NominationFormScreen />);
    await screen.findByText('提交推荐');
    fireEvent.click(screen.getByText('后备典型升级'));
    fireEvent.click((await screen.findAllByTestId('exemplar-option'))[0]!);
    fireEvent.click(screen.getByText('推荐新典型'));
    fireEvent.click(screen.getByText('集体'));
    type('推荐对象名称', '特勤站');
    type('事迹材料', DEEDS);
    await act(async () => {
      fireEvent.click(screen.getByText('提交推荐'));
    });
    expect(served.calls.find((c) => c.action === 'submit')?.data).toMatchObject({ nominee: { new: { kind: 'collective', name: '特勤站', unitId: 'u-st' } } });
  });

  it('matches on name, title and unit, ignoring surrounding spaces', () => {
    const e = exemplarCard(1, { name: '张伟', title: '一级消防士', unit: { ...UNIT } });
    expect(matches(e, ' 张 ')).toBe(true);
    expect(matches(e, '消防士')).toBe(true);
    expect(matches(e, '特勤站')).toBe(true);
    expect(matches(e, '李')).toBe(false);
    expect(matches(e, '')).toBe(true);
  });
});
