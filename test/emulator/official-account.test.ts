/**
 * The fake official account answers like the real one: tokens that go stale (40001) or expire
 * (42001), the image and article limits of uploadimg / add_material / draft/add with their
 * errcodes, what the editor strips, one publish per draft, the daily quota of freepublish/get,
 * and a signed PUBLISHJOBFINISH push.
 */
import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { startFakeOfficialAccount, type FakeOfficialAccount } from '../../emulator/official-account';

const APPID = 'wxfakeofficial0001';
const SECRET = 'sekret';
const PUSH_TOKEN = 'push-token';
/** The mini-program associated with the account: the only one an article may link to. */
const MP_APPID = 'wxminiprogram0001';

let oa: FakeOfficialAccount;
let receiver: http.Server;
const pushes: { query: URLSearchParams; body: string }[] = [];

function png(size: number): Buffer {
  const p = new PNG({ width: size, height: size });
  let x = 7;
  for (let i = 0; i < p.data.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    p.data[i] = i % 4 === 3 ? 255 : (x >>> 16) & 0xff;
  }
  return PNG.sync.write(p);
}

function post(path: string, body: Buffer | string | object, contentType = 'application/json'): Promise<Record<string, unknown>> {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(`${oa.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'content-length': String(buf.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.end(buf);
  });
}

function multipart(bytes: Buffer, filename: string): { body: Buffer; type: string } {
  const b = 'XyZ123boundary';
  return {
    body: Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="media"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    type: `multipart/form-data; boundary=${b}`,
  };
}

async function token(): Promise<string> {
  const r = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: false });
  return r.access_token as string;
}

async function upload(t: string, bytes: Buffer, name = 'a.png') {
  const m = multipart(bytes, name);
  return post(`/cgi-bin/media/uploadimg?access_token=${t}`, m.body, m.type);
}

async function material(t: string, bytes: Buffer) {
  const m = multipart(bytes, 'cover.png');
  return post(`/cgi-bin/material/add_material?access_token=${t}&type=image`, m.body, m.type);
}

beforeAll(async () => {
  receiver = http.createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pushes.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, body: Buffer.concat(chunks).toString('utf8') });
      res.end('success');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  oa = await startFakeOfficialAccount({ appid: APPID, secret: SECRET, eventToken: PUSH_TOKEN, eventUrl: () => `http://127.0.0.1:${port}/push`, eventDelayMs: 20, miniprogramAppid: MP_APPID });
});

afterAll(async () => {
  await oa?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('tokens', () => {
  it('stable_token checks appid and secret; the same token comes back while valid', async () => {
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wrong', secret: SECRET })).errcode).toBe(40013);
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: 'bad' })).errcode).toBe(40125);
    expect((await post('/cgi-bin/stable_token', { grant_type: 'password', appid: APPID, secret: SECRET })).errcode).toBe(40002);
    const a = await token();
    expect(await token()).toBe(a);
  });

  it('a missing token is 41001, a replaced one 40001, an expired one 42001', async () => {
    expect((await post('/cgi-bin/draft/batchget', { offset: 0, count: 1 })).errcode).toBe(41001);
    const old = await token();
    oa.rotateToken();
    expect((await post(`/cgi-bin/draft/batchget?access_token=${old}`, { offset: 0, count: 1 })).errcode).toBe(40001);
    const fresh = await token();
    expect(fresh).not.toBe(old);
    oa.expireToken();
    expect((await post(`/cgi-bin/draft/batchget?access_token=${fresh}`, { offset: 0, count: 1 })).errcode).toBe(42001);
  });
});

describe('images', () => {
  it('uploadimg takes png/jpg under 1 MB only', async () => {
    const t = await token();
    expect(String((await upload(t, png(8))).url)).toMatch(new RegExp(`^${oa.url}/mmbiz/`));
    expect((await upload(t, Buffer.from('GIF89a........'), 'a.gif')).errcode).toBe(40005);
    expect((await upload(t, png(600))).errcode).toBe(40009);
    const empty = multipart(Buffer.alloc(0), 'x.png');
    expect((await post(`/cgi-bin/media/uploadimg?access_token=${t}`, empty.body, empty.type)).errcode).toBe(41005);
  });

  it('add_material needs type=image', async () => {
    const t = await token();
    const m = multipart(png(8), 'c.png');
    expect((await post(`/cgi-bin/material/add_material?access_token=${t}&type=voice`, m.body, m.type)).errcode).toBe(40004);
    expect(typeof (await material(t, png(8))).media_id).toBe('string');
  });
});

