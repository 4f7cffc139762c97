/**
 * File access: the one module that knows who uploaded what, for which purpose, whether it may
 * be shown, and who may read it.
 *
 * - Every upload is recorded (`files`, keyed by fileKey): owner, purpose, size, image check.
 * - A file id from a client is accepted only when the caller uploaded it for that purpose, or it
 *   already belongs to the record being edited (acceptFiles). Anything else — a file that does
 *   not exist, someone else's upload, a consent scan offered as a photo — is refused.
 * - Temporary URLs are issued only here: `publicUrls` for what readers see (only images that
 *   passed WeChat's check; a file without a record was imported by the deployment and is
 *   trusted), `staffUrls` for staff looking at a subject the guard already let them see (never
 *   consent scans), `consentScanUrl` for reviewers of the person's unit subtree, each view audited.
 * - Images are sent to security.mediaCheckAsync on upload; the `wxa_media_check` event (or the
 *   timer, when it never comes) settles them: pass → shown, risky → deleted, review → held.
 * - Videos cannot be sent (the check takes images and audio): they are recorded held (`review`)
 *   and pass when a reviewer approves the story showing them (passReviewedVideos), having watched
 *   them; their posters are story images and go through WeChat's check like any image.
 */
import type { FileId, FileRecord, Id, ImageCheckState, UploadPurpose } from '@contract';
import type { Cloud } from '../adapters/cloud';
import type { ActionContext, Deps } from './context';
import { requireRole, type Caller } from './guard';
import { fail, isFailure, refuse, type Failure } from './handler';
import { byIds } from './reads';
import { auditAlone, transact, type Work } from './transaction';

/** A file id holds '/', '.' and ':' — the record's id is a hash of it. */
export function fileKey(hashHex: (s: string) => string, fileId: FileId): Id {
  return `f-${hashHex(`file\u0000${fileId}`).slice(0, 40)}`;
}

/**
 * The caller's own storage folder: uploads are stored under it (content-addressed inside), so the
 * same bytes from two people are two files with two owners, and a path names its uploader.
 */
export function uploaderFolder(hashHex: (s: string) => string, openid: string): string {
  return hashHex(`uploader:${openid}`).slice(0, 16);
}

/** Which purposes go through WeChat's image check (consent scans never do, videos cannot: see ImageCheckState). */
export function needsImageCheck(purpose: UploadPurpose): boolean {
  return purpose !== 'consent' && purpose !== 'video';
}

/** Where a fresh upload's check starts: WeChat's queue, not needed (consent), or a person's look (video). */
function initialCheck(purpose: UploadPurpose): ImageCheckState {
  if (purpose === 'video') return 'review';
  return needsImageCheck(purpose) ? 'pending' : 'not_needed';
}

/** msgSecCheck/mediaCheckAsync scene per purpose: 1 资料 for profiles and forms, 3 论坛 for stories. */
function sceneOf(purpose: UploadPurpose): 1 | 3 {
  return purpose === 'story' ? 3 : 1;
}

/** Files whose verdict is in: readers may see `pass`, nobody sees `risky` (it is deleted). */
const SHOWN_TO_READERS: readonly ImageCheckState[] = ['pass'];

async function recordsOf(c: Cloud, hashHex: Deps['hashHex'], fileIds: readonly FileId[]): Promise<Map<FileId, FileRecord>> {
  const keys = new Map(fileIds.map((f) => [fileKey(hashHex, f), f]));
  const rows = await byIds(() => c.collection('files'), c.command, [...keys.keys()]);
  const out = new Map<FileId, FileRecord>();
  for (const [key, row] of rows) {
    const fileId = keys.get(key);
    // A record under the key of another id would be a hash collision: trust nothing then.
    if (fileId !== undefined && row.fileId === fileId) out.set(fileId, row);
  }
  return out;
}

export interface UploadInput {
  fileId: FileId;
  owner: string;
  purpose: UploadPurpose;
  bytes: number;
  width: number;
  height: number;
  /** A video's length, read from its bytes. */
  durationMs?: number;
}

