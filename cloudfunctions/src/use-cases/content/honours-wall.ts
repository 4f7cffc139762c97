/**
 * `content.honoursWall` (荣誉墙): the corps' figures since a year, from the one precomputed summary
 * document (domain/honours-wall.ts says what counts; every write that changes a figure moves it in
 * its own transaction). One document read, then the honoured units' names by id to group them
 * under their detachments as the tree stands now — never a scan of honours or exemplars.
 */
import type { Id, UnitRef } from '@contract';
import { WALL_SUMMARY_ID, wallView } from '../../domain/honours-wall';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';

export const honoursWall: UseCase<'content', 'honoursWall'> = async (req, ctx) => {
  const c = ctx.cloud();
  const summary = await c.collection('honours_summary').doc(WALL_SUMMARY_ID).get();
  const unitIds = (summary?.units ?? []).map((u) => u.unitId);
  const units = await byIds(() => c.collection('units').select([...UNIT_REF_FIELDS, 'path']), c.command, unitIds);
  // The detachment a unit belongs to (the corps' own units count under the corps).
  const groupIdOf = (id: Id): Id | null => {
    const u = units.get(id);
    return u ? (u.path[1] ?? u.path[0] ?? null) : null;
  };
  const missing = [...new Set(unitIds.map(groupIdOf))].filter((id): id is Id => id !== null && !units.has(id));
  const groups = missing.length > 0 ? await byIds(() => c.collection('units').select([...UNIT_REF_FIELDS, 'path']), c.command, missing) : new Map();
  const groupOf = (id: Id): UnitRef | null => {
    const g = groupIdOf(id);
    const row = g ? (units.get(g) ?? groups.get(g)) : undefined;
    return row ? toUnitRef(row) : null;
  };
  return ok(wallView(summary, req.since, groupOf));
};
