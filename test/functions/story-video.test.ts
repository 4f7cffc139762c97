/**
 * Story videos through the real wx-server-sdk on the strict local cloud: an editor sends a video
 * in parts and the server joins them, reads the video's length and size from the bytes (never
 * the client's word), keeps it held for a person (WeChat's check takes no video) and deletes the
 * parts; a story names it with its poster; only the caller's own video and poster of the right
 * kind are accepted; readers see it only once a reviewer has approved the story showing it.
 * Every refusal writes nothing. Fixtures: test/fixtures (README).
 */
import fs from 'node:fs';
import path from 'node:path';
import { VIDEO_LIMITS, type AuditEntry, type FileRecord, type StoryDetail } from '@contract';
import { fileKey } from '../../cloudfunctions/src/lib/files';
import { cloudPathOf } from '../../emulator/env';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { docs, grant, png, unit, uploadRecord } from './fixtures';
import { createHash } from 'node:crypto';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 2);

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', name));
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The drill clip with free space after it: big enough to travel in three parts. */
function bigDrill(): Buffer {
  const pad = Buffer.alloc(2 * VIDEO_LIMITS.partBytes - 40_000);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + pad.length, 0);
  head.write('free', 4, 'latin1');
  return Buffer.concat([fixture('drill-6s.mp4'), head, pad]);
}

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  t = await startTestCloud('story-video', (db) => {
    db.insertMany('units', docs([corps, detA, stA]));
    db.insertMany('roles', docs([grant('g1', 'editor-a', 'editor', 'u-sa'), grant('g2', 'editor-b', 'editor', 'u-sa'), grant('g3', 'reviewer-a', 'reviewer', 'u-da')]));
  });
}, 90_000);

afterAll(async () => {
  await t?.stop();
});

const uploadId = () => `vid${String(++seq).padStart(4, '0')}${'x'.repeat(12)}`;

/** Sends `bytes` as the editor would; answers the part file ids and the upload's name. */
async function sendParts(bytes: Buffer, openid: string, id = uploadId()): Promise<{ uploadId: string; parts: string[] }> {
  const parts: string[] = [];
  for (let i = 0; i * VIDEO_LIMITS.partBytes < bytes.length; i++) {
    const part = bytes.subarray(i * VIDEO_LIMITS.partBytes, (i + 1) * VIDEO_LIMITS.partBytes);
    parts.push(data(await t.call('authoring', 'uploadVideoPart', { uploadId: id, index: i, base64: part.toString('base64') }, openid)).fileId);
  }
  return { uploadId: id, parts };
}

async function uploadVideo(bytes: Buffer, openid = 'editor-a') {
  const sent = await sendParts(bytes, openid);
  return data(await t.call('authoring', 'finishVideoUpload', sent, openid));
}

async function uploadPoster(shade: number, openid = 'editor-a'): Promise<string> {
  const up = data(await t.call('authoring', 'uploadImage', { purpose: 'story', base64: png(shade).toString('base64') }, openid));
  await t.cloud.mediaChecks.settled();
  return up.fileId;
}

function record(fileId: string): FileRecord | null {
  return t.cloud.db.findById('files', fileKey(sha, fileId)) as FileRecord | null;
}

function stored(fileId: string): Buffer | null {
  return t.cloud.storage.read(cloudPathOf(fileId) ?? '');
}

function auditOf(action: string): AuditEntry[] {
  return Object.values(t.cloud.db.snapshot().audit ?? {})
    .map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as AuditEntry)
    .filter((e) => e.action === action);
}

/** Runs `act` and proves the database did not change at all (document versions included). */
async function writesNothing<T>(act: () => Promise<T>): Promise<T> {
  await t.cloud.mediaChecks.settled();
  const before = t.cloud.db.snapshot();
  const res = await act();
  expect(t.cloud.db.snapshot()).toEqual(before);
  return res;
}

function refusal(res: { ok: boolean; error?: { code: string; reason?: string } }) {
  return res.ok ? 'ok' : `${res.error?.code}/${res.error?.reason ?? ''}`;
}

