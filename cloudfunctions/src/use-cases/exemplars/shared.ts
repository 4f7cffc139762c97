/** What the exemplar and consent use cases share: the editor's view of a profile and the editor check. */
import type { Exemplar, ExemplarEditView, Id } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { awaitsVerification, consentHolds } from '../../domain/consent';
import { placementLevelOf } from '../../domain/honours-wall';
import type { ActionContext } from '../../lib/context';
import { staffUrls } from '../../lib/files';
import { requireRole, type Caller } from '../../lib/guard';
import { fail, type Failure } from '../../lib/handler';

/** How many of the exemplar's newest stories the placement form offers. */
const STORY_CHOICES = 30;

export async function exemplarView(ctx: Pick<ActionContext, 'cloud' | 'hashHex'>, ex: Exemplar): Promise<ExemplarEditView> {
  const c = ctx.cloud();
  const [honors, placements, urls, stories] = await Promise.all([
    c.collection('honors').where({ exemplarId: ex._id }).orderBy('date', 'desc').limit(200).get(),
    c.collection('placements').where({ exemplarId: ex._id }).orderBy('date', 'desc').limit(200).get(),
    ex.photo ? staffUrls(ctx, [ex.photo]) : Promise.resolve(new Map<string, string>()),
    // The stories a placement may name (stories.exemplar_feed), newest first.
    c.collection('stories').select(['title']).where({ exemplarIds: ex._id, state: 'published' }).orderBy('publishedAt', 'desc').limit(STORY_CHOICES).get(),
  ]);
  // A placement naming an older story than the choices shows its title too (one read by ids).
  const titles = new Map(stories.map((s) => [s._id, s.title]));
  const missing = [...new Set(placements.map((p) => p.storyId).filter((s): s is Id => !!s && !titles.has(s)))];
  if (missing.length > 0) for (const s of await c.collection('stories').select(['title']).where({ _id: c.command.in(missing) }).limit(missing.length).get()) titles.set(s._id, s.title);
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
    placements: placements.map((p) => ({ _id: p._id, outlet: p.outlet, level: placementLevelOf(p), title: p.title, date: p.date, link: p.link, ...(p.storyId ? { story: { _id: p.storyId, title: titles.get(p.storyId) ?? '' } } : {}) })),
    stories: stories.map((s) => ({ _id: s._id, title: s.title })),
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
