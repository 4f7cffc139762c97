/** What the exemplar and consent use cases share: the editor's view of a profile and the editor check. */
import type { Exemplar, ExemplarEditView, Id } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { awaitsVerification, consentHolds } from '../../domain/consent';
import { placementLevelOf } from '../../domain/honours-wall';
import type { ActionContext } from '../../lib/context';
import { staffUrls } from '../../lib/files';
import { requireRole, type Caller } from '../../lib/guard';
import { fail, type Failure } from '../../lib/handler';

export async function exemplarView(ctx: Pick<ActionContext, 'cloud' | 'hashHex'>, ex: Exemplar): Promise<ExemplarEditView> {
  const c = ctx.cloud();
  const [honors, placements, urls] = await Promise.all([
    c.collection('honors').where({ exemplarId: ex._id }).orderBy('date', 'desc').limit(200).get(),
    c.collection('placements').where({ exemplarId: ex._id }).orderBy('date', 'desc').limit(200).get(),
    ex.photo ? staffUrls(ctx, [ex.photo]) : Promise.resolve(new Map<string, string>()),
  ]);
  return {
    _id: ex._id,
    kind: ex.kind,
    tier: ex.tier,
    name: ex.name,
    title: ex.title,
    unitId: ex.unitId,
    category: ex.category,
    photo: ex.photo,
    photoUrl: ex.photo ? (urls.get(ex.photo) ?? null) : null,
    summary: ex.summary,
    biography: ex.biography,
    state: ex.state,
    consent: ex.consent ? { method: ex.consent.method, recordedAt: ex.consent.recordedAt, counts: consentHolds(ex.consent, ex), awaitsCheck: awaitsVerification(ex.consent) } : null,
    honorCount: ex.honorCount,
    honors: honors.map((h) => ({ _id: h._id, title: h.title, level: h.level, date: h.date, awardedBy: h.awardedBy })),
    placements: placements.map((p) => ({ _id: p._id, outlet: p.outlet, level: placementLevelOf(p), title: p.title, date: p.date, link: p.link })),
    updatedAt: ex.updatedAt,
  };
}

/** The exemplar when the caller holds `role` (editor by default) over its unit. */
export async function exemplarFor(c: Cloud, who: Caller, id: Id, role: 'editor' | 'reviewer' | 'admin' = 'editor'): Promise<Exemplar | Failure<'role_required' | 'outside_scope'>> {
  const ex = await c.collection('exemplars').doc(id).get();
  if (!ex) return fail('NOT_FOUND', `exemplar ${id} not found`);
  return requireRole(who, role, ex.unitPath) ?? ex;
}

/** The exemplar as it is now (after a write). */
export async function reread(c: Cloud, id: Id): Promise<Exemplar> {
  const ex = await c.collection('exemplars').doc(id).get();
  if (!ex) throw new Error(`exemplar ${id} vanished after a write`);
  return ex;
}
