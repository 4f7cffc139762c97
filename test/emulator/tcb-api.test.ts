/**
 * WeChat Cloud's HTTP API (api.weixin.qq.com/tcb/…) as the local cloud answers it: the access
 * token checked on every call, the documented request fields and errcodes, collections and
 * indexes that change what the database really has (and what strict mode lets a query use),
 * database statements, import and export jobs through storage, function invocation, and faults
 * that make a chosen API fail without taking effect.
 */
import type { Cloud } from '../../emulator/server';
import { sdkFor, startTestCloud } from './server-harness';

let cloud: Cloud;
let token: string;

type Answer = Record<string, unknown> & { errcode: number; errmsg: string };

async function post(path: string, body: unknown, query: Record<string, string> = {}, method = 'POST'): Promise<Answer> {
  const u = new URL(path, cloud.tcbApi.baseUrl);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  const res = await fetch(u, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

const tcb = (api: string, body: Record<string, unknown>, query: Record<string, string> = {}) => post(`/tcb/${api}`, { env: 'local-dev', ...body }, { access_token: token, ...query });

async function fetchToken(): Promise<string> {
  const r = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: cloud.tcbApi.appid, secret: cloud.tcbApi.appSecret, force_refresh: false });
  expect(r).toMatchObject({ access_token: expect.any(String), expires_in: expect.any(Number) });
  return r.access_token as string;
}

beforeAll(async () => {
  // A fresh environment: nothing exists until the API creates it, and strict mode is on as in every test.
  cloud = await startTestCloud({ provision: false, strict: true, appSecret: 'the-app-secret' });
  token = await fetchToken();
});

afterAll(async () => {
  await cloud.stop();
});

afterEach(() => cloud.tcbApi.setFaults({}));

test('the token comes from stable_token with the mini-program AppSecret; every tcb call checks it', async () => {
  expect(await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: cloud.tcbApi.appid, secret: 'wrong' })).toMatchObject({ errcode: 40125 });
  expect(await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wx123', secret: 'the-app-secret' })).toMatchObject({ errcode: 40013 });
  expect(await fetchToken()).toBe(token);
  expect(await post('/tcb/databasecollectionget', { env: 'local-dev' })).toMatchObject({ errcode: 41001 });
  expect(await post('/tcb/databasecollectionget', { env: 'local-dev' }, { access_token: 'forged' })).toMatchObject({ errcode: 40014 });
  cloud.tcbApi.expireToken();
  expect(await tcb('databasecollectionget', {})).toMatchObject({ errcode: 42001 });
  token = await fetchToken();
  expect(await tcb('databasecollectionget', {})).toMatchObject({ errcode: 0, errmsg: 'ok' });
});

test('malformed requests answer the documented codes: method, empty or bad body, missing field, other env', async () => {
  expect(await post('/tcb/databasecollectionget', null, { access_token: token }, 'GET')).toMatchObject({ errcode: 43002 });
  expect(await post('/tcb/databasecollectionget', '', { access_token: token })).toMatchObject({ errcode: 44002 });
  expect(await post('/tcb/databasecollectionget', '{env:', { access_token: token })).toMatchObject({ errcode: 47001 });
  expect(await post('/tcb/databasecollectionadd', { env: 'local-dev' }, { access_token: token })).toMatchObject({ errcode: 40101, errmsg: expect.stringContaining('collection_name') });
  expect(await post('/tcb/databasecollectionget', {}, { access_token: token })).toMatchObject({ errcode: 40101, errmsg: expect.stringContaining('env') });
  expect(await post('/tcb/databasecollectionget', { env: 'prod-123' }, { access_token: token })).toMatchObject({ errcode: -501005 });
});

test('collections: added, listed with counts and the _id index, a duplicate refused, a missing one -502005', async () => {
  expect(await tcb('databasecollectionadd', { collection_name: 'units' })).toEqual({ errcode: 0, errmsg: 'ok' });
  const dup = await tcb('databasecollectionadd', { collection_name: 'units' });
  expect(dup).toMatchObject({ errcode: -502001, errmsg: expect.stringContaining('Table exist: units') });
  await tcb('databasecollectionadd', { collection_name: 'campaigns' });
  const page = await tcb('databasecollectionget', { limit: 1, offset: 0 });
  expect(page.collections).toEqual([{ name: 'campaigns', count: 0, size: 0, index_count: 1, index_size: expect.any(Number) }]);
  expect(page.pager).toEqual({ Offset: 0, Limit: 1, Total: 2 });
  expect(await tcb('databasecollectiondelete', { collection_name: 'nothing' })).toMatchObject({ errcode: -502005, errmsg: expect.stringContaining('nothing') });
  expect(await tcb('databasecollectiondelete', { collection_name: 'campaigns' })).toMatchObject({ errcode: 0 });
  expect(((await tcb('databasecollectionget', {})).collections as { name: string }[]).map((c) => c.name)).toEqual(['units']);
  // The SDK sees the same database: a dropped collection is gone for it too.
  const db = sdkFor(cloud).database();
  await expect(db.collection('campaigns').get()).rejects.toMatchObject({ errCode: -502005 });
});

