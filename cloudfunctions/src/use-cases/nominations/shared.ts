/**
 * What several nomination use cases share: the views they answer, the form's files and consent,
 * and the timeline entry. Views sign attachments with staffUrls (the guard already let the caller
 * see the nomination) and never sign the consent scan: reviewers see it through consentScan,
 * which is audited.
 */
import type { ConsentRecord, FileId, MyNomination, NominationDoc, ObjectionDoc, ObjectionView, QueueItem, ReviewLevel, TimelineEntry } from '@contract';
import { awaitsVerification } from '../../domain/consent';
import { waitingFor } from '../../domain/nomination';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import type { ActionContext } from '../../lib/context';
import { acceptFiles, staffUrls, type FileRef } from '../../lib/files';
import type { Caller } from '../../lib/guard';
import { refuse, type Failure } from '../../lib/handler';
import { byIds } from '../../lib/reads';

/** Every stored field a view needs (lists select them rather than whole documents). */
export const NOMINATION_FIELDS = [
  'requestKey', 'nominee', 'category', 'targetTier', 'deeds', 'attachments', 'consent', 'nominatingUnitId', 'unitPath', 'nominatedBy', 'state',
  'noticeEndsAt', 'createdAt', 'updatedAt', 'nomineeName', 'nomineeKind', 'contentHeld', 'objections', 'enrolledExemplarId', 'fromTier', 'timeline',
] as const satisfies readonly (keyof NominationDoc)[];

/** The views of `rows`; `signed` are the attachments' links when the caller already made them. */
export async function views(ctx: ActionContext, rows: readonly NominationDoc[], signed?: ReadonlyMap<FileId, string>): Promise<MyNomination[]> {
  const c = ctx.cloud();
  const [units, urls] = await Promise.all([
    byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, rows.map((r) => r.nominatingUnitId)),
    signed ?? staffUrls(ctx, rows.flatMap((r) => r.attachments)),
  ]);
  return rows.map((r) => {
    const unit = units.get(r.nominatingUnitId);
    return {
      _id: r._id,
      nominee: { name: r.nomineeName, kind: r.nomineeKind, exemplarId: 'exemplarId' in r.nominee ? r.nominee.exemplarId : null },
      unit: unit ? toUnitRef(unit) : null,
      category: r.category,
      targetTier: r.targetTier,
      deeds: r.deeds,
      attachments: r.attachments.map((f) => urls.get(f)).filter((u): u is string => typeof u === 'string'),
      state: r.state,
      waitingFor: waitingFor(r.state),
      contentHeld: r.contentHeld,
      hasConsent: r.nomineeKind === 'collective' || r.consent !== null,
      consentAwaitsCheck: r.nomineeKind === 'individual' && awaitsVerification(r.consent),
      noticeEndsAt: r.noticeEndsAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      timeline: r.timeline,
      enrolledExemplarId: r.enrolledExemplarId,
    };
  });
}

export async function oneView(ctx: ActionContext, row: NominationDoc, signed?: ReadonlyMap<FileId, string>): Promise<MyNomination> {
  return (await views(ctx, [row], signed))[0] as MyNomination;
}

export function toQueueItem(v: MyNomination, level: ReviewLevel): QueueItem {
  const { enrolledExemplarId: _unused, ...rest } = v;
  return { ...rest, level };
}

export function objectionView(o: ObjectionDoc): ObjectionView {
  return { _id: o._id, nominationId: o.nominationId, nomineeName: o.nomineeName, text: o.text, at: o.at, state: o.state, contentHeld: o.contentHeld, resolution: o.resolution };
}

export function timelineEntry(event: TimelineEntry['event'], level: ReviewLevel | null, comment: string, at: number): TimelineEntry {
  return { event, level, comment, at };
}

/** A signed form the nominator uploaded, under the nominee's name; it counts once a reviewer checks it. */
export function signedForm(fileId: FileId, nomineeName: string, uploader: string, now: number): ConsentRecord {
  return { method: 'signed_form', evidence: fileId, recordedAt: now, recordedBy: uploader, name: nomineeName, verifiedBy: null, verifiedAt: null };
}

/** The refusal of an individual nominee without consent: the form's field, in the words the form shows. */
export const CONSENT_FORM_REQUIRED = { path: 'consentForm', reason: 'consent_required' as const, message: '个人推荐须上传本人签字的同意书' };

/**
 * The form's files: attachments must be the caller's uploads for nomination attachments (or
 * already on the nomination being revised), the consent form the caller's upload of a consent
 * scan. Refused fields keep the text the form shows beside them.
 */
export async function acceptFormFiles(ctx: ActionContext, caller: Caller, attachments: readonly FileId[], consentForm: FileId | null, alreadyOn: readonly FileId[] = []): Promise<Failure<'file_not_accepted' | 'file_rejected'> | null> {
  const refs: FileRef[] = attachments.map((fileId, i) => ({ fileId, path: `attachments.${i}` }));
  const refused = [await acceptFiles(ctx, caller, refs, 'attachment', alreadyOn), consentForm ? await acceptFiles(ctx, caller, [{ fileId: consentForm, path: 'consentForm' }], 'consent') : null].filter(
    (f): f is Failure<'file_not_accepted' | 'file_rejected'> => f !== null,
  );
  if (refused.length === 0) return null;
  const fields = refused.flatMap((f) => f.error.fields ?? []).map((f) => ({ ...f, message: f.reason === 'file_rejected' ? '图片未通过内容安全检查，请更换' : '文件不存在，请重新上传' }));
  const reason: 'file_not_accepted' | 'file_rejected' = fields.every((f) => f.reason === 'file_rejected') ? 'file_rejected' : 'file_not_accepted';
  return refuse('INVALID_ARGUMENT', reason, 'files must be uploaded by the caller for this purpose', fields);
}
