/** publish.jobs: every publish job, newest first, with its timeline. Publishers only. */
import { PAGE_SIZE } from '@contract';
import { requestCursor } from '../../lib/cursor';
import { isFailure, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readKeysetPage } from '../../lib/reads';
import { staleMs } from '../../workflows/publishing/env';
import { toJobView } from './shared';

export const jobs: UseCase<'publish', 'jobs'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const denied = requireRoleAnywhere(who, 'publisher');
  if (denied) return denied;
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const c = ctx.cloud();
  const page = await readKeysetPage({
    source: () => c.collection('publish_jobs'),
    filter: {},
    sortField: 'createdAt',
    cursor,
    limit: req.limit ?? PAGE_SIZE.feed,
    cmd: c.command,
  });
  const now = ctx.now();
  return ok({ items: page.rows.map((j) => toJobView(j, now, staleMs(ctx))), next: page.next });
};
