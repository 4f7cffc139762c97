/**
 * Authorization of every `publish` action with the shared matrix, on the local cloud with the fake
 * official account: a publisher over the story's unit starts and retries (each writing its one
 * audit entry), the lists need the publisher role anywhere, everyone else is refused and nothing
 * is written. And publish-timer answers its trigger only: a user's call is refused before
 * anything runs, and a failure inside a run is INTERNAL with a request id, never a throw.
 */
import type { PublishJob, Result, Story } from '@contract';
import { buildDemoData, buildDemoDocuments } from '../../emulator/seed';
import type { DatabaseBackend, SeedStorage } from '../../emulator/server';
import { DEV_MATRIX_USERS, describeAuthzMatrix, MATRIX_NOW, seedMatrixWorld, type MatrixTarget, type StaffAction } from './authz-matrix';
import { data, type TestCloud } from './cloud-fixture';
import { startPublishCloud, type PublishCloud } from './publish-fixture';

let p: PublishCloud;
let tc: TestCloud;

/** The matrix world (demo corps + extra staff) with the demo's image files in storage. */
function seedWorld(db: DatabaseBackend, storage: SeedStorage): void {
  seedMatrixWorld(db);
  for (const f of buildDemoData(MATRIX_NOW).files) storage.put(f.cloudPath, f.bytes);
}

beforeAll(async () => {
  p = await startPublishCloud('publish-authz', {}, {}, seedWorld);
  tc = {
    cloud: p.cloud,
    call: async (fn, action, req, openid = 'reader-1') => (await p.cloud.invoke(fn, { action, data: req }, { openid })) as never,
    raw: (fn, event, openid = 'reader-1') => p.cloud.invoke(fn, event, { openid }),
    stop: () => p.stop(),
  };
}, 90_000);

afterAll(async () => {
  await p?.stop();
});

const DEMO = buildDemoDocuments(MATRIX_NOW);
const TEMPLATE = DEMO.stories.find((s) => s.state === 'published') as Story;

/**
 * A published story at the target's unit without pictures: its job fails at the first step
 * without calling the official account, so each cell is quick and leaves the account alone.
 */
function seedStory(target: MatrixTarget, seq: number, over: Partial<Story> = {}): Story {
  const story: Story = {
    ...TEMPLATE,
    _id: `st-mx-pub-${seq}`,
    code: `MXP${seq}`,
    unitId: target.unitId,
    unitPath: target.path,
    cover: null,
    blocks: TEMPLATE.blocks.filter((b) => b.type !== 'image'),
    article: null,
    ...over,
  };
  p.cloud.db.insertMany('stories', [story as unknown as Record<string, unknown>]);
  return story;
}

/** A failed job (at its first step) of a fresh story at the target's unit; answers its id. */
function seedFailedJob(target: MatrixTarget, seq: number): string {
  const story = seedStory(target, seq);
  const at = Date.now() - 60_000;
  const job: PublishJob = {
    _id: `${story._id}-r${story.revision}`,
    storyId: story._id,
    revision: story.revision,
    state: 'failed',
    mediaMap: {},
    thumbMediaId: null,
    draftMediaId: null,
    publishId: null,
    articleUrl: null,
    failure: { code: 45009, message: '今日接口调用次数已达上限，请明天再试', source: 'errcode' },
    attempts: 1,
    createdBy: 'dev-publisher',
    createdAt: at,
    updatedAt: at,
    title: story.title,
    failedStep: 'upload_images',
    lease: null,
    history: [
      { state: 'queued', at },
      { state: 'failed', at, note: '今日接口调用次数已达上限，请明天再试' },
    ],
  };
  p.cloud.db.insertMany('publish_jobs', [job as unknown as Record<string, unknown>]);
  return job._id;
}

const PUBLISH_ACTIONS: StaffAction[] = [
  { name: 'publish.candidates', roles: ['publisher'], scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'publish.jobs', roles: ['publisher'], scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'publish.job', roles: ['publisher'], scope: 'anywhere', writes: false, request: (target, { seq }) => ({ id: seedFailedJob(target, seq) }) },
  { name: 'publish.start', roles: ['publisher'], writes: true, request: (target, { seq }) => ({ storyId: seedStory(target, seq)._id }) },
  { name: 'publish.retry', roles: ['publisher'], writes: true, request: (target, { seq }) => ({ id: seedFailedJob(target, seq) }) },
  // The article as it would go out: read-only, nothing sent to the account.
  { name: 'publish.preview', roles: ['publisher'], writes: false, request: (target, { seq }) => ({ storyId: seedStory(target, seq)._id }) },
];

