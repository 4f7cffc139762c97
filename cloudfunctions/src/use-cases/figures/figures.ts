/** `workboard.figures`: the figures of a unit subtree over a period, for the leaders' dashboard. */
import type { FiguresView } from '@contract';
import { isFailure } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { loadFigures, type LoadedFigures } from './load';

/** The view of loaded figures: the unit's row as the total, its children's rows as the table's. */
export function figuresView(l: LoadedFigures): FiguresView {
  const [total, ...rest] = l.table.rows;
  if (!total) throw new Error(`figures: no row for unit ${l.unit._id}`);
  return {
    unit: total.unit,
    from: l.period.from,
    to: l.period.to,
    today: l.today,
    total,
    children: rest.filter((r) => r.depth === 1),
    byYear: l.table.byYear,
    commendations: l.table.commendations,
    scope: l.scope,
  };
}

export const figures: UseCase<'workboard', 'figures'> = async (req, ctx) => {
  const loaded = await loadFigures(req, ctx);
  if (isFailure(loaded)) return loaded;
  return ok(figuresView(loaded));
};
