/**
 * The publish job's state machine (pure). One job per (story, revision), under a deterministic
 * id, so a second "publish" of the same revision finds the first job instead of making another.
 *
 *   queued → images_uploaded → draft_created → submitted → published ──(story taken down)──▶ deleting → deleted
 *                                                         ↘ failed (WeChat code + Chinese text)
 *
 * Taking a story down with its article moves the job that published it to `deleting`; the
 * runner then calls freepublish/delete once (an intent first, the article looked up after a
 * crash) and the job ends `deleted` with the story's link to the article removed.
 *
 * Each step's remote call is made at most once per recorded intent: the job records the intent
 * before the call and the result after it, so a crash between the two is recovered by looking the
 * result up (the draft or the published article carries the story card path) instead of calling
 * again. Transient errors (busy, network) leave the job where it is for the timer to resume.
 */
import type { PublishJob, PublishJobState } from '@contract';

export type PublishStep = 'upload_images' | 'create_draft' | 'submit' | 'await_result' | 'delete_article';

/** The step that takes a job out of `state`; null for terminal states. */
export function stepFrom(state: PublishJobState): PublishStep | null {
  switch (state) {
    case 'queued':
      return 'upload_images';
    case 'images_uploaded':
      return 'create_draft';
    case 'draft_created':
      return 'submit';
    case 'submitted':
      return 'await_result';
    case 'deleting':
      return 'delete_article';
    case 'published':
    case 'failed':
    case 'deleted':
      return null;
  }
}

/** Finished for good: nothing runs a job in these states again (a failed one waits for a retry). */
function isTerminal(state: PublishJobState): boolean {
  return state === 'published' || state === 'failed' || state === 'deleted';
}

/**
 * What taking its story down (with the article) does to a job: one that published an article
 * deletes it; one still on its way deletes the article as soon as it is published (a job that
 * has not submitted yet fails first anyway: a withdrawn story is not published); one that
 * failed or is already deleting or deleted is left alone.
 */
export function onTakeDown(state: PublishJobState): 'delete' | 'delete_when_published' | null {
  switch (state) {
    case 'published':
      return 'delete';
    case 'queued':
    case 'images_uploaded':
    case 'draft_created':
    case 'submitted':
      return 'delete_when_published';
    case 'failed':
    case 'deleting':
    case 'deleted':
      return null;
  }
}

/** `story-id` + revision → job id; ids stay within idSchema ([A-Za-z0-9_-]{1,64}). */
export function publishJobId(storyId: string, revision: number): string {
  const suffix = `-r${revision}`;
  return `${storyId.slice(0, 64 - suffix.length)}${suffix}`;
}

/** WeChat error codes the pipeline meets, with what the publisher should understand. */
const WECHAT_CODES: Record<number, string> = {
  [-1]: '微信系统繁忙，稍后会自动重试',
  [-2]: '连接公众号接口失败（网络中断或超时），稍后会自动重试',
  40001: '公众号凭证无效，已重新获取仍失败，请检查 AppSecret 配置',
  40005: '图片格式不受支持，只能上传 jpg/png',
  40007: '素材不存在或已失效（media_id 无效）',
  40009: '图片超过 1MB 限制',
  40013: '公众号 AppID 配置错误',
  40125: '公众号 AppSecret 配置错误',
  40164: '调用接口的 IP 不在公众号白名单中，请在公众号后台把云函数固定出口 IP 加入白名单',
  41005: '缺少图片数据',
  42001: '公众号凭证已过期，已重新获取仍失败',
  45002: '正文内容超过公众号长度限制',
  45003: '标题超过公众号长度限制（32 字）',
  45004: '摘要超过公众号长度限制（128 字）',
  45009: '今日接口调用次数已达上限，请明天再试',
  45110: '作者超过公众号长度限制（16 字）',
  48001: '公众号没有发布接口权限，请确认公众号已认证并开通发布能力',
  53503: '草稿未通过发布校验',
  53600: '发布任务不存在',
};

