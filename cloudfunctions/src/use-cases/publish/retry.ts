/**
 * publish.retry: resume a failed or stuck job from the step that did not finish. A publisher over
 * the story's unit. Putting the job back and its audit entry are one transaction, so a retry
 * refused (still running, already published) or lost to a conflict is not audited.
 */
import type { Id } from '@contract';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { pipelineFor, staleMs } from '../../workflows/publishing/env';
import { leaseForRetry, retryRefusal } from '../../workflows/publishing/jobs';
import { runLeased } from '../../workflows/publishing/runner';
import { notConfigured, toJobView } from './shared';

export const retry: UseCase<'publish', 'retry'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const anywhere = requireRoleAnywhere(who, 'publisher');
  if (anywhere) return anywhere;
  const c = ctx.cloud();
  const job = await c.collection('publish_jobs').doc(req.id).get();
  if (!job) return fail('NOT_FOUND', `publish job ${req.id} not found`);
  const story = await c.collection('stories').doc(job.storyId).select(['unitPath']).get();
  const denied = requireRole(who, 'publisher', story?.unitPath ?? ([] as Id[]));
  if (denied) return denied;
  const stale = staleMs(ctx);
  // Said before the configuration, as it always was; leaseForRetry checks it again where it writes.
  const early = retryRefusal(job, ctx.now(), stale);
  if (early) return early;
  const deps = pipelineFor(ctx);
  if (!deps) return notConfigured();
  const leased = await leaseForRetry(deps, job._id, who.openid, stale);
  if (isFailure(leased)) return leased;
  const after = await runLeased(deps, leased);
  return ok(toJobView(after ?? leased, ctx.now(), staleMs(ctx)));
};
