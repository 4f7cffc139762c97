/** What the library use cases answer: exemplars as the library manager sees them, and tier history. */
import type { Exemplar, Id, LibraryItem, PersonRef, TierChange, TierChangeView, UnitRef } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { isOverdue } from '../../domain/tiers';
import { personIn } from '../../lib/people';
import { byIds } from '../../lib/reads';

export const ITEM_FIELDS = ['name', 'kind', 'tier', 'unitId', 'unitPath', 'enteredTierAt', 'nextReviewAt'] as const;
export type ItemRow = Pick<Exemplar, '_id' | (typeof ITEM_FIELDS)[number]>;
export const CHANGE_FIELDS = ['exemplarId', 'exemplarName', 'kind', 'from', 'to', 'reason', 'actor', 'at', 'nextReviewAt'] as const;

export async function unitRefs(c: Cloud, ids: readonly Id[]): Promise<Map<Id, UnitRef>> {
  const rows = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, ids);
  return new Map([...rows].map(([id, row]) => [id, toUnitRef(row)]));
}

export function libraryItem(e: ItemRow, units: ReadonlyMap<Id, UnitRef>, now: number): LibraryItem {
  return {
    _id: e._id,
    name: e.name,
    kind: e.kind,
    tier: e.tier,
    unit: units.get(e.unitId) ?? null,
    enteredTierAt: e.enteredTierAt,
    nextReviewAt: e.nextReviewAt,
    overdue: isOverdue(e.tier, e.nextReviewAt, now),
  };
}

/** A tier decision as the history shows it: who decided by name (`people`, lib/people.ts peopleByOpenid). */
export function changeView(t: Pick<TierChange, '_id' | (typeof CHANGE_FIELDS)[number]>, people: ReadonlyMap<string, PersonRef>): TierChangeView {
  return {
    _id: t._id,
    exemplarId: t.exemplarId,
    exemplarName: t.exemplarName,
    kind: t.kind,
    from: t.from,
    to: t.to,
    reason: t.reason,
    actor: personIn(people, t.actor),
    at: t.at,
    nextReviewAt: t.nextReviewAt,
  };
}
