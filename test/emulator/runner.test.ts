/**
 * The function runner, observed through what functions and their callers see: identities under
 * concurrency, warm instances, thrown errors, time limits, crashes, function-to-function calls.
 */
import type { Cloud } from '../../emulator/server';
import { sdkFor, startTestCloud } from './server-harness';

type WhoAmI = {
  wx: { OPENID?: string; APPID?: string; ENV?: string; SOURCE?: string };
  userInfo: { appId: string; openId: string } | null;
  echo: unknown;
  calls: number;
  admins: string | null;
};

let cloud: Cloud;

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4, functionEnv: { ADMIN_OPENIDS: 'admin-1,admin-2' } });
});

afterAll(async () => {
  await cloud.stop();
});

test('a function sees its caller through getWXContext and event.userInfo, and the env the deployment gives it', async () => {
  const out = (await cloud.invoke('whoami', { data: { x: 1 } }, { openid: 'o-reader-1' })) as WhoAmI;
  expect(out.wx).toEqual({ OPENID: 'o-reader-1', APPID: 'wx0000000000local', ENV: 'local-dev', SOURCE: 'wx_client' });
  expect(out.userInfo).toEqual({ appId: 'wx0000000000local', openId: 'o-reader-1' });
  expect(out.echo).toEqual({ x: 1 });
  expect(out.admins).toBe('admin-1,admin-2');
});

test('50 concurrent calls by 50 users each see their own OPENID, though only 4 instances serve them', async () => {
  const openids = Array.from({ length: 50 }, (_, i) => `user_${i}`);
  const results = (await Promise.all(
    openids.map((openid, i) => cloud.invoke('whoami', { delayMs: i % 7, data: openid }, { openid })),
  )) as WhoAmI[];
  results.forEach((r, i) => {
    expect(r.wx.OPENID).toBe(openids[i]);
    expect(r.userInfo?.openId).toBe(openids[i]);
    expect(r.echo).toBe(openids[i]);
  });
  // Warm instances served many calls each: 50 calls over at most 4 instances.
  const maxCalls = Math.max(...results.map((r) => r.calls));
  expect(maxCalls).toBeGreaterThanOrEqual(Math.ceil(50 / 4));
});

test('a call without a user identity sees no OPENID (a timer or an admin script)', async () => {
  const out = (await cloud.invoke('whoami', {})) as WhoAmI;
  expect(out.wx.OPENID).toBeUndefined();
  expect(out.userInfo).toBeNull();
  expect(out.wx.ENV).toBe('local-dev');
});

test('an instance stays warm: module state survives between calls', async () => {
  const solo = await startTestCloud({ poolSize: 1 });
  try {
    const a = (await solo.invoke('whoami', {}, { openid: 'o1' })) as WhoAmI;
    const b = (await solo.invoke('whoami', {}, { openid: 'o2' })) as WhoAmI;
    expect(b.calls).toBe(a.calls + 1);
    expect(b.wx.OPENID).toBe('o2');
  } finally {
    await solo.stop();
  }
});

test('a function that throws gives its caller a FUNCTIONS_EXECUTE_FAIL error with the stack', async () => {
  await expect(cloud.invoke('thrower', {}, { openid: 'o1' })).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: expect.stringContaining('boom from thrower'),
  });
  const sdk = sdkFor(cloud);
  await expect(sdk.callFunction({ name: 'thrower' })).rejects.toMatchObject({
    errMsg: expect.stringContaining('user code exception caught'),
  });
});

test('a call over the time limit fails, and its instance is replaced by a fresh one', async () => {
  // sleeper/config.json sets a 1 s limit.
  const warm = (await cloud.invoke('sleeper', { ms: 0 })) as { calls: number };
  expect(warm.calls).toBe(1);
  await expect(cloud.invoke('sleeper', { ms: 3000 })).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: 'Invoking task timed out after 1 seconds',
  });
  // The killed instance's module state is gone; with one sleeper instance ever busy, the next call starts cold.
  const after = (await cloud.invoke('sleeper', { ms: 0 })) as { calls: number };
  expect(after.calls).toBe(1);
});

test('an uncaught exception kills the instance: the call fails, the next call of any function still works', async () => {
  await expect(cloud.invoke('crasher', {})).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: expect.stringContaining('async crash'),
  });
  await expect(cloud.invoke('crasher', {})).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
  const ok = (await cloud.invoke('whoami', {}, { openid: 'after-crash' })) as WhoAmI;
  expect(ok.wx.OPENID).toBe('after-crash');
});

test('cloud.callFunction from one function to another passes the user on', async () => {
  const out = (await cloud.invoke('caller', { target: 'whoami', data: { data: { n: 7 } } }, { openid: 'o-chain' })) as {
    ok: boolean;
    result: WhoAmI;
    me: { OPENID: string };
  };
  expect(out.ok).toBe(true);
  expect(out.me.OPENID).toBe('o-chain');
  expect(out.result.wx.OPENID).toBe('o-chain');
  expect(out.result.wx.SOURCE).toBe('wx_client,scf');
  expect(out.result.userInfo).toEqual({ appId: 'wx0000000000local', openId: 'o-chain' });
  expect(out.result.echo).toEqual({ n: 7 });
});

test('calling a function that does not exist fails like production, from a function and from outside', async () => {
  const out = (await cloud.invoke('caller', { target: 'no_such_fn', data: {} }, { openid: 'o1' })) as { ok: boolean; errMsg: string };
  expect(out.ok).toBe(false);
  expect(out.errMsg).toContain('ResourceNotFound.Function');
  await expect(cloud.invoke('no_such_fn', {})).rejects.toMatchObject({ code: 'ResourceNotFound.Function' });
  await expect(cloud.invoke('../caller', {})).rejects.toMatchObject({ code: 'ResourceNotFound.Function' });
});
