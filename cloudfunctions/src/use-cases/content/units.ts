/** `content.units`: the unit tree (flat, in display order) the library filters by. */
import { UNIT_LIST_FIELDS } from '../../domain/projections';
import { ok, type UseCase } from '../../lib/handler';
import { MAX_ROWS } from './shared';

export const units: UseCase<'content', 'units'> = async (_req, ctx) => {
  const rows = await ctx.cloud().collection('units').select(UNIT_LIST_FIELDS).where({}).orderBy('order', 'asc').limit(MAX_ROWS).get();
  return ok({ items: rows.map((u) => ({ _id: u._id, name: u.name, shortName: u.shortName, level: u.level, parentId: u.parentId })) });
};
