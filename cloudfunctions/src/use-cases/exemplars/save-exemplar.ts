/**
 * `authoring.saveExemplar`: create (client-chosen id, so a retried create makes one) or update a
 * profile. A profile is public as soon as it is saved, so its text must pass the content check
 * outright, and the photo must be the caller's upload for a photo (or the one it already has).
 * Renaming an individual voids their consent (they agreed to be published under the old name):
 * a published profile leaves public view in the same write, until consent is given again.
 */
import type { Exemplar } from '@contract';
import { consentAfterEdit, consentHolds } from '../../domain/consent';
import { EMPTY_WALL } from '../../domain/honours-wall';
import { nextReviewFor } from '../../domain/tiers';
import { requireCleanText } from '../../lib/content-check';
import { acceptFiles } from '../../lib/files';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { exemplarSearch, honorTitles, linkedStoryIds, rekeyLinkedStories, txNames } from '../../lib/search-index';
import { transact } from '../../lib/transaction';
import { moveWall, wallFields } from '../../workflows/honours-wall/summary';
import { exemplarView, reread } from './shared';

const pick = (e: Exemplar | null) => (e ? { name: e.name, kind: e.kind, unitId: e.unitId, title: e.title, summary: e.summary, photo: e.photo, category: e.category, state: e.state } : null);

export const saveExemplar: UseCase<'authoring', 'saveExemplar'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const [unit, existing] = await Promise.all([c.collection('units').doc(req.unitId).get(), c.collection('exemplars').doc(req.id).get()]);
  if (!unit) return fail('INVALID_ARGUMENT', `unit ${req.unitId} does not exist`, [{ path: 'unitId', message: '单位不存在' }]);
  const denied = requireRole(who, 'editor', unit.path) ?? (existing ? requireRole(who, 'editor', existing.unitPath) : null);
  if (denied) return denied;
  if (req.photo) {
    const notAccepted = await acceptFiles(ctx, who, [{ fileId: req.photo, path: 'photo' }], 'photo', existing?.photo ? [existing.photo] : []);
    if (notAccepted) return notAccepted;
  }
  const unclean = await requireCleanText(ctx, who.openid, [req.name, req.title, req.summary, req.biography].join('\n'), 1, 'profile text');
  if (unclean) return unclean;
  const now = ctx.now();
  const fields = {
    kind: req.kind,
    name: req.name,
    unitId: unit._id,
    unitPath: unit.path,
    category: req.category,
    title: req.title,
    summary: req.summary,
    photo: req.photo,
    biography: req.biography,
    updatedAt: now,
  };
  const result = await transact(ctx, async ({ tx, audit }) => {
    const before = await tx.collection('exemplars').get(req.id);
    if (before) {
      if (requireRole(who, 'editor', before.unitPath)) return fail('PERMISSION_DENIED', 'the exemplar belongs to a unit outside your subtree');
      const consent = consentAfterEdit(before.consent, before, fields);
      const voided = before.consent !== null && consent === null;
      let state = before.state;
      if (state === 'published' && !consentHolds(consent, fields)) {
        // Renaming voids consent: the profile leaves public view now. Any other way of losing it
        // (turning a station into a person) is refused: publish it again after consent.
        if (!voided) return refuse('FAILED_PRECONDITION', 'consent_required', 'a published individual needs consent that counts');
        state = 'draft';
      }
      // Searched by its name, duty line, units and honours; its stories by its name too.
      const search = await exemplarSearch(txNames(tx), fields, (await honorTitles(c, req.id)).map((h) => h.title));
      await tx.collection('exemplars').update(req.id, { ...fields, consent, state, ...search });
      if (before.name !== fields.name || before.kind !== fields.kind) await rekeyLinkedStories(tx, await linkedStoryIds(c, req.id));
      const after: Exemplar = { ...before, _id: req.id, ...fields, consent, state };
      // A rename that voids consent, a new kind or unit move the profile's honours-wall figures.
      await moveWall(tx, now, before, after);
      audit({ actor: who.openid, action: 'exemplar.update', subject: { kind: 'exemplar', id: req.id }, before: pick({ ...before, _id: req.id }), after: pick(after) });
      if (voided) audit({ actor: who.openid, action: 'consent.void', subject: { kind: 'exemplar', id: req.id }, before: { method: before.consent?.method, name: before.consent?.name }, after: { reason: 'renamed', name: req.name, state } });
      return after;
    }
    const created: Exemplar = {
      _id: req.id,
      ...fields,
      tier: 'reserve',
      consent: null,
      state: 'draft',
      honorCount: 0,
      storyCount: 0,
      saluteCount: 0,
      enteredTierAt: now,
      // The library's review policy (domain/tiers.ts), as every tier decision and enrolment uses.
      nextReviewAt: nextReviewFor('reserve', now) as number,
      createdAt: now,
      rank: 0,
      // The honours wall's tally starts empty (no honours, no placements yet).
      ...wallFields(EMPTY_WALL),
    };
    const { _id, ...doc } = created;
    await tx.collection('exemplars').set(_id, { ...doc, ...(await exemplarSearch(txNames(tx), doc, [])) });
    audit({ actor: who.openid, action: 'exemplar.create', subject: { kind: 'exemplar', id: req.id }, before: null, after: pick(created) });
    return created;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, req.id)));
};
