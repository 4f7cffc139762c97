/**
 * `content.placements`: the media placements behind an honours-wall figure (all, one outlet
 * level, or one outlet; one year or every year since one), newest first, keyset-paged on the
 * `placements.wall` index (`wallKeys` `_.in` the figure's years, domain/honours-wall.ts).
 *
 * A placement is shown only while its exemplar is public (the figure counts it only then): the
 * page's exemplars are read by id and the others' placements skipped, reading on until the page
 * is full (at most MAX_READS reads: a page may come back short, with `next`, never wrong).
 */
import { PAGE_SIZE } from '@contract';
import type { ExemplarRef, Id, PlacementCard, PlacementLevel } from '@contract';
import { countsOfSummary, placementKey, placementLevelOf, placementListKeys, WALL_SUMMARY_ID } from '../../domain/honours-wall';
import { EXEMPLAR_REF_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { requestCursor } from '../../lib/cursor';
import { isFailure, ok, type UseCase } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';

const MAX_READS = 5;
const FIELDS = ['_id', 'outlet', 'level', 'title', 'date', 'link', 'exemplarId', 'day'] as const;

export const placements: UseCase<'content', 'placements'> = async (req, ctx) => {
  const c = ctx.cloud();
  const by: { level?: PlacementLevel; outlet?: string } = req.outlet !== undefined ? { outlet: req.outlet } : req.level !== undefined ? { level: req.level } : {};
  let keys: string[];
  if (req.year !== undefined) keys = [placementKey(by, req.year)];
  else {
    const summary = await c.collection('honours_summary').doc(WALL_SUMMARY_ID).get();
    keys = summary ? placementListKeys(countsOfSummary(summary), { level: req.level, outlet: req.outlet }, { since: req.since }) : [];
  }
  if (keys.length === 0) return ok({ items: [], next: null });
  let cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const limit = req.limit ?? PAGE_SIZE.exemplars;
  const items: PlacementCard[] = [];
  let next: string | null = null;
  for (let reads = 0; reads < MAX_READS && items.length < limit; reads++) {
    const page = await readKeysetPage({
      source: () => c.collection('placements').select(FIELDS),
      filter: { wallKeys: c.command.in(keys) },
      sortField: 'day',
      cursor,
      limit: limit - items.length,
      cmd: c.command,
      // An outlet named under two levels: the outlet's keys, narrowed to the level asked for.
      keep: (p) => req.level === undefined || placementLevelOf(p) === req.level,
    });
    const exemplars = await byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, page.rows.flatMap((p) => (p.exemplarId ? [p.exemplarId] : [])));
    const shown = (id: Id | null): ExemplarRef | null => {
      const e = id ? exemplars.get(id) : undefined;
      return e && isPublicExemplar(e) ? { _id: e._id, name: e.name, kind: e.kind } : null;
    };
    for (const p of page.rows) {
      const exemplar = shown(p.exemplarId);
      if (exemplar) items.push({ _id: p._id, outlet: p.outlet, level: placementLevelOf(p), title: p.title, date: p.date, link: p.link, exemplar });
    }
    next = page.next;
    if (next === null) break;
    cursor = requestCursor(next);
    if (isFailure(cursor)) return cursor;
  }
  return ok({ items, next });
};
