/**
 * `publish-timer`: every few minutes, resume publish jobs that stopped moving (a crashed or
 * timed-out run, a busy official account) and, only as a fallback for a PUBLISHJOBFINISH event
 * that never came, poll freepublish/get within its 100-a-day quota (a shared daily budget).
 */
import { cloud, type Cloud } from '../../adapters/cloud';
import { POLL_AFTER_MS, POLL_DAILY_BUDGET } from '../../domain/publish-job';
import { advance, pollJob, type PipelineDeps } from '../publish/pipeline';
import { INSTANCE_ID, miniProgramAppid, numberEnv, officialAccount } from '../publish/env';

const RESUMABLE = ['queued', 'images_uploaded', 'draft_created'] as const;
/** Jobs per state per run: a run must finish well inside the function's time limit. */
const BATCH = 5;

export interface TimerSummary {
  resumed: string[];
  polled: string[];
  skipped?: string;
  /**
   * Set when freepublish/get's daily budget is spent (ours, or WeChat answered 45009): the run
   * stopped polling, and polling resumes the next Asia/Shanghai day.
   */
  pollStopped?: { day: string; reason: 'budget' | 'platform_quota'; message: string };
}

async function due(c: Cloud, state: string, before: number) {
  return c
    .collection('publish_jobs')
    .where({ state: state as never, updatedAt: c.command.lt(before) })
    .orderBy('updatedAt', 'asc')
    .limit(BATCH)
    .get();
}

export async function main(): Promise<TimerSummary> {
  const oa = officialAccount();
  if (!oa) return { resumed: [], polled: [], skipped: 'official account not configured' };
  const c = cloud();
  const now = Date.now();
  const deps: PipelineDeps = { cloud: c, oa, appid: miniProgramAppid(), now: Date.now, owner: INSTANCE_ID };
  const summary: TimerSummary = { resumed: [], polled: [] };
  const stale = numberEnv('PUBLISH_STALE_MS', 120_000);
  for (const state of RESUMABLE) {
    for (const job of await due(c, state, now - stale)) {
      if (job.lease && job.lease.until > now) continue;
      await advance(deps, job._id);
      summary.resumed.push(job._id);
    }
  }
  const pollAfter = numberEnv('PUBLISH_POLL_AFTER_MS', POLL_AFTER_MS);
  const budget = numberEnv('PUBLISH_POLL_DAILY_BUDGET', POLL_DAILY_BUDGET);
  for (const job of await due(c, 'submitted', now - pollAfter)) {
    if (Math.max(job.submittedAt ?? 0, job.lastPolledAt ?? 0) > now - pollAfter) continue;
    // Once spent, only jobs without a publish_id (looked up in the published list) are polled.
    if (summary.pollStopped && job.publishId) continue;
    const out = await pollJob(deps, job, budget);
    if (out && 'kind' in out) {
      const why = out.reason === 'budget' ? `the daily budget of ${budget} calls is spent` : 'WeChat answered 45009 (daily quota reached)';
      summary.pollStopped = { day: out.day, reason: out.reason, message: `freepublish/get: ${why} for ${out.day} (Asia/Shanghai); polling resumes the next day` };
      console.warn(JSON.stringify({ level: 'warn', fn: 'publish-timer', message: summary.pollStopped.message }));
      continue;
    }
    summary.polled.push(job._id);
  }
  return summary;
}