/**
 * The record of a fresh upload, written in the upload's transaction. A retried upload of the same
 * bytes lands on the same file: its record is kept (and its check) when the owner and purpose
 * match; the same bytes uploaded by someone else, or for another purpose, get the first record's
 * owner refused by acceptFiles, which is why uploads are stored under the uploader's folder.
 */
export async function recordUpload(w: Work, deps: Pick<Deps, 'hashHex' | 'now'>, input: UploadInput): Promise<{ record: FileRecord; fresh: boolean }> {
  const _id = fileKey(deps.hashHex, input.fileId);
  const existing = await w.tx.collection('files').get(_id);
  if (existing && existing.owner === input.owner && existing.purpose === input.purpose && existing.removedAt === null) {
    return { record: { ...existing, _id }, fresh: false };
  }
  const record: FileRecord = {
    _id,
    ...input,
    uploadedAt: deps.now(),
    check: initialCheck(input.purpose),
    traceId: null,
    // Due now: if the request right after the upload never happens (a crash), the sweep asks.
    checkRequestedAt: needsImageCheck(input.purpose) ? deps.now() : null,
    checkDecidedAt: null,
    checkAttempts: 0,
    boundTo: null,
    removedAt: null,
  };
  const { _id: _ignored, ...doc } = record;
  await w.tx.collection('files').set(_id, doc);
  return { record, fresh: true };
}

export interface FileRef {
  fileId: FileId;
  /** The request field that named it, for the refusal (e.g. `cover`, `attachments.2`). */
  path: string;
}

type FileRefusal = 'file_not_accepted' | 'file_rejected';

/**
 * Which of `fileIds` the caller may use for `purposes`: files they uploaded for one of them (and
 * not removed), or already on the record being edited (`alreadyOn`). The rest, with why not.
 */
export async function usableFiles(
  ctx: Pick<Deps, 'cloud' | 'hashHex'>,
  caller: Caller,
  fileIds: readonly FileId[],
  purposes: UploadPurpose | readonly UploadPurpose[],
  alreadyOn: readonly FileId[] = [],
): Promise<{ usable: Set<FileId>; refused: Map<FileId, FileRefusal> }> {
  const allowed = typeof purposes === 'string' ? [purposes] : purposes;
  const usable = new Set<FileId>();
  const refused = new Map<FileId, FileRefusal>();
  const fresh = [...new Set(fileIds)].filter((f) => {
    if (!alreadyOn.includes(f)) return true;
    usable.add(f);
    return false;
  });
  if (fresh.length === 0) return { usable, refused };
  const records = await recordsOf(ctx.cloud(), ctx.hashHex, fresh);
  for (const f of fresh) {
    const rec = records.get(f);
    if (rec && rec.removedAt !== null) refused.set(f, 'file_rejected');
    else if (!rec || rec.owner !== caller.openid || !allowed.includes(rec.purpose)) refused.set(f, 'file_not_accepted');
    else usable.add(f);
  }
  return { usable, refused };
}

/**
 * null when every file in `refs` may be used by the caller for `purpose` (see usableFiles).
 * Otherwise INVALID_ARGUMENT naming each refused field with the reason `file_not_accepted` (or
 * `file_rejected` for an image that failed the check and was removed).
 */
export async function acceptFiles(ctx: Pick<Deps, 'cloud' | 'hashHex'>, caller: Caller, refs: readonly FileRef[], purposes: UploadPurpose | readonly UploadPurpose[], alreadyOn: readonly FileId[] = []): Promise<Failure<FileRefusal> | null> {
  const { refused } = await usableFiles(ctx, caller, refs.map((r) => r.fileId), purposes, alreadyOn);
  if (refused.size === 0) return null;
  const fields = refs.flatMap((r) => {
    const reason = refused.get(r.fileId);
    if (!reason) return [];
    const message = reason === 'file_rejected' ? 'the file failed the content security check and was removed' : 'not a file the caller uploaded for this purpose';
    return [{ path: r.path, reason: reason as FileRefusal, message }];
  });
  const reason: FileRefusal = [...refused.values()].every((r) => r === 'file_rejected') ? 'file_rejected' : 'file_not_accepted';
  return refuse('INVALID_ARGUMENT', reason, 'files must be uploaded by the caller for this purpose', fields);
}

