/**
 * The caller of a staff action: the OPENID WeChat attached to the call and the roles that
 * OPENID holds now (active grants + deployment admins from ADMIN_OPENIDS). Every staff
 * function starts here; nothing about the caller is ever read from the request.
 */
import type { Cloud } from '../adapters/cloud';
import { heldRoles, holdsRoleOver, parseAdminOpenids, type HeldRole } from '../domain/access';
import type { ApiError, Id, Role } from '@contract';
import { fail } from './handler';

export type Failure = { ok: false; error: ApiError };

export interface Caller {
  openid: string;
  held: HeldRole[];
}

/** Grants a person could plausibly hold; more is a data problem. */
const MAX_GRANTS = 100;

export async function loadCaller(c: Cloud, adminOpenids: string | undefined): Promise<Caller | null> {
  const { openid } = c.identity();
  if (!openid) return null;
  const admins = parseAdminOpenids(adminOpenids);
  const [grants, roots] = await Promise.all([
    c.collection('roles').select(['openid', 'role', 'unitId', 'revokedAt']).where({ openid, revokedAt: null }).limit(MAX_GRANTS).get(),
    admins.includes(openid)
      ? c.collection('units').select(['_id']).where({ parentId: null }).orderBy('order', 'asc').limit(1).get()
      : Promise.resolve([]),
  ]);
  return { openid, held: heldRoles(openid, grants, admins, roots[0]?._id ?? null) };
}

/**
 * null when the caller holds `role` over a unit on `unitPath`; otherwise the typed failure to
 * return (UNAUTHENTICATED without identity, PERMISSION_DENIED without the role there).
 */
export function denyUnless(caller: Caller | null, role: Role | readonly Role[], unitPath: readonly Id[]): Failure | null {
  if (!caller) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
  const roles = typeof role === 'string' ? [role] : role;
  if (roles.some((r) => holdsRoleOver(caller.held, r, unitPath))) return null;
  return fail('PERMISSION_DENIED', `requires ${roles.join(' or ')} over unit ${unitPath[unitPath.length - 1] ?? '?'}`);
}
