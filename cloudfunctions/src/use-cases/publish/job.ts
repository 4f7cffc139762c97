/** publish.job: one publish job with its timeline. Publishers only. */
import { isFailure, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { staleMs } from '../../workflows/publishing/env';
import { toJobView } from './shared';

export const job: UseCase<'publish', 'job'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const denied = requireRoleAnywhere(who, 'publisher');
  if (denied) return denied;
  const found = await ctx.cloud().collection('publish_jobs').doc(req.id).get();
  if (!found) return fail('NOT_FOUND', `publish job ${req.id} not found`);
  return ok(toJobView(found, ctx.now(), staleMs(ctx)));
};
