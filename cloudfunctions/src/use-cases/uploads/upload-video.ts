/**
 * `authoring.uploadVideoPart` and `authoring.finishVideoUpload`: how a story video enters
 * storage. Clients may not write storage, and a function call carries about 1 MB while a video
 * may be 25 MB, so the editor sends it in parts (VIDEO_LIMITS.partBytes each, with a progress bar
 * that moves per part) and then asks the server to finish: the server joins the caller's own
 * parts, reads the result (domain/video-info.ts: an MP4/MOV with a picture track, its length and
 * upright size — never the client's word), refuses what is too long or not a video,
 * stores it under the caller's folder content-addressed (a retried upload lands on the same
 * file), records it as the caller's `video` with the audit entry, and deletes the parts.
 *
 * WeChat's media check takes images and audio, not video: the record starts held (`review`) and
 * passes when a reviewer approves the story showing it (lib/files.ts, passReviewedVideos). The
 * poster is a story image (authoring.uploadImage) and is checked by WeChat like any image.
 */
import { VIDEO_LIMITS } from '@contract';
import { videoInfo } from '../../domain/video-info';
import { recordUpload, uploaderFolder } from '../../lib/files';
import { isFailure, staffWith } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';

/** Where part `index` of the caller's upload `uploadId` is kept until the upload finishes. */
function partPath(folder: string, uploadId: string, index: number): string {
  return `authoring/video-parts/${folder}/${uploadId}/${index}.part`;
}

export const uploadVideoPart: UseCase<'authoring', 'uploadVideoPart'> = async (req, ctx) => {
  const who = await staffWith(ctx, 'editor');
  if (isFailure(who)) return who;
  const bytes = Buffer.from(req.base64, 'base64');
  if (bytes.length === 0 || bytes.length > VIDEO_LIMITS.partBytes) {
    return fail('INVALID_ARGUMENT', `a part is 1–${VIDEO_LIMITS.partBytes} bytes, not ${bytes.length}`, [{ path: 'base64', message: '视频分片大小不对' }]);
  }
  // A resent part (its answer was lost) overwrites itself: same caller, upload and index, same path.
  const fileId = await ctx.cloud().uploadFile(partPath(uploaderFolder(ctx.hashHex, who.openid), req.uploadId, req.index), bytes);
  return ok({ index: req.index, bytes: bytes.length, fileId });
};

export const finishVideoUpload: UseCase<'authoring', 'finishVideoUpload'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, 'editor');
  if (isFailure(who)) return who;
  const folder = uploaderFolder(ctx.hashHex, who.openid);
  // Each id must be the caller's own part of this upload at its position, all in one bucket:
  // the client names them (the bucket's id is storage's), the path decides whose they are.
  let bucket: string | null = null;
  for (const [i, id] of req.parts.entries()) {
    const suffix = `/${partPath(folder, req.uploadId, i)}`;
    const own = id.endsWith(suffix) ? id.slice(0, id.length - suffix.length) : null;
    if (own === null || (bucket !== null && own !== bucket)) {
      return refuse('INVALID_ARGUMENT', 'file_not_accepted', `parts.${i} is not the caller's part ${i} of upload ${req.uploadId}`, [
        { path: `parts.${i}`, reason: 'file_not_accepted', message: 'not a part the caller uploaded for this video' },
      ]);
    }
    bucket = own;
  }
  // At most maxParts parts of at most partBytes each: never over VIDEO_LIMITS.maxBytes (the contract's arithmetic, tested).
  const chunks: Buffer[] = [];
  for (const [i, id] of req.parts.entries()) {
    let part: Buffer;
    try {
      part = await c.downloadFile(id);
    } catch {
      return refuse('INVALID_ARGUMENT', 'video_parts_missing', `part ${i} is not in storage`, [{ path: `parts.${i}`, reason: 'video_parts_missing', message: 'part not uploaded' }]);
    }
    // Every part but the last is full: a short one in the middle means the parts do not line up.
    if (i < req.parts.length - 1 && part.length !== VIDEO_LIMITS.partBytes) {
      return refuse('INVALID_ARGUMENT', 'video_parts_missing', `part ${i} holds ${part.length} bytes, not ${VIDEO_LIMITS.partBytes}`, [{ path: `parts.${i}`, reason: 'video_parts_missing', message: 'part incomplete' }]);
    }
    chunks.push(part);
  }
  const bytes = Buffer.concat(chunks);
  const info = videoInfo(bytes);
  if (!info) return refuse('INVALID_ARGUMENT', 'not_a_video', 'not an MP4/MOV video with a picture track and a readable length', [{ path: 'parts', reason: 'not_a_video', message: 'not a video' }]);
  if (info.durationMs > VIDEO_LIMITS.maxDurationMs + VIDEO_LIMITS.durationToleranceMs) {
    return refuse('INVALID_ARGUMENT', 'video_too_long', `the video runs ${info.durationMs} ms, at most ${VIDEO_LIMITS.maxDurationMs}`, [{ path: 'parts', reason: 'video_too_long', message: 'too long' }]);
  }
  const digest = ctx.hashHex(bytes.toString('base64')).slice(0, 32);
  const fileId = await c.uploadFile(`authoring/video/${folder}/${digest}.mp4`, bytes);
  const recorded = await transact(ctx, async (w) => {
    const r = await recordUpload(w, ctx, { fileId, owner: who.openid, purpose: 'video', bytes: bytes.length, width: info.width, height: info.height, durationMs: info.durationMs });
    if (r.fresh) w.audit({ actor: who.openid, action: 'upload.video', subject: { kind: 'file', id: r.record._id }, before: null, after: { fileId, purpose: 'video', bytes: bytes.length, durationMs: info.durationMs } });
    return r.record;
  });
  if (isFailure(recorded)) return recorded;
  try {
    await c.deleteFiles(req.parts);
  } catch (e) {
    // The video is recorded; parts left behind are only storage, named by nothing.
    ctx.log({ level: 'warn', what: 'delete of video parts failed', upload: req.uploadId, message: String((e as Error)?.message ?? e) });
  }
  return ok({ fileId, width: info.width, height: info.height, durationMs: info.durationMs, bytes: bytes.length });
};
