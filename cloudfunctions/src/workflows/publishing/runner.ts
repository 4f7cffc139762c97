/**
 * The publish pipeline's runner, shared by the `publish` (start/retry), `publish-event`
 * (PUBLISHJOBFINISH) and `publish-timer` (resume stuck jobs, fallback polling) functions.
 *
 * Exactly once: a job is advanced only under its lease (one runner at a time), every change is a
 * read-check-write in a transaction, and the two calls that must not repeat (draft/add,
 * freepublish/submit) record an intent first. A runner that finds an intent without a result
 * looks the result up in the draft box / the published list by the story card path the article
 * carries, and only calls again when it is not there.
 */
import type { PublishJob, Story } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { ImageError, prepareImage } from '../../adapters/article-images';
import { NETWORK_ERROR, OaError } from '../../adapters/official-account';
import { inlineImages, renderArticle, renderProblemText, type RenderProblem } from '../../domain/article';
import { isTransient, mediaKey, resumeState, stepFrom, wechatCodeText, type PublishStep } from '../../domain/publish-job';
import { commit, failed, LeaseLost, releaseLease, takeLease, withState, type PipelineDeps } from './job-store';
import { deleteArticleStep } from './delete';
import { cardPathOf, findDraft, findPublished } from './lookup';
import { markPublished } from './outcome';

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
    if (!cover) return commit(deps, job._id, (j) => failed(j, 'upload_images', { code: 0, message: '事迹没有封面或图片，公众号文章需要封面', source: 'render' }, deps.now()));
    const img = prepareImage(await c.downloadFile(cover), cover.split('/').pop() ?? 'cover');
    const material = await oa.addImageMaterial({ filename: img.filename, contentType: img.contentType, bytes: img.bytes });
    job = await commit(deps, job._id, (j) => ({ ...j, thumbMediaId: material.media_id, updatedAt: deps.now() }));
  }
  return commit(deps, job._id, (j) => withState(j, 'images_uploaded', deps.now()));
}

async function createDraft(deps: PipelineDeps, job: PublishJob, story: Story): Promise<PublishJob> {
  const { oa } = deps;
  if (job.attempts > 1) {
    // A retry after an unknown outcome: the revision may be out already, and must not go twice.
    const found = await findPublished(oa, cardPathOf(job));
    if (found) return markPublished(deps, job, found.url, '该版本已在公众号发布', found.articleId);
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
  if (!rendered.ok) return commit(deps, job._id, (j) => failed(j, 'create_draft', renderFailure(rendered.problem), deps.now()));
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
    const found = await findPublished(oa, cardPathOf(job));
    if (found) return markPublished(deps, job, found.url, '已找回上次发布的文章', found.articleId);
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

/**
 * Advance a job as far as it goes now: through submission, or until a failure, a transient
 * problem (recorded, left for the timer) or another runner holding the lease.
 */
export async function advance(deps: PipelineDeps, id: string): Promise<PublishJob | null> {
  const job = await takeLease(deps, id);
  if (!job) return deps.cloud.collection('publish_jobs').doc(id).get();
  return runLeased(deps, job);
}

/** Run a job this runner holds the lease of, then release the lease; answers the job as it is now. */
export async function runLeased(deps: PipelineDeps, leased: PublishJob): Promise<PublishJob | null> {
  const id = leased._id;
  let job = leased;
  let step: PublishStep | null = stepFrom(job.state);
  try {
    while (step && step !== 'await_result') {
      if (step === 'delete_article') {
        // The story is taken down: nothing about it is checked, the article just goes.
        job = await deleteArticleStep(deps, job);
        step = stepFrom(job.state);
        continue;
      }
      const story = await loadStory(deps.cloud, job);
      const problem = storyProblem(story, job);
      if (problem || !story) {
        const message = problem ?? '事迹不存在';
        const s: PublishStep = step;
        job = await commit(deps, id, (j) => failed(j, s, { code: 0, message, source: 'render' }, deps.now()));
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
      if (e.errcode !== NETWORK_ERROR && (s === 'create_draft' || s === 'submit' || s === 'delete_article')) {
        await commit(deps, id, (j) => (s === 'create_draft' ? { ...j, draftIntentAt: null } : s === 'submit' ? { ...j, submitIntentAt: null } : { ...j, deleteIntentAt: null }));
      }
      if (isTransient(e.errcode)) {
        job = await commit(deps, id, (j) => ({ ...j, lastError: { code: e.errcode, message: wechatCodeText(e.errcode), at }, updatedAt: at }));
      } else {
        job = await commit(deps, id, (j) => failed(j, s, { code: e.errcode, message: wechatCodeText(e.errcode), source: 'errcode' }, at));
      }
    } else if (e instanceof ImageError) {
      const code = e.reason === 'too_large' ? 40009 : 40005;
      job = await commit(deps, id, (j) => failed(j, s, { code, message: wechatCodeText(code), source: 'errcode' }, deps.now()));
    } else {
      await releaseLease(deps, id);
      throw e;
    }
  }
  await releaseLease(deps, id);
  return deps.cloud.collection('publish_jobs').doc(id).get();
}

/** Put a failed job back where its failed step started (a stuck job resumes where it is). */
export function prepareRetry(job: PublishJob, now: number): PublishJob {
  if (job.state !== 'failed') return { ...job, attempts: job.attempts + 1, updatedAt: now };
  const back = resumeState(job);
  let next: PublishJob = { ...withState(job, back, now, '重试'), failure: null, failedStep: null, lastError: null, attempts: job.attempts + 1 };
  if (back === 'images_uploaded' && job.failedStep === 'await_result') {
    // The platform refused the article: its draft is consumed, a new one is needed.
    next = { ...next, draftMediaId: null, draftIntentAt: null, submitIntentAt: null, publishId: null, submittedAt: null };
  }
  return next;
}
