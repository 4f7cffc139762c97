/** publish.jobs: every publish job, newest first, with its timeline. Publishers only. */
import { PAGE_SIZE } from '@contract';
import { isFailure, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { staleMs } from '../../workflows/publishing/env';
import { toJobView } from './shared';

export const jobs: UseCase<'publish', 'jobs'> = async (req, ctx) => {
  const who = await staffWith(ctx, 'publisher');
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const page = await readRequestedPage(req, PAGE_SIZE.feed, {
    source: () => c.collection('publish_jobs'),
    filter: {},
    sortField: 'createdAt',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  const now = ctx.now();
  return ok({ items: page.rows.map((j) => toJobView(j, now, staleMs(ctx))), next: page.next });
};
