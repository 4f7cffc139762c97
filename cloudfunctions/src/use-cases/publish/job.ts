/** publish.job: one publish job with its timeline. Publishers only. */
import { isFailure, staffWith } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { staleMs } from '../../workflows/publishing/env';
import { toJobView } from './shared';

export const job: UseCase<'publish', 'job'> = async (req, ctx) => {
  const who = await staffWith(ctx, 'publisher');
  if (isFailure(who)) return who;
  const found = await ctx.cloud().collection('publish_jobs').doc(req.id).get();
  if (!found) return fail('NOT_FOUND', `publish job ${req.id} not found`);
  return ok(toJobView(found, ctx.now(), staleMs(ctx)));
};
