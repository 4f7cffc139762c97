/**
 * `authoring.consentQueue`: signed consent forms waiting for a check in the caller's reviewer
 * subtrees, oldest first — without the forms the caller uploaded, which someone else must check.
 */
import type { ConsentCheckItem, Exemplar, Id } from '@contract';
import type { Filter } from '../../adapters/cloud';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { awaitsVerification } from '../../domain/consent';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';

const LIST_LIMIT = 50;

export const consentQueue: UseCase<'authoring', 'consentQueue'> = async (_req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, 'reviewer');
  if (isFailure(who)) return who;
  const units = unitsWhereHeld(who, 'reviewer');
  const lists = await Promise.all(
    units.map((u) =>
      c
        .collection('exemplars')
        .select(['name', 'unitId', 'consent'])
        // Nested fields are queried by their dot path (the `consent_check` index serves it).
        .where({ unitPath: u, 'consent.method': 'signed_form', 'consent.verifiedBy': null } as Filter<Exemplar>)
        .limit(LIST_LIMIT)
        .get(),
    ),
  );
  const seen = new Map<Id, (typeof lists)[number][number]>();
  for (const list of lists) for (const e of list) if (awaitsVerification(e.consent) && e.consent?.recordedBy !== who.openid) seen.set(e._id, e);
  const rows = [...seen.values()].sort((a, b) => (a.consent?.recordedAt ?? 0) - (b.consent?.recordedAt ?? 0)).slice(0, LIST_LIMIT);
  const unitRows = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, rows.map((r) => r.unitId));
  const items: ConsentCheckItem[] = rows.map((r) => {
    const unit = unitRows.get(r.unitId);
    return { exemplarId: r._id, name: r.name, unit: unit ? toUnitRef(unit) : null, recordedAt: r.consent?.recordedAt ?? 0 };
  });
  return ok({ items });
};