describe('drafts and publishing', () => {
  async function article(over: Record<string, unknown> = {}) {
    const t = await token();
    const thumb = (await material(t, png(8))).media_id as string;
    return { t, a: { title: '标题', author: '作者', digest: '摘要', content: '<p>正文</p>', thumb_media_id: thumb, ...over } };
  }

  it('draft/add enforces title 32, author 16, digest 128, content size and a real thumb', async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ title: '字'.repeat(33) }, 45003],
      [{ author: '字'.repeat(17) }, 45110],
      [{ digest: '字'.repeat(129) }, 45004],
      [{ content: 'x'.repeat(20_000) }, 45002],
      [{ thumb_media_id: 'nope' }, 40007],
    ];
    for (const [over, code] of cases) {
      const { t, a } = await article(over);
      expect((await post(`/cgi-bin/draft/add?access_token=${t}`, { articles: [a] })).errcode).toBe(code);
    }
    const { t, a } = await article({ title: '字'.repeat(32), author: '字'.repeat(16), digest: '字'.repeat(128) });
    expect(typeof (await post(`/cgi-bin/draft/add?access_token=${t}`, { articles: [a] })).media_id).toBe('string');
  });

  it('the editor strips scripts, styles, external images and external hrefs', async () => {
    const t0 = await token();
    const hosted = (await upload(t0, png(8))).url as string;
    const content = `<p>a<script>alert(1)</script></p><style>p{}</style><img src="${hosted}" /><img src="https://evil.cn/x.png" /><a href="https://evil.cn">外链</a><a href="https://mp.weixin.qq.com/s/ok">文章</a>`;
    const { t, a } = await article({ content });
    const mediaId = (await post(`/cgi-bin/draft/add?access_token=${t}`, { articles: [a] })).media_id as string;
    const list = (await post(`/cgi-bin/draft/batchget?access_token=${t}`, { offset: 0, count: 20 })) as { item: { media_id: string; content: { news_item: { content: string }[] } }[] };
    const kept = list.item.find((d) => d.media_id === mediaId)?.content.news_item[0]?.content ?? '';
    expect(kept).not.toMatch(/script|<style|evil\.cn\/x\.png|href="https:\/\/evil/);
    expect(kept).toContain(hosted);
    expect(kept).toContain('href="https://mp.weixin.qq.com/s/ok"');
    expect(kept).toContain('外链');
  });

  it('mini-program links and cards keep their target only for the associated mini-program and a page path without a leading slash', async () => {
    const t0 = await token();
    const hosted = (await upload(t0, png(8))).url as string;
    const link = (appid: string, path: string, inner: string) => `<a href="" data-miniprogram-appid="${appid}" data-miniprogram-path="${path}">${inner}</a>`;
    const content = [
      link(MP_APPID, 'pages/story/index?id=s1&amp;rev=2', `<img src="${hosted}" />`),
      link('wxsomeoneelse0001', 'pages/story/index?id=s1', '别家小程序'),
      link(MP_APPID, '/pages/story/index?id=s1', '前导斜杠'),
      `<mp-miniprogram data-miniprogram-appid="wxsomeoneelse0001" data-miniprogram-path="pages/index/index" data-miniprogram-title="卡片"></mp-miniprogram>`,
    ].join('');
    const { t, a } = await article({ content });
    const mediaId = (await post(`/cgi-bin/draft/add?access_token=${t}`, { articles: [a] })).media_id as string;
    const list = (await post(`/cgi-bin/draft/batchget?access_token=${t}`, { offset: 0, count: 20 })) as { item: { media_id: string; content: { news_item: { content: string }[] } }[] };
    const kept = list.item.find((d) => d.media_id === mediaId)?.content.news_item[0]?.content ?? '';
    // The picture link to the associated mini-program survives whole, its image with it.
    expect(kept).toContain(`<a data-miniprogram-appid="${MP_APPID}" data-miniprogram-path="pages/story/index?id=s1&amp;rev=2"><img src="${hosted}" /></a>`);
    // The others are plain content now: their text stays, no target is left.
    expect(kept.match(/data-miniprogram-appid/g)).toHaveLength(1);
    expect(kept).toContain('<a>别家小程序</a>');
    expect(kept).toContain('<a>前导斜杠</a>');
    expect(kept).toContain('<mp-miniprogram></mp-miniprogram>');
  });

  it('a draft publishes once; the signed PUBLISHJOBFINISH carries the article; freepublish/get agrees', async () => {
    const { t, a } = await article();
    const mediaId = (await post(`/cgi-bin/draft/add?access_token=${t}`, { articles: [a] })).media_id as string;
    const submitted = await post(`/cgi-bin/freepublish/submit?access_token=${t}`, { media_id: mediaId });
    expect(submitted.errcode).toBe(0);
    expect((await post(`/cgi-bin/freepublish/submit?access_token=${t}`, { media_id: mediaId })).errcode).toBe(40007);
    await oa.settle();
    const push = pushes.at(-1);
    if (!push) throw new Error('no push');
    const { signature, timestamp, nonce } = Object.fromEntries(push.query) as Record<string, string>;
    expect(signature).toBe(createHash('sha1').update([PUSH_TOKEN, timestamp as string, nonce as string].sort().join('')).digest('hex'));
    expect(push.body).toContain('<Event><![CDATA[PUBLISHJOBFINISH]]></Event>');
    expect(push.body).toContain(`<publish_id>${submitted.publish_id}</publish_id>`);
    expect(push.body).toContain('<publish_status>0</publish_status>');
    const got = (await post(`/cgi-bin/freepublish/get?access_token=${t}`, { publish_id: submitted.publish_id })) as { publish_status: number; article_detail: { item: { article_url: string }[] } };
    expect(got.publish_status).toBe(0);
    expect(push.body).toContain(got.article_detail.item[0]?.article_url);
  });

  it('freepublish/delete takes a published article away once: 47001 without an id, 53600 for an unknown or already deleted one; after it the list, getarticle, the page and freepublish/get say it is gone', async () => {
    const { t, a } = await article({ title: '待删除的文章' });
    const mediaId = (await post(`/cgi-bin/draft/add?access_token=${t}`, { articles: [a] })).media_id as string;
    const submitted = await post(`/cgi-bin/freepublish/submit?access_token=${t}`, { media_id: mediaId });
    await oa.settle();
    const published = oa.articles().find((x) => x.publishId === submitted.publish_id);
    if (!published) throw new Error('not published');
    const id = published.articleId;

    expect((await post(`/cgi-bin/freepublish/delete?access_token=${t}`, {})).errcode).toBe(47001);
    expect((await post(`/cgi-bin/freepublish/delete?access_token=${t}`, { article_id: id, index: 2 })).errcode).toBe(47001);
    expect((await post(`/cgi-bin/freepublish/delete?access_token=${t}`, { article_id: 'no-such-article' })).errcode).toBe(53600);
    expect((await post('/cgi-bin/freepublish/delete?access_token=stale', { article_id: id })).errcode).toBe(40001);
    expect(oa.articles().some((x) => x.articleId === id)).toBe(true);

    expect(await post(`/cgi-bin/freepublish/delete?access_token=${t}`, { article_id: id })).toMatchObject({ errcode: 0 });
    expect((await post(`/cgi-bin/freepublish/delete?access_token=${t}`, { article_id: id })).errcode).toBe(53600);
    expect(oa.articles().some((x) => x.articleId === id)).toBe(false);
    expect(oa.deletedArticles().map((x) => x.articleId)).toContain(id);
    expect((await post(`/cgi-bin/freepublish/getarticle?access_token=${t}`, { article_id: id })).errcode).toBe(53600);
    const list = (await post(`/cgi-bin/freepublish/batchget?access_token=${t}`, { offset: 0, count: 20 })) as { item: { article_id: string }[] };
    expect(list.item.map((x) => x.article_id)).not.toContain(id);
    const page = await new Promise<string>((resolve, reject) => {
      http.get(published.url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      }).on('error', reject);
    });
    expect(page).toContain('该内容已被发布者删除');
    expect(((await post(`/cgi-bin/freepublish/get?access_token=${t}`, { publish_id: submitted.publish_id })) as { publish_status: number }).publish_status).toBe(5);
  });

  it('faults apply to freepublish/delete: busy and an injected code answer without deleting, a dropped answer deletes', async () => {
    const { t, a } = await article({ title: '故障删除' });
    const mediaId = (await post(`/cgi-bin/draft/add?access_token=${t}`, { articles: [a] })).media_id as string;
    const submitted = await post(`/cgi-bin/freepublish/submit?access_token=${t}`, { media_id: mediaId });
    await oa.settle();
    const id = oa.articles().find((x) => x.publishId === submitted.publish_id)?.articleId as string;
    oa.setFaults({ busy: { 'freepublish/delete': 1 }, failAt: [{ api: 'freepublish/delete', errcode: 48001 }], dropResponse: { 'freepublish/delete': 1 } });
    expect((await post(`/cgi-bin/freepublish/delete?access_token=${t}`, { article_id: id })).errcode).toBe(-1);
    expect((await post(`/cgi-bin/freepublish/delete?access_token=${t}`, { article_id: id })).errcode).toBe(48001);
    expect(oa.articles().some((x) => x.articleId === id)).toBe(true);
    await expect(post(`/cgi-bin/freepublish/delete?access_token=${t}`, { article_id: id })).rejects.toThrow();
    expect(oa.articles().some((x) => x.articleId === id)).toBe(false);
    oa.setFaults({});
  });

  it('freepublish/get answers 45009 after 100 calls a day; busy and injected codes answer once', async () => {
    const t = await token();
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 101; i++) last = await post(`/cgi-bin/freepublish/get?access_token=${t}`, { publish_id: 'x' });
    expect(last.errcode).toBe(45009);
    oa.setFaults({ busy: { 'draft/batchget': 1 }, failAt: [{ api: 'draft/batchget', errcode: 48001, times: 1 }] });
    expect((await post(`/cgi-bin/draft/batchget?access_token=${t}`, { offset: 0, count: 1 })).errcode).toBe(-1);
    expect((await post(`/cgi-bin/draft/batchget?access_token=${t}`, { offset: 0, count: 1 })).errcode).toBe(48001);
    expect((await post(`/cgi-bin/draft/batchget?access_token=${t}`, { offset: 0, count: 1 })).errcode).toBeUndefined();
    expect((await post(`/cgi-bin/draft/batchget?access_token=${t}`, { offset: 0, count: 21 })).errcode).toBe(47001);
    oa.setFaults({});
  });
});
