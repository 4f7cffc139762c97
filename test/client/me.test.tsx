import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Me } from '@contract';
import { MeScreen } from '../../client/src/features/me/me-screen';
import { ok, serveFunctions } from './support/local-cloud';
import { fake, setRequestHandler, type RequestHandler } from './support/taro-fake';

const IDENTITIES = [
  { openid: 'oReader01', label: '读者 小王', role: 'reader', unitId: null, unitName: null },
  { openid: 'oReviewer01', label: '审核员 李队', role: 'reviewer', unitId: 'd1', unitName: '乌鲁木齐支队' },
];

// What the server knows about each OPENID (deliberately not the list's labels).
const SERVER: Record<string, Me> = {
  oReader01: { handle: '读者 3f9a', roles: [], reader: true },
  oReviewer01: {
    handle: '用户 77c1',
    roles: [{ role: 'reviewer', unit: { _id: 'd1', name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队', level: 'detachment' } }],
    reader: false,
  },
};

function serveLocalCloud() {
  const served = serveFunctions({
    'identity.me': (_d, { openid }) => ok(SERVER[openid ?? ''] ?? { handle: '访客', roles: [], reader: true }),
  });
  const functions = fake.requestHandler;
  const handler: RequestHandler = (opts) =>
    opts.url === '/dev/identities' && opts.method === 'GET' ? { statusCode: 200, data: IDENTITIES } : functions(opts);
  setRequestHandler(handler);
  return served;
}

describe('the me page', () => {
  it('shows a reader as 读者', async () => {
    serveLocalCloud();
    fake.storage.set('dev.openid', 'oReader01');
    render(<MeScreen />);
    expect(await screen.findByText('读者 3f9a')).toBeInTheDocument();
    expect(within(screen.getByTestId('me-card')).getByText('读者')).toBeInTheDocument();
    expect(screen.queryByTestId('me-role')).toBeNull();
  });

  it('switches the dev identity and shows role and unit as the server reports them', async () => {
    const served = serveLocalCloud();
    fake.storage.set('dev.openid', 'oReader01');
    render(<MeScreen />);
    await screen.findByText('读者 3f9a');

    const reviewer = await screen.findByRole('radio', { name: /审核员 李队/ });
    expect(screen.getByRole('radio', { name: /读者 小王/ })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(reviewer);

    expect(await screen.findByText('用户 77c1')).toBeInTheDocument();
    expect(screen.getByTestId('me-role')).toHaveTextContent('审核员乌鲁木齐市消防救援支队 · 支队');
    expect(within(screen.getByTestId('me-card')).getByText('工作人员')).toBeInTheDocument();
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
