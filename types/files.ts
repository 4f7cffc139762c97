/**
 * Uploaded files as the server records them (collection `files`). Every upload goes through a
 * function (the storage security rule forbids clients to read or write storage directly), which
 * records who uploaded it, for what, and where its content check stands. A file id a client
 * names is accepted only when this record says the caller uploaded it for that purpose.
 */
import type { FileId, Id, Millis } from './entities';

/**
 * What an image upload is for: story images (and a video's poster) and covers, a profile photo,
 * a signed consent form, a nomination attachment, a campaign's cover (uploaded by admins, who
 * need not be editors), a plan task's evidence photo (对账消号, uploaded by admins).
 */
export const IMAGE_UPLOAD_PURPOSES = ['story', 'photo', 'consent', 'attachment', 'cover', 'evidence'] as const;
export type ImageUploadPurpose = (typeof IMAGE_UPLOAD_PURPOSES)[number];
/** Every purpose a file is recorded for: the images above, and a story's short video. */
export const UPLOAD_PURPOSES = [...IMAGE_UPLOAD_PURPOSES, 'video'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/**
 * A story's video (视频块): short, and sent to the server in parts because a function call
 * carries about 1 MB (authoring.uploadVideoPart, then finishVideoUpload assembles and checks
 * the file). The client refuses early with the same numbers; the server decides from the bytes.
 */
export const VIDEO_LIMITS = {
  /** 60 s: WeChat's chooseMedia records at most this (maxDuration 60). */
  maxDurationMs: 60_000,
  /** A clip recorded at 60.4 s still counts as one minute; 61 s does not. */
  durationToleranceMs: 500,
  /** 25 MB. */
  maxBytes: 25 * 1024 * 1024,
  /** Bytes per part: base64 keeps one call under the ~1 MB a function call carries. */
  partBytes: 512 * 1024,
  /** maxBytes / partBytes. */
  maxParts: 50,
  /** Video blocks per story. */
  maxPerStory: 10,
} as const;

/**
 * WeChat's image check (security.mediaCheckAsync): pending until its event arrives; only `pass`
 * is shown to readers; `risky` files are removed from storage; `review` stays held. Consent
 * scans are never sent (`not_needed`): they are never shown publicly, and sending a person's
 * signed form to a classifier would spread their personal data for nothing. Videos cannot be
 * sent (mediaCheckAsync takes images and audio only): a video starts in `review`, held for a
 * person, and passes when a reviewer approves the story that shows it, having watched it in the
 * review screen; its poster is an image and goes through WeChat's check like any other.
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
  /** A video's length, read from its bytes (absent for images). */
  durationMs?: number;
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
