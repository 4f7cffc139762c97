/** `engagement.mySalutes` (我的致敬): the exemplars the caller saluted that are still public, newest salute first. */
import { PAGE_SIZE } from '@contract';
import type { ExemplarCard } from '@contract';
import { EXEMPLAR_CARD_FIELDS, toExemplarCard, UNIT_REF_FIELDS, type ExemplarCardRow } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { publicUrls } from '../../lib/files';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { likedTargets } from './liked-walk';

export const mySalutes: UseCase<'engagement', 'mySalutes'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const c = ctx.cloud();
  const page = await likedTargets<ExemplarCardRow>(ctx, openid, 'exemplar', req, PAGE_SIZE.exemplars, async (ids) => {
    const rows = await byIds(() => c.collection('exemplars').select(EXEMPLAR_CARD_FIELDS), c.command, ids);
    // A profile withdrawn from public view (consent withdrawn, renamed, unpublished) leaves the list.
    return new Map([...rows].filter(([, e]) => isPublicExemplar(e)));
  });
  if (isFailure(page)) return page;
  // The same cards as the library: photos through publicUrls, units by name.
  const [units, urls] = await Promise.all([
    byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, page.rows.map((r) => r.unitId)),
    publicUrls(ctx, page.rows.flatMap((r) => (r.photo ? [r.photo] : []))),
  ]);
  const items: ExemplarCard[] = page.rows.map((r) => toExemplarCard(r, units, urls));
  return ok({ items, next: page.next });
};
