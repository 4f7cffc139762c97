/**
 * The publish pipeline, shared by the `publish` (start/retry), `publish-event` (PUBLISHJOBFINISH)
 * and `publish-timer` (resume stuck jobs, fallback polling) functions.
 *
 * Exactly once: a job is advanced only under its lease (one runner at a time), every change is a
 * read-check-write in a transaction, and the two calls that must not repeat (draft/add,
 * freepublish/submit) record an intent first. A runner that finds an intent without a result
 * looks the result up in the draft box / the published list by the story card path the article
 * carries, and only calls again when it is not there.
 */
import type { PublishJob, PublishJobState, Story } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { ImageError, prepareImage } from '../../adapters/article-images';
import { NETWORK_ERROR, OaError, type OfficialAccount } from '../../adapters/official-account';
import { escapeHtml, inlineImages, renderArticle, renderProblemText, storyCardPath, type RenderProblem } from '../../domain/article';
import { isTransient, mediaKey, outcomeOfStatus, publishJobId, resumeState, stepFrom, wechatCodeText, type PublishStep } from '../../domain/publish-job';

export interface PipelineDeps {
  cloud: Cloud;
  oa: OfficialAccount;
  /** The mini-program the article's card opens. */
  appid: string;
  now: () => number;
  /** This runner's id (lease owner). */
  owner: string;
  leaseMs?: number;
}

type Doc = Omit<PublishJob, '_id'>;

export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

function strip(job: PublishJob): Doc {
  const { _id: _ignored, ...rest } = job;
  return rest;
}

function withState(job: PublishJob, state: PublishJobState, at: number, note?: string): PublishJob {
  const entry: NonNullable<PublishJob['history']>[number] = note ? { state, at, note } : { state, at };
  return { ...job, state, updatedAt: at, history: [...(job.history ?? []), entry] };
}

/** The job for (story, revision): created once, whoever asks first; later asks get the same job. */
export async function ensureJob(c: Cloud, story: Story, openid: string, now: number): Promise<{ job: PublishJob; created: boolean }> {
  const _id = publishJobId(story._id, story.revision);
  const job: PublishJob = {
    _id,
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
    createdBy: openid,
    createdAt: now,
    updatedAt: now,
    title: story.title,
    failedStep: null,
    lease: null,
    draftIntentAt: null,
    submitIntentAt: null,
    submittedAt: null,
    lastPolledAt: null,
    lastError: null,
    history: [{ state: 'queued', at: now }],
  };
  const created = (await c.collection('publish_jobs').addOnce(job)) === 'created';
  if (created) return { job, created };
  const existing = await c.collection('publish_jobs').doc(_id).get();
  if (!existing) throw new Error(`publish job ${_id} vanished`);
  return { job: existing, created: false };
}

/** Read-check-write under the caller's lease. */
async function commit(deps: PipelineDeps, id: string, change: (job: PublishJob) => PublishJob): Promise<PublishJob> {
  return deps.cloud.transaction(async (tx) => {
    const jobs = tx.collection('publish_jobs');
    const job = await jobs.get(id);
    if (!job) throw new Error(`publish job ${id} is gone`);
    if (job.lease?.owner !== deps.owner) throw new LeaseLost(`lease on ${id} is no longer ${deps.owner}'s`);
    // The event may finish a job while its runner is between calls: the outcome wins.
    if (job.state === 'published') throw new LeaseLost(`job ${id} was published meanwhile`);
    const next = change({ ...job, _id: id });
    await jobs.set(id, strip(next));
    return next;
  });
}

async function takeLease(deps: PipelineDeps, id: string, prepare?: (job: PublishJob) => PublishJob | null): Promise<PublishJob | null> {
  const now = deps.now();
  try {
    return await deps.cloud.transaction(async (tx) => {
      const jobs = tx.collection('publish_jobs');
      const found = await jobs.get(id);
      if (!found) return null;
      let job: PublishJob | null = { ...found, _id: id };
      if (job.lease && job.lease.until > now && job.lease.owner !== deps.owner) return null;
      if (prepare) job = prepare(job);
      if (!job || stepFrom(job.state) === null) return null;
      const leased: PublishJob = { ...job, lease: { owner: deps.owner, until: now + (deps.leaseMs ?? 60_000) } };
      await jobs.set(id, strip(leased));
      return leased;
    });
  } catch {
    return null;
  }
}