test('updateindex creates and drops real indexes with MongoDB rules; a bad spec is refused and changes nothing', async () => {
  await tcb('databasecollectionadd', { collection_name: 'stories' });
  const feed = { name: 'feed', unique: false, keys: [{ name: 'state', direction: '1' }, { name: 'publishedAt', direction: '-1' }, { name: '_id', direction: '-1' }] };
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [feed], drop_indexes: [] })).toEqual({ errcode: 0, errmsg: 'ok' });
  expect(cloud.db.indexesOf('stories')).toEqual([{ name: 'feed', fields: [['state', 1], ['publishedAt', -1], ['_id', -1]] }]);
  // The same index again changes nothing (so a re-run of a deploy is harmless).
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [feed], drop_indexes: [] })).toMatchObject({ errcode: 0 });
  // The same name with other fields, the same fields under another name, or a missing index to drop.
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [{ ...feed, keys: [{ name: 'state', direction: '1' }] }], drop_indexes: [] })).toMatchObject({
    errcode: -502001,
    errmsg: expect.stringContaining('already exists with different options'),
  });
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [{ ...feed, name: 'feed2' }], drop_indexes: [] })).toMatchObject({ errcode: -502001, errmsg: expect.stringContaining('different name: feed') });
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [], drop_indexes: [{ name: 'gone' }] })).toMatchObject({ errcode: -502001, errmsg: expect.stringContaining('index not found') });
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [], drop_indexes: [{ name: '_id_' }] })).toMatchObject({ errcode: -502001 });
  // Bad specs: a direction WeChat does not know, no keys, a list left out; a missing collection.
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [{ name: 'x', keys: [{ name: 'a', direction: 'up' }] }], drop_indexes: [] })).toMatchObject({ errcode: 40097, errmsg: expect.stringContaining('direction') });
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [{ name: 'x', keys: [] }], drop_indexes: [] })).toMatchObject({ errcode: 40101 });
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [feed] })).toMatchObject({ errcode: 40101, errmsg: expect.stringContaining('drop_indexes') });
  expect(await tcb('updateindex', { collection_name: 'nope', create_indexes: [feed], drop_indexes: [] })).toMatchObject({ errcode: -502005 });
  expect(cloud.db.indexesOf('stories').map((ix) => ix.name)).toEqual(['feed']);
  // Drop then create in one call: how an index is changed.
  const changed = { name: 'feed', keys: [{ name: 'state', direction: '1' }, { name: 'publishedAt', direction: '-1' }] };
  expect(await tcb('updateindex', { collection_name: 'stories', create_indexes: [changed], drop_indexes: [{ name: 'feed' }] })).toMatchObject({ errcode: 0 });
  expect(cloud.db.indexesOf('stories')).toEqual([{ name: 'feed', fields: [['state', 1], ['publishedAt', -1]] }]);
  expect(((await tcb('databasecollectionget', {})).collections as { name: string; index_count: number }[]).find((c) => c.name === 'stories')?.index_count).toBe(2);
});

test('an index created through the API is what strict mode lets a query use', async () => {
  await tcb('databasecollectionadd', { collection_name: 'roles' });
  const db = sdkFor(cloud).database();
  const query = () => db.collection('roles').where({ openid: 'o1', revokedAt: null }).get();
  await expect(query()).rejects.toMatchObject({ errMsg: expect.stringContaining('no declared index serves') });
  await tcb('updateindex', { collection_name: 'roles', create_indexes: [{ name: 'openid', keys: [{ name: 'openid', direction: '1' }, { name: 'revokedAt', direction: '1' }] }], drop_indexes: [] });
  await expect(query()).resolves.toMatchObject({ data: [] });
});

test('a unique index over duplicate values is refused with the duplicate key', async () => {
  await tcb('databasecollectionadd', { collection_name: 'invites' });
  await tcb('databaseadd', { query: 'db.collection("invites").add({data: [{code: "A"}, {code: "A"}]})' });
  const r = await tcb('updateindex', { collection_name: 'invites', create_indexes: [{ name: 'code', unique: true, keys: [{ name: 'code', direction: '1' }] }], drop_indexes: [] });
  expect(r).toMatchObject({ errcode: -502001, errmsg: expect.stringContaining('E11000') });
  expect(cloud.db.indexesOf('invites')).toEqual([]);
});

