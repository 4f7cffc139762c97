/** `admin.listInvites`: the invites of a unit's subtree, newest first, in keyset pages. */
import { PAGE_SIZE } from '@contract';
import { isFailure } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { INVITE_FIELDS, inviteView, listScope, redeemers, refOr, unitRefs } from './views';

export const listInvites: UseCase<'admin', 'listInvites'> = async (req, ctx) => {
  const scope = await listScope(ctx, req.unitId);
  if (isFailure(scope)) return scope;
  const c = ctx.cloud();
  const page = await readRequestedPage(req, PAGE_SIZE.exemplars, {
    source: () => c.collection('invites').select(INVITE_FIELDS),
    filter: { unitPath: scope.unitId },
    sortField: 'createdAt',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  const [units, people] = await Promise.all([unitRefs(c, page.rows.map((r) => r.unitId)), redeemers(ctx, page.rows)]);
  const now = ctx.now();
  return ok({ items: page.rows.map((r) => inviteView(r, refOr(units, r.unitId), now, people)), next: page.next });
};
