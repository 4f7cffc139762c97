/** `content.exemplars`: one tier of the library (optionally one unit subtree, kind, category), by rank, in keyset pages. */
import { PAGE_SIZE } from '@contract';
import type { Id } from '@contract';
import { EXEMPLAR_CARD_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { isFailure, ok, type RequestFor, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { exemplarCards } from './cards';

type Req = RequestFor<'content', 'exemplars'>;

export const exemplars: UseCase<'content', 'exemplars'> = async (req, ctx) => {
  const c = ctx.cloud();
  const filter: { state: 'published'; tier: Req['tier']; kind?: Req['kind']; category?: Req['category']; unitPath?: Id } = { state: 'published', tier: req.tier };
  if (req.unitId) filter.unitPath = req.unitId;
  if (req.kind) filter.kind = req.kind;
  if (req.category) filter.category = req.category;
  const page = await readRequestedPage(req, PAGE_SIZE.exemplars, {
    source: () => c.collection('exemplars').select(EXEMPLAR_CARD_FIELDS),
    filter,
    sortField: 'rank',
    cmd: c.command,
    // EXEMPLAR_CARD_FIELDS carries name, kind, state and consent: what isPublicExemplar decides on.
    keep: isPublicExemplar,
  });
  if (isFailure(page)) return page;
  return ok({ items: await exemplarCards(ctx, page.rows), next: page.next });
};