async function releaseLease(deps: PipelineDeps, id: string): Promise<void> {
  try {
    await commit(deps, id, (job) => ({ ...job, lease: null }));
  } catch (e) {
    if (!(e instanceof LeaseLost)) throw e;
  }
}

function fail(job: PublishJob, step: PublishStep, failure: NonNullable<PublishJob['failure']>, at: number): PublishJob {
  return { ...withState(job, 'failed', at, failure.message), failure, failedStep: step, lastError: null };
}

function renderFailure(problem: RenderProblem): NonNullable<PublishJob['failure']> {
  // A title WeChat would refuse is reported with the code WeChat would answer.
  const code = problem.kind === 'title_too_long' ? 45003 : problem.kind === 'content_too_long' ? 45002 : 0;
  return { code, message: renderProblemText(problem), source: 'render' };
}

async function loadStory(c: Cloud, job: PublishJob): Promise<Story | null> {
  return c.collection('stories').doc(job.storyId).get();
}

/** The revision being published must still be the story's: a newer one is a new job. */
function storyProblem(story: Story | null, job: PublishJob): string | null {
  if (!story) return '事迹已被删除';
  if (story.state !== 'published') return '事迹已撤回，不能发布';
  if (story.revision !== job.revision) return `事迹已更新到第 ${story.revision} 版，请发布新版本`;
  return null;
}

async function uploadImages(deps: PipelineDeps, job: PublishJob, story: Story): Promise<PublishJob> {
  const { cloud: c, oa } = deps;
  const cover = story.cover ?? inlineImages(story.blocks)[0] ?? null;
  const files = inlineImages(story.blocks);
  if (cover && !files.includes(cover)) files.push(cover);
  for (const file of files) {
    const key = mediaKey(file);
    if (job.mediaMap[key]) continue;
    const img = prepareImage(await c.downloadFile(file), file.split('/').pop() ?? 'image');
    const url = await oa.uploadImg({ filename: img.filename, contentType: img.contentType, bytes: img.bytes });
    // Recorded per image: a crash mid-way re-uploads only what was not recorded.
    job = await commit(deps, job._id, (j) => ({ ...j, mediaMap: { ...j.mediaMap, [key]: url }, updatedAt: deps.now() }));
  }
  if (!job.thumbMediaId) {
    if (!cover) return commit(deps, job._id, (j) => fail(j, 'upload_images', { code: 0, message: '事迹没有封面或图片，公众号文章需要封面', source: 'render' }, deps.now()));
    const img = prepareImage(await c.downloadFile(cover), cover.split('/').pop() ?? 'cover');
    const material = await oa.addImageMaterial({ filename: img.filename, contentType: img.contentType, bytes: img.bytes });
    job = await commit(deps, job._id, (j) => ({ ...j, thumbMediaId: material.media_id, updatedAt: deps.now() }));
  }
  return commit(deps, job._id, (j) => withState(j, 'images_uploaded', deps.now()));
}

/** The article's card names the story and revision; the content holds it HTML-escaped. */
function carriesCard(content: string, cardPath: string): boolean {
  return content.includes(`data-miniprogram-path="${escapeHtml(cardPath)}"`);
}

async function findDraft(oa: OfficialAccount, cardPath: string): Promise<string | null> {
  // New drafts come first; an intent is minutes old, so the newest 40 are plenty.
  for (let offset = 0; offset < 40; offset += 20) {
    const page = await oa.batchGetDrafts(offset, 20);
    for (const d of page.item) if (d.content.news_item.some((n) => carriesCard(n.content, cardPath))) return d.media_id;
    if (offset + page.item_count >= page.total_count) break;
  }
  return null;
}

async function findPublished(oa: OfficialAccount, cardPath: string): Promise<string | null> {
  for (let offset = 0; offset < 40; offset += 20) {
    const page = await oa.batchGetPublished(offset, 20);
    for (const a of page.item) {
      const hit = a.content.news_item.find((n) => carriesCard(n.content, cardPath));
      if (hit) return hit.url;
    }
    if (offset + page.item_count >= page.total_count) break;
  }
  return null;
}

function cardPathOf(job: PublishJob): string {
  return storyCardPath(job.storyId, job.revision);
}

