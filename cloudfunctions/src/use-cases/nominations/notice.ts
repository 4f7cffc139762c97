/** `nominations.notice`: public — the nominations in 公示, ending soonest first, with what the public may know. */
import type { NoticeItem } from '@contract';
import { NOMINATION_LIMITS } from '@contract';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';

export const notice: UseCase<'nominations', 'notice'> = async (_req, ctx) => {
  const c = ctx.cloud();
  const rows = await c
    .collection('nominations')
    .select(['nomineeName', 'nomineeKind', 'nominatingUnitId', 'category', 'targetTier', 'deeds', 'noticeEndsAt', 'state'])
    .where({ state: 'in_notice' })
    .orderBy('noticeEndsAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(NOMINATION_LIMITS.listMax)
    .get();
  const units = await byIds(() => c.collection('units').select(['name']), c.command, rows.map((r) => r.nominatingUnitId));
  const items: NoticeItem[] = rows.map((r) => ({
    _id: r._id,
    nomineeName: r.nomineeName,
    kind: r.nomineeKind,
    unitName: units.get(r.nominatingUnitId)?.name ?? '',
    category: r.category,
    targetTier: r.targetTier,
    deeds: r.deeds,
    noticeEndsAt: r.noticeEndsAt as number,
  }));
  return ok({ items });
};