test('database statements: add, query with its pager and default page of 10, set, update, count, remove', async () => {
  await tcb('databasecollectionadd', { collection_name: 'notes' });
  const docs = Array.from({ length: 12 }, (_, i) => `{n: ${i}, tag: 'x'}`).join(', ');
  const added = await tcb('databaseadd', { query: `db.collection("notes").add({data: [${docs}]})` });
  expect(added.id_list).toHaveLength(12);
  const page = await tcb('databasequery', { query: "db.collection('notes').where({tag: 'x'}).orderBy('n', 'asc').skip(1).get()" });
  expect(page.pager).toEqual({ Offset: 1, Limit: 10, Total: 12 });
  expect((page.data as string[]).map((t) => (JSON.parse(t) as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(await tcb('databaseupdate', { query: 'db.collection("notes").doc("fixed").set({data: {n: 99, tag: "y"}})' })).toMatchObject({ errcode: 0, id: 'fixed' });
  expect(await tcb('databaseupdate', { query: 'db.collection("notes").where({tag: "x"}).update({data: {seen: {by: "deploy"}}})' })).toMatchObject({ matched: 12, modified: 12 });
  const one = await tcb('databasequery', { query: 'db.collection("notes").doc("fixed").get()' });
  expect((one.data as string[]).map((t) => JSON.parse(t) as unknown)).toEqual([{ _id: 'fixed', n: 99, tag: 'y' }]);
  expect(await tcb('databasecount', { query: 'db.collection("notes").where({"seen.by": "deploy"}).count()' })).toMatchObject({ count: 12 });
  // A nested object matches by its fields, as the SDK flattens it, not as a whole subdocument.
  await tcb('databaseupdate', { query: 'db.collection("notes").doc("fixed").update({data: {seen: {by: "deploy", at: 1}}})' });
  expect(await tcb('databasecount', { query: 'db.collection("notes").where({seen: {by: "deploy"}}).count()' })).toMatchObject({ count: 13 });
  expect(await tcb('databasedelete', { query: 'db.collection("notes").where({tag: "x"}).remove()' })).toMatchObject({ deleted: 12 });
  expect(await tcb('databasecount', { query: 'db.collection("notes").count()' })).toMatchObject({ count: 1 });
  // What the local cloud cannot read is refused, not guessed.
  expect(await tcb('databasequery', { query: 'db.collection("notes").where({n: _.gt(1)}).get()' })).toMatchObject({ errcode: -501007, errmsg: expect.stringContaining('literal') });
  expect(await tcb('databasequery', { query: 'db.collection("missing").get()' })).toMatchObject({ errcode: -502005 });
});

async function job(jobId: unknown): Promise<Answer> {
  await cloud.tcbApi.settle();
  return tcb('databasemigratequeryinfo', { job_id: jobId });
}

test('export writes JSON lines into storage; import reads them back, INSERT refusing known ids, UPSERT replacing them', async () => {
  await tcb('databasecollectionadd', { collection_name: 'honors' });
  await tcb('databaseadd', { query: 'db.collection("honors").add({data: [{_id: "h1", title: "全国青年岗位能手", at: new Date("2024-05-04T00:00:00Z")}, {_id: "h2", title: "自治区道德模范"}]})' });
  const exp = await tcb('databasemigrateexport', { file_path: 'backup/honors.json', file_type: 1, query: 'db.collection("honors").get()' });
  expect(exp).toMatchObject({ errcode: 0, job_id: expect.any(Number) });
  const done = await job(exp.job_id);
  expect(done).toMatchObject({ status: 'success', record_success: 2, record_fail: 0, file_url: expect.stringContaining('http') });
  const text = await (await fetch(done.file_url as string)).text();
  expect(text.trim().split('\n').map((l) => JSON.parse(l) as { _id: string })).toEqual([
    { _id: 'h1', title: '全国青年岗位能手', at: { $date: '2024-05-04T00:00:00Z' } },
    { _id: 'h2', title: '自治区道德模范' },
  ]);

  await tcb('databasecollectionadd', { collection_name: 'honors_copy' });
  const imp = await tcb('databasemigrateimport', { collection_name: 'honors_copy', file_path: 'backup/honors.json', file_type: 1, stop_on_error: false, conflict_mode: 1 });
  expect(await job(imp.job_id)).toMatchObject({ status: 'success', record_success: 2, record_fail: 0 });
  expect(cloud.db.findById('honors_copy', 'h1')).toEqual({ _id: 'h1', title: '全国青年岗位能手', at: new Date('2024-05-04T00:00:00Z') });
  const again = await tcb('databasemigrateimport', { collection_name: 'honors_copy', file_path: 'backup/honors.json', file_type: 1, stop_on_error: false, conflict_mode: 1 });
  expect(await job(again.job_id)).toMatchObject({ status: 'success', record_success: 0, record_fail: 2, error_msg: expect.stringContaining('duplicate key') });
  cloud.storage.put('backup/changed.json', Buffer.from('{"_id":"h1","title":"改过的"}\n'));
  const upsert = await tcb('databasemigrateimport', { collection_name: 'honors_copy', file_path: 'backup/changed.json', file_type: 1, stop_on_error: true, conflict_mode: 2 });
  expect(await job(upsert.job_id)).toMatchObject({ status: 'success', record_success: 1 });
  expect(cloud.db.findById('honors_copy', 'h1')).toEqual({ _id: 'h1', title: '改过的' });

  expect(await tcb('databasemigrateimport', { collection_name: 'honors_copy', file_path: 'backup/none.json', file_type: 1, stop_on_error: true, conflict_mode: 1 })).toMatchObject({ errcode: -503003 });
  expect(await tcb('databasemigrateimport', { collection_name: 'absent', file_path: 'backup/honors.json', file_type: 1, stop_on_error: true, conflict_mode: 1 })).toMatchObject({ errcode: -502005 });
  expect(await tcb('databasemigrateimport', { collection_name: 'honors_copy', file_path: 'backup/honors.json', file_type: 1, stop_on_error: true, conflict_mode: 3 })).toMatchObject({ errcode: 40097 });
  expect(await tcb('databasemigratequeryinfo', { job_id: 1 })).toMatchObject({ errcode: 40097 });
});

test('invokecloudfunction runs the function with no user and answers its result as resp_data', async () => {
  const r = await post('/tcb/invokecloudfunction', { data: 'hello' }, { access_token: token, env: 'local-dev', name: 'whoami' });
  expect(r).toMatchObject({ errcode: 0 });
  const result = JSON.parse(r.resp_data as string) as { echo: string; userInfo: unknown; wx: { OPENID?: string } };
  expect(result.echo).toBe('hello');
  expect(result.userInfo).toBeNull();
  expect(result.wx.OPENID ?? '').toBe('');
  expect(await post('/tcb/invokecloudfunction', {}, { access_token: token, env: 'local-dev', name: 'nosuch' })).toMatchObject({ errcode: -504001 });
  expect(await post('/tcb/invokecloudfunction', {}, { access_token: token, env: 'local-dev', name: 'thrower' })).toMatchObject({ errcode: -504002 });
});

test('a fault makes the chosen API answer its errcode without taking effect, then passes', async () => {
  cloud.tcbApi.setFaults({ failAt: [{ api: 'databasecollectionadd', errcode: 85088 }], busy: { databasecollectionget: 1 } });
  expect(await tcb('databasecollectionadd', { collection_name: 'audit' })).toMatchObject({ errcode: 85088 });
  expect(cloud.db.listCollections().some((c) => c.name === 'audit')).toBe(false);
  expect(await tcb('databasecollectionget', {})).toMatchObject({ errcode: -1 });
  expect(await tcb('databasecollectionadd', { collection_name: 'audit' })).toMatchObject({ errcode: 0 });
  expect(await tcb('databasecollectionget', {})).toMatchObject({ errcode: 0 });
  expect(cloud.tcbApi.calls().slice(-4).map((c) => [c.api, c.errcode])).toEqual([
    ['databasecollectionadd', 85088],
    ['databasecollectionget', -1],
    ['databasecollectionadd', 0],
    ['databasecollectionget', 0],
  ]);
});

test('faults can be set by hand over HTTP; a malformed set is a 400 and changes nothing', async () => {
  const url = `${cloud.tcbApi.baseUrl}/__fake/tcb-faults`;
  const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ failAt: [{ api: 'nosuch', errcode: 1 }] }) });
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ ok: false, error: expect.stringContaining('failAt[].api') });
  const ok = await fetch(url, { method: 'POST', body: JSON.stringify({ failAt: [{ api: 'updateindex', errcode: -1, times: 2 }] }) });
  expect(ok.status).toBe(200);
  expect(await (await fetch(url)).json()).toEqual({ failAt: [{ api: 'updateindex', errcode: -1, times: 2 }] });
  await fetch(url, { method: 'POST', body: '{}' });
  expect(await (await fetch(url)).json()).toEqual({});
});
