/**
 * `identity.me`: who the caller is, from the OPENID WeChat attaches to the call (never from
 * the request), with the staff roles they hold now.
 */
import type { Me, RoleView } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { heldRoles, parseAdminOpenids } from '../../domain/access';
import { callerHandle } from '../../domain/handle';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds } from '../../lib/reads';

export interface IdentityDeps {
  cloud: () => Cloud;
  /** The deployment's ADMIN_OPENIDS (comma-separated), read per call so a config change needs no redeploy of code. */
  adminOpenids: () => string | undefined;
  hashHex: (input: string) => string;
}

/** Grants a person could plausibly hold; more is a data problem, not a page to render. */
const MAX_GRANTS = 100;

export function identityActions(deps: IdentityDeps): ActionTable<'identity'> {
  return {
    async me() {
      const c = deps.cloud();
      const { openid } = c.identity();
      if (!openid) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const admins = parseAdminOpenids(deps.adminOpenids());
      const [grants, roots] = await Promise.all([
        c
          .collection('roles')
          .select(['openid', 'role', 'unitId', 'revokedAt'])
          .where({ openid, revokedAt: null })
          .limit(MAX_GRANTS)
          .get(),
        admins.includes(openid)
          ? c.collection('units').select(['_id']).where({ parentId: null }).orderBy('order', 'asc').limit(1).get()
          : Promise.resolve([]),
      ]);
      const held = heldRoles(openid, grants, admins, roots[0]?._id ?? null);
      const units = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, held.map((h) => h.unitId));
      const roles: RoleView[] = [];
      for (const h of held) {
        const unit = units.get(h.unitId);
        // A grant over a unit that no longer exists covers nothing.
        if (unit) roles.push({ role: h.role, unit: toUnitRef(unit) });
      }
      const me: Me = { handle: callerHandle(openid, deps.hashHex), roles, reader: roles.length === 0 };
      return ok(me);
    },
  };
}
