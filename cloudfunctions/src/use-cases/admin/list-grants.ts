/** `admin.listGrants`: active role grants over a unit's subtree, newest first, in keyset pages. */
import { PAGE_SIZE } from '@contract';
import { isFailure } from '../../lib/guard';
import { peopleByOpenid } from '../../lib/people';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { GRANT_FIELDS, grantView, listScope, MAX_UNITS, refOr, unitRefs } from './views';

export const listGrants: UseCase<'admin', 'listGrants'> = async (req, ctx) => {
  const scope = await listScope(ctx, req.unitId);
  if (isFailure(scope)) return scope;
  const c = ctx.cloud();
  const subtree = await c.collection('units').select(['_id']).where({ path: scope.unitId }).limit(MAX_UNITS).get();
  const inside = new Set(subtree.map((u) => u._id));
  const page = await readRequestedPage(req, PAGE_SIZE.exemplars, {
    source: () => c.collection('roles').select(GRANT_FIELDS),
    filter: { revokedAt: null },
    sortField: 'grantedAt',
    cmd: c.command,
    keep: (g) => inside.has(g.unitId),
  });
  if (isFailure(page)) return page;
  const [units, people] = await Promise.all([unitRefs(c, page.rows.map((r) => r.unitId)), peopleByOpenid(ctx, page.rows.map((r) => r.openid))]);
  return ok({ items: page.rows.map((g) => grantView(g, refOr(units, g.unitId), g.openid === scope.caller.openid, people)), next: page.next });
};
