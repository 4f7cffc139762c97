/**
 * `authoring.consentQueue`: signed consent forms waiting for a check in the caller's reviewer
 * subtrees, oldest upload first — without the forms the caller uploaded, which someone else must
 * check. Paged by cursor: one keyset read per reviewer subtree on the `consent_check` index,
 * merged in upload order.
 */
import type { ConsentCheckItem, Exemplar } from '@contract';
import type { Filter } from '../../adapters/cloud';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { awaitsVerification } from '../../domain/consent';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds, readMergedPage } from '../../lib/reads';

const LIST_LIMIT = 50;

export const consentQueue: UseCase<'authoring', 'consentQueue'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, 'reviewer');
  if (isFailure(who)) return who;
  const page = await readMergedPage(req, LIST_LIMIT, {
    source: () => c.collection('exemplars').select(['name', 'unitId', 'consent']),
    // Nested fields are queried by their dot path (the `consent_check` index serves it).
    filters: unitsWhereHeld(who, 'reviewer').map((u) => ({ unitPath: u, 'consent.method': 'signed_form', 'consent.verifiedBy': null }) as Filter<Exemplar>),
    sortField: 'consent.recordedAt',
    order: 'asc',
    cmd: c.command,
    keep: (e) => awaitsVerification(e.consent) && e.consent?.recordedBy !== who.openid,
  });
  if (isFailure(page)) return page;
  const unitRows = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, page.rows.map((r) => r.unitId));
  const items: ConsentCheckItem[] = page.rows.map((r) => {
    const unit = unitRows.get(r.unitId);
    return { exemplarId: r._id, name: r.name, unit: unit ? toUnitRef(unit) : null, recordedAt: r.consent?.recordedAt ?? 0 };
  });
  return ok({ items, next: page.next });
};
