/**
 * Sending a story video: a function call carries about 1 MB, a video up to 25 MB, so it goes in
 * parts (authoring.uploadVideoPart, VIDEO_LIMITS.partBytes each) and the server then joins and
 * reads it (authoring.finishVideoUpload). Progress moves per part; a part whose answer was lost
 * is sent once more (it lands on itself).
 */
import { VIDEO_LIMITS, type ResponseOf } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import type { PickedVideo } from '../../lib/video-pick';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The upload's name: random, 24 letters and digits (the server keeps the parts under it). */
export function newUploadId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 24; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return id;
}

async function sendPart(uploadId: string, index: number, base64: string): Promise<string> {
  try {
    return (await call('authoring', 'uploadVideoPart', { uploadId, index, base64 })).fileId;
  } catch (err) {
    // No answer (the network dropped): the server may or may not have it; sending again is safe.
    if (!(err instanceof ApiFailure && err.code === 'UNAVAILABLE')) throw err;
    return (await call('authoring', 'uploadVideoPart', { uploadId, index, base64 })).fileId;
  }
}

/** Uploads the video; `onProgress` gets 0…1 (the last step, the server reading the file, is the rest). */
export async function uploadVideo(video: PickedVideo, onProgress: (fraction: number) => void): Promise<ResponseOf<'authoring', 'finishVideoUpload'>> {
  const count = Math.max(1, Math.ceil(video.size / VIDEO_LIMITS.partBytes));
  if (count > VIDEO_LIMITS.maxParts) throw new ApiFailure('INVALID_ARGUMENT', 'video over the part limit', undefined, [], 'video_too_large');
  const uploadId = newUploadId();
  const parts: string[] = [];
  onProgress(0);
  for (let i = 0; i < count; i++) {
    const base64 = await video.readPart(i * VIDEO_LIMITS.partBytes, VIDEO_LIMITS.partBytes);
    parts.push(await sendPart(uploadId, i, base64));
    // The server's read of the whole file is the last step: the bar stops short of full until it answers.
    onProgress(((i + 1) / count) * 0.95);
  }
  const done = await call('authoring', 'finishVideoUpload', { uploadId, parts });
  onProgress(1);
  return done;
}
