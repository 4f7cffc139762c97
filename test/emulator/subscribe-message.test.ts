/**
 * The subscribeMessage.send fake through the real SDK (protobuf envelope, errcodes turned into
 * thrown CloudSDKErrors), the one-time subscription quota and the dev routes.
 */
import type { Cloud } from '../../emulator/server';
import { startTestCloud } from './server-harness';

type Outcome = { ok: true; res: Record<string, unknown> } | { ok: false; errCode: number; errMsg: string };

const TEMPLATE = { id: 'tpl-result', title: '审核结果通知', keywords: ['thing1', 'phrase2', 'time3', 'character_string4', 'number5', 'name6', 'date7'] };
const GOOD = {
  thing1: { value: '张三的推荐' },
  phrase2: { value: '审核通过' },
  time3: { value: '2026年12月1日 15:01' },
  character_string4: { value: 'NOM-2026-001' },
  number5: { value: '3' },
  name6: { value: '李四' },
  date7: { value: '2026年12月1日' },
};

let cloud: Cloud;
const send = (params: Record<string, unknown>, fn = 'subscriber') => cloud.invoke(fn, { api: 'subscribeMessage.send', params }, { openid: 'o-sender' }) as Promise<Outcome>;

beforeAll(async () => {
  cloud = await startTestCloud({ templates: [TEMPLATE] });
});

afterAll(async () => {
  await cloud.stop();
});

describe('subscribeMessage.send', () => {
  it('a user who did not accept the template gets nothing: 43101', async () => {
    expect(await send({ touser: 'o-never', template_id: 'tpl-result', page: 'pages/me/index', data: GOOD })).toMatchObject({ ok: false, errCode: 43101 });
    expect(cloud.subscriptions.messages('o-never')).toEqual([]);
  });

  it('one acceptance allows exactly one message, which is then visible with its page and values', async () => {
    cloud.subscriptions.accept('o-one', ['tpl-result']);
    const first = await send({ touser: 'o-one', template_id: 'tpl-result', page: 'pages-staff/review/index?tab=review', data: GOOD, miniprogram_state: 'developer' });
    expect(first).toMatchObject({ ok: true, res: { errCode: 0 } });
    expect(await send({ touser: 'o-one', template_id: 'tpl-result', data: GOOD })).toMatchObject({ ok: false, errCode: 43101 });
    const msgs = cloud.subscriptions.messages('o-one');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ touser: 'o-one', templateId: 'tpl-result', page: 'pages-staff/review/index?tab=review', state: 'developer', data: { thing1: '张三的推荐', phrase2: '审核通过' } });
  });

  it('bad touser, template, page and data answer WeChat errcodes and consume no acceptance', async () => {
    cloud.subscriptions.accept('o-bad', ['tpl-result']);
    const cases: [Record<string, unknown>, number][] = [
      [{ touser: 'not an openid!', template_id: 'tpl-result', data: GOOD }, 40003],
      [{ touser: 'o-bad', template_id: 'tpl-nope', data: GOOD }, 40037],
      [{ touser: 'o-bad', template_id: 'tpl-result', page: 'pages/a b', data: GOOD }, 41030],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: GOOD, miniprogram_state: 'production' }, 47001],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, thing1: { value: '长'.repeat(21) } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, phrase2: { value: '审核已经通过' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, phrase2: { value: 'OK' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, time3: { value: '2026-12-01 15:01' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, character_string4: { value: '中文编号' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, number5: { value: 'three' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, name6: { value: '李4' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, date7: { value: '明天' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, thing1: { value: '' } } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { thing1: GOOD.thing1 } }, 47003],
      [{ touser: 'o-bad', template_id: 'tpl-result', data: { ...GOOD, thing9: { value: 'x' } } }, 47003],
    ];
    for (const [params, code] of cases) {
      const r = await send(params);
      expect({ params, r }).toMatchObject({ r: { ok: false, errCode: code } });
    }
    expect(await send({ touser: 'o-bad', template_id: 'tpl-result', data: GOOD })).toMatchObject({ ok: true });
    expect(cloud.subscriptions.messages('o-bad')).toHaveLength(1);
  });

  it('a function without the subscribeMessage.send permission is refused (-604101)', async () => {
    cloud.subscriptions.accept('o-perm', ['tpl-result']);
    expect(await send({ touser: 'o-perm', template_id: 'tpl-result', data: GOOD }, 'openapi')).toMatchObject({ ok: false, errCode: -604101 });
  });
});

describe('dev routes', () => {
  it('POST /dev/subscribe accepts for the x-wx-openid user, GET /dev/messages shows what arrived', async () => {
    const accept = await fetch(`${cloud.gatewayUrl}/dev/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'o-h5' },
      body: JSON.stringify({ templateIds: ['tpl-result'] }),
    });
    expect(accept.status).toBe(200);
    expect(await accept.json()).toEqual({ errMsg: 'requestSubscribeMessage:ok', 'tpl-result': 'accept' });
    expect(await send({ touser: 'o-h5', template_id: 'tpl-result', data: GOOD })).toMatchObject({ ok: true });
    const list = (await (await fetch(`${cloud.gatewayUrl}/dev/messages?touser=o-h5`)).json()) as { items: unknown[] };
    expect(list.items).toEqual([expect.objectContaining({ touser: 'o-h5', title: '审核结果通知', data: expect.objectContaining({ number5: '3' }) })]);
  });

  it('unknown templates, no identity or a malformed body are refused and grant nothing', async () => {
    const post = (body: string, openid?: string) =>
      fetch(`${cloud.gatewayUrl}/dev/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) }, body });
    expect((await post(JSON.stringify({ templateIds: ['tpl-x'] }), 'o-dev2')).status).toBe(400);
    expect((await post(JSON.stringify({ templateIds: ['tpl-result'] }))).status).toBe(400);
    expect((await post('{not json', 'o-dev2')).status).toBe(400);
    expect((await post(JSON.stringify({ templateIds: [] }), 'o-dev2')).status).toBe(400);
    expect(await send({ touser: 'o-dev2', template_id: 'tpl-result', data: GOOD })).toMatchObject({ ok: false, errCode: 43101 });
  });
});
