/**
 * `workboard.pursuitOptions`: the exemplars an admin over a pursuit's unit may put forward — those
 * of its subtree that are public and in a library, not yet candidates — major library first, then
 * by name. One read of the subtree's most recently edited PURSUIT_LIMITS.options (the unit_recent
 * index); the phone filters them by name as the admin types.
 */
import { PURSUIT_LIMITS, type PursuitOption } from '@contract';
import { candidateRefusal } from '../../domain/pursuits';
import { isFailure } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { unitRefsById } from '../../lib/people';
import { pursuitInScope } from './shared';

export const pursuitOptions: UseCase<'workboard', 'pursuitOptions'> = async (req, ctx) => {
  const found = await pursuitInScope(ctx, req.pursuitId, 'admin');
  if (isFailure(found)) return found;
  const p = found.pursuit;
  const rows = await ctx
    .cloud()
    .collection('exemplars')
    .select(['name', 'kind', 'tier', 'unitId', 'unitPath', 'state', 'consent'])
    .where({ unitPath: p.unitId })
    .orderBy('updatedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PURSUIT_LIMITS.options)
    .get();
  const taken = new Set(p.candidates.map((x) => x.exemplarId));
  const open = rows.filter((e) => !taken.has(e._id) && candidateRefusal(e, p.unitId) === null);
  const units = await unitRefsById(ctx, open.map((e) => e.unitId));
  const items: PursuitOption[] = open
    .map((e) => ({ _id: e._id, name: e.name, kind: e.kind, tier: e.tier === 'major' ? ('major' as const) : ('reserve' as const), unit: units.get(e.unitId) ?? null }))
    .sort((a, b) => (a.tier === b.tier ? a.name.localeCompare(b.name, 'zh-Hans-CN') : a.tier === 'major' ? -1 : 1));
  return ok({ items });
};
