/**
 * `nominations.queue`: work waiting for the caller's reviewer grants, oldest first, with the tab
 * counts. Which (unit, state) pairs wait for the caller comes from the review ladder: a grant over
 * a level's unit reads the nominations of its subtree waiting at that level; grants over units no
 * level sits at (battalions, stations) review nothing.
 *
 * The tab's list is paged by cursor: each (unit, state) lane — or, for objections, each outermost
 * reviewer subtree — is a keyset read on its index, and the page is their merge in one order
 * (lib/reads.ts readMergedPage), so a reviewer over several levels pages through one list.
 */
import type { NominationDoc } from '@contract';
import { NOMINATION_LIMITS } from '@contract';
import { waitingFor } from '../../domain/nomination';
import { REVIEW_LADDER } from '../../domain/review-ladder';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds, readMergedPage } from '../../lib/reads';
import { NOMINATION_FIELDS, objectionView, toQueueItem, views } from './shared';

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
  const nominations = c.collection('nominations');
  const objections = c.collection('objections');
  const [reviewCounts, objectionCounts] = await Promise.all([
    Promise.all(lanes.map((l) => nominations.count({ unitPath: l.unitId, state: l.state }))),
    Promise.all(outer.map((u) => objections.count({ unitPath: u, state: 'open' }))),
  ]);
  const counts = { review: reviewCounts.reduce((a, b) => a + b, 0), objections: objectionCounts.reduce((a, b) => a + b, 0) };
  if (req.tab === 'objections') {
    const page = await readMergedPage(req, NOMINATION_LIMITS.listMax, {
      source: () => objections,
      filters: outer.map((u) => ({ unitPath: u, state: 'open' as const })),
      sortField: 'at',
      order: 'asc',
      cmd: c.command,
    });
    if (isFailure(page)) return page;
    return ok({ counts, items: [], objections: page.rows.map(objectionView), next: page.next });
  }
  const page = await readMergedPage(req, NOMINATION_LIMITS.listMax, {
    source: () => nominations.select(NOMINATION_FIELDS),
    filters: lanes.map((l) => ({ unitPath: l.unitId, state: l.state })),
    sortField: 'createdAt',
    order: 'asc',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  const vs = await views(ctx, page.rows as NominationDoc[]);
  // Lanes are (level unit, state) pairs, so the state a row waits in names the level it waits for.
  const items = vs.flatMap((v) => {
    const level = waitingFor(v.state);
    return level ? [toQueueItem(v, level)] : [];
  });
  return ok({ counts, items, objections: [], next: page.next });
};
