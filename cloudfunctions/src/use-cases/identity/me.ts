/**
 * `identity.me`: who the caller is, from the OPENID WeChat attaches to the call (never from the
 * request), with the staff roles they hold now and, for staff, the profile pages show them by.
 */
import type { Me, RoleView } from '@contract';
import { callerHandle } from '../../domain/handle';
import { isFailure, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { profilesByOpenid, unitRefsById } from '../../lib/people';

export const me: UseCase<'identity', 'me'> = async (_req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const profile = who.held.length > 0 ? (await profilesByOpenid(ctx, [who.openid])).get(who.openid) : undefined;
  const units = await unitRefsById(ctx, [...who.held.map((h) => h.unitId), profile?.unitId ?? null]);
  const roles: RoleView[] = [];
  for (const h of who.held) {
    const unit = units.get(h.unitId);
    // A grant over a unit that no longer exists covers nothing.
    if (unit) roles.push({ role: h.role, unit });
  }
  const view: Me = { handle: callerHandle(who.openid, ctx.hashHex), roles, reader: roles.length === 0 };
  // A reader has no profile; staff whose grants were all revoked read as readers again.
  if (profile && roles.length > 0) view.profile = { name: profile.name, unit: profile.unitId === null ? null : (units.get(profile.unitId) ?? null) };
  return ok(view);
};
