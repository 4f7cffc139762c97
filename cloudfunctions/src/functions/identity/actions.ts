/**
 * `identity.me`: who the caller is, from the OPENID WeChat attaches to the call (never from
 * the request), with the staff roles they hold now.
 */
import type { Me, RoleView } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { callerHandle } from '../../domain/handle';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { loadCaller } from '../../lib/caller';

export interface IdentityDeps {
  cloud: () => Cloud;
  /** The deployment's ADMIN_OPENIDS (comma-separated), read per call so a config change needs no redeploy of code. */
  adminOpenids: () => string | undefined;
  hashHex: (input: string) => string;
}

export function identityActions(deps: IdentityDeps): ActionTable<'identity'> {
  return {
    async me() {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      if (!caller) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const { openid, held } = caller;
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
