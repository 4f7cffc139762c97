/**
 * `content.honoured`: the public exemplars behind an honours-wall figure — honoured in a band in
 * one year, or in any year since one — in library order, keyset-paged. Each exemplar carries the
 * `<band>:<year>` keys of its honours (domain/honours-wall.ts), so this is one indexed read
 * (`exemplars.honoured` / `honoured_kind`, `_.in` the figure's years) whatever the collection
 * size; the count on the wall and the length of this list come from the same definitions.
 */
import { PAGE_SIZE } from '@contract';
import { countsOfSummary, honourKey, honourListKeys, WALL_SUMMARY_ID } from '../../domain/honours-wall';
import { EXEMPLAR_CARD_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { isFailure, ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { exemplarCards } from './cards';

export const honoured: UseCase<'content', 'honoured'> = async (req, ctx) => {
  const c = ctx.cloud();
  let keys: string[];
  if (req.year !== undefined) keys = [honourKey(req.band, req.year)];
  else {
    // "Since" lists the years the summary has honours of the band in: the same years its figure adds up.
    const summary = await c.collection('honours_summary').doc(WALL_SUMMARY_ID).get();
    keys = summary ? honourListKeys(countsOfSummary(summary), req.band, { since: req.since }) : [];
  }
  if (keys.length === 0) return ok({ items: [], next: null });
  const page = await readRequestedPage(req, PAGE_SIZE.exemplars, {
    source: () => c.collection('exemplars').select([...EXEMPLAR_CARD_FIELDS, 'unitPath']),
    filter: { honourKeys: c.command.in(keys), state: 'published', ...(req.kind ? { kind: req.kind } : {}) },
    sortField: 'rank',
    cmd: c.command,
    // The consent rule no index can express, and a unit's subtree (unitPath is an array, as
    // honourKeys is: no index may hold both, so the subtree is checked on the rows read).
    keep: (r) => isPublicExemplar(r) && (req.unitId === undefined || r.unitPath.includes(req.unitId)),
  });
  if (isFailure(page)) return page;
  return ok({ items: await exemplarCards(ctx, page.rows), next: page.next });
};
