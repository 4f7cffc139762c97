/**
 * Trigger deletion in production (scf.ts): temporary Tencent Cloud credentials from WeChat's
 * `tcb/getqcloudtoken`, then SCF DeleteTrigger signed with TC3-HMAC-SHA256. The signature is
 * checked against the signer Tencent's own SDK ships (@cloudbase/signature-nodejs, under
 * wx-server-sdk); the calls against stubs, since no test reaches Tencent Cloud.
 */
import { Signer } from '@cloudbase/signature-nodejs';
import { deleteTimerTriggers, ScfError, tc3Headers } from '../../scripts/deploy/scf';
import { WxApi } from '../../scripts/deploy/wx-api';

test('the TC3-HMAC-SHA256 authorization is the one Tencent Cloud\'s own signer computes', () => {
  const payload = JSON.stringify({ FunctionName: 'reconcile', TriggerName: 'reconcile', Type: 'timer', Namespace: 'prod-1a2b3c' });
  const timestamp = 1_764_650_000;
  const mine = tc3Headers({ secretId: 'AKIDexample', secretKey: 'secretExample', host: 'scf.tencentcloudapi.com', service: 'scf', action: 'DeleteTrigger', version: '2018-04-16', region: 'ap-shanghai', payload, timestamp });
  const theirs = new Signer({ secretId: 'AKIDexample', secretKey: 'secretExample' }, 'scf').tc3sign(
    'POST',
    'https://scf.tencentcloudapi.com/',
    { 'content-type': 'application/json; charset=utf-8', host: 'scf.tencentcloudapi.com' },
    JSON.parse(payload),
    timestamp,
    { isCloudApi: true },
  );
  expect(mine.authorization).toBe(theirs.authorization);
  expect(mine['x-tc-action']).toBe('DeleteTrigger');
  expect(mine['x-tc-timestamp']).toBe(String(timestamp));
});

test('each trigger is deleted with the temporary credentials; one already gone is no error, another failure is', async () => {
  const wx: string[] = [];
  const api = new WxApi({
    baseUrl: 'https://api.example',
    appId: 'wxapp',
    appSecret: 's',
    envId: 'prod-1a2b3c',
    fetch: (async (url: URL) => {
      wx.push(url.pathname);
      const body = url.pathname.endsWith('stable_token') ? { access_token: 'T', expires_in: 7200 } : { errcode: 0, secretid: 'AKIDtmp', secretkey: 'k', token: 'sess', expired_time: 0 };
      return new Response(JSON.stringify(body));
    }) as typeof fetch,
  });
  const sent: { headers: Record<string, string>; body: Record<string, string> }[] = [];
  let answer: Record<string, unknown> = { Response: { RequestId: 'r' } };
  const scfFetch = (async (_url: URL, init: RequestInit) => {
    sent.push({ headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) as Record<string, string> });
    return new Response(JSON.stringify(answer));
  }) as unknown as typeof fetch;
  const triggers = [
    { name: 'a', type: 'timer', config: '0 0 3 * * * *' },
    { name: 'b', type: 'timer', config: '0 0 4 * * * *' },
  ];
  await deleteTimerTriggers(api, { region: 'ap-shanghai', functionName: 'reconcile', triggers, fetch: scfFetch });
  expect(wx).toEqual(['/cgi-bin/stable_token', '/tcb/getqcloudtoken']);
  expect(sent.map((s) => s.body)).toEqual([
    { FunctionName: 'reconcile', TriggerName: 'a', Type: 'timer', Namespace: 'prod-1a2b3c' },
    { FunctionName: 'reconcile', TriggerName: 'b', Type: 'timer', Namespace: 'prod-1a2b3c' },
  ]);
  expect(sent[0]!.headers['x-tc-token']).toBe('sess');
  expect(sent[0]!.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtmp\/\d{4}-\d\d-\d\d\/scf\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);

  answer = { Response: { Error: { Code: 'ResourceNotFound.Trigger', Message: 'trigger not found' }, RequestId: 'r' } };
  await expect(deleteTimerTriggers(api, { region: 'ap-shanghai', functionName: 'reconcile', triggers, fetch: scfFetch })).resolves.toBeUndefined();
  answer = { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad signature' }, RequestId: 'r' } };
  const err = await deleteTimerTriggers(api, { region: 'ap-shanghai', functionName: 'reconcile', triggers, fetch: scfFetch }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ScfError);
  expect((err as Error).message).toBe('删除定时触发器 reconcile.a：AuthFailure.SignatureFailure bad signature');
});
