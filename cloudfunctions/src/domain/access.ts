/**
 * Who may do what where. A staff role is granted over a unit's subtree; a document carries
 * the path of its unit (root → unit), so "inside the subtree of X" is "its path contains X".
 */
import type { Id, Role, RoleGrant } from '@contract';

export interface HeldRole {
  role: Role;
  unitId: Id;
}

export function inSubtree(unitPath: readonly Id[], unitId: Id): boolean {
  return unitPath.includes(unitId);
}

/** The deployment admins from the function's ADMIN_OPENIDS variable (comma-separated). */
export function parseAdminOpenids(raw: string | undefined): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0))];
}

/**
 * The roles the caller holds now: grants not revoked, plus admin of the corps root for a
 * deployment admin (the first admin must exist before anyone can grant anything). A role
 * held twice over the same unit counts once.
 */
export function heldRoles(
  openid: string,
  grants: readonly Pick<RoleGrant, 'openid' | 'role' | 'unitId' | 'revokedAt'>[],
  deploymentAdmins: readonly string[],
  rootUnitId: Id | null,
): HeldRole[] {
  const held: HeldRole[] = [];
  const seen = new Set<string>();
  const add = (role: Role, unitId: Id) => {
    const key = `${role}@${unitId}`;
    if (seen.has(key)) return;
    seen.add(key);
    held.push({ role, unitId });
  };
  if (rootUnitId !== null && deploymentAdmins.includes(openid)) add('admin', rootUnitId);
  for (const g of grants) {
    if (g.openid === openid && g.revokedAt === null) add(g.role, g.unitId);
  }
  return held;
}

/** True when one of `held` is `role` over a unit on `unitPath` (the subject's unit or an ancestor). */
export function holdsRoleOver(held: readonly HeldRole[], role: Role, unitPath: readonly Id[]): boolean {
  return held.some((h) => h.role === role && inSubtree(unitPath, h.unitId));
}