async function createDraft(deps: PipelineDeps, job: PublishJob, story: Story): Promise<PublishJob> {
  const { oa } = deps;
  if (job.attempts > 1) {
    // A retry after an unknown outcome: the revision may be out already, and must not go twice.
    const url = await findPublished(oa, cardPathOf(job));
    if (url) return markPublished(deps, job, url, '该版本已在公众号发布');
  }
  if (job.draftIntentAt) {
    const found = await findDraft(oa, cardPathOf(job));
    if (found) return commit(deps, job._id, (j) => ({ ...withState(j, 'draft_created', deps.now(), '已找回上次创建的草稿'), draftMediaId: found }));
  }
  const imageUrls: Record<string, string> = {};
  for (const file of inlineImages(story.blocks)) {
    const url = job.mediaMap[mediaKey(file)];
    if (url) imageUrls[file] = url;
  }
  const coverUrl = story.cover ? (job.mediaMap[mediaKey(story.cover)] ?? null) : null;
  const rendered = renderArticle({ story, imageUrls, appid: deps.appid, cardImageUrl: coverUrl });
  if (!rendered.ok) return commit(deps, job._id, (j) => fail(j, 'create_draft', renderFailure(rendered.problem), deps.now()));
  const a = rendered.article;
  job = await commit(deps, job._id, (j) => ({ ...j, draftIntentAt: deps.now(), updatedAt: deps.now() }));
  const mediaId = await oa.addDraft({
    title: a.title,
    author: a.author,
    digest: a.digest,
    content: a.content,
    thumb_media_id: job.thumbMediaId ?? '',
    need_open_comment: 0,
    only_fans_can_comment: 0,
  });
  return commit(deps, job._id, (j) => ({ ...withState(j, 'draft_created', deps.now()), draftMediaId: mediaId }));
}

async function submit(deps: PipelineDeps, job: PublishJob): Promise<PublishJob> {
  const { oa } = deps;
  if (job.submitIntentAt) {
    const url = await findPublished(oa, cardPathOf(job));
    if (url) return markPublished(deps, job, url, '已找回上次发布的文章');
    const draftStillThere = await findDraft(oa, cardPathOf(job));
    if (!draftStillThere) {
      // Submitted before the crash and still publishing: the event (or the timer's poll) finishes it.
      return commit(deps, job._id, (j) => ({ ...withState(j, 'submitted', deps.now(), '上次提交已被接受，等待发布结果'), submittedAt: deps.now() }));
    }
  }
  job = await commit(deps, job._id, (j) => ({ ...j, submitIntentAt: deps.now(), updatedAt: deps.now() }));
  const publishId = await oa.submit(job.draftMediaId ?? '');
  return commit(deps, job._id, (j) => ({ ...withState(j, 'submitted', deps.now()), publishId, submittedAt: deps.now() }));
}

/** Link the story to its article (idempotent), then close the job. */
async function markPublished(deps: PipelineDeps, job: PublishJob, url: string, note?: string): Promise<PublishJob> {
  await linkStory(deps.cloud, job, url, deps.now());
  return commit(deps, job._id, (j) => ({ ...withState(j, 'published', deps.now(), note), articleUrl: url, failure: null, failedStep: null, lastError: null }));
}

export async function linkStory(c: Cloud, job: Pick<PublishJob, 'storyId'>, url: string, at: number): Promise<void> {
  await c.transaction(async (tx) => {
    const stories = tx.collection('stories');
    const story = await stories.get(job.storyId);
    if (!story || story.article?.url === url) return;
    const { _id: _ignored, ...rest } = story;
    await stories.set(job.storyId, { ...rest, article: { url, publishedAt: at } });
  });
}

/**
 * Advance a job as far as it goes now: through submission, or until a failure, a transient
 * problem (recorded, left for the timer) or another runner holding the lease.
 */
