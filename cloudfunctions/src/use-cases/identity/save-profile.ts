/**
 * `identity.saveProfile`: a staff member gives the name (and unit) pages show for them instead of
 * an id. Readers have no profile: they stay anonymous. The name is a profile text (msgSecCheck
 * scene 1): a risky or doubtful one is refused. The profile and its audit entry commit together.
 */
import type { PersonRef } from '@contract';
import { requireCleanText } from '../../lib/content-check';
import { isFailure, staffCaller } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { profileIdOf } from '../../domain/people';
import { unitRefsById, writeProfile } from '../../lib/people';
import { transact } from '../../lib/transaction';

export const saveProfile: UseCase<'identity', 'saveProfile'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  if (who.held.length === 0) return refuse('PERMISSION_DENIED', 'profile_staff_only', 'only staff have a profile; readers stay anonymous');
  const heldUnits = who.held.map((h) => h.unitId);
  if (req.unitId && !heldUnits.includes(req.unitId)) {
    return refuse('INVALID_ARGUMENT', 'profile_unit_not_held', `the caller holds no role in unit ${req.unitId}`, [
      { path: 'unitId', message: 'not held', reason: 'profile_unit_not_held' },
    ]);
  }
  const unclean = await requireCleanText(ctx, who.openid, req.name, 1, 'name');
  if (unclean) return unclean;
  const now = ctx.now();
  const saved = await transact(ctx, async ({ tx, audit }) => {
    const { before, after } = await writeProfile(tx, ctx, who.openid, now, (current) => ({
      name: req.name,
      // No unit asked for: a profile keeps its unit; a new one takes the caller's first.
      unitId: req.unitId !== undefined ? req.unitId : current ? current.unitId : (heldUnits[0] ?? null),
    }));
    audit({ actor: who.openid, action: 'identity.saveProfile', subject: { kind: 'profile', id: profileIdOf(ctx.hashHex, who.openid) }, before, after });
    return after;
  });
  if (isFailure(saved)) return saved;
  const unit = saved.unitId === null ? null : ((await unitRefsById(ctx, [saved.unitId])).get(saved.unitId) ?? null);
  const view: PersonRef = { name: saved.name, unit };
  return ok(view);
};
