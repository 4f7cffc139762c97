/**
 * Finishing a job: its outcome and the story's link to the article are written in ONE
 * transaction, so they can never disagree — a crash leaves both as they were or both done, and a
 * late event cannot link the story of a job that already failed. A push's one-time receipt
 * (push.ts) is recorded in that same transaction: a push whose processing failed can be
 * delivered again, a push that was applied cannot.
 */
import type { PublishJob, PublishJobState } from '@contract';
import type { Cloud, Tx } from '../../adapters/cloud';
import { outcomeOfStatus } from '../../domain/publish-job';
import { failed, heldJob, strip, withState, type PipelineDeps } from './job-store';
import type { PushReceipt } from './push';

/** Link the story to its article, with the revision the article shows (the publish page compares it with the current one). */
async function linkStory(tx: Tx, storyId: string, url: string, revision: number, at: number): Promise<void> {
  const stories = tx.collection('stories');
  const story = await stories.get(storyId);
  if (!story || story.article?.url === url) return;
  const { _id: _ignored, ...rest } = story;
  await stories.set(storyId, { ...rest, article: { url, publishedAt: at, revision } });
}

/** Drop the story's link when it is still this article's (a newer revision may have its own). */
export async function unlinkStory(tx: Tx, storyId: string, url: string): Promise<void> {
  const stories = tx.collection('stories');
  const story = await stories.get(storyId);
  if (!story || story.article?.url !== url) return;
  const { _id: _ignored, ...rest } = story;
  await stories.set(storyId, { ...rest, article: null });
}

/** The states a publish outcome can still finish. */
const ON_ITS_WAY: readonly PublishJobState[] = ['queued', 'images_uploaded', 'draft_created', 'submitted'];

const DELETE_AFTER_PUBLISH_NOTE = '事迹已撤回，发布后即删除';

/**
 * The job once its article is out: published, and linked from the story — or, when the story
 * was taken down with its article while the job was on its way, on to deleting it (the story is
 * not linked to an article about to go).
 */
async function finishPublished(tx: Tx, job: PublishJob, url: string, articleId: string | null, at: number, note?: string): Promise<PublishJob> {
  const out: PublishJob = { ...withState(job, 'published', at, note), articleUrl: url, failure: null, failedStep: null, lastError: null };
  if (articleId) out.articleId = articleId;
  if (job.deleteWhenPublished) return { ...withState(out, 'deleting', at, DELETE_AFTER_PUBLISH_NOTE), deleteWhenPublished: false, deleteIntentAt: null };
  await linkStory(tx, job.storyId, url, job.revision, at);
  return out;
}

/** The runner found the article (published before a crash, or looked up): close the job and link the story. */
export async function markPublished(deps: PipelineDeps, job: PublishJob, url: string, note?: string, articleId: string | null = null): Promise<PublishJob> {
  return deps.cloud.transaction(async (tx) => {
    const jobs = tx.collection('publish_jobs');
    const held = heldJob(await jobs.get(job._id), job._id, deps.owner);
    const next = await finishPublished(tx, held, url, articleId, deps.now(), note);
    await jobs.set(job._id, strip(next));
    return next;
  });
}

/** Record a push's receipt in `tx`: false when it was recorded before (a replay). */
async function consumeReceipt(tx: Tx, receipt: PushReceipt): Promise<boolean> {
  const receipts = tx.collection('oa_push_nonces');
  if (await receipts.get(receipt.id)) return false;
  await receipts.set(receipt.id, { at: receipt.at, expiresAt: receipt.expiresAt });
  return true;
}

/** Record the receipt of a push that applies nothing (another message, no job): false for a replay. */
export async function recordPush(c: Cloud, receipt: PushReceipt): Promise<boolean> {
  return c.transaction((tx) => consumeReceipt(tx, receipt));
}

/** Whether a push with this receipt was accepted before (checked again where it is recorded). */
export async function pushSeen(c: Cloud, receipt: PushReceipt): Promise<boolean> {
  return (await c.collection('oa_push_nonces').doc(receipt.id).select(['_id']).get()) !== null;
}

export interface Applied {
  job: PublishJob | null;
  /** The push's receipt was recorded before: nothing was applied. */
  replayed: boolean;
}

/**
 * Apply a publish outcome (from the event or a poll) without a lease. A finished job ignores it
 * (a repeated event changes nothing; a late success for a failed job links nothing — the
 * publisher sees the failure and retries), except an article deleted (5) or banned (6) after
 * publication, which fails the job and unlinks the story. A job deleting or deleted its article
 * (its story was taken down) ignores every outcome. `articleId`, when read from WeChat's API (a
 * poll, never a push: a push's body is not signed), is recorded for a later delete.
 */
export async function applyOutcome(
  c: Cloud,
  id: string,
  status: number,
  articleUrl: string | null,
  now: number,
  note: string,
  receipt?: PushReceipt,
  articleId: string | null = null,
): Promise<Applied> {
  const outcome = outcomeOfStatus(status, articleUrl);
  return c.transaction(async (tx): Promise<Applied> => {
    if (receipt && !(await consumeReceipt(tx, receipt))) return { job: null, replayed: true };
    const jobs = tx.collection('publish_jobs');
    const found = await jobs.get(id);
    if (!found) return { job: null, replayed: false };
    const job: PublishJob = { ...found, _id: id };
    if (outcome.kind === 'pending') return { job, replayed: false };
    if (job.state === 'published' && outcome.kind === 'failed' && (status === 5 || status === 6)) {
      if (job.articleUrl) await unlinkStory(tx, job.storyId, job.articleUrl);
      const next = failed(job, 'await_result', outcome.failure, now);
      await jobs.set(id, strip(next));
      return { job: next, replayed: false };
    }
    if (!ON_ITS_WAY.includes(job.state)) return { job, replayed: false };
    let next: PublishJob;
    if (outcome.kind === 'published') {
      next = await finishPublished(tx, job, outcome.url, articleId, now, note);
    } else {
      next = failed(job, 'await_result', outcome.failure, now);
    }
    await jobs.set(id, strip(next));
    return { job: next, replayed: false };
  });
}
