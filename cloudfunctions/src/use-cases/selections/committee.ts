/** The active grants inside a unit's subtree: who may sit on a committee there. */
import type { Id, RoleGrant } from '@contract';
import type { ActionContext } from '../../lib/context';

/** Units and grants read at most for one subtree (a corps has hundreds of units and staff). */
const MAX = 1000;

export async function subtreeGrants(ctx: Pick<ActionContext, 'cloud'>, unitId: Id): Promise<RoleGrant[]> {
  const c = ctx.cloud();
  const subtree = await c.collection('units').select(['_id']).where({ path: unitId }).limit(MAX).get();
  const inside = new Set(subtree.map((u) => u._id));
  const grants = await c.collection('roles').where({ revokedAt: null }).orderBy('grantedAt', 'desc').limit(MAX).get();
  return grants.filter((g) => inside.has(g.unitId));
}
