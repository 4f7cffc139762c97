/** `nominations.mine`: the caller's own nominations, newest first, each with its review timeline. */
import type { NominationDoc } from '@contract';
import { PAGE_SIZE } from '@contract';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { NOMINATION_FIELDS, views } from './shared';

export const mine: UseCase<'nominations', 'mine'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const c = ctx.cloud();
  const page = await readRequestedPage(req, PAGE_SIZE.feed, {
    source: () => c.collection('nominations').select(NOMINATION_FIELDS),
    filter: { nominatedBy: openid },
    sortField: 'createdAt',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  return ok({ items: await views(ctx, page.rows as NominationDoc[]), next: page.next });
};