const videoLine = (video: string, poster: string | null, claims = '480x270 6s') => `![夜间演练](${video} "video ${claims}${poster ? ` poster=${poster}` : ''}")`;

function draft(storyId: string, markdown: string) {
  return { storyId, baseVersion: 0, title: '夜间演练', summary: '', cover: null, campaignId: null, exemplarIds: [], unitId: 'u-sa', author: '特勤站宣传员', markdown };
}

describe('uploading a story video', () => {
  it('the parts are joined, read from the bytes (480×270, 6 s), stored as the caller’s video held for a person, audited once; the parts are deleted', async () => {
    const bytes = bigDrill();
    const sent = await sendParts(bytes, 'editor-a');
    expect(sent.parts).toHaveLength(3);
    for (const p of sent.parts) expect(stored(p)).not.toBeNull();
    const up = data(await t.call('authoring', 'finishVideoUpload', sent, 'editor-a'));
    expect(up).toMatchObject({ width: 480, height: 270, durationMs: 6000, bytes: bytes.length });
    expect(stored(up.fileId)?.equals(bytes)).toBe(true);
    expect(record(up.fileId)).toMatchObject({ owner: 'editor-a', purpose: 'video', durationMs: 6000, width: 480, height: 270, check: 'review', traceId: null });
    expect(auditOf('upload.video').filter((e) => e.actor === 'editor-a')).toHaveLength(1);
    for (const p of sent.parts) expect(stored(p)).toBeNull();
    // WeChat's check was never asked: it takes no video.
    expect(t.cloud.mediaChecks.log().some((c) => c.mediaUrl.includes(cloudPathOf(up.fileId) ?? '?'))).toBe(false);
  });

  it('the same video again lands on the same file and record, and audits nothing more', async () => {
    const first = await uploadVideo(fixture('drill-6s.mp4'));
    const audits = auditOf('upload.video').length;
    const again = await uploadVideo(fixture('drill-6s.mp4'));
    expect(again.fileId).toBe(first.fileId);
    expect(auditOf('upload.video')).toHaveLength(audits);
  });

  it('a clip recorded upright is recorded portrait', async () => {
    expect(await uploadVideo(fixture('portrait-3s.mp4'))).toMatchObject({ width: 36, height: 64, durationMs: 3000 });
  });

  it('refused, writing nothing: over 60 s, sound without a picture, an image, parts never sent or cut short', async () => {
    const cases: [string, Buffer][] = [
      ['video_too_long', fixture('still-61s.mp4')],
      ['not_a_video', fixture('audio-only.m4a')],
      ['not_a_video', png(9)],
    ];
    for (const [reason, bytes] of cases) {
      const sent = await sendParts(bytes, 'editor-a');
      const res = await writesNothing(() => t.call('authoring', 'finishVideoUpload', sent, 'editor-a'));
      expect(refusal(res)).toBe(`INVALID_ARGUMENT/${reason}`);
    }
    // A part that was never sent: its id is the caller's own, but storage has nothing there.
    const one = await sendParts(fixture('drill-6s.mp4'), 'editor-a');
    const missing = one.parts[0]!.replace('/0.part', '/1.part');
    expect(refusal(await writesNothing(() => t.call('authoring', 'finishVideoUpload', { uploadId: one.uploadId, parts: [one.parts[0]!, missing] }, 'editor-a')))).toBe('INVALID_ARGUMENT/video_parts_missing');
    // A short part in the middle: the parts do not line up into one file.
    const id = uploadId();
    const short = data(await t.call('authoring', 'uploadVideoPart', { uploadId: id, index: 0, base64: fixture('drill-6s.mp4').toString('base64') }, 'editor-a')).fileId;
    const last = data(await t.call('authoring', 'uploadVideoPart', { uploadId: id, index: 1, base64: png(3).toString('base64') }, 'editor-a')).fileId;
    expect(refusal(await writesNothing(() => t.call('authoring', 'finishVideoUpload', { uploadId: id, parts: [short, last] }, 'editor-a')))).toBe('INVALID_ARGUMENT/video_parts_missing');
  });

  it('only the caller’s own parts of this upload, each at its place: another editor’s parts, another upload’s, or a swapped order are refused', async () => {
    const theirs = await sendParts(bigDrill(), 'editor-b');
    expect(refusal(await writesNothing(() => t.call('authoring', 'finishVideoUpload', theirs, 'editor-a')))).toBe('INVALID_ARGUMENT/file_not_accepted');
    const mine = await sendParts(bigDrill(), 'editor-a');
    expect(refusal(await writesNothing(() => t.call('authoring', 'finishVideoUpload', { uploadId: uploadId(), parts: mine.parts }, 'editor-a')))).toBe('INVALID_ARGUMENT/file_not_accepted');
    const swapped = [mine.parts[1]!, mine.parts[0]!, mine.parts[2]!];
    expect(refusal(await writesNothing(() => t.call('authoring', 'finishVideoUpload', { uploadId: mine.uploadId, parts: swapped }, 'editor-a')))).toBe('INVALID_ARGUMENT/file_not_accepted');
    // The other editor's parts are still theirs to finish.
    expect(data(await t.call('authoring', 'finishVideoUpload', theirs, 'editor-b')).durationMs).toBe(6000);
  });

  it('a part over the part size is refused by the schema; a reader may not upload at all', async () => {
    const tooBig = Buffer.alloc(VIDEO_LIMITS.partBytes + 3).toString('base64');
    expect(refusal(await writesNothing(() => t.call('authoring', 'uploadVideoPart', { uploadId: uploadId(), index: 0, base64: tooBig }, 'editor-a')))).toBe('INVALID_ARGUMENT/');
    expect(refusal(await writesNothing(() => t.call('authoring', 'uploadVideoPart', { uploadId: uploadId(), index: 0, base64: 'AAAA' }, 'reader-1')))).toMatch(/^PERMISSION_DENIED/);
    expect(refusal(await writesNothing(() => t.call('authoring', 'finishVideoUpload', { uploadId: uploadId(), parts: [] }, 'editor-a')))).toBe('INVALID_ARGUMENT/');
    // A picture cannot be recorded as a video by naming the purpose: videos come only through finishVideoUpload.
    const asVideo = await writesNothing(() => t.raw('authoring', { action: 'uploadImage', data: { purpose: 'video', base64: png(4).toString('base64') } }, 'editor-a'));
    expect(asVideo).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('a video in a story', () => {
  let video: string;
  let poster: string;

  beforeAll(async () => {
    video = (await uploadVideo(fixture('drill-6s.mp4'))).fileId;
    poster = await uploadPoster(200);
  });

  it('a draft with a video takes the video’s size and length from its record, not from the text', async () => {
    const saved = data(await t.call('authoring', 'saveDraft', draft('sv-facts', `前\n\n${videoLine(video, poster, '100x100 1s')}`), 'editor-a'));
    expect(saved.issues).toEqual([]);
    const rev = t.cloud.db.findById('story_revisions', 'sv-facts') as { blocks: unknown[] };
    expect(rev.blocks[1]).toEqual({ type: 'video', file: video, poster, width: 480, height: 270, durationMs: 6000, caption: '夜间演练' });
    // Reopened, the editor gets the poster's URL for the video's thumbnail.
    const view = data(await t.call('authoring', 'draft', { storyId: 'sv-facts' }, 'editor-a'));
    expect(view.imageUrls[poster]).toContain('/storage/');
  });

  it('refused, writing nothing: another editor’s video, a file of the wrong kind, a video without a poster, a video over 60 s', async () => {
    const theirVideo = (await uploadVideo(fixture('portrait-3s.mp4'), 'editor-b')).fileId;
    const theirPoster = await uploadPoster(201, 'editor-b');
    const image = await uploadPoster(202);
    // An older upload, recorded when longer videos were taken: no story may show it now.
    const long = 'cloud://local-dev.6c6f-local-dev-1/authoring/video/old/long.mp4';
    t.cloud.db.insertMany('files', docs([uploadRecord(long, 'editor-a', 'video', 'review', { durationMs: 90_000, width: 640, height: 360 })]));
    const cases: [string, string][] = [
      ['foreign video', videoLine(theirVideo, poster)],
      ['foreign poster', videoLine(video, theirPoster)],
      ['an image as the video', videoLine(image, poster)],
      ['a video as the poster', videoLine(video, video)],
      ['a video as an image', `![](${video} "480x270")`],
    ];
    for (const [what, line] of cases) {
      const res = await writesNothing(() => t.call('authoring', 'saveDraft', draft(`sv-refused-${++seq}`, line), 'editor-a'));
      expect([what, refusal(res)]).toEqual([what, 'INVALID_ARGUMENT/file_not_accepted']);
    }
    const noPoster = await writesNothing(() => t.call('authoring', 'saveDraft', draft('sv-no-poster', videoLine(video, null)), 'editor-a'));
    expect(refusal(noPoster)).toBe('INVALID_ARGUMENT/video_poster_missing');
    const tooLong = await writesNothing(() => t.call('authoring', 'saveDraft', draft('sv-long', videoLine(long, poster)), 'editor-a'));
    expect(refusal(tooLong)).toBe('INVALID_ARGUMENT/video_too_long');
  });

  it('the editor previews their held video; readers see it only after a reviewer approves the story, and then with its poster', async () => {
    const md = `凌晨两点。\n\n${videoLine(video, poster)}`;
    const preview = data(await t.call('authoring', 'preview', { markdown: md }, 'editor-a'));
    expect(preview.blocks[1]).toMatchObject({ type: 'video', width: 480, height: 270, durationMs: 6000, caption: '夜间演练' });
    const shown = preview.blocks[1] as Extract<StoryDetail['blocks'][number], { type: 'video' }>;
    expect(shown.url).toContain('/storage/');
    expect(shown.poster).toContain('/storage/');
    // Another editor's preview of the same text shows neither (not their uploads, not on a story they edit).
    const other = data(await t.call('authoring', 'preview', { markdown: md }, 'editor-b'));
    expect(other.blocks.map((b) => b.type)).toEqual(['paragraph']);

    const saved = data(await t.call('authoring', 'saveDraft', draft('sv-flow', md), 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 'sv-flow', version: saved.version }, 'editor-a'));
    expect(record(video)?.check).toBe('review');
    data(await t.call('authoring', 'review', { storyId: 'sv-flow', version: saved.version + 1, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(record(video)).toMatchObject({ check: 'pass', removedAt: null });
    const story = data(await t.call('content', 'story', { id: 'sv-flow' }, 'reader-1'));
    expect(story.blocks.map((b) => b.type)).toEqual(['paragraph', 'video']);
    expect(story.blocks[1]).toMatchObject({ type: 'video', width: 480, height: 270, durationMs: 6000, caption: '夜间演练' });
    const v = story.blocks[1] as Extract<StoryDetail['blocks'][number], { type: 'video' }>;
    expect(v.url).toMatch(/\.mp4\?/);
    expect(v.poster).toMatch(/\.png\?/);
  });

  it('a published story whose video is still held shows readers the rest of the story without it', async () => {
    const held = (await uploadVideo(fixture('portrait-3s.mp4'))).fileId;
    const md = `正文。\n\n${videoLine(held, poster)}`;
    const saved = data(await t.call('authoring', 'saveDraft', draft('sv-held', md), 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 'sv-held', version: saved.version }, 'editor-a'));
    data(await t.call('authoring', 'review', { storyId: 'sv-held', version: saved.version + 1, decision: 'approve', comment: '' }, 'reviewer-a'));
    // Later a person takes it back for another look (the record says held again).
    t.cloud.db.patch('files', fileKey(sha, held), { check: 'review' });
    const story = data(await t.call('content', 'story', { id: 'sv-held' }, 'reader-1'));
    expect(story.blocks.map((b) => b.type)).toEqual(['paragraph']);
  });
});
