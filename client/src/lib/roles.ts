/**
 * What the caller's roles (from identity.me) allow, asked the same way by every page. The
 * server decides every action again; these only choose what to offer.
 */
import type { Me, Role, UnitRef } from '@contract';

export function hasRole(me: Me, role: Role): boolean {
  return me.roles.some((r) => r.role === role);
}

/** The units the caller holds `role` over, in the order identity.me lists the grants. */
export function unitsWithRole(me: Me, role: Role): UnitRef[] {
  return me.roles.filter((r) => r.role === role).map((r) => r.unit);
}

/** Objections are decided at the corps (the server refuses anyone else): only a corps reviewer gets the controls. */
export function resolvesObjections(me: Me): boolean {
  return me.roles.some((r) => r.role === 'reviewer' && r.unit.level === 'corps');
}
