/** `engagement.mySalutes` (我的致敬): the exemplars the caller saluted that are still public, newest salute first. */
import { PAGE_SIZE } from '@contract';
import { EXEMPLAR_CARD_FIELDS, type ExemplarCardRow } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { likedTargets } from './liked-walk';
import { exemplarCards } from '../content/cards';

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
  return ok({ items: await exemplarCards(ctx, page.rows), next: page.next });
};
