/**
 * `authoring.unitExemplars` (本单位典型资料): the exemplars of the caller's editor subtrees in
 * every state, last edited first, paged by cursor. The public library lists only published
 * profiles whose consent counts, so a profile an editor has just created (a draft) could not be
 * found again anywhere else. One keyset read per editor subtree on `exemplars.unit_recent`,
 * merged in edit order.
 */
import type { ConsentStatus, Exemplar, UnitExemplarItem } from '@contract';
import { awaitsVerification, consentHolds } from '../../domain/consent';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds, readMergedPage } from '../../lib/reads';

const PAGE = 20;

function consentStatus(ex: Pick<Exemplar, 'kind' | 'name' | 'consent'>): ConsentStatus {
  if (ex.kind === 'collective') return 'not_needed';
  if (consentHolds(ex.consent, ex)) return 'counts';
  return awaitsVerification(ex.consent) ? 'awaits_check' : 'missing';
}

export const unitExemplars: UseCase<'authoring', 'unitExemplars'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, 'editor');
  if (isFailure(who)) return who;
  const page = await readMergedPage(req, PAGE, {
    source: () => c.collection('exemplars').select(['name', 'kind', 'tier', 'state', 'consent', 'unitId', 'honorCount', 'storyCount', 'updatedAt']),
    filters: unitsWhereHeld(who, 'editor').map((unitPath) => ({ unitPath })),
    sortField: 'updatedAt',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  const units = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, page.rows.map((r) => r.unitId));
  const items: UnitExemplarItem[] = page.rows.map((r) => {
    const unit = units.get(r.unitId);
    return {
      _id: r._id,
      name: r.name,
      kind: r.kind,
      tier: r.tier,
      state: r.state,
      consent: consentStatus(r),
      unit: unit ? toUnitRef(unit) : null,
      honorCount: r.honorCount,
      storyCount: r.storyCount,
      updatedAt: r.updatedAt,
    };
  });
  return ok({ items, next: page.next });
};