/**
 * Bind a consent scan to the one record it proves, inside the action's transaction: a scan
 * already bound to another record is refused (one signed form proves one person's consent).
 */
export async function bindConsentScan(w: Work, deps: Pick<Deps, 'hashHex'>, fileId: FileId, to: NonNullable<FileRecord['boundTo']>, path: string): Promise<Failure<'file_not_accepted'> | null> {
  const key = fileKey(deps.hashHex, fileId);
  const rec = await w.tx.collection('files').get(key);
  if (!rec || rec.purpose !== 'consent') return refuse('INVALID_ARGUMENT', 'file_not_accepted', 'not a consent scan', [{ path, reason: 'file_not_accepted', message: 'not a consent scan' }]);
  if (rec.boundTo && (rec.boundTo.kind !== to.kind || rec.boundTo.id !== to.id)) {
    // A nomination's form becomes the enrolled exemplar's: that move is the one rebinding allowed.
    if (!(rec.boundTo.kind === 'nomination' && to.kind === 'exemplar')) {
      return refuse('INVALID_ARGUMENT', 'file_not_accepted', 'this consent scan already proves another record', [{ path, reason: 'file_not_accepted', message: 'already used' }]);
    }
  }
  await w.tx.collection('files').update(key, { boundTo: to });
  return null;
}

/**
 * A reviewer approved a story revision that shows these videos, after watching them in the review
 * screen: the approval is the person's look a video needs (WeChat cannot check one), so the held
 * videos pass — in the approval's transaction, so readers get them exactly when the story goes
 * out. Files that are not held videos (already passed, removed, images) are left as they are.
 */
export async function passReviewedVideos(tx: Work['tx'], deps: Pick<Deps, 'hashHex' | 'now'>, videos: readonly FileId[]): Promise<number> {
  let passed = 0;
  for (const fileId of new Set(videos)) {
    const key = fileKey(deps.hashHex, fileId);
    const rec = await tx.collection('files').get(key);
    if (!rec || rec.fileId !== fileId || rec.purpose !== 'video' || rec.check !== 'review' || rec.removedAt !== null) continue;
    await tx.collection('files').update(key, { check: 'pass', checkDecidedAt: deps.now() });
    passed++;
  }
  return passed;
}

/** What the server read from each recorded video's bytes (size as shown, length): blocks take these, not the client's word. */
export async function videoFacts(ctx: Pick<Deps, 'cloud' | 'hashHex'>, fileIds: readonly FileId[]): Promise<Map<FileId, { width: number; height: number; durationMs: number }>> {
  const records = await recordsOf(ctx.cloud(), ctx.hashHex, [...new Set(fileIds)]);
  const out = new Map<FileId, { width: number; height: number; durationMs: number }>();
  for (const [f, r] of records) if (r.purpose === 'video' && typeof r.durationMs === 'number') out.set(f, { width: r.width, height: r.height, durationMs: r.durationMs });
  return out;
}

// ------------------------------------------------------------------ reading

/** Cache of verdicts that can no longer change to "hidden" (a pass stays a pass), per instance. */
const passed = new Map<FileId, number>();
const PASS_CACHE_MS = 10 * 60_000;
const PASS_CACHE_MAX = 5000;

/**
 * URLs for what readers see: images that passed WeChat's check, and files the deployment
 * imported without a record. Held (pending, review) and rejected images are absent: the page
 * shows no image rather than an unchecked one.
 */
export async function publicUrls(ctx: Pick<Deps, 'cloud' | 'hashHex' | 'now'>, fileIds: readonly FileId[]): Promise<Map<FileId, string>> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return new Map();
  const c = ctx.cloud();
  const now = ctx.now();
  const unknown = unique.filter((f) => (passed.get(f) ?? 0) <= now);
  const shown = new Set(unique.filter((f) => !unknown.includes(f)));
  if (unknown.length > 0) {
    const records = await recordsOf(c, ctx.hashHex, unknown);
    for (const f of unknown) {
      const rec = records.get(f);
      if (!rec) {
        shown.add(f);
        continue;
      }
      if (rec.removedAt === null && SHOWN_TO_READERS.includes(rec.check)) {
        shown.add(f);
        passed.set(f, now + PASS_CACHE_MS);
        while (passed.size > PASS_CACHE_MAX) {
          const oldest = passed.keys().next().value;
          if (oldest === undefined) break;
          passed.delete(oldest);
        }
      }
    }
  }
  return c.tempUrls([...shown]);
}

