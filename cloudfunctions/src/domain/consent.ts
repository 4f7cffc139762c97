/**
 * When a person's consent counts (PIPL art. 25: publishing a person's information needs their
 * separate consent). Pure.
 *
 * - A collective (a station) needs no personal consent.
 * - An in-app confirmation counts: the person confirmed with their own WeChat.
 * - A signed paper form counts only once a reviewer other than the uploader has looked at the
 *   scan and confirmed it matches the person (`verifiedBy`).
 * - Consent is given under a name: a profile renamed since then is not what the person agreed to.
 */
import type { ConsentRecord, Exemplar } from '@contract';

export function consentHolds(consent: ConsentRecord | null | undefined, subject: Pick<Exemplar, 'kind' | 'name'>): boolean {
  if (subject.kind === 'collective') return true;
  if (!consent) return false;
  if (consent.name !== subject.name) return false;
  if (consent.method === 'signed_form') return consent.verifiedBy !== null && consent.verifiedBy !== consent.recordedBy;
  return consent.verifiedBy !== null;
}

/** A signed form that still needs a reviewer's check (the staff page offers it to reviewers). */
export function awaitsVerification(consent: ConsentRecord | null | undefined): boolean {
  return !!consent && consent.method === 'signed_form' && consent.verifiedBy === null;
}

/**
 * The consent a profile keeps after an edit: renaming an individual voids it (the person agreed
 * to be published under the old name), anything else keeps it.
 */
export function consentAfterEdit(consent: ConsentRecord | null, before: Pick<Exemplar, 'kind' | 'name'>, after: Pick<Exemplar, 'kind' | 'name'>): ConsentRecord | null {
  if (!consent) return null;
  if (after.kind !== 'individual') return consent;
  if (before.name !== after.name || before.kind !== after.kind) return null;
  return consent;
}
