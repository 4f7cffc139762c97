/**
 * The unit tree's shape rules: which level sits under which, where a new unit goes, and what a
 * move rewrites. Every document under a unit carries the unit's path, so a move is a rewrite
 * of path prefixes; this module computes it, the function applies it in batches.
 */
import type { Id, Unit, UnitLevel } from '@contract';

/** 总队 → 支队 → 大队 → 站: the only level a unit of each level may contain. */
export const CHILD_LEVEL: Record<UnitLevel, UnitLevel | null> = {
  corps: 'detachment',
  detachment: 'battalion',
  battalion: 'station',
  station: null,
};

export type TreeRefusal = { ok: false; reason: string };

export function childOf(parent: Pick<Unit, '_id' | 'level' | 'path'>, id: Id, name: string, shortName: string, order: number): { ok: true; unit: Unit } | TreeRefusal {
  const level = CHILD_LEVEL[parent.level];
  if (!level) return { ok: false, reason: `a ${parent.level} has no sub-units` };
  return { ok: true, unit: { _id: id, name, shortName, level, parentId: parent._id, path: [...parent.path, id], order } };
}

/** `path` after the subtree rooted at `movedId` now hangs at `movedPath` (the moved unit's new path). */
export function rebasePath(path: readonly Id[], movedId: Id, movedPath: readonly Id[]): Id[] {
  const at = path.indexOf(movedId);
  if (at === -1) throw new Error(`path ${path.join('/')} is not under ${movedId}`);
  return [...movedPath, ...path.slice(at + 1)];
}

export type MovePlan = { ok: true; movedPath: Id[]; units: { _id: Id; path: Id[] }[] } | TreeRefusal;

/**
 * Moving `unit` under `parent`: refused into its own subtree (a cycle) or under a parent of the
 * wrong level (a station under a corps). `subtree` is every unit whose path contains `unit`
 * (the unit included); the plan gives each its new path.
 */
export function planMove(unit: Pick<Unit, '_id' | 'level' | 'path'>, parent: Pick<Unit, '_id' | 'level' | 'path'>, subtree: readonly Pick<Unit, '_id' | 'path'>[]): MovePlan {
  if (unit.path.length === 1) return { ok: false, reason: 'the corps is the root and cannot move' };
  if (parent.path.includes(unit._id)) return { ok: false, reason: 'a unit cannot move into its own subtree' };
  if (CHILD_LEVEL[parent.level] !== unit.level) return { ok: false, reason: `a ${unit.level} cannot sit under a ${parent.level}` };
  const movedPath = [...parent.path, unit._id];
  return { ok: true, movedPath, units: subtree.map((u) => ({ _id: u._id, path: rebasePath(u.path, unit._id, movedPath) })) };
}