export async function advance(deps: PipelineDeps, id: string, prepare?: (job: PublishJob) => PublishJob | null): Promise<PublishJob | null> {
  let job = await takeLease(deps, id, prepare);
  if (!job) return deps.cloud.collection('publish_jobs').doc(id).get();
  let step: PublishStep | null = stepFrom(job.state);
  try {
    while (step && step !== 'await_result') {
      const story = await loadStory(deps.cloud, job);
      const problem = storyProblem(story, job);
      if (problem || !story) {
        const message = problem ?? '事迹不存在';
        const s: PublishStep = step;
        job = await commit(deps, id, (j) => fail(j, s, { code: 0, message, source: 'render' }, deps.now()));
        break;
      }
      if (step === 'upload_images') job = await uploadImages(deps, job, story);
      else if (step === 'create_draft') job = await createDraft(deps, job, story);
      else job = await submit(deps, job);
      step = stepFrom(job.state);
    }
  } catch (e) {
    if (e instanceof LeaseLost) return deps.cloud.collection('publish_jobs').doc(id).get();
    const s = step ?? 'upload_images';
    if (e instanceof OaError) {
      const at = deps.now();
      // An answered call (any errcode but a lost connection) did not take effect: no intent to look up.
      if (e.errcode !== NETWORK_ERROR && (s === 'create_draft' || s === 'submit')) {
        await commit(deps, id, (j) => (s === 'create_draft' ? { ...j, draftIntentAt: null } : { ...j, submitIntentAt: null }));
      }
      if (isTransient(e.errcode)) {
        job = await commit(deps, id, (j) => ({ ...j, lastError: { code: e.errcode, message: wechatCodeText(e.errcode), at }, updatedAt: at }));
      } else {
        job = await commit(deps, id, (j) => fail(j, s, { code: e.errcode, message: wechatCodeText(e.errcode), source: 'errcode' }, at));
      }
    } else if (e instanceof ImageError) {
      const code = e.reason === 'too_large' ? 40009 : 40005;
      job = await commit(deps, id, (j) => fail(j, s, { code, message: wechatCodeText(code), source: 'errcode' }, deps.now()));
    } else {
      await releaseLease(deps, id);
      throw e;
    }
  }
  await releaseLease(deps, id);
  return deps.cloud.collection('publish_jobs').doc(id).get();
}

/** Put a failed job back where its failed step started (a stuck job resumes where it is). */
export function prepareRetry(now: number) {
  return (job: PublishJob): PublishJob | null => {
    if (job.state === 'published') return null;
    if (job.state !== 'failed') return { ...job, attempts: job.attempts + 1, updatedAt: now };
    const back = resumeState(job);
    let next: PublishJob = { ...withState(job, back, now, '重试'), failure: null, failedStep: null, lastError: null, attempts: job.attempts + 1 };
    if (back === 'images_uploaded' && job.failedStep === 'await_result') {
      // The platform refused the article: its draft is consumed, a new one is needed.
      next = { ...next, draftMediaId: null, draftIntentAt: null, submitIntentAt: null, publishId: null, submittedAt: null };
    }
    return next;
  };
}

/**
 * Apply a publish outcome (from the event or a poll) without a lease: a finished job ignores it,
 * so a repeated event changes nothing.
 */
export async function applyOutcome(c: Cloud, id: string, status: number, articleUrl: string | null, now: number, note: string): Promise<PublishJob | null> {
  const outcome = outcomeOfStatus(status, articleUrl);
  if (outcome.kind === 'pending') return c.collection('publish_jobs').doc(id).get();
  if (outcome.kind === 'published') {
    const job = await c.collection('publish_jobs').doc(id).get();
    if (!job || job.state === 'published') return job;
    await linkStory(c, job, outcome.url, now);
  }
  const taken = await c.transaction(async (tx) => {
    const jobs = tx.collection('publish_jobs');
    const found = await jobs.get(id);
    if (!found) return null;
    const job: PublishJob = { ...found, _id: id };
    // Deleted (5) or banned (6) after publication: the link is dead, so the story drops it.
    if (job.state === 'published' && outcome.kind === 'failed' && (status === 5 || status === 6)) {
      const next = fail(job, 'await_result', outcome.failure, now);
      await jobs.set(id, strip(next));
      return { next, unlink: job.articleUrl };
    }
    if (job.state === 'published' || job.state === 'failed') return { next: job, unlink: null };
    const next =
      outcome.kind === 'published'
        ? { ...withState(job, 'published', now, note), articleUrl: outcome.url, failure: null, failedStep: null, lastError: null }
        : fail(job, 'await_result', outcome.failure, now);
    await jobs.set(id, strip(next));
    return { next, unlink: null };
  });
  if (taken?.unlink) await unlinkStory(c, taken.next, taken.unlink);
  return taken?.next ?? null;
}

async function unlinkStory(c: Cloud, job: Pick<PublishJob, 'storyId'>, url: string): Promise<void> {
  await c.transaction(async (tx) => {
    const stories = tx.collection('stories');
    const story = await stories.get(job.storyId);
    if (!story || story.article?.url !== url) return;
    const { _id: _ignored, ...rest } = story;
    await stories.set(job.storyId, { ...rest, article: null });
  });
}

