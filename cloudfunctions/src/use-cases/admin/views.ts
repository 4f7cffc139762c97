/**
 * What the admin use cases share: the views their answers are made of (units, invites, grants),
 * and the scope a list is read in. Staff pages never see an OPENID: people appear by name
 * (lib/people.ts).
 */
import type { Id, InviteRecord, InviteView, PersonRef, RoleGrant, GrantView, Unit, UnitNode, UnitRef } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { inviteStatus } from '../../domain/invites';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import type { ActionContext } from '../../lib/context';
import { firstUnitOf, isFailure, requireRoleAnywhere, staffCaller, unitInScope, type Caller, type Failure } from '../../lib/guard';
import { peopleByOpenid, personIn } from '../../lib/people';
import { byIds } from '../../lib/reads';

/** Units are few (a corps has hundreds); one query of at most this many covers a subtree. */
export const MAX_UNITS = 1000;

export function toNode(u: Pick<Unit, '_id' | 'name' | 'shortName' | 'level' | 'parentId' | 'order'>): UnitNode {
  return { _id: u._id, name: u.name, shortName: u.shortName, level: u.level, parentId: u.parentId, order: u.order };
}

export async function unitRefs(c: Cloud, ids: readonly Id[]): Promise<Map<Id, UnitRef>> {
  const rows = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, ids);
  return new Map([...rows].map(([id, row]) => [id, toUnitRef(row)]));
}

/** A unit that has vanished still needs a label on an old invite or grant. */
export function refOr(units: ReadonlyMap<Id, UnitRef>, id: Id): UnitRef {
  return units.get(id) ?? { _id: id, name: '（已删除的单位）', shortName: '已删除', level: 'station' };
}

/** The label of one unit (for a single invite or grant). */
export async function unitRef(c: Cloud, id: Id): Promise<UnitRef> {
  return refOr(await unitRefs(c, [id]), id);
}

export const INVITE_FIELDS = ['code', 'role', 'unitId', 'unitPath', 'createdAt', 'expiresAt', 'redeemedBy', 'redeemedAt', 'revokedAt', 'createdBy'] as const;

/** The people who redeemed `invites`, by OPENID (one batched read). */
export async function redeemers(ctx: Pick<ActionContext, 'cloud' | 'env' | 'hashHex'>, invites: readonly Pick<InviteRecord, 'redeemedBy'>[]): Promise<Map<string, PersonRef>> {
  return peopleByOpenid(ctx, invites.flatMap((i) => (i.redeemedBy === null ? [] : [i.redeemedBy])));
}

export function inviteView(
  inv: Pick<InviteRecord, '_id' | 'code' | 'role' | 'expiresAt' | 'createdAt' | 'redeemedBy' | 'redeemedAt' | 'revokedAt'>,
  unit: UnitRef,
  now: number,
  people: ReadonlyMap<string, PersonRef>,
): InviteView {
  return {
    _id: inv._id,
    code: inv.code,
    role: inv.role,
    unit,
    status: inviteStatus(inv, now),
    expiresAt: inv.expiresAt,
    createdAt: inv.createdAt,
    redeemedBy: inv.redeemedBy === null ? null : personIn(people, inv.redeemedBy),
    redeemedAt: inv.redeemedAt,
  };
}

export const GRANT_FIELDS = ['openid', 'role', 'unitId', 'grantedAt', 'grantedBy', 'revokedAt'] as const;

export function grantView(g: Pick<RoleGrant, '_id' | 'openid' | 'role' | 'unitId' | 'grantedAt'>, unit: UnitRef, self: boolean, people: ReadonlyMap<string, PersonRef>): GrantView {
  return { _id: g._id, role: g.role, unit, holder: personIn(people, g.openid), grantedAt: g.grantedAt, self };
}

/**
 * The caller and the unit a list is scoped to: the one asked for (the caller must administer
 * it) or the first one the caller administers.
 */
export async function listScope(ctx: ActionContext, unitId: Id | undefined): Promise<{ caller: Caller; unitId: Id } | Failure<'not_signed_in' | 'role_required' | 'outside_scope'>> {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  if (unitId !== undefined) {
    const unit = await unitInScope(ctx.cloud(), who, 'admin', unitId);
    if (isFailure(unit)) return unit;
    return { caller: who, unitId: unit._id };
  }
  const denied = requireRoleAnywhere(who, 'admin');
  if (denied) return denied;
  return { caller: who, unitId: firstUnitOf(who, 'admin') as Id };
}
