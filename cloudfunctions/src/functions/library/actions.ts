/**
 * `library`: publishers keep the two libraries current. A decision (promote, demote, retire,
 * reinstate, or keep after a review) changes the exemplar's tier and next review date and adds
 * a tier-history record in one transaction, then writes the audit log.
 */
import type { Exemplar, Id, LibraryItem, TierChange, TierChangeView, UnitRef } from '@contract';
import { PAGE_SIZE } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { holdsRoleOver } from '../../domain/access';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { decideTierChange, isOverdue } from '../../domain/tiers';
import { audit } from '../../lib/audit';
import { denyUnless, loadCaller } from '../../lib/caller';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';
import { cursorFrom, firstUnitOf, handleOf, requireAnywhere } from '../../lib/staff';

export interface LibraryDeps {
  cloud: () => Cloud;
  adminOpenids: () => string | undefined;
  hashHex: (input: string) => string;
  now: () => number;
  random: (n: number) => Uint8Array;
}

const ITEM_FIELDS = ['name', 'kind', 'tier', 'unitId', 'unitPath', 'enteredTierAt', 'nextReviewAt'] as const;
type ItemRow = Pick<Exemplar, '_id' | (typeof ITEM_FIELDS)[number]>;
/** Overdue reviews shown at once; the total still counts every one in scope. */
const OVERDUE_SHOWN = 100;
/** Per tier, the most overdue this many are read (a corps has under a hundred exemplars per tier). */
const OVERDUE_READ = 500;
const CHANGE_FIELDS = ['exemplarId', 'exemplarName', 'kind', 'from', 'to', 'reason', 'actor', 'at', 'nextReviewAt'] as const;

export function libraryActions(deps: LibraryDeps): ActionTable<'library'> {
  async function unitRefs(c: Cloud, ids: readonly Id[]): Promise<Map<Id, UnitRef>> {
    const rows = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, ids);
    return new Map([...rows].map(([id, row]) => [id, toUnitRef(row)]));
  }

  function item(e: ItemRow, units: Map<Id, UnitRef>, now: number): LibraryItem {
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

  function changeView(t: Pick<TierChange, '_id' | (typeof CHANGE_FIELDS)[number]>): TierChangeView {
    return {
      _id: t._id,
      exemplarId: t.exemplarId,
      exemplarName: t.exemplarName,
      kind: t.kind,
      from: t.from,
      to: t.to,
      reason: t.reason,
      actor: handleOf(t.actor, deps.hashHex),
      at: t.at,
      nextReviewAt: t.nextReviewAt,
    };
  }

  return {
    async changeTier(req) {
      const c = deps.cloud();
      const who = requireAnywhere(await loadCaller(c, deps.adminOpenids()), ['publisher']);
      if (!who.ok) return who;
      const found = await c.collection('exemplars').doc(req.exemplarId).select(['unitPath']).get();
      if (!found) return fail('NOT_FOUND', `no exemplar ${req.exemplarId}`);
      const denied = denyUnless(who.caller, 'publisher', found.unitPath);
      if (denied) return denied;
      const now = deps.now();
      const changeId = `tc-${now.toString(36)}-${Buffer.from(deps.random(4)).toString('hex')}`;
      const outcome = await c.transaction(async (tx) => {
        const e = await tx.collection('exemplars').get(req.exemplarId);
        if (!e) return { kind: 'missing' as const };
        const decision = decideTierChange(e.tier, req.change, now);
        if (!decision.ok) return { kind: 'refused' as const, reason: decision.reason };
        const moved = decision.to !== decision.from;
        const patch = {
          tier: decision.to,
          enteredTierAt: moved ? now : e.enteredTierAt,
          // A retired exemplar keeps its last review date: it is out of every review list.
          nextReviewAt: decision.nextReviewAt ?? e.nextReviewAt,
          updatedAt: now,
        };
        const change: Omit<TierChange, '_id'> = {
          exemplarId: req.exemplarId,
          exemplarName: e.name,
          unitId: e.unitId,
          unitPath: e.unitPath,
          kind: req.change,
          from: decision.from,
          to: decision.to,
          reason: req.reason,
          actor: who.caller.openid,
          at: now,
          nextReviewAt: decision.nextReviewAt,
        };
        await tx.collection('exemplars').update(req.exemplarId, patch);
        await tx.collection('tier_changes').set(changeId, change);
        return { kind: 'done' as const, before: e, after: { ...e, ...patch }, change };
      });
      if (outcome.kind === 'missing') return fail('NOT_FOUND', `no exemplar ${req.exemplarId}`);
      if (outcome.kind === 'refused') return fail('FAILED_PRECONDITION', outcome.reason, [{ path: 'change', message: outcome.reason }]);
      await audit(c, {
        actor: who.caller.openid,
        action: `library.${req.change}`,
        subject: { kind: 'exemplar', id: req.exemplarId },
        before: { tier: outcome.before.tier, nextReviewAt: outcome.before.nextReviewAt },
        after: { tier: outcome.after.tier, nextReviewAt: outcome.after.nextReviewAt, reason: req.reason },
        at: now,
      });
      const units = await unitRefs(c, [outcome.after.unitId]);
      return ok({ exemplar: item(outcome.after, units, now), change: changeView({ _id: changeId, ...outcome.change }) });
    },

    async overdue() {
      const c = deps.cloud();
      const who = requireAnywhere(await loadCaller(c, deps.adminOpenids()), ['publisher']);
      if (!who.ok) return who;
      const now = deps.now();
      const tiers = ['major', 'reserve'] as const;
      const lists = await Promise.all(
        tiers.map((tier) =>
          c.collection('exemplars').select(ITEM_FIELDS).where({ tier, nextReviewAt: c.command.lte(now) }).orderBy('nextReviewAt', 'asc').limit(OVERDUE_READ).get(),
        ),
      );
      const mine = lists.flat().filter((e) => holdsRoleOver(who.caller.held, 'publisher', e.unitPath));
      mine.sort((a, b) => a.nextReviewAt - b.nextReviewAt || (a._id < b._id ? -1 : 1));
      const shown = mine.slice(0, OVERDUE_SHOWN);
      const units = await unitRefs(c, shown.map((e) => e.unitId));
      return ok({ items: shown.map((e) => item(e, units, now)), total: mine.length });
    },

    async history(req) {
      const c = deps.cloud();
      const who = requireAnywhere(await loadCaller(c, deps.adminOpenids()), ['publisher']);
      if (!who.ok) return who;
      const cursor = cursorFrom(req.cursor);
      if (!cursor.ok) return cursor;
      let filter: { exemplarId: Id } | { unitPath: Id };
      if (req.exemplarId !== undefined) {
        const e = await c.collection('exemplars').doc(req.exemplarId).select(['unitPath']).get();
        if (!e) return fail('NOT_FOUND', `no exemplar ${req.exemplarId}`);
        const denied = denyUnless(who.caller, 'publisher', e.unitPath);
        if (denied) return denied;
        filter = { exemplarId: req.exemplarId };
      } else {
        filter = { unitPath: firstUnitOf(who.caller, 'publisher') as Id };
      }
      const page = await readKeysetPage({
        source: () => c.collection('tier_changes').select(CHANGE_FIELDS),
        filter,
        sortField: 'at',
        cursor: cursor.cursor,
        limit: req.limit ?? PAGE_SIZE.exemplars,
        cmd: c.command,
      });
      return ok({ items: page.rows.map(changeView), next: page.next });
    },
  };
}
