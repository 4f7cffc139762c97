/**
 * publish.start: send the story's current revision to the official account. A publisher over
 * the story's unit; one job per (story, revision), so starting again answers the same job. The
 * job and its audit entry are made in one transaction; the pipeline then runs as far as it goes.
 */
import type { Story } from '@contract';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { pipelineFor, staleMs } from '../../workflows/publishing/env';
import { ensureJob } from '../../workflows/publishing/jobs';
import { advance } from '../../workflows/publishing/runner';
import { notConfigured, toJobView } from './shared';

export const start: UseCase<'publish', 'start'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  // The role first: someone without it learns nothing about which stories exist.
  const anywhere = requireRoleAnywhere(who, 'publisher');
  if (anywhere) return anywhere;
  const story: Story | null = await ctx.cloud().collection('stories').doc(req.storyId).get();
  if (!story) return fail('NOT_FOUND', `story ${req.storyId} not found`);
  const denied = requireRole(who, 'publisher', story.unitPath);
  if (denied) return denied;
  if (story.state !== 'published') {
    return refuse('FAILED_PRECONDITION', 'story_not_published', `story ${story._id} is ${story.state}; only published stories go to the official account`);
  }
  const deps = pipelineFor(ctx);
  if (!deps) return notConfigured();
  const { job, created } = await ensureJob(deps, story, who.openid);
  const after = created || job.state === 'queued' ? await advance(deps, job._id) : job;
  return ok(toJobView(after ?? job, ctx.now(), staleMs(ctx)));
};
