/** `admin.unitTree`: the units the caller administers (each of their admin subtrees), parents first. */
import type { Id, UnitNode } from '@contract';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { MAX_UNITS, toNode } from './views';

export const unitTree: UseCase<'admin', 'unitTree'> = async (_req, ctx) => {
  const who = await staffWith(ctx, 'admin');
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const roots = unitsWhereHeld(who, 'admin');
  const lists = await Promise.all(
    roots.map((id) => c.collection('units').select(['name', 'shortName', 'level', 'parentId', 'order', 'path']).where({ path: id }).limit(MAX_UNITS).get()),
  );
  const byId = new Map<Id, UnitNode & { depth: number }>();
  for (const rows of lists) for (const u of rows) byId.set(u._id, { ...toNode(u), depth: u.path.length });
  const items = [...byId.values()].sort((a, b) => a.depth - b.depth || a.order - b.order).map(({ depth: _depth, ...node }) => node);
  return ok({ items });
};
