/**
 * Issue 8 item 11: uploaded images go through WeChat's image check (security.mediaCheckAsync,
 * verdict later as the wxa_media_check push to the media-check function). Until an image passes,
 * readers never see it; a risky image is deleted; a lost verdict is asked again by the sweep; a
 * forged push changes nothing; only the timer runs the sweep.
 */
import { createHash } from 'node:crypto';
import type { FileRecord } from '@contract';
import { fileKey } from '../../cloudfunctions/src/lib/files';
import { cloudPathOf } from '../../emulator/env';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { docs, grant, png, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-d', 'detachment', corps, 1);
const st = unit('u-s', 'station', det, 2);

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('media-check', (db) => {
    db.insertMany('units', docs([corps, det, st]));
    db.insertMany('roles', docs([grant('g1', 'editor', 'editor', 'u-s'), grant('g2', 'reviewer', 'reviewer', 'u-d')]));
  });
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.cloud.mediaChecks.reset();
  t.cloud.faults.clear();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const keyOf = (fileId: string) => fileKey((s) => createHash('sha256').update(s, 'utf8').digest('hex'), fileId);
const record = (fileId: string) => t.cloud.db.findById('files', keyOf(fileId)) as FileRecord | null;

async function upload(shade: number, purpose: 'story' | 'photo' | 'consent' = 'story'): Promise<{ fileId: string; bytes: Buffer }> {
  const bytes = png(shade);
  const up = data(await t.call('authoring', 'uploadImage', { purpose, base64: bytes.toString('base64') }, 'editor'));
  return { fileId: up.fileId, bytes };
}

/** A story with `cover` written, submitted and approved: what readers would see. */
async function publishWithCover(storyId: string, cover: string): Promise<void> {
  const draft = { storyId, baseVersion: 0, title: '图片检查', summary: '', cover, campaignId: null, exemplarIds: [], unitId: 'u-s', author: '宣传员', markdown: '正文' };
  data(await t.call('authoring', 'saveDraft', draft, 'editor'));
  data(await t.call('authoring', 'submit', { storyId, version: 1 }, 'editor'));
  data(await t.call('authoring', 'review', { storyId, version: 2, decision: 'approve', comment: '' }, 'reviewer'));
}

const sweep = () => t.cloud.invoke('media-check', { Type: 'Timer', TriggerName: 'media-check-sweep', Time: new Date().toISOString() }) as Promise<{ ok: boolean; data?: { asked: string[]; gaveUp: string[] }; error?: { code: string } }>;

describe('an uploaded image is checked by WeChat before readers see it', () => {
  it('the upload asks mediaCheckAsync with a URL WeChat can download, the uploader’s openid and the scene', async () => {
    const { fileId } = await upload(11);
    const call = t.cloud.openapiLog().filter((e) => e.api === 'security.mediaCheckAsync').at(-1);
    expect(call?.request).toMatchObject({ media_type: 2, version: 2, scene: 3, openid: 'editor', media_url: expect.stringMatching(/^http/) });
    expect(record(fileId)).toMatchObject({ owner: 'editor', purpose: 'story', check: 'pending', traceId: expect.any(String) });
    await t.cloud.mediaChecks.settled();
    expect(record(fileId)).toMatchObject({ check: 'pass', checkDecidedAt: expect.any(Number) });
  });

  it('a consent scan is never sent to the check (it is never public, and it is a person’s signed form)', async () => {
    const before = t.cloud.openapiLog().filter((e) => e.api === 'security.mediaCheckAsync').length;
    const { fileId } = await upload(12, 'consent');
    expect(t.cloud.openapiLog().filter((e) => e.api === 'security.mediaCheckAsync')).toHaveLength(before);
    expect(record(fileId)).toMatchObject({ check: 'not_needed' });
  });

  it('a story approved while its cover is still being checked shows no cover to readers until the verdict passes', async () => {
    t.cloud.mediaChecks.setPush('never');
    const { fileId } = await upload(13);
    await publishWithCover('s-held', fileId);
    const held = data(await t.call('content', 'story', { id: 's-held' }));
    expect(held.cover).toBeNull();
    expect(data(await t.call('content', 'feed', {})).items.find((s) => s._id === 's-held')?.cover ?? null).toBeNull();

    // The verdict never came: 40 minutes later the sweep asks again, and this time it arrives.
    t.cloud.db.patch('files', keyOf(fileId), { checkRequestedAt: Date.now() - 41 * 60_000 });
    t.cloud.mediaChecks.setPush('normal');
    const run = await sweep();
    expect(run).toMatchObject({ ok: true, data: { asked: [keyOf(fileId)] } });
    await t.cloud.mediaChecks.settled();
    expect(record(fileId)).toMatchObject({ check: 'pass', checkAttempts: 2 });
    expect(data(await t.call('content', 'story', { id: 's-held' })).cover).toMatch(/^http/);
  });

  it('a risky image is deleted from storage, audited, never shown, and cannot be used again', async () => {
    const bytes = png(14);
    t.cloud.mediaChecks.setRules({ risky: [sha(bytes)] });
    const up = data(await t.call('authoring', 'uploadImage', { purpose: 'story', base64: bytes.toString('base64') }, 'editor'));
    await t.cloud.mediaChecks.settled();
    expect(record(up.fileId)).toMatchObject({ check: 'risky', removedAt: expect.any(Number) });
    expect(t.cloud.storage.read(cloudPathOf(up.fileId) as string)).toBeNull();
    const audit = Object.values(t.cloud.db.snapshot().audit ?? {}).map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as { action: string; subject: { id: string } });
    expect(audit.find((a) => a.action === 'file.removed' && a.subject.id === keyOf(up.fileId))).toBeDefined();
    const draft = { storyId: 's-risky', baseVersion: 0, title: 't', summary: '', cover: up.fileId, campaignId: null, exemplarIds: [], unitId: 'u-s', author: 'a', markdown: 'x' };
    const before = t.cloud.db.snapshot();
    expect(await t.call('authoring', 'saveDraft', draft, 'editor')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'file_rejected' } });
    expect(t.cloud.db.snapshot()).toEqual(before);
  });

  it('a verdict WeChat pushes twice is applied once', async () => {
    t.cloud.mediaChecks.setPush('twice');
    const { fileId } = await upload(15);
    await t.cloud.mediaChecks.settled();
    expect(record(fileId)).toMatchObject({ check: 'pass' });
  });

  it('a failed check request (WeChat busy) leaves the image held, and the sweep asks again', async () => {
    t.cloud.faults.failOpenApi('security.mediaCheckAsync', -1, 'system error');
    const { fileId } = await upload(16);
    expect(record(fileId)).toMatchObject({ check: 'pending', traceId: null, checkAttempts: 1 });
    t.cloud.db.patch('files', keyOf(fileId), { checkRequestedAt: Date.now() - 41 * 60_000 });
    await sweep();
    await t.cloud.mediaChecks.settled();
    expect(record(fileId)).toMatchObject({ check: 'pass', checkAttempts: 2 });
  });

  it('after three unanswered requests the image is held for good (a person must look)', async () => {
    t.cloud.mediaChecks.setPush('never');
    const { fileId } = await upload(17);
    for (let i = 0; i < 3; i++) {
      t.cloud.db.patch('files', keyOf(fileId), { checkRequestedAt: Date.now() - 41 * 60_000 });
      await sweep();
    }
    expect(record(fileId)).toMatchObject({ check: 'review', checkAttempts: 3 });
  });
});

describe('the media-check function cannot be driven by a user', () => {
  it('a forged push names no trace id we issued and changes nothing', async () => {
    t.cloud.mediaChecks.setPush('never');
    const { fileId } = await upload(18);
    const before = t.cloud.db.snapshot();
    const forged = { ToUserName: 'gh_x', FromUserName: 'editor', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'wxa_media_check', trace_id: 'guessed-trace-id', version: 2, result: { suggest: 'pass', label: 100 }, detail: [] };
    expect(await t.cloud.invoke('media-check', forged, { openid: 'editor' })).toBe('success');
    expect(t.cloud.db.snapshot()).toEqual(before);
    expect(record(fileId)).toMatchObject({ check: 'pending' });
  });

  it('a user calling the sweep is refused before anything runs', async () => {
    const before = t.cloud.db.snapshot();
    const res = (await t.cloud.invoke('media-check', {}, { openid: 'editor' })) as { ok: boolean; error?: { code: string } };
    expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(t.cloud.db.snapshot()).toEqual(before);
  });
});

it('no query of the suite needed an undeclared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
