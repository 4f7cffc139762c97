/**
 * Issue 8, black box: every defect the issue lists, tried as an attacker would — over HTTP
 * through the local cloud's gateway (`POST /fn/<name>` as a dev identity, `/http/publish-event`
 * for the official account's push), against the demo corps with its files and a fake official
 * account. Nothing here reaches inside the functions; each attempt must find the door shut.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Exemplar, Story } from '@contract';
import { builtFunctions } from './cloud-fixture';
import { buildDemoDocuments, DEFAULT_SEED_NOW, seedDemo } from '../../emulator/seed';
import { startCloud, type Cloud } from '../../emulator/server';
import { png } from './fixtures';

const ADMIN = 'dev-admin';
const EDITOR = 'dev-editor';
const REVIEWER = 'dev-reviewer';
const CORPS_REVIEWER = 'dev-corps-reviewer';
const PUBLISHER = 'dev-publisher';
const STATION = 'u-wlmq-b1-s1';
const TOKEN = 'attack-suite-push-token';

const DEMO = buildDemoDocuments(DEFAULT_SEED_NOW);
/** A person with a signed consent form on file, in another detachment. */
const SOMEONE = DEMO.exemplars.find((e) => e._id === 'ex-i04') as Exemplar;

let cloud: Cloud;
let dataDir: string;
let functions: { dir: string; release: () => void } | undefined;

beforeAll(async () => {
  functions = await builtFunctions('attacks');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-attacks-'));
  cloud = await startCloud({
    port: 0,
    dataDir,
    strict: true,
    quiet: true,
    functionsDir: functions.dir,
    poolSize: 2,
    seed: (db, storage) => {
      seedDemo(db, storage);
      // A reserve station in the editor's subtree, to be nominated for the major library.
      const st = DEMO.units.find((u) => u._id === STATION);
      db.insertMany('exemplars', [{ ...DEMO.exemplars.find((e) => e.kind === 'collective'), _id: 'ex-attack-reserve', name: '特勤站（后备）', tier: 'reserve', unitId: STATION, unitPath: st?.path } as Record<string, unknown>]);
    },
    officialAccount: { eventDelayMs: 100, eventToken: TOKEN },
    functionEnv: { ADMIN_OPENIDS: ADMIN, NOTICE_DAYS: '0', NOTIFY_MINIPROGRAM_STATE: 'developer' },
  });
});

afterAll(async () => {
  await cloud?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  functions?.release();
});

interface Answer {
  ok: boolean;
  data?: Record<string, unknown> & { items?: Record<string, unknown>[] };
  error?: { code: string; reason?: string; fields?: { path: string; reason?: string }[] };
}

/** One call through the h5 gateway, as the dev identity `openid`. */
async function gw(fn: string, action: string, data: unknown, openid: string): Promise<Answer> {
  const res = await fetch(`${cloud.gatewayUrl}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ action, data }) });
  return (await res.json()) as Answer;
}

async function ok(fn: string, action: string, data: unknown, openid: string): Promise<Record<string, unknown> & { items?: Record<string, unknown>[] }> {
  const a = await gw(fn, action, data, openid);
  if (!a.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(a.error)}`);
  return a.data ?? {};
}

const doc = <T>(c: string, id: string) => cloud.db.findById(c, id) as T | null;

/** Staff an attacker gets with invites they were handed (what "an ordinary staff grant" means). */
async function staff(openid: string, role: string, unitId: string): Promise<void> {
  const inv = await ok('admin', 'createInvite', { role, unitId, validDays: 7 }, ADMIN);
  await ok('admin', 'redeem', { code: inv.code }, openid);
}

async function upload(openid: string, purpose: string, shade: number): Promise<string> {
  return (await ok('authoring', 'uploadImage', { purpose, base64: png(shade).toString('base64') }, openid)).fileId as string;
}