/** WeChat's errcode for a daily API quota reached. */
const QUOTA_REACHED = 45009;

/** A submit whose publish_id was lost and whose article never showed up: a person must look. */
export const UNKNOWN_RESULT_AFTER_MS = 24 * 3_600_000;

/** Asia/Shanghai calendar day: WeChat's daily quotas reset at its midnight. */
export function quotaDay(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Take one call of a daily-limited API from the shared budget; false when spent. */
export async function takeQuota(c: Cloud, api: string, now: number, budget: number): Promise<boolean> {
  const day = quotaDay(now);
  const id = `${api.replace(/[^A-Za-z0-9]/g, '_')}-${day}`;
  return c.transaction(async (tx) => {
    const q = tx.collection('oa_quota');
    const doc = await q.get(id);
    const count = doc?.count ?? 0;
    if (count >= budget) return false;
    await q.set(id, { api, day, count: count + 1 });
    return true;
  });
}

/** Why a poll was not made: the day's shared budget (ours, or the platform's 45009) is spent. */
export interface PollBudgetSpent {
  kind: 'budget_spent';
  /** The Asia/Shanghai day the budget is spent for; polling resumes the day after. */
  day: string;
  reason: 'budget' | 'platform_quota';
}

/** Mark the day's budget spent: WeChat said 45009, so asking again today only burns calls. */
export async function spendQuota(c: Cloud, api: string, now: number, budget: number): Promise<void> {
  const day = quotaDay(now);
  const id = `${api.replace(/[^A-Za-z0-9]/g, '_')}-${day}`;
  await c.transaction(async (tx) => {
    const q = tx.collection('oa_quota');
    const doc = await q.get(id);
    if ((doc?.count ?? 0) >= budget) return;
    await q.set(id, { api, day, count: budget });
  });
}

/**
 * Fallback for a submitted job whose event has not come: ask freepublish/get (publish_id known)
 * or look in the published list (publish_id lost with a crashed submit). freepublish/get is
 * limited to 100 calls a day per account: when the shared budget is spent the job is left
 * untouched (not marked polled) and the caller learns it, so it stops polling for the day.
 */
export async function pollJob(deps: PipelineDeps, job: PublishJob, budget: number): Promise<PublishJob | null | PollBudgetSpent> {
  const c = deps.cloud;
  const now = deps.now();
  if (job.publishId) {
    if (!(await takeQuota(c, 'freepublish/get', now, budget))) return { kind: 'budget_spent', day: quotaDay(now), reason: 'budget' };
    await c.collection('publish_jobs').doc(job._id).update({ lastPolledAt: now, updatedAt: now });
    let status: Awaited<ReturnType<OfficialAccount['getPublish']>>;
    try {
      status = await deps.oa.getPublish(job.publishId);
    } catch (e) {
      if (e instanceof OaError && e.errcode === QUOTA_REACHED) {
        // Others (the console, another tool) used the account's quota: stop for today too.
        await spendQuota(c, 'freepublish/get', now, budget);
        return { kind: 'budget_spent', day: quotaDay(now), reason: 'platform_quota' };
      }
      throw e;
    }
    const url = status.article_detail?.item[0]?.article_url ?? null;
    return applyOutcome(c, job._id, status.publish_status, url, deps.now(), '定时查询到发布结果');
  }
  await c.collection('publish_jobs').doc(job._id).update({ lastPolledAt: now, updatedAt: now });
  const url = await findPublished(deps.oa, cardPathOf(job));
  if (url) return applyOutcome(c, job._id, 0, url, deps.now(), '定时查询到发布结果');
  if (now - (job.submittedAt ?? now) >= UNKNOWN_RESULT_AFTER_MS) {
    return c.transaction(async (tx) => {
      const jobs = tx.collection('publish_jobs');
      const found = await jobs.get(job._id);
      if (!found || found.state !== 'submitted') return found ? { ...found, _id: job._id } : null;
      const next = fail({ ...found, _id: job._id }, 'await_result', { code: 0, message: '长时间未收到发布结果，请在公众号后台核实后重试', source: 'publish_status' }, now);
      await jobs.set(job._id, strip(next));
      return next;
    });
  }
  return job;
}
