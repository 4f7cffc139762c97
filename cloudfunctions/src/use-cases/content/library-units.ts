/**
 * `content.libraryUnits`: the library's unit filter — the unit tree with, for each unit, how many
 * public exemplars of its subtree the library lists under the same filters (tier, kind, category).
 *
 * Where the counts come from, and why: the honours wall's summary document (domain/honours-wall.ts,
 * section `libraryUnits`) already holds the public exemplars of each library by their own unit,
 * kind and category, moved in the same transaction as every write that changes them (publishing,
 * consent, a rename voiding consent, a library decision, a new unit, kind or category) and rebuilt
 * by the reconcile timer. So a view costs two reads whatever the library's size — that document,
 * and the unit tree (small: MAX_ROWS) to add each unit's figure into its ancestors as the tree
 * stands now (a moved unit carries its exemplars with it; the summary names units, not paths).
 * The alternative, a count query per unit subtree on exemplars.library_unit, would be one query
 * per unit per view and could not apply the consent rule (isPublicExemplar): a count would
 * include a published person whose consent does not count, which the list leaves out.
 */
import type { Id, LibraryUnit, LibraryUnitsView, Unit } from '@contract';
import { WALL_SUMMARY_ID } from '../../domain/honours-wall';
import { ok, type UseCase } from '../../lib/handler';
import { MAX_ROWS } from './shared';

type TreeRow = Pick<Unit, '_id' | 'name' | 'shortName' | 'level' | 'parentId' | 'path'>;

export const libraryUnits: UseCase<'content', 'libraryUnits'> = async (req, ctx) => {
  const c = ctx.cloud();
  const [summary, tree] = await Promise.all([
    c.collection('honours_summary').doc(WALL_SUMMARY_ID).select(['libraryUnits']).get(),
    // Served by units.order, as content.units reads it.
    c.collection('units').select(['_id', 'name', 'shortName', 'level', 'parentId', 'path', 'order']).where({}).orderBy('order', 'asc').limit(MAX_ROWS).get(),
  ]);
  const item = (u: TreeRow, count: number | null): LibraryUnit => ({ _id: u._id, name: u.name, shortName: u.shortName, level: u.level, parentId: u.parentId, count });
  // Before the reconcile timer has built the figures (a new deployment, or a summary from before
  // this section existed), the tree without counts rather than counts of nothing.
  if (!summary?.libraryUnits) return ok({ items: tree.map((u) => item(u, null)), total: null } satisfies LibraryUnitsView);

  const byId = new Map<Id, TreeRow>(tree.map((u) => [u._id, u]));
  const counts = new Map<Id, number>();
  let total = 0;
  for (const e of summary.libraryUnits) {
    if (e.tier !== req.tier || (req.kind && e.kind !== req.kind) || (req.category && e.category !== req.category) || e.n <= 0) continue;
    total += e.n;
    // The unit and every ancestor: path runs from the root down to and including the unit.
    for (const id of byId.get(e.unitId)?.path ?? []) counts.set(id, (counts.get(id) ?? 0) + e.n);
  }
  // Only where there is something to find: a unit whose subtree lists nobody is no choice.
  const items = tree.filter((u) => (counts.get(u._id) ?? 0) > 0).map((u) => item(u, counts.get(u._id) ?? 0));
  return ok({ items, total } satisfies LibraryUnitsView);
};