export function wechatCodeText(code: number): string {
  return WECHAT_CODES[code] ?? `公众号接口返回错误（错误码 ${code}）`;
}

/** Busy and network failures are worth retrying on their own; everything else needs a person. */
export function isTransient(code: number): boolean {
  return code === -1 || code === -2;
}

/** PUBLISHJOBFINISH / freepublish/get `publish_status`. */
export const PUBLISH_STATUS_TEXT: Record<number, string> = {
  0: '发布成功',
  1: '发布中',
  2: '原创声明失败',
  3: '发布失败',
  4: '平台审核不通过',
  5: '发布成功后用户已删除所有文章',
  6: '发布成功后系统已封禁所有文章',
};

export type StatusOutcome =
  | { kind: 'published'; url: string }
  | { kind: 'pending' }
  | { kind: 'failed'; failure: NonNullable<PublishJob['failure']> };

export function outcomeOfStatus(status: number, articleUrl: string | null): StatusOutcome {
  if (status === 0) {
    if (articleUrl) return { kind: 'published', url: articleUrl };
    return { kind: 'failed', failure: { code: 0, message: '发布成功但未返回文章链接', source: 'publish_status' } };
  }
  if (status === 1) return { kind: 'pending' };
  return {
    kind: 'failed',
    failure: { code: status, message: PUBLISH_STATUS_TEXT[status] ?? `发布状态异常（${status}）`, source: 'publish_status' },
  };
}

/** A retry is offered for failed jobs, and for jobs that stopped moving (crash, lost response). */
export function canRetry(job: Pick<PublishJob, 'state' | 'updatedAt' | 'lease'>, now: number, staleMs: number): boolean {
  if (job.state === 'failed') return true;
  if (job.state === 'published' || job.state === 'deleted') return false;
  return isStuck(job, now, staleMs);
}

/** Not terminal, no live lease, and untouched for `staleMs`. */
export function isStuck(job: Pick<PublishJob, 'state' | 'updatedAt' | 'lease'>, now: number, staleMs: number): boolean {
  if (isTerminal(job.state)) return false;
  if (job.lease && job.lease.until > now) return false;
  return now - job.updatedAt >= staleMs;
}

/** The state a retry resumes from: where the failed step started. */
export function resumeState(job: Pick<PublishJob, 'state' | 'failedStep'>): PublishJobState {
  if (job.state !== 'failed') return job.state;
  switch (job.failedStep ?? 'upload_images') {
    case 'upload_images':
      return 'queued';
    case 'create_draft':
      return 'images_uploaded';
    case 'submit':
      return 'draft_created';
    case 'await_result':
      // A publish rejected by the platform needs a new draft: the old one is consumed.
      return 'images_uploaded';
    case 'delete_article':
      return 'deleting';
  }
}


/** Fallback polling budget: freepublish/get allows 100 calls a day; keep a margin for people. */
export const POLL_DAILY_BUDGET = 80;
/** Poll a submitted job only after the event had a fair chance to arrive. */
export const POLL_AFTER_MS = 2 * 60_000;

/**
 * Whether the timer asks WeChat about a submitted job now: only after the event had a fair chance
 * to arrive, and not again until as long after the last ask. (The daily budget is shared across
 * instances and counted in the database: workflows/publishing/quota.ts.)
 */
export function shouldPoll(job: Pick<PublishJob, 'state' | 'submittedAt' | 'lastPolledAt'>, now: number, afterMs = POLL_AFTER_MS): boolean {
  if (job.state !== 'submitted') return false;
  const since = Math.max(job.submittedAt ?? 0, job.lastPolledAt ?? 0);
  return now - since >= afterMs;
}


/** A file id as a field name: dots and slashes would become nested paths in an update. */
export function mediaKey(fileId: string): string {
  return fileId.replace(/[^A-Za-z0-9]/g, (ch) => `_${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
