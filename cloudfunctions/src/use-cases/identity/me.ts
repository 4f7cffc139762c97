/**
 * `identity.me`: who the caller is, from the OPENID WeChat attaches to the call (never from the
 * request), with the staff roles they hold now.
 */
import type { Me, RoleView } from '@contract';
import { callerHandle } from '../../domain/handle';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { isFailure, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';

export const me: UseCase<'identity', 'me'> = async (_req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const units = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, who.held.map((h) => h.unitId));
  const roles: RoleView[] = [];
  for (const h of who.held) {
    const unit = units.get(h.unitId);
    // A grant over a unit that no longer exists covers nothing.
    if (unit) roles.push({ role: h.role, unit: toUnitRef(unit) });
  }
  const view: Me = { handle: callerHandle(who.openid, ctx.hashHex), roles, reader: roles.length === 0 };
  return ok(view);
};