/**
 * URLs for staff working on a subject the guard already let them see (a draft, a nomination, a
 * profile being edited): every stored file but consent scans, pending checks included (the
 * editor sees their own picture while WeChat looks at it). Removed files resolve to nothing.
 */
export async function staffUrls(ctx: Pick<Deps, 'cloud' | 'hashHex'>, fileIds: readonly FileId[]): Promise<Map<FileId, string>> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return new Map();
  const c = ctx.cloud();
  const records = await recordsOf(c, ctx.hashHex, unique);
  const shown = unique.filter((f) => {
    const rec = records.get(f);
    return !rec || (rec.removedAt === null && rec.purpose !== 'consent');
  });
  return c.tempUrls(shown);
}

/** The check state of each file that has a record (staff pages show 审核中 for a pending image). */
export async function checkStates(ctx: Pick<Deps, 'cloud' | 'hashHex'>, fileIds: readonly FileId[]): Promise<Map<FileId, ImageCheckState>> {
  const records = await recordsOf(ctx.cloud(), ctx.hashHex, [...new Set(fileIds)]);
  return new Map([...records].map(([f, r]) => [f, r.check]));
}

/**
 * A consent scan, shown only to a reviewer of the person's unit subtree; every view is audited
 * before the URL is issued (an unaudited view cannot happen).
 */
export async function consentScanUrl(
  ctx: ActionContext,
  caller: Caller,
  scan: { fileId: FileId | null; unitPath: readonly Id[]; subject: { kind: 'exemplar' | 'nomination'; id: Id } },
): Promise<{ url: string } | Failure<'role_required' | 'outside_scope'>> {
  // The role is checked before saying whether a scan exists: others learn nothing.
  const denied = requireRole(caller, 'reviewer', scan.unitPath);
  if (denied) return denied;
  if (!scan.fileId) return fail('NOT_FOUND', `${scan.subject.kind} ${scan.subject.id} has no signed consent form`);
  const c = ctx.cloud();
  await auditAlone(ctx, { actor: caller.openid, action: 'consent.view', subject: scan.subject, before: null, after: { file: fileKey(ctx.hashHex, scan.fileId) } });
  const url = (await c.tempUrls([scan.fileId])).get(scan.fileId);
  if (!url) return fail('NOT_FOUND', 'the consent scan is no longer in storage');
  return { url };
}

// ------------------------------------------------------------------ WeChat's image check

/** Checks asked again this long after a request whose event never came (WeChat promises 30 minutes). */
export const CHECK_RETRY_AFTER_MS = 40 * 60_000;
/** Requests per file before it is left held for good (a person must look: staff pages say so). */
export const CHECK_MAX_ATTEMPTS = 3;

/**
 * Ask WeChat to check an uploaded image (security.mediaCheckAsync); the trace id is recorded so
 * the event can be matched. A failed request leaves the file pending: the timer asks again.
 */
