/**
 * Uploaded files as the server records them (collection `files`). Every upload goes through a
 * function (the storage security rule forbids clients to read or write storage directly), which
 * records who uploaded it, for what, and where its content check stands. A file id a client
 * names is accepted only when this record says the caller uploaded it for that purpose.
 */
import type { FileId, Id, Millis } from './entities';

/**
 * What an upload is for: story images and covers, a profile photo, a signed consent form, a
 * nomination attachment, a campaign's cover (uploaded by admins, who need not be editors).
 */
export const UPLOAD_PURPOSES = ['story', 'photo', 'consent', 'attachment', 'cover'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/**
 * WeChat's image check (security.mediaCheckAsync): pending until its event arrives; only `pass`
 * is shown to readers; `risky` files are removed from storage; `review` stays held. Consent
 * scans are never sent (`not_needed`): they are never shown publicly, and sending a person's
 * signed form to a classifier would spread their personal data for nothing.
 */
export type ImageCheckState = 'pending' | 'pass' | 'review' | 'risky' | 'not_needed';

export interface FileRecord {
  /** fileKey(fileId): a file id holds characters a document id cannot. */
  _id: Id;
  fileId: FileId;
  /** OPENID of the uploader. */
  owner: string;
  purpose: UploadPurpose;
  bytes: number;
  width: number;
  height: number;
  uploadedAt: Millis;
  /** Flat (not nested) so the timer's and the event's lookups are plain indexed fields. */
  check: ImageCheckState;
  /** mediaCheckAsync's trace id of the latest request: the event names it; never sent to a client. */
  traceId: string | null;
  checkRequestedAt: Millis | null;
  checkDecidedAt: Millis | null;
  /** Check requests made (the timer asks again when no event came). */
  checkAttempts: number;
  /** A consent scan proves one person's consent: the record it was first used for. */
  boundTo: { kind: 'exemplar' | 'nomination'; id: Id } | null;
  /** Set when the file was deleted from storage (it failed the check). */
  removedAt: Millis | null;
}
