/**
 * `workboard.savePursuit`: an admin over the organising unit (the corps or a detachment) makes or
 * edits a pursuit. The unit and, for an edit, the pursuit are read again in the transaction that
 * writes, and the role checked there against them, with the audit entry. While an award stands,
 * the name, level and awarding body (what the honour carries) and the unit stay as they are.
 */
import type { PursuitDoc } from '@contract';
import { changesAwardedFields, dateFields, datesInOrder } from '../../domain/pursuits';
import { requireCleanText } from '../../lib/content-check';
import { isFailure, requireRole, staffWith } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { pursuitView, writePursuit } from './shared';

export const savePursuit: UseCase<'workboard', 'savePursuit'> = async (req, ctx) => {
  const who = await staffWith(ctx, 'admin');
  if (isFailure(who)) return who;
  if (!req.id && !req.requestKey) return fail('INVALID_ARGUMENT', 'a new pursuit needs a requestKey', [{ path: 'requestKey', message: 'required without id' }]);
  if (!datesInOrder(req)) return refuse('INVALID_ARGUMENT', 'pursuit_dates_invalid', 'dates must run opens ≤ nomination deadline ≤ result');
  const id = req.id ?? `pu-${ctx.hashHex(`pursuit\n${who.openid}\n${req.requestKey as string}`).slice(0, 24)}`;
  const now = ctx.now();
  const fields = {
    name: req.name,
    level: req.level,
    awardedBy: req.awardedBy,
    opensOn: req.opensOn,
    nominationDeadline: req.nominationDeadline,
    resultOn: req.resultOn,
    keyDates: req.keyDates,
    note: req.note,
  };
  // The name and awarding body become an honour's title on a public profile: checked as shown text.
  const unclean = await requireCleanText(ctx, who.openid, [fields.name, fields.awardedBy, fields.note, ...fields.keyDates.map((k) => k.label)].filter(Boolean).join('\n'), 1, 'pursuit text');
  if (unclean) return unclean;
  const result = await transact(ctx, async ({ tx, audit }) => {
    const unit = await tx.collection('units').get(req.unitId);
    if (!unit) return fail('NOT_FOUND', `unit ${req.unitId} not found`);
    const denied = requireRole(who, 'admin', unit.path);
    if (denied) return denied;
    if (unit.level !== 'corps' && unit.level !== 'detachment') return refuse('FAILED_PRECONDITION', 'pursuit_unit_level', `unit ${unit._id} is a ${unit.level}`);
    const before = await tx.collection('pursuits').get(id);
    if (req.id && !before) return fail('NOT_FOUND', `pursuit ${id} not found`);
    if (before) {
      const deniedBefore = requireRole(who, 'admin', before.unitPath);
      if (deniedBefore) return deniedBefore;
      if (changesAwardedFields(before, { ...fields, unitId: unit._id })) return refuse('FAILED_PRECONDITION', 'pursuit_has_awards', 'an award stands: its honour carries the name, level and awarding body');
    }
    const doc: PursuitDoc = {
      _id: id,
      ...fields,
      unitId: unit._id,
      unitPath: unit.path,
      candidates: before?.candidates ?? [],
      ...dateFields(fields),
      createdBy: before?.createdBy ?? who.openid,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await writePursuit(tx, doc);
    const summary = (p: PursuitDoc) => ({ name: p.name, level: p.level, awardedBy: p.awardedBy, unitId: p.unitId, date: `${p.opensOn} — ${p.nominationDeadline} — ${p.resultOn}` });
    audit({ actor: who.openid, action: before ? 'pursuit.update' : 'pursuit.create', subject: { kind: 'pursuit', id }, before: before ? summary(before) : null, after: summary(doc) });
    return doc;
  });
  if (isFailure(result)) return result;
  return ok(await pursuitView(ctx, who, result));
};
