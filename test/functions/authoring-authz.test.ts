/**
 * Authorization of every authoring action with the shared matrix: each dev identity, inside and
 * outside the subtree, is allowed exactly when its grants say so; a refusal writes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Story, StoryRevision } from '@contract';
import type { DatabaseBackend } from '../../emulator/server';
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { localFileId } from '../../emulator/env';
import { png, uploadRecord } from './fixtures';
import { describeAuthzMatrix, MATRIX_FUNCTION_ENV, matrixUnit, seedExemplar, seedMatrixWorld, type StaffAction } from './authz-matrix';

let t: TestCloud;

/** A real 6 s clip (test/fixtures) for the video upload cells. */
const DRILL = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'drill-6s.mp4'));
/** A `free` box holding `n`: appended to a video it changes the bytes, not the video. */
function freeBox(n: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(16, 0);
  b.write('free', 4, 'latin1');
  b.writeUInt32BE(n, 8);
  return b;
}

beforeAll(async () => {
  t = await startTestCloud('authoring-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

/** A working revision at `unitId` in `state`, version 1; answers the story id. */
function seedRevision(db: DatabaseBackend, unitId: string, seq: number, state: StoryRevision['state']): string {
  const now = Date.now();
  const rev: StoryRevision = {
    _id: `mx-story-${seq}`,
    revision: 1,
    version: 1,
    title: `矩阵事迹${seq}`,
    summary: '',
    cover: null,
    campaignId: null,
    exemplarIds: [],
    unitId,
    unitPath: matrixUnit(unitId).path,
    author: '宣传员',
    authorOpenid: 'dev-editor',
    markdown: '正文',
    blocks: [{ type: 'paragraph', spans: [{ text: '正文' }] }],
    state,
    secCheck: state === 'in_review' ? 'pass' : null,
    history: [],
    submittedAt: state === 'in_review' ? now - 1000 : null,
    createdAt: now - 2000,
    updatedAt: now - 1000,
  };
  db.insertMany('story_revisions', [rev as unknown as Record<string, unknown>]);
  return rev._id;
}

/** A published story at `unitId` (no campaign, no exemplars, no article); answers its id. */
function seedPublishedStory(db: DatabaseBackend, unitId: string, seq: number): string {
  const now = Date.now();
  const story: Story = {
    _id: `mx-pub-${seq}`,
    code: `MXS${seq}`,
    title: `矩阵已发布事迹${seq}`,
    summary: '',
    cover: null,
    campaignId: null,
    exemplarIds: [],
    unitId,
    unitPath: matrixUnit(unitId).path,
    author: '宣传员',
    blocks: [{ type: 'paragraph', spans: [{ text: '正文' }] }],
    state: 'published',
    revision: 1,
    publishedAt: now - 86_400_000,
    createdAt: now - 2 * 86_400_000,
    updatedAt: now - 86_400_000,
    likeCount: 0,
    viewCount: 0,
    shareCount: 0,
    article: null,
  };
  db.insertMany('stories', [story as unknown as Record<string, unknown>]);
  return story._id;
}

function seedHonor(db: DatabaseBackend, exemplarId: string, seq: number): string {
  const id = `mx-honor-${seq}`;
  db.insertMany('honors', [{ _id: id, exemplarId, title: '矩阵荣誉', level: 'county', date: '2024-01-01', awardedBy: '县政府' }]);
  return id;
}

const draftBody = (unitId: string, seq: number) => ({
  storyId: `mx-new-${seq}`,
  baseVersion: 0,
  title: '矩阵新稿',
  summary: '',
  cover: null,
  campaignId: null,
  exemplarIds: [],
  unitId,
  author: '宣传员',
  markdown: '## 标题\n\n正文',
});

const exemplarBody = (id: string, unitId: string) => ({
  id,
  kind: 'collective' as const,
  name: '矩阵典型',
  unitId,
  category: 'rescue' as const,
  title: '',
  summary: '',
  photo: null,
  biography: '',
});

export const AUTHORING_ACTIONS: StaffAction[] = [
  { name: 'authoring.saveDraft', roles: ['editor'], writes: true, auditAction: 'story.draft.create', request: (target, { seq }) => draftBody(target.unitId, seq) },
  { name: 'authoring.draft', roles: ['editor', 'reviewer'], writes: false, request: (target, { t, seq }) => ({ storyId: seedRevision(t.cloud.db, target.unitId, seq, 'draft') }) },
  { name: 'authoring.submit', roles: ['editor'], writes: true, auditAction: 'story.submit', request: (target, { t, seq }) => ({ storyId: seedRevision(t.cloud.db, target.unitId, seq, 'draft'), version: 1 }) },
  { name: 'authoring.withdraw', roles: ['editor'], writes: true, auditAction: 'story.withdraw', request: (target, { t, seq }) => ({ storyId: seedRevision(t.cloud.db, target.unitId, seq, 'in_review'), version: 1 }) },
  {
    name: 'authoring.review',
    roles: ['reviewer'],
    writes: true,
    auditAction: 'story.approve',
    request: (target, { t, seq }) => ({ storyId: seedRevision(t.cloud.db, target.unitId, seq, 'in_review'), version: 1, decision: 'approve', comment: '' }),
  },
  // 撤回: a reviewer or an admin over the story's unit (the article option is the publish pipeline's, tested there).
  {
    name: 'authoring.takeDown',
    roles: ['reviewer', 'admin'],
    writes: true,
    auditAction: 'story.take_down',
    request: (target, { t, seq }) => ({ storyId: seedPublishedStory(t.cloud.db, target.unitId, seq), reason: '事迹内容有误，需核实', deleteArticle: false }),
  },
  { name: 'authoring.storyContext', roles: ['editor', 'reviewer'], writes: false, request: (target, { t, seq }) => ({ storyId: seedRevision(t.cloud.db, target.unitId, seq, 'in_review') }) },
  { name: 'authoring.preview', roles: ['editor', 'reviewer'], scope: 'anywhere', writes: false, request: () => ({ markdown: '## 预览' }) },
  { name: 'authoring.reviewQueue', roles: ['reviewer'], scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'authoring.uploadImage', roles: ['editor'], scope: 'anywhere', writes: true, auditAction: 'upload.image', request: (_t, { seq }) => ({ purpose: 'story', base64: png(seq % 250).toString('base64') }) },
  // A campaign's cover is an admin's upload (专题管理), not an editor's.
  { name: 'authoring.uploadImage', label: 'campaign cover', roles: ['admin'], scope: 'anywhere', writes: true, auditAction: 'upload.image', request: (_t, { seq }) => ({ purpose: 'cover', base64: png(seq % 250).toString('base64') }) },
  // A story video, in parts then finished: any editor (the parts live under the caller's own folder).
  { name: 'authoring.uploadVideoPart', roles: ['editor'], scope: 'anywhere', writes: false, request: (_t, { seq }) => ({ uploadId: `mxvideo${String(seq).padStart(12, '0')}`, index: 0, base64: png(seq % 250).toString('base64') }) },
  {
    name: 'authoring.finishVideoUpload',
    roles: ['editor'],
    scope: 'anywhere',
    writes: true,
    auditAction: 'upload.video',
    // The caller's own part, as uploadVideoPart would have stored it; distinct bytes per cell, so each upload is fresh.
    request: (_t, { t, seq, caller }) => {
      const uploadId = `mxvideo${String(seq).padStart(12, '0')}`;
      const folder = createHash('sha256').update(`uploader:${caller?.openid ?? ''}`, 'utf8').digest('hex').slice(0, 16);
      const part = t.cloud.storage.put(`authoring/video-parts/${folder}/${uploadId}/0.part`, Buffer.concat([DRILL, freeBox(seq)]));
      return { uploadId, parts: [part] };
    },
  },
  // The campaigns a story may be filed under: any editor (campaigns are corps-wide).
  { name: 'authoring.campaignOptions', roles: ['editor'], scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'authoring.exemplar', roles: ['editor'], writes: false, request: (target, { t, seq }) => ({ id: seedExemplar(t.cloud.db, target.unitId, seq) }) },
  // 本单位典型资料: any editor, over their own subtrees only (the list is scoped by their grants).
  { name: 'authoring.unitExemplars', roles: ['editor'], scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'authoring.saveExemplar', roles: ['editor'], writes: true, auditAction: 'exemplar.create', request: (target, { seq }) => exemplarBody(`mx-new-ex-${seq}`, target.unitId) },
  { name: 'authoring.setExemplarState', roles: ['editor'], writes: true, auditAction: 'exemplar.state', request: (target, { t, seq }) => ({ id: seedExemplar(t.cloud.db, target.unitId, seq), state: 'draft' }) },
  {
    name: 'authoring.saveHonor',
    roles: ['editor'],
    writes: true,
    auditAction: 'honor.create',
    request: (target, { t, seq }) => ({ exemplarId: seedExemplar(t.cloud.db, target.unitId, seq), honor: { _id: `mx-h-${seq}`, title: '矩阵荣誉', level: 'county', date: '2024-01-01', awardedBy: '县政府' } }),
  },
  {
    name: 'authoring.removeHonor',
    roles: ['editor'],
    writes: true,
    auditAction: 'honor.remove',
    request: (target, { t, seq }) => {
      const exemplarId = seedExemplar(t.cloud.db, target.unitId, seq, { honorCount: 1 });
      return { exemplarId, honorId: seedHonor(t.cloud.db, exemplarId, seq) };
    },
  },
  {
    name: 'authoring.savePlacement',
    roles: ['editor'],
    writes: true,
    auditAction: 'placement.create',
    request: (target, { t, seq }) => ({ exemplarId: seedExemplar(t.cloud.db, target.unitId, seq), placement: { _id: `mx-p-${seq}`, outlet: '新疆日报', title: '稿件', date: '2024-01-02', link: null } }),
  },
  {
    name: 'authoring.removePlacement',
    roles: ['editor'],
    writes: true,
    auditAction: 'placement.remove',
    request: (target, { t, seq }) => {
      const exemplarId = seedExemplar(t.cloud.db, target.unitId, seq);
      t.cloud.db.insertMany('placements', [{ _id: `mx-p-${seq}`, exemplarId, storyId: null, outlet: '新疆日报', title: '稿件', date: '2024-01-02', link: null }]);
      return { exemplarId, placementId: `mx-p-${seq}` };
    },
  },
  {
    name: 'authoring.requestConsent',
    roles: ['editor'],
    writes: true,
    auditAction: 'consent.request',
    request: (target, { t, seq }) => ({ exemplarId: seedExemplar(t.cloud.db, target.unitId, seq, { kind: 'individual', state: 'draft' }) }),
  },
  {
    name: 'authoring.recordSignedConsent',
    roles: ['editor'],
    writes: true,
    auditAction: 'consent.signed_form',
    // The caller's own scan (a file id is accepted only from its uploader): refusals are still about the role.
    request: (target, { t, seq, caller }) => ({ exemplarId: seedExemplar(t.cloud.db, target.unitId, seq, { kind: 'individual', state: 'draft' }), file: seedScan(t.cloud, seq, caller?.openid ?? 'mx-uploader') }),
  },
  { name: 'authoring.consentQueue', roles: ['reviewer'], scope: 'anywhere', writes: false, request: () => ({}) },
  {
    name: 'authoring.consentScan',
    roles: ['reviewer'],
    // Each view of a scan is audited.
    writes: true,
    auditAction: 'consent.view',
    request: (target, { t, seq }) => ({ exemplarId: seedFormAwaitingCheck(t.cloud, target.unitId, seq) }),
  },
  {
    name: 'authoring.verifyConsent',
    roles: ['reviewer'],
    writes: true,
    auditAction: 'consent.verify',
    request: (target, { t, seq }) => ({ exemplarId: seedFormAwaitingCheck(t.cloud, target.unitId, seq), decision: 'confirm', comment: '' }),
  },
  {
    name: 'authoring.withdrawConsent',
    roles: ['admin'],
    writes: true,
    auditAction: 'consent.withdraw',
    request: (target, { t, seq }) => ({ exemplarId: seedFormAwaitingCheck(t.cloud, target.unitId, seq), reason: '本人书面申请撤回' }),
  },
];

/** A consent scan uploaded by `owner`, as the upload function records it; answers its file id. */
function seedScan(cloud: TestCloud['cloud'], seq: number, owner: string): string {
  const path = `authoring/consent/mx/${seq}.png`;
  cloud.storage.put(path, png(seq % 250));
  const fileId = localFileId(path);
  cloud.db.insertMany('files', [uploadRecord(fileId, owner, 'consent', 'not_needed') as unknown as Record<string, unknown>]);
  return fileId;
}

/** An individual at `unitId` whose signed form (uploaded by a nominator outside the matrix) waits for a check. */
function seedFormAwaitingCheck(cloud: TestCloud['cloud'], unitId: string, seq: number): string {
  const file = seedScan(cloud, seq, 'mx-uploader');
  return seedExemplar(cloud.db, unitId, seq, {
    kind: 'individual',
    state: 'draft',
    name: `矩阵个人${seq}`,
    consent: { method: 'signed_form', evidence: file, recordedAt: Date.now() - 1000, recordedBy: 'mx-uploader', name: `矩阵个人${seq}`, verifiedBy: null, verifiedAt: null },
  });
}

describeAuthzMatrix('authoring', () => t, AUTHORING_ACTIONS);

describe('the return decision is a reviewer’s too', () => {
  it('an editor cannot return a story even in their own unit, and nothing is written', async () => {
    const storyId = seedRevision(t.cloud.db, 'u-wlmq-b1-s1', 990_001, 'in_review');
    const before = t.cloud.db.snapshot();
    const res = await t.call('authoring', 'review', { storyId, version: 1, decision: 'return', comment: '改' }, 'dev-editor');
    expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(t.cloud.db.snapshot()).toEqual(before);
  });
});
