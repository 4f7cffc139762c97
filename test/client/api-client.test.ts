import { ERROR_CODES } from '@contract';
import { ApiFailure, ERROR_TEXT, call } from '../../client/src/lib/api';
import { setDevOpenid } from '../../client/src/lib/api/dev-identity';
import { fake, setRequestHandler } from './support/taro-fake';
import { err, ok, serveFunctions } from './support/local-cloud';

async function failureOf(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiFailure) return e;
    throw new Error(`expected an ApiFailure, got ${String(e)}`);
  }
  throw new Error('expected the call to fail');
}

describe('the api client (h5 transport)', () => {
  afterEach(() => {
    process.env.TARO_APP_API_TIMEOUT_MS = '15000';
  });

  it('posts the event {action, data} to /fn/<function> and resolves with the data', async () => {
    const served = serveFunctions({ 'content.feed': () => ok({ items: [], next: null }) });
    await expect(call('content', 'feed', { limit: 10 })).resolves.toEqual({ items: [], next: null });
    expect(served.calls).toEqual([{ fn: 'content', action: 'feed', data: { limit: 10 }, openid: null }]);
    expect(fake.requests[0]).toMatchObject({ url: '/fn/content', method: 'POST' });
  });

  it('sends the chosen dev identity as x-wx-openid', async () => {
    const served = serveFunctions({ 'identity.me': () => ok({ handle: 'h', roles: [], reader: true }) });
    setDevOpenid('oEditor01');
    await call('identity', 'me', {});
    expect(served.calls[0]?.openid).toBe('oEditor01');
  });

  it.each(ERROR_CODES.map((c) => [c]))('maps the server code %s to its Chinese text', async (code) => {
    serveFunctions({ 'content.story': () => err(code, 'developer detail') });
    const failure = await failureOf(call('content', 'story', { id: 's1' }));
    expect(failure.code).toBe(code);
    expect(failure.message).toBe(ERROR_TEXT[code]);
    expect(failure.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(failure.detail).toBe('developer detail');
  });

  it('has one distinct text per code', () => {
    const texts = ERROR_CODES.map((c) => ERROR_TEXT[c]);
    expect(new Set(texts).size).toBe(ERROR_CODES.length);
  });

  it('turns a network failure into UNAVAILABLE "网络不给力，请稍后重试"', async () => {
    setRequestHandler(() => {
      throw new Error('net::ERR_CONNECTION_REFUSED');
    });
    const failure = await failureOf(call('content', 'feed', {}));
    expect(failure.code).toBe('UNAVAILABLE');
    expect(failure.message).toBe('网络不给力，请稍后重试');
  });

  it('turns a request that never answers into UNAVAILABLE after the timeout', async () => {
    process.env.TARO_APP_API_TIMEOUT_MS = '30';
    setRequestHandler(() => new Promise(() => {}));
    const failure = await failureOf(call('content', 'feed', {}));
    expect(failure.code).toBe('UNAVAILABLE');
    expect(failure.detail).toMatch(/timeout/);
  });

  it('treats a 502 from a proxy (no envelope) as UNAVAILABLE', async () => {
    setRequestHandler(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    expect((await failureOf(call('content', 'feed', {}))).code).toBe('UNAVAILABLE');
  });

  it('treats a 200 that is not an envelope as INTERNAL, not as data', async () => {
    setRequestHandler(() => ({ statusCode: 200, data: { items: [] } }));
    expect((await failureOf(call('content', 'feed', {}))).code).toBe('INTERNAL');
  });

  it('rejects an envelope whose error code is unknown as INTERNAL', async () => {
    setRequestHandler(() => ({ statusCode: 200, data: { ok: false, error: { code: 'TEAPOT', message: 'x' } } }));
    expect((await failureOf(call('content', 'feed', {}))).code).toBe('INTERNAL');
  });

  it('keeps the envelope of a 4xx answer (the gateway answers errors with a status)', async () => {
    setRequestHandler(() => ({ statusCode: 404, data: err('NOT_FOUND') }));
    const failure = await failureOf(call('content', 'story', { id: 'nope' }));
    expect(failure.code).toBe('NOT_FOUND');
    expect(failure.message).toBe('内容不存在或已下线');
  });
});
