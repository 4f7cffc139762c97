import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Me } from '@contract';
import { MeScreen } from '../../client/src/features/me/me-screen';
import { ok, serveFunctions } from './support/local-cloud';
import { fake, setRequestHandler, type RequestHandler } from './support/taro-fake';

const IDENTITIES = [
  { openid: 'oReader01', label: '读者 小王', role: 'reader', unitId: null, unitName: null },
  { openid: 'oReviewer01', label: '审核员 李队', role: 'reviewer', unitId: 'd1', unitName: '乌鲁木齐支队' },
];

const DETACHMENT = { _id: 'd1', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' as const };
const STATION = { _id: 's1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };

// What the server knows about each OPENID (deliberately not the list's labels).
const SERVER: Record<string, Me> = {
  oReader01: { handle: '3f9a0b1c2d', roles: [], reader: true },
  oReviewer01: {
    handle: '77c1d2e3f4',
    roles: [{ role: 'reviewer', unit: DETACHMENT }],
    reader: false,
    profile: { name: '李明', unit: DETACHMENT },
  },
};

function serveLocalCloud() {
  const served = serveFunctions({
    'identity.me': (_d, { openid }) => ok(SERVER[openid ?? ''] ?? { handle: '0000000000', roles: [], reader: true }),
  });
  const functions = fake.requestHandler;
  const handler: RequestHandler = (opts) =>
    opts.url === '/dev/identities' && opts.method === 'GET' ? { statusCode: 200, data: IDENTITIES } : functions(opts);
  setRequestHandler(handler);
  return served;
}

describe('the me page', () => {
  it('shows a reader as 读者: anonymous, no handle, no profile to fill in', async () => {
    serveLocalCloud();
    fake.storage.set('dev.openid', 'oReader01');
    render(<MeScreen />);
    expect(await within(await screen.findByTestId('me-card')).findByText('读者')).toBeInTheDocument();
    expect(screen.queryByText(/3f9a/)).toBeNull();
    expect(screen.queryByTestId('me-role')).toBeNull();
    expect(screen.queryByTestId('my-profile')).toBeNull();
  });

  it('switches the dev identity and shows role and unit as the server reports them', async () => {
    const served = serveLocalCloud();
    fake.storage.set('dev.openid', 'oReader01');
    render(<MeScreen />);
    await screen.findByTestId('me-card');

    const reviewer = await screen.findByRole('radio', { name: /审核员 李队/ });
    expect(screen.getByRole('radio', { name: /读者 小王/ })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(reviewer);

    expect(await within(screen.getByTestId('me-card')).findByText('李明')).toBeInTheDocument();
    expect(screen.getByTestId('me-role')).toHaveTextContent('审核员乌鲁木齐市消防救援支队 · 支队');
    expect(within(screen.getByTestId('me-card')).getByText('工作人员 · 乌鲁木齐支队')).toBeInTheDocument();
    expect(fake.storage.get('dev.openid')).toBe('oReviewer01');
    expect(served.calls.filter((c) => c.fn === 'identity').map((c) => c.openid)).toEqual(['oReader01', 'oReviewer01']);
    expect(reviewer).toHaveAttribute('aria-checked', 'true');
  });

  it('says the local cloud is not connected when /dev/identities is unreachable, and retries', async () => {
    serveFunctions({ 'identity.me': () => ok(SERVER.oReader01!) });
    const functions = fake.requestHandler;
    let up = false;
    setRequestHandler((opts) => {
      if (opts.url !== '/dev/identities') return functions(opts);
      if (!up) throw new Error('connection refused');
      return { statusCode: 200, data: IDENTITIES };
    });
    render(<MeScreen />);
    const note = await screen.findByText('本地云未连接，点击重试');
    up = true;
    fireEvent.click(note);
    expect(await screen.findByRole('radio', { name: /审核员 李队/ })).toBeInTheDocument();
    await act(async () => {});
  });
});

describe('我的资料: the name and unit staff are shown by', () => {
  function serveStaff(profile: Me['profile'], save: (req: { name: string; unitId?: string | null }) => ReturnType<typeof ok> = (req) => ok({ name: req.name, unit: req.unitId === 's1' ? STATION : req.unitId === 'd1' ? DETACHMENT : null })) {
    let current = profile;
    return serveFunctions({
      'identity.me': () =>
        ok({ handle: '77c1d2e3f4', reader: false, roles: [{ role: 'editor', unit: STATION }, { role: 'reviewer', unit: DETACHMENT }, { role: 'editor', unit: DETACHMENT }], ...(current ? { profile: current } : {}) }),
      'identity.saveProfile': (d) => {
        const res = save(d as { name: string; unitId?: string | null });
        if (res.ok) current = res.data as Me['profile'];
        return res;
      },
      'engagement.myLikes': () => ok({ items: [], next: null }),
    });
  }

  it('staff without a name are asked for it, choose among the units they hold roles in, and are named from then on', async () => {
    const served = serveStaff(undefined);
    render(<MeScreen />);
    const form = await screen.findByTestId('my-profile');
    expect(within(screen.getByTestId('me-card')).getByText('未填写姓名')).toBeInTheDocument();
    expect(form).toHaveTextContent('请填写你的姓名');
    // Each unit once, in the order of the roles, and the choice not to show one.
    expect(within(form).getAllByRole('radio').map((r) => r.textContent)).toEqual(['天山区特勤站', '乌鲁木齐支队', '不显示单位']);
    expect(within(form).getByRole('radio', { name: '天山区特勤站' })).toHaveAttribute('aria-checked', 'true');
    // No way out of the form without a name: there is no 取消.
    expect(within(form).queryByRole('button', { name: '取消' })).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('请填写你的姓名');
    fireEvent.change(within(form).getByLabelText('你的姓名'), { target: { value: ' 王磊 ' } });
    fireEvent.click(within(form).getByRole('radio', { name: '乌鲁木齐支队' }));
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(screen.getByTestId('me-card')).getByText('王磊')).toBeInTheDocument());
    expect(served.calls.find((c) => c.action === 'saveProfile')?.data).toEqual({ name: '王磊', unitId: 'd1' });
    expect(within(screen.getByTestId('me-card')).getByText('工作人员 · 乌鲁木齐支队')).toBeInTheDocument();
    expect(screen.getByTestId('my-profile')).toHaveTextContent('姓名王磊');
    expect(screen.getByTestId('my-profile')).toHaveTextContent('单位乌鲁木齐市消防救援支队');
  });

  it('a named staff member edits their name and may hide their unit; 取消 leaves it as it was', async () => {
    const served = serveStaff({ name: '王磊', unit: STATION });
    render(<MeScreen />);
    const card = await screen.findByTestId('my-profile');
    fireEvent.click(within(card).getByRole('button', { name: '修改' }));
    fireEvent.change(within(card).getByLabelText('你的姓名'), { target: { value: '王小磊' } });
    fireEvent.click(within(card).getByRole('button', { name: '取消' }));
    expect(screen.getByTestId('my-profile')).toHaveTextContent('姓名王磊');
    fireEvent.click(within(screen.getByTestId('my-profile')).getByRole('button', { name: '修改' }));
    const form = screen.getByTestId('my-profile');
    expect(within(form).getByLabelText('你的姓名')).toHaveValue('王磊');
    fireEvent.click(within(form).getByRole('radio', { name: '不显示单位' }));
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByTestId('my-profile')).toHaveTextContent('单位未填写'));
    expect(served.calls.find((c) => c.action === 'saveProfile')?.data).toEqual({ name: '王磊', unitId: null });
  });

  it('a name the server refuses reads as the server said it, and the form stays open', async () => {
    serveStaff(undefined, () => ({ ok: false, error: { code: 'CONTENT_REJECTED', reason: 'content_risky', message: 'the name is risky' } }) as never);
    render(<MeScreen />);
    const form = await screen.findByTestId('my-profile');
    fireEvent.change(within(form).getByLabelText('你的姓名'), { target: { value: '王磊' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('内容未通过安全检测，请修改后重试');
    expect(within(form).getByLabelText('你的姓名')).toBeInTheDocument();
  });

  it('a reserved name is refused by the server on the name field, in the contract’s words', async () => {
    serveStaff(undefined, () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'bad name', fields: [{ path: 'name', message: '请填写你的真实姓名' }] } }) as never);
    render(<MeScreen />);
    const form = await screen.findByTestId('my-profile');
    fireEvent.change(within(form).getByLabelText('你的姓名'), { target: { value: '系统' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('请填写你的真实姓名');
  });
});
