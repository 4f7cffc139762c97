/**
 * The timer's fallback for a submitted job whose PUBLISHJOBFINISH never came: ask freepublish/get
 * (publish_id known) or look in the published list (publish_id lost with a crashed submit),
 * within the shared daily budget (quota.ts).
 */
import type { PublishJob } from '@contract';
import { OaError, type OfficialAccount } from '../../adapters/official-account';
import { failed, strip, type PipelineDeps } from './job-store';
import { cardPathOf, findPublished } from './lookup';
import { applyOutcome } from './outcome';
import { QUOTA_REACHED, quotaDay, spendQuota, takeQuota, type PollBudgetSpent } from './quota';

/** A submit whose publish_id was lost and whose article never showed up: a person must look. */
export const UNKNOWN_RESULT_AFTER_MS = 24 * 3_600_000;

const POLL_NOTE = '定时查询到发布结果';

/**
 * Poll one submitted job. freepublish/get is limited to 100 calls a day per account: when the
 * shared budget is spent the job is left untouched (not marked polled) and the caller learns
 * it, so it stops polling for the day.
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
    // Read from WeChat's API over TLS: the URL is the account's own, unlike a pushed one.
    const url = status.article_detail?.item[0]?.article_url ?? null;
    return (await applyOutcome(c, job._id, status.publish_status, url, deps.now(), POLL_NOTE, undefined, status.article_id ?? null)).job;
  }
  await c.collection('publish_jobs').doc(job._id).update({ lastPolledAt: now, updatedAt: now });
  const found = await findPublished(deps.oa, cardPathOf(job));
  if (found) return (await applyOutcome(c, job._id, 0, found.url, deps.now(), POLL_NOTE, undefined, found.articleId)).job;
  if (now - (job.submittedAt ?? now) >= UNKNOWN_RESULT_AFTER_MS) {
    return c.transaction(async (tx) => {
      const jobs = tx.collection('publish_jobs');
      const found = await jobs.get(job._id);
      if (!found || found.state !== 'submitted') return found ? { ...found, _id: job._id } : null;
      const next = failed({ ...found, _id: job._id }, 'await_result', { code: 0, message: '长时间未收到发布结果，请在公众号后台核实后重试', source: 'publish_status' }, now);
      await jobs.set(job._id, strip(next));
      return next;
    });
  }
  return job;
}
