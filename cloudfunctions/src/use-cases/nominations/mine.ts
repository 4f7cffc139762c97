/** `nominations.mine`: the caller's own nominations, newest first, each with its review timeline. */
import type { NominationDoc } from '@contract';
import { PAGE_SIZE } from '@contract';
import { requestCursor } from '../../lib/cursor';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readKeysetPage } from '../../lib/reads';
import { NOMINATION_FIELDS, views } from './shared';

export const mine: UseCase<'nominations', 'mine'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const c = ctx.cloud();
  const page = await readKeysetPage({
    source: () => c.collection('nominations').select(NOMINATION_FIELDS),
    filter: { nominatedBy: openid },
    sortField: 'createdAt',
    cursor,
    limit: req.limit ?? PAGE_SIZE.feed,
    cmd: c.command,
  });
  return ok({ items: await views(ctx, page.rows as NominationDoc[]), next: page.next });
};
