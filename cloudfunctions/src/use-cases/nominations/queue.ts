/**
 * `nominations.queue`: work waiting for the caller's reviewer grants, oldest first, with the tab
 * counts. Which (unit, state) pairs wait for the caller comes from the review ladder: a grant over
 * a level's unit reads the nominations of its subtree waiting at that level; grants over units no
 * level sits at (battalions, stations) review nothing.
 */
import type { NominationDoc } from '@contract';
import { NOMINATION_LIMITS } from '@contract';
import { REVIEW_LADDER } from '../../domain/review-ladder';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { objectionView, toQueueItem, views } from './shared';

export const queue: UseCase<'nominations', 'queue'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, 'reviewer');
  if (isFailure(who)) return who;
  const reviewerUnits = unitsWhereHeld(who, 'reviewer');
  const units = await byIds(() => c.collection('units').select(['path']), c.command, reviewerUnits);
  // Objections are scoped by the outermost reviewer units only, so a reviewer over both the
  // corps and a detachment counts and sees each objection once.
  const outer = [...units.values()].filter((u) => !u.path.some((p) => p !== u._id && units.has(p))).map((u) => u._id);
  const lanes = REVIEW_LADDER.lanes([...units.values()]);
  const limit = NOMINATION_LIMITS.listMax;
  const nominations = c.collection('nominations');
  const objections = c.collection('objections');
  const [reviewCounts, objectionCounts] = await Promise.all([
    Promise.all(lanes.map((l) => nominations.count({ unitPath: l.unitId, state: l.state }))),
    Promise.all(outer.map((u) => objections.count({ unitPath: u, state: 'open' }))),
  ]);
  const counts = { review: reviewCounts.reduce((a, b) => a + b, 0), objections: objectionCounts.reduce((a, b) => a + b, 0) };
  if (req.tab === 'objections') {
    const lists = await Promise.all(outer.map((u) => objections.where({ unitPath: u, state: 'open' }).orderBy('at', 'asc').orderBy('_id', 'asc').limit(limit).get()));
    const items = lists.flat().sort((a, b) => a.at - b.at || a._id.localeCompare(b._id)).slice(0, limit);
    return ok({ counts, items: [], objections: items.map(objectionView) });
  }
  const lists = await Promise.all(
    lanes.map(async (l) => ({
      level: l.level,
      rows: await nominations.where({ unitPath: l.unitId, state: l.state }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get(),
    })),
  );
  const merged = lists.flatMap((l) => l.rows.map((row: NominationDoc) => ({ row, level: l.level })));
  merged.sort((a, b) => a.row.createdAt - b.row.createdAt || a.row._id.localeCompare(b.row._id));
  const top = merged.slice(0, limit);
  const vs = await views(ctx, top.map((m) => m.row));
  return ok({ counts, items: vs.map((v, i) => toQueueItem(v, top[i]!.level)), objections: [] });
};
