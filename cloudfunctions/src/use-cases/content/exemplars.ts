/** `content.exemplars`: one tier of the library (optionally one unit subtree, kind, category), by rank, in keyset pages. */
import { PAGE_SIZE } from '@contract';
import type { ExemplarCard, Id } from '@contract';
import { EXEMPLAR_CARD_FIELDS, toExemplarCard, UNIT_REF_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { publicUrls } from '../../lib/files';
import { isFailure, ok, type RequestFor, type UseCase } from '../../lib/handler';
import { byIds, readRequestedPage } from '../../lib/reads';

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
  const [units, urls] = await Promise.all([
    byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, page.rows.map((r) => r.unitId)),
    publicUrls(ctx, page.rows.flatMap((r) => (r.photo ? [r.photo] : []))),
  ]);
  const items: ExemplarCard[] = page.rows.map((r) => toExemplarCard(r, units, urls));
  return ok({ items, next: page.next });
};
