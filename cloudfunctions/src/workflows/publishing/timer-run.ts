/**
 * One run of `publish-timer` (every 5 minutes): resume publish jobs that stopped moving (a crashed
 * or timed-out run, a busy official account), delete the articles of stories taken down (every
 * `deleting` job without a live lease: nobody else starts them), poll freepublish/get — only as a fallback for a
 * PUBLISHJOBFINISH event that never came — within its shared daily budget, and sweep the push
 * receipts whose time window is over.
 */
import type { Cloud } from '../../adapters/cloud';
import { POLL_AFTER_MS, POLL_DAILY_BUDGET, shouldPoll } from '../../domain/publish-job';
import type { TimerContext } from '../../lib/timer';
import { numberEnv, pipelineFor, staleMs } from './env';
import { pollJob } from './poll';
import { advance } from './runner';

const RESUMABLE = ['queued', 'images_uploaded', 'draft_created'] as const;
/** Jobs per state per run: a run must finish well inside the function's time limit. */
const BATCH = 5;

export interface TimerSummary {
  resumed: string[];
  /** Jobs whose article deletion ran (deleted, or waiting out a busy account). */
  deleting: string[];
  polled: string[];
  /** Jobs whose step threw (a missing image file, a bug): logged, and the run went on with the others. */
  failed: { job: string; message: string }[];
  skipped?: string;
  /**
   * Set when freepublish/get's daily budget is spent (ours, or WeChat answered 45009): the run
   * stopped polling, and polling resumes the next Asia/Shanghai day.
   */
  pollStopped?: { day: string; reason: 'budget' | 'platform_quota'; message: string };
  /** Push receipts deleted: their pushes are refused by their timestamp now anyway. */
  receiptsSwept: number;
}

async function due(c: Cloud, state: string, before: number) {
  return c
    .collection('publish_jobs')
    .where({ state: state as never, updatedAt: c.command.lt(before) })
    .orderBy('updatedAt', 'asc')
    .limit(BATCH)
    .get();
}

export async function runPublishTimer(ctx: TimerContext): Promise<TimerSummary> {
  const c = ctx.cloud();
  const now = ctx.now();
  const receiptsSwept = await c.collection('oa_push_nonces').removeWhere({ expiresAt: c.command.lt(now) });
  const deps = pipelineFor(ctx);
  if (!deps) return { resumed: [], deleting: [], polled: [], failed: [], skipped: 'official account not configured', receiptsSwept };
  const summary: TimerSummary = { resumed: [], deleting: [], polled: [], failed: [], receiptsSwept };
  /** One job's failure must not block every job after it, run after run. */
  const guarded = async (jobId: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      summary.failed.push({ job: jobId, message });
      ctx.log({ level: 'error', fn: ctx.fn, requestId: ctx.requestId, job: jobId, message });
    }
  };
  const stale = staleMs(ctx);
  for (const state of RESUMABLE) {
    for (const job of await due(c, state, now - stale)) {
      if (job.lease && job.lease.until > now) continue;
      await guarded(job._id, async () => {
        await advance(deps, job._id);
        summary.resumed.push(job._id);
      });
    }
  }
  // A take-down only records the request: the first run after it deletes, no staleness waited for.
  for (const job of await due(c, 'deleting', now + 1)) {
    if (job.lease && job.lease.until > now) continue;
    await guarded(job._id, async () => {
      await advance(deps, job._id);
      summary.deleting.push(job._id);
    });
  }
  const pollAfter = numberEnv(ctx, 'PUBLISH_POLL_AFTER_MS', POLL_AFTER_MS);
  const budget = numberEnv(ctx, 'PUBLISH_POLL_DAILY_BUDGET', POLL_DAILY_BUDGET);
  for (const job of await due(c, 'submitted', now - pollAfter)) {
    if (!shouldPoll(job, now, pollAfter)) continue;
    // Once spent, only jobs without a publish_id (looked up in the published list) are polled.
    if (summary.pollStopped && job.publishId) continue;
    await guarded(job._id, async () => {
      const out = await pollJob(deps, job, budget);
      if (out && 'kind' in out) {
        const why = out.reason === 'budget' ? `the daily budget of ${budget} calls is spent` : 'WeChat answered 45009 (daily quota reached)';
        summary.pollStopped = { day: out.day, reason: out.reason, message: `freepublish/get: ${why} for ${out.day} (Asia/Shanghai); polling resumes the next day` };
        ctx.log({ level: 'warn', fn: ctx.fn, requestId: ctx.requestId, message: summary.pollStopped.message });
        return;
      }
      summary.polled.push(job._id);
    });
  }
  return summary;
}