describeAuthzMatrix('publish', () => tc, PUBLISH_ACTIONS);

describe('publish-timer runs from its timer trigger only (issue 8 item 4)', () => {
  const TRIGGER = { Type: 'Timer', TriggerName: 'publish-timer' };

  it('a user’s call is refused (PERMISSION_DENIED) before anything runs — nothing written, no official-account call; the trigger’s call does the work', async () => {
    // Work waiting for the timer: a submitted job whose push never came, and a push receipt past its window.
    p.oa.setFaults({ event: 'never' });
    const view = data(await p.call('start', { storyId: TEMPLATE._id }));
    await p.oa.settle();
    expect(p.job(view._id)?.state).toBe('submitted');
    const now = Date.now();
    p.cloud.db.insertMany('oa_push_nonces', [
      { _id: 'push-expired', at: now - 3_600_000, expiresAt: now - 1_800_000 },
      { _id: 'push-live', at: now, expiresAt: now + 600_000 },
    ]);

    const before = p.cloud.db.snapshot();
    const calls = p.oa.calls().length;
    for (const user of DEV_MATRIX_USERS) {
      const r = await p.cloud.invoke('publish-timer', TRIGGER, { openid: user.openid });
      expect([user.openid, r]).toEqual([user.openid, { ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) as unknown }]);
    }
    expect(p.cloud.db.snapshot()).toEqual(before);
    expect(p.oa.calls()).toHaveLength(calls);

    const summary = await p.timer();
    expect(summary.polled).toContain(view._id);
    expect(summary.receiptsSwept).toBe(1);
    expect(p.job(view._id)?.state).toBe('published');
    expect(p.cloud.db.findById('oa_push_nonces', 'push-expired')).toBeNull();
    expect(p.cloud.db.findById('oa_push_nonces', 'push-live')).not.toBeNull();
    p.oa.setFaults({});
  });

  it('a job whose step throws is reported and logged, and the run goes on (one bad job does not block the rest)', async () => {
    // A queued job whose story's cover is missing from storage: reading it fails mid-run.
    const missing = `${String(TEMPLATE.cover).replace(/[^/]+$/, '')}missing-cover.png`;
    const story = seedStory({ unitId: TEMPLATE.unitId, path: TEMPLATE.unitPath }, 9_001, { cover: missing });
    const at = Date.now() - 3_600_000;
    const job: Partial<PublishJob> = {
      _id: `${story._id}-r${story.revision}`,
      storyId: story._id,
      revision: story.revision,
      state: 'queued',
      mediaMap: {},
      thumbMediaId: null,
      draftMediaId: null,
      publishId: null,
      articleUrl: null,
      failure: null,
      attempts: 1,
      createdBy: 'dev-publisher',
      createdAt: at,
      updatedAt: at,
      lease: null,
      history: [{ state: 'queued', at }],
    };
    p.cloud.db.insertMany('publish_jobs', [job as Record<string, unknown>]);
    const r = (await p.cloud.invoke('publish-timer', TRIGGER)) as Result<{ failed: { job: string; message: string }[] }>;
    expect(r).toMatchObject({ ok: true, data: { failed: [{ job: job._id, message: expect.any(String) }] } });
  });

  it('a failure of the run itself is answered INTERNAL with a request id, not thrown at WeChat', async () => {
    p.cloud.db.insertMany('oa_push_nonces', [{ _id: 'push-stale', expiresAt: Date.now() - 60_000 }]);
    p.cloud.db.failWrites('oa_push_nonces', 1);
    const r = (await p.cloud.invoke('publish-timer', TRIGGER)) as Result<unknown>;
    p.cloud.db.failWrites('oa_push_nonces', 0);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId: expect.stringMatching(/\S/) as unknown as string } });
  });
});
