/**
 * `content.stationMembers`: the people of a station who are public exemplars in a library, by
 * rank, in keyset pages — shown on the station's profile. A station is a public collective
 * exemplar whose own unit is a 消防救援站; anything else answers NOT_FOUND (there is no such
 * station to list). Its members are the individuals whose unit lies in the station's unit
 * (`unitPath` contains it; index exemplars.unit_kind); retired ones are in no library.
 */
import { PAGE_SIZE } from '@contract';
import { EXEMPLAR_CARD_FIELDS, EXEMPLAR_REF_FIELDS, UNIT_REF_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { fail, isFailure, ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { exemplarCards } from './cards';

export const stationMembers: UseCase<'content', 'stationMembers'> = async (req, ctx) => {
  const c = ctx.cloud();
  const station = await c.collection('exemplars').doc(req.exemplarId).select([...EXEMPLAR_REF_FIELDS, 'unitId']).get();
  if (!station || !isPublicExemplar(station) || station.kind !== 'collective') return fail('NOT_FOUND', `station ${req.exemplarId} not found`);
  const unit = await c.collection('units').doc(station.unitId).select(UNIT_REF_FIELDS).get();
  if (!unit || unit.level !== 'station') return fail('NOT_FOUND', `exemplar ${req.exemplarId} is not a station`);
  const page = await readRequestedPage(req, PAGE_SIZE.stationMembers, {
    source: () => c.collection('exemplars').select(EXEMPLAR_CARD_FIELDS),
    filter: { unitPath: unit._id, state: 'published', kind: 'individual' },
    sortField: 'rank',
    cmd: c.command,
    // EXEMPLAR_CARD_FIELDS carries what isPublicExemplar decides on, and the tier.
    keep: (r) => isPublicExemplar(r) && r.tier !== 'retired',
  });
  if (isFailure(page)) return page;
  return ok({ items: await exemplarCards(ctx, page.rows), next: page.next });
};
