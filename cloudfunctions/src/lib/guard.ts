/**
 * The caller and permission guard: the one place that says who is calling and what they may
 * do. Only the OPENID WeChat attached to the call is trusted; roles come from the grants held
 * now (revoked ones count for nothing) plus the deployment admins of ADMIN_OPENIDS. Every check
 * answers a typed Failure or null, so a use case reads as a list of guards:
 *
 *   const who = await staffCaller(ctx); if (isFailure(who)) return who;
 *   const denied = requireRole(who, 'reviewer', story.unitPath) ?? requireNotAuthor(who, rev, 'story');
 *   if (denied) return denied;
 */
import type { Id, Role, Unit } from '@contract';
import type { Cloud } from '../adapters/cloud';
import { heldRoles, holdsRoleOver, inSubtree, parseAdminOpenids, type HeldRole } from '../domain/access';
import type { ActionContext, Deps } from './context';
import { isFailure, refuse, type Failure } from './handler';

export { isFailure, type Failure };

export interface Caller {
  openid: string;
  held: HeldRole[];
}

/** Grants a person could plausibly hold; more is a data problem. */
const MAX_GRANTS = 100;

/** The deployment admins (ADMIN_OPENIDS), read per call. */
export function deploymentAdmins(deps: Pick<Deps, 'env'>): string[] {
  return parseAdminOpenids(deps.env('ADMIN_OPENIDS'));
}

export function notSignedIn(): Failure<'not_signed_in'> {
  return refuse('UNAUTHENTICATED', 'not_signed_in', 'the call carries no WeChat identity');
}

/** The signed-in user's OPENID (any reader), or UNAUTHENTICATED. */
export function signedIn(ctx: Pick<Deps, 'cloud'>): string | Failure<'not_signed_in'> {
  const { openid } = ctx.cloud().identity();
  return openid ?? notSignedIn();
}

/** The roles `openid` holds now. */
export async function rolesOf(c: Cloud, deps: Pick<Deps, 'env'>, openid: string): Promise<HeldRole[]> {
  const admins = deploymentAdmins(deps);
  const [grants, roots] = await Promise.all([
    c.collection('roles').select(['openid', 'role', 'unitId', 'revokedAt']).where({ openid, revokedAt: null }).limit(MAX_GRANTS).get(),
    admins.includes(openid) ? c.collection('units').select(['_id']).where({ parentId: null }).orderBy('order', 'asc').limit(1).get() : Promise.resolve([]),
  ]);
  return heldRoles(openid, grants, admins, roots[0]?._id ?? null);
}

/** The caller with the roles they hold now (possibly none), or UNAUTHENTICATED. */
export async function staffCaller(ctx: Pick<ActionContext, 'cloud' | 'env'>): Promise<Caller | Failure<'not_signed_in'>> {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  return { openid, held: await rolesOf(ctx.cloud(), ctx, openid) };
}

/**
 * The caller when they hold one of `roles` somewhere — the first guard of every staff list and
 * of every action whose unit is checked once the subject is loaded.
 */
export async function staffWith(ctx: Pick<ActionContext, 'cloud' | 'env'>, roles: Role | readonly Role[]): Promise<Caller | Failure<'not_signed_in' | 'role_required'>> {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  return requireRoleAnywhere(who, roles) ?? who;
}

/** The units over which the caller holds `role`, each once (a list reads each subtree). */
export function unitsWhereHeld(caller: Caller, role: Role): Id[] {
  return [...new Set(caller.held.filter((h) => h.role === role).map((h) => h.unitId))];
}

/** The caller when they hold one of `roles` somewhere (lists scoped later by unit), else PERMISSION_DENIED. */
export function requireRoleAnywhere(caller: Caller, roles: Role | readonly Role[]): Failure<'role_required'> | null {
  const wanted = typeof roles === 'string' ? [roles] : roles;
  if (caller.held.some((h) => wanted.includes(h.role))) return null;
  return refuse('PERMISSION_DENIED', 'role_required', `requires ${wanted.join(' or ')}`);
}

/** null when the caller holds one of `roles` over a unit on `unitPath` (the subject's unit or an ancestor). */
export function requireRole(caller: Caller, roles: Role | readonly Role[], unitPath: readonly Id[]): Failure<'role_required' | 'outside_scope'> | null {
  const wanted = typeof roles === 'string' ? [roles] : roles;
  if (wanted.some((r) => holdsRoleOver(caller.held, r, unitPath))) return null;
  if (!caller.held.some((h) => wanted.includes(h.role))) return refuse('PERMISSION_DENIED', 'role_required', `requires ${wanted.join(' or ')}`);
  return refuse('PERMISSION_DENIED', 'outside_scope', `requires ${wanted.join(' or ')} over unit ${unitPath[unitPath.length - 1] ?? '?'}`);
}

/** True when the caller holds `role` over exactly `unitId` (a review level is held at its unit, not above it). */
export function holdsRoleAt(caller: Caller, role: Role, unitId: Id | null): boolean {
  return unitId !== null && caller.held.some((h) => h.role === role && h.unitId === unitId);
}

/**
 * Nobody approves their own work: `authors` are everyone who wrote, submitted or uploaded what
 * is being decided. Stories, nominations and consent checks all say it this way.
 */
export function requireNotAuthor(caller: Caller, authors: readonly (string | null | undefined)[], what: string): Failure<'own_work'> | null {
  if (authors.includes(caller.openid)) return refuse('PERMISSION_DENIED', 'own_work', `the caller wrote or submitted this ${what}; another person must decide`);
  return null;
}

/**
 * The unit `unitId` when the caller holds `role` over it. The role is checked before the
 * lookup, so someone without the role learns nothing about which units exist.
 */
export async function unitInScope(c: Cloud, caller: Caller, role: Role, unitId: Id): Promise<Unit | Failure<'role_required' | 'outside_scope'>> {
  const anywhere = requireRoleAnywhere(caller, role);
  if (anywhere) return anywhere;
  const unit = await c.collection('units').doc(unitId).get();
  if (!unit) return refuse('NOT_FOUND', 'outside_scope', `no unit ${unitId}`);
  return requireRole(caller, role, unit.path) ?? unit;
}

/** The first unit over which the caller holds `role` (ADMIN_OPENIDS' root comes first). */
export function firstUnitOf(caller: Caller, role: Role): Id | null {
  return caller.held.find((h) => h.role === role)?.unitId ?? null;
}

/** The corps root (the unit without a parent): corps-wide actions require a role over it. */
export async function rootUnit(c: Cloud): Promise<Unit | null> {
  const rows = await c.collection('units').where({ parentId: null }).orderBy('order', 'asc').limit(1).get();
  return rows[0] ?? null;
}

/** The caller when they hold `role` over the corps root (audit log, campaigns). */
export async function requireCorpsRole(c: Cloud, caller: Caller, role: Role): Promise<Unit | Failure<'role_required' | 'outside_scope'>> {
  const anywhere = requireRoleAnywhere(caller, role);
  if (anywhere) return anywhere;
  const root = await rootUnit(c);
  if (!root) return refuse('FAILED_PRECONDITION', 'outside_scope', 'the unit tree has no root');
  return requireRole(caller, role, root.path) ?? root;
}

/**
 * Whether a person who granted something may still grant it now: an invite grants only what its
 * creator could grant at the moment it is redeemed (a revoked admin's old invites grant nothing).
 */
export function mayStillGrant(creator: readonly HeldRole[], unitPath: readonly Id[]): boolean {
  return holdsRoleOver(creator, 'admin', unitPath);
}

export { inSubtree };