export async function requestImageCheck(ctx: Pick<Deps, 'cloud' | 'now' | 'log'>, record: Pick<FileRecord, '_id' | 'fileId' | 'owner' | 'purpose' | 'check' | 'checkAttempts'>): Promise<boolean> {
  if (record.check !== 'pending') return false;
  const c = ctx.cloud();
  try {
    const url = (await c.tempUrls([record.fileId])).get(record.fileId);
    if (!url) throw new Error(`no temporary URL for ${record._id}`);
    const res = await c.openapi<{ traceId?: string; trace_id?: string }>('security.mediaCheckAsync', {
      mediaUrl: url,
      mediaType: 2,
      version: 2,
      scene: sceneOf(record.purpose),
      openid: record.owner,
    });
    const traceId = res.traceId ?? res.trace_id;
    if (typeof traceId !== 'string' || traceId.length === 0) throw new Error('mediaCheckAsync answered no trace id');
    await c.collection('files').doc(record._id).update({ traceId, checkRequestedAt: ctx.now(), checkAttempts: record.checkAttempts + 1 });
    return true;
  } catch (e) {
    ctx.log({ level: 'warn', what: 'mediaCheckAsync request failed', file: record._id, message: String((e as Error)?.message ?? e), errCode: (e as { errCode?: unknown })?.errCode ?? null });
    // Counted, so a file WeChat keeps refusing does not make the timer ask forever.
    await c.collection('files').doc(record._id).update({ checkRequestedAt: ctx.now(), checkAttempts: record.checkAttempts + 1 });
    return false;
  }
}

export type ImageVerdict = 'pass' | 'review' | 'risky';

/**
 * Apply a wxa_media_check verdict to the file its trace id names. Idempotent: a second delivery
 * finds the verdict already set. A trace id we never issued (a forged or stale event) changes
 * nothing. A risky image is deleted from storage and the deletion audited.
 */
export async function applyImageVerdict(ctx: Pick<Deps, 'cloud' | 'now' | 'random' | 'log'>, traceId: string, verdict: ImageVerdict): Promise<'applied' | 'unknown' | 'settled'> {
  const c = ctx.cloud();
  const [row] = await c.collection('files').select(['fileId']).where({ traceId }).limit(1).get();
  if (!row) return 'unknown';
  const now = ctx.now();
  const outcome = await transact(ctx, async (w) => {
    const rec = await w.tx.collection('files').get(row._id);
    if (!rec || rec.traceId !== traceId) return 'unknown' as const;
    if (rec.check !== 'pending') return 'settled' as const;
    const removed = verdict === 'risky';
    await w.tx.collection('files').update(row._id, { check: verdict, checkDecidedAt: now, removedAt: removed ? now : null });
    if (removed) w.audit({ actor: 'media-check', action: 'file.removed', subject: { kind: 'file', id: row._id }, before: { check: 'pending' }, after: { check: 'risky', owner: rec.owner, purpose: rec.purpose } });
    return 'applied' as const;
  });
  if (outcome === 'applied' && verdict === 'risky') {
    // Storage is not transactional: the record already says removed, so nothing serves the file
    // even if this delete fails (logged, and the file is unreachable).
    try {
      await c.deleteFiles([row.fileId]);
    } catch (e) {
      ctx.log({ level: 'warn', what: 'delete of a rejected image failed', file: row._id, message: String((e as Error)?.message ?? e) });
    }
  }
  return isFailure(outcome) ? 'unknown' : outcome;
}

/** Files looked at per sweep: a run must end well inside the function's time limit. */
const SWEEP_BATCH = 20;

export interface SweepSummary {
  asked: Id[];
  /** Checks WeChat never answered after CHECK_MAX_ATTEMPTS: held for good (state `review`). */
  gaveUp: Id[];
}

/**
 * The media-check timer: ask again for checks whose event never came; after CHECK_MAX_ATTEMPTS the
 * file is held for good (`review`: readers never see it; staff pages say a person must look).
 */
export async function sweepImageChecks(ctx: Pick<Deps, 'cloud' | 'now' | 'log'>): Promise<SweepSummary> {
  const c = ctx.cloud();
  const now = ctx.now();
  const due = await c
    .collection('files')
    .where({ check: 'pending', checkRequestedAt: c.command.lt(now - CHECK_RETRY_AFTER_MS) })
    .orderBy('checkRequestedAt', 'asc')
    .limit(SWEEP_BATCH)
    .get();
  const summary: SweepSummary = { asked: [], gaveUp: [] };
  for (const rec of due) {
    if (rec.checkAttempts >= CHECK_MAX_ATTEMPTS) {
      await c.collection('files').doc(rec._id).update({ check: 'review', checkDecidedAt: now });
      summary.gaveUp.push(rec._id);
      continue;
    }
    await requestImageCheck(ctx, rec);
    summary.asked.push(rec._id);
  }
  return summary;
}
