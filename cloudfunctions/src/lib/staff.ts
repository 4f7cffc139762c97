/**
 * Small pieces every staff action shares: "may this caller act on that unit", cursor checks,
 * and the handle shown for a person (staff pages never see an OPENID).
 */
import type { Id, Role, Unit } from '@contract';
import type { Cloud } from '../adapters/cloud';
import { decodeCursor, type Cursor } from '../domain/cursor';
import { callerHandle } from '../domain/handle';
import { denyUnless, type Caller, type Failure } from './caller';
import { fail } from './handler';

/** Actors that are not people (the deployment's bootstrap admin, the enrolment timer). */
const SYSTEM_ACTORS = new Set(['ADMIN_OPENIDS', 'nomination-timer']);

export function handleOf(openid: string, hashHex: (input: string) => string): string {
  return SYSTEM_ACTORS.has(openid) ? openid : callerHandle(openid, hashHex);
}

/** The caller, or UNAUTHENTICATED / PERMISSION_DENIED when they hold none of `roles` anywhere. */
export function requireAnywhere(caller: Caller | null, roles: readonly Role[]): { ok: true; caller: Caller } | Failure {
  if (!caller) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
  if (!caller.held.some((h) => roles.includes(h.role))) return fail('PERMISSION_DENIED', `requires ${roles.join(' or ')}`);
  return { ok: true, caller };
}

/**
 * The unit `unitId` when the caller holds `role` over it. The role is checked before the
 * lookup, so someone without the role learns nothing about which units exist.
 */
export async function unitInScope(c: Cloud, caller: Caller | null, role: Role, unitId: Id): Promise<{ ok: true; caller: Caller; unit: Unit } | Failure> {
  const who = requireAnywhere(caller, [role]);
  if (!who.ok) return who;
  const unit = await c.collection('units').doc(unitId).get();
  if (!unit) return fail('NOT_FOUND', `no unit ${unitId}`);
  const denied = denyUnless(who.caller, role, unit.path);
  if (denied) return denied;
  return { ok: true, caller: who.caller, unit };
}

/** The first unit over which the caller holds `role` (ADMIN_OPENIDS' root comes first). */
export function firstUnitOf(caller: Caller, role: Role): Id | null {
  return caller.held.find((h) => h.role === role)?.unitId ?? null;
}

export function cursorFrom(raw: string | null | undefined): { ok: true; cursor: Cursor | null } | Failure {
  if (raw === undefined || raw === null) return { ok: true, cursor: null };
  const cursor = decodeCursor(raw);
  if (!cursor) return fail('INVALID_ARGUMENT', 'invalid cursor', [{ path: 'cursor', message: 'not a cursor this server issued' }]);
  return { ok: true, cursor };
}

/** The corps root (the unit without a parent): corps-wide actions require a role over it. */
export async function rootUnit(c: Cloud): Promise<Unit | null> {
  const rows = await c.collection('units').where({ parentId: null }).orderBy('order', 'asc').limit(1).get();
  return rows[0] ?? null;
}
