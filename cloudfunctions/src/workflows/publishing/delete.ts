/**
 * Deleting a story's articles from the official account when the story is taken down (撤回), by
 * the same job machinery that published them, exactly once.
 *
 * The take-down's transaction moves each job that published an article to `deleting` (a job
 * still on its way is marked to delete its article as soon as it is out) — requestDeletion
 * below. A runner holding the job's lease then:
 *
 *   1. learns the article's id: recorded from WeChat's API when the job was published (a poll or
 *      a look-up — never from a push, whose body is not signed), else found in the published
 *      list by the story card path or the article URL;
 *   2. if an intent is already recorded (a delete whose answer was lost), asks whether the
 *      article is still there (freepublish/getarticle: 53600 or is_deleted means gone) and
 *      finishes without calling again when it is gone;
 *   3. records the intent, calls freepublish/delete, and in one transaction marks the job
 *      `deleted` and drops the story's link to the article.
 *
 * An answered error (not a lost connection) did not delete anything: its intent is cleared
 * (runner.ts). Busy (-1) and network failures leave the job `deleting` for publish-timer, which
 * takes every deleting job on each run; other errors fail it with a retry offered.
 */
import type { PublishJob, Story } from '@contract';
import type { Tx } from '../../adapters/cloud';
import { OaError } from '../../adapters/official-account';
import { onTakeDown, publishJobId } from '../../domain/publish-job';
import { commit, failed, heldJob, strip, withState, type PipelineDeps } from './job-store';
import { cardPathOf, searchPublished } from './lookup';
import { unlinkStory } from './outcome';

/** freepublish/getarticle and freepublish/delete: the article_id names no article (deleted, or never there). */
export const ARTICLE_INVALID = 53600;
/** How far down the published list the article of a job without a recorded id is looked for. */
export const SEARCH_ITEMS = 200;

const REQUESTED_NOTE = '事迹已撤回';

async function articleGone(deps: PipelineDeps, articleId: string): Promise<boolean> {
  try {
    const a = await deps.oa.getArticle(articleId);
    return a.news_item.length === 0 || a.news_item.every((n) => n.is_deleted === true);
  } catch (e) {
    if (e instanceof OaError && e.errcode === ARTICLE_INVALID) return true;
    throw e;
  }
}

/** Close the job and drop the story's link to the article, in one transaction. */
async function markDeleted(deps: PipelineDeps, job: PublishJob, note?: string): Promise<PublishJob> {
  return deps.cloud.transaction(async (tx) => {
    const jobs = tx.collection('publish_jobs');
    const held = heldJob(await jobs.get(job._id), job._id, deps.owner);
    const next: PublishJob = { ...withState(held, 'deleted', deps.now(), note), failure: null, failedStep: null, lastError: null };
    if (held.articleUrl) await unlinkStory(tx, held.storyId, held.articleUrl);
    await jobs.set(job._id, strip(next));
    return next;
  });
}

/** The `delete_article` step of a job in `deleting`, run under its lease (runner.ts). */
export async function deleteArticleStep(deps: PipelineDeps, job: PublishJob): Promise<PublishJob> {
  let articleId = job.articleId ?? null;
  if (!articleId) {
    const { found, complete } = await searchPublished(deps.oa, { cardPath: cardPathOf(job), url: job.articleUrl }, SEARCH_ITEMS);
    if (!found) {
      // The whole list was read: the article is not on the account (deleted in its console).
      if (complete) return markDeleted(deps, job, '公众号已发布文章中已没有这篇文章');
      const message = `在公众号最近 ${SEARCH_ITEMS} 篇已发布文章中找不到这篇文章，请在公众号后台核实后手动删除`;
      return commit(deps, job._id, (j) => failed(j, 'delete_article', { code: 0, message, source: 'render' }, deps.now()));
    }
    if (found.deleted) return markDeleted(deps, job, '文章已在公众号删除');
    const id = found.articleId;
    articleId = id;
    // Recorded before the intent: a crash after the delete is then looked up by this id.
    job = await commit(deps, job._id, (j) => ({ ...j, articleId: id, updatedAt: deps.now() }));
  } else if (job.deleteIntentAt) {
    // A delete was asked before and its answer lost: whether it took effect is looked up, not redone.
    if (await articleGone(deps, articleId)) return markDeleted(deps, job, '已确认上次删除已生效');
  }
  job = await commit(deps, job._id, (j) => ({ ...j, deleteIntentAt: deps.now(), updatedAt: deps.now() }));
  try {
    await deps.oa.deleteArticle(articleId);
  } catch (e) {
    // The id came from WeChat's own API: "invalid" now means the article is no longer there.
    if (e instanceof OaError && e.errcode === ARTICLE_INVALID) return markDeleted(deps, job, '文章已不在公众号上');
    throw e;
  }
  return markDeleted(deps, job);
}

/**
 * In the take-down's transaction: what becomes of one of the story's jobs (domain onTakeDown).
 * Answers true when the job will delete an article.
 */
export async function requestDeletion(tx: Tx, jobId: string, by: string, at: number): Promise<boolean> {
  const jobs = tx.collection('publish_jobs');
  const found = await jobs.get(jobId);
  if (!found) return false;
  const job: PublishJob = { ...found, _id: jobId };
  const action = onTakeDown(job.state);
  if (action === null) return false;
  const deleteRequested = { by, at };
  if (action === 'delete') {
    // A published job holds no lease; publish-timer's next run takes it from here.
    await jobs.set(jobId, strip({ ...withState(job, 'deleting', at, REQUESTED_NOTE), deleteRequested, deleteIntentAt: null, lease: null }));
  } else {
    // A runner may hold this job: its next change reads the flag (every change re-reads the job).
    await jobs.set(jobId, strip({ ...job, deleteRequested, deleteWhenPublished: true }));
  }
  return true;
}

/**
 * A story linked to an article no job of it published (a link made before jobs recorded it, or
 * imported): a job of its own deletes it, found in the published list by its URL. Answers its id,
 * or null when such a job already exists.
 */
export async function requestLinkDeletion(tx: Tx, story: Pick<Story, '_id' | 'article' | 'title'>, by: string, at: number): Promise<string | null> {
  if (!story.article) return null;
  const jobs = tx.collection('publish_jobs');
  // Revision 0 when the link does not say which revision it shows: no job ever has that id.
  const revision = story.article.revision ?? 0;
  const id = publishJobId(story._id, revision);
  if (await jobs.get(id)) return null;
  const job: PublishJob = {
    _id: id,
    storyId: story._id,
    revision,
    state: 'deleting',
    mediaMap: {},
    thumbMediaId: null,
    draftMediaId: null,
    publishId: null,
    articleUrl: story.article.url,
    failure: null,
    attempts: 1,
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    title: story.title,
    failedStep: null,
    lease: null,
    articleId: null,
    deleteIntentAt: null,
    deleteRequested: { by, at },
    lastError: null,
    history: [{ state: 'deleting', at, note: REQUESTED_NOTE }],
  };
  await jobs.set(id, strip(job));
  return id;
}