const draft = (storyId: string, over: Record<string, unknown> = {}) => ({ storyId, baseVersion: 0, title: '攻击者的稿件', summary: '', cover: null, campaignId: null, exemplarIds: [], unitId: STATION, author: '宣传员', markdown: '正文内容。', ...over });

describe('1. file ids named by a client', () => {
  it('an editor cannot get a URL for another person’s consent scan, nor use it, nor another user’s upload', async () => {
    const scan = SOMEONE.consent?.evidence as string;
    const preview = await ok('authoring', 'preview', { markdown: `![](${scan} "4x4")` }, EDITOR);
    expect(JSON.stringify(preview)).not.toMatch(/https?:\/\//);
    expect(await gw('authoring', 'saveDraft', draft('s-atk-1', { cover: scan }), EDITOR)).toMatchObject({ ok: false, error: { reason: 'file_not_accepted' } });
    expect(await gw('authoring', 'consentScan', { exemplarId: SOMEONE._id }, EDITOR)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    // Readers cannot upload at all; a colleague's upload is theirs, not the editor's.
    expect(await gw('authoring', 'uploadImage', { purpose: 'story', base64: png(5).toString('base64') }, 'dev-reader')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    await staff('o-atk-colleague', 'editor', STATION);
    const colleagues = await upload('o-atk-colleague', 'story', 6);
    expect(await gw('authoring', 'saveDraft', draft('s-atk-1', { cover: colleagues }), EDITOR)).toMatchObject({ ok: false, error: { reason: 'file_not_accepted' } });
  });

  it('an editor cannot mark a person consented with a file they never uploaded, or another person’s scan, then publish', async () => {
    await ok('authoring', 'saveExemplar', { id: 'ex-atk-person', kind: 'individual', name: '买买提·攻击', unitId: STATION, category: 'rescue', title: '', summary: '', photo: null, biography: '' }, EDITOR);
    for (const file of [SOMEONE.consent?.evidence as string, `${SOMEONE.consent?.evidence}x`]) {
      expect(await gw('authoring', 'recordSignedConsent', { exemplarId: 'ex-atk-person', file }, EDITOR)).toMatchObject({ ok: false, error: { reason: 'file_not_accepted' } });
    }
    const mine = await upload(EDITOR, 'consent', 7);
    await ok('authoring', 'recordSignedConsent', { exemplarId: 'ex-atk-person', file: mine }, EDITOR);
    expect(await gw('authoring', 'setExemplarState', { id: 'ex-atk-person', state: 'published' }, EDITOR)).toMatchObject({ ok: false, error: { reason: 'consent_unverified' } });
    expect(await gw('content', 'profile', { id: 'ex-atk-person' }, 'dev-reader')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('2. self-approval with two invites', () => {
  it('a person holding editor and reviewer grants cannot approve their own story, nor check their own consent form', async () => {
    await staff('o-atk-both', 'editor', STATION);
    await staff('o-atk-both', 'reviewer', 'u-wlmq');
    await ok('authoring', 'saveDraft', draft('s-atk-own'), 'o-atk-both');
    await ok('authoring', 'submit', { storyId: 's-atk-own', version: 1 }, 'o-atk-both');
    expect(await gw('authoring', 'review', { storyId: 's-atk-own', version: 2, decision: 'approve', comment: '' }, 'o-atk-both')).toMatchObject({ ok: false, error: { reason: 'own_work' } });
    expect(doc<Story>('stories', 's-atk-own')).toBeNull();
    const form = await upload('o-atk-both', 'consent', 8);
    await ok('authoring', 'saveExemplar', { id: 'ex-atk-self', kind: 'individual', name: '自审者', unitId: STATION, category: 'rescue', title: '', summary: '', photo: null, biography: '' }, 'o-atk-both');
    await ok('authoring', 'recordSignedConsent', { exemplarId: 'ex-atk-self', file: form }, 'o-atk-both');
    expect(await gw('authoring', 'verifyConsent', { exemplarId: 'ex-atk-self', decision: 'confirm', comment: '' }, 'o-atk-both')).toMatchObject({ ok: false, error: { reason: 'own_work' } });
  });
});

describe('3. a revoked admin and their old invites', () => {
  it('redeeming an invite made before the revocation grants nothing', async () => {
    await staff('o-atk-admin', 'admin', 'u-wlmq');
    const own = await ok('admin', 'createInvite', { role: 'admin', unitId: 'u-wlmq', validDays: 7 }, 'o-atk-admin');
    const grants = await ok('admin', 'listGrants', { unitId: 'u-wlmq' }, ADMIN);
    const theirs = (grants.items ?? []).filter((g) => g.role === 'admin' && (g.unit as { _id: string })._id === 'u-wlmq');
    for (const g of theirs) await ok('admin', 'revokeGrant', { grantId: g._id }, ADMIN);
    expect(await gw('admin', 'redeem', { code: own.code }, 'o-atk-admin')).toMatchObject({ ok: false, error: { reason: 'invite_authority_lost' } });
    expect(await gw('admin', 'redeem', { code: own.code }, 'o-atk-alt')).toMatchObject({ ok: false, error: { reason: 'invite_authority_lost' } });
    expect(await gw('admin', 'listInvites', { unitId: 'u-wlmq' }, 'o-atk-admin')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });
});

describe('4. timers called by name', () => {
  it.each(['publish-timer', 'nomination-timer', 'plan-timer', 'reconcile', 'media-check'])('%s refuses a user and writes nothing', async (fn) => {
    const before = cloud.db.snapshot();
    const res = await fetch(`${cloud.gatewayUrl}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': EDITOR }, body: JSON.stringify({ Type: 'Timer' }) });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(cloud.db.snapshot()).toEqual(before);
  });
});

describe('5. a replayed publish push', () => {
  it('a captured signed push cannot be replayed with a forged article URL or an unlink', async () => {
    const story = DEMO.stories.filter((s) => s.state === 'published').sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0))[0] as Story;
    const job = await ok('publish', 'start', { storyId: story._id }, PUBLISHER);
    // Wait for this job's own article (the demo story may already link an older one).
    const jobDoc = () => cloud.db.findById('publish_jobs', job._id as string) as { state: string; articleUrl: string | null } | null;
    for (let i = 0; i < 100 && jobDoc()?.state !== 'published'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(jobDoc()?.state).toBe('published');
    const linked = doc<Story>('stories', story._id)?.article?.url;
    expect(linked).toBe(jobDoc()?.articleUrl);
    const publishId = (cloud.db.findById('publish_jobs', job._id as string) as { publishId: string }).publishId;
    // What an eavesdropper holds: one signed query, accepted once by the function.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '31415926';
    const signature = createHash('sha1').update([TOKEN, timestamp, nonce].sort().join(''), 'utf8').digest('hex');
    const push = (status: number, url: string) =>
      fetch(`${cloud.gatewayUrl}/http/publish-event?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
        method: 'POST',
        body: `<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>${publishId}</publish_id><publish_status>${status}</publish_status><article_id>a1</article_id><article_url><![CDATA[${url}]]></article_url></PublishEventInfo></xml>`,
      });
    await push(0, linked as string);
    await push(0, 'https://evil.example/fake-article');
    await push(5, linked as string);
    expect(doc<Story>('stories', story._id)?.article?.url).toBe(linked);
  });
});

describe('6, 8. enrolment after 公示', () => {
  async function nominateAndApprove(nominee: unknown, targetTier: 'major' | 'reserve', key: string): Promise<string> {
    const sub = await ok('nominations', 'submit', { requestKey: key, nominatingUnitId: STATION, nominee, category: 'rescue', targetTier, deeds: '在天山山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡，受到当地群众高度赞扬。', attachments: [] }, EDITOR);
    const id = (sub.nomination as { _id: string })._id;
    await ok('nominations', 'decide', { id, decision: 'approve', comment: '' }, REVIEWER);
    await ok('nominations', 'decide', { id, decision: 'approve', comment: '' }, CORPS_REVIEWER);
    return id;
  }
  const enrol = () => cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' });

  it('an editor who creates the exemplar enrolment would create does not get it adopted', async () => {
    const id = await nominateAndApprove({ new: { kind: 'collective', name: '攻击测试站', unitId: STATION } }, 'reserve', 'attack-squat-0001');
    await ok('authoring', 'saveExemplar', { id: `ex-${id}`, kind: 'collective', name: '抢注的典型', unitId: STATION, category: 'rescue', title: '', summary: '', photo: null, biography: '' }, EDITOR);
    await enrol();
    const nom = cloud.db.findById('nominations', id) as { state: string; enrolledExemplarId: string };
    expect(nom.state).toBe('enrolled');
    expect(nom.enrolledExemplarId).not.toBe(`ex-${id}`);
    expect(doc<Exemplar>('exemplars', `ex-${id}`)).toMatchObject({ name: '抢注的典型', state: 'draft' });
    expect(doc<Exemplar>('exemplars', nom.enrolledExemplarId)).toMatchObject({ name: '攻击测试站', state: 'published' });
  });

  it('a retire decided during 公示 is not overridden by the enrolment', async () => {
    const id = await nominateAndApprove({ exemplarId: 'ex-attack-reserve' }, 'major', 'attack-retire-0001');
    await ok('library', 'changeTier', { exemplarId: 'ex-attack-reserve', change: 'retire', reason: '公示期间发现问题' }, PUBLISHER);
    await enrol();
    expect(doc<Exemplar>('exemplars', 'ex-attack-reserve')?.tier).toBe('retired');
    expect(cloud.db.findById('nominations', id)).toMatchObject({ state: 'rejected' });
  });
});

describe('7. a moved unit takes its pending stories with it', () => {
  it('the old detachment’s reviewer can no longer approve a moved station’s story', async () => {
    await staff('o-atk-mover', 'editor', 'u-wlmq-b1-s2');
    await ok('authoring', 'saveDraft', draft('s-atk-move', { unitId: 'u-wlmq-b1-s2' }), 'o-atk-mover');
    await ok('authoring', 'submit', { storyId: 's-atk-move', version: 1 }, 'o-atk-mover');
    await ok('admin', 'moveUnit', { unitId: 'u-wlmq-b1-s2', parentId: 'u-klmy-b1' }, ADMIN);
    expect(await gw('authoring', 'review', { storyId: 's-atk-move', version: 2, decision: 'approve', comment: '' }, REVIEWER)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const queue = await ok('authoring', 'reviewQueue', {}, REVIEWER);
    expect((queue.items ?? []).map((i) => i.storyId)).not.toContain('s-atk-move');
  });
});

describe('11. an image that fails WeChat’s check', () => {
  it('is removed and never reaches readers', async () => {
    const bytes = png(201);
    cloud.mediaChecks.setRules({ risky: [createHash('sha256').update(bytes).digest('hex')] });
    const file = (await ok('authoring', 'uploadImage', { purpose: 'story', base64: bytes.toString('base64') }, EDITOR)).fileId as string;
    await cloud.mediaChecks.settled();
    expect(await gw('authoring', 'saveDraft', draft('s-atk-img', { cover: file }), EDITOR)).toMatchObject({ ok: false, error: { reason: 'file_rejected' } });
    cloud.mediaChecks.reset();
  });
});

describe('12. guessing invite codes', () => {
  it('the eleventh attempt in an hour is refused even with a valid code', async () => {
    for (let i = 0; i < 10; i++) expect(await gw('admin', 'redeem', { code: `ZZZZZZ${'ABCDEFGHJK'[i]}Z` }, 'o-atk-guesser')).toMatchObject({ ok: false });
    const real = await ok('admin', 'createInvite', { role: 'editor', unitId: STATION, validDays: 7 }, ADMIN);
    expect(await gw('admin', 'redeem', { code: real.code }, 'o-atk-guesser')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', reason: 'rate_limited' } });
  });
});
