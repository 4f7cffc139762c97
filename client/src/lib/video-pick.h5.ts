import { VIDEO_LIMITS } from '@contract';
import { compressOnCanvas } from './image-pick.h5';
import type { PickedVideo, VideoPickRefusal } from './video-pick';

/** Where the poster frame is taken: past the fade-in a clip often starts with, within short clips. */
const POSTER_AT_S = 0.33;
const POSTER_TIMEOUT_MS = 8000;

/** The file input: Taro's h5 chooseMedia reads a whole video into a data URL, which a 25 MB clip should not be. */
function chooseFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'video/mp4,video/quicktime,video/*';
    input.style.position = 'fixed';
    input.style.left = '-4000px';
    input.onchange = () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    };
    input.oncancel = () => {
      resolve(null);
      input.remove();
    };
    document.body.appendChild(input);
    input.click();
  });
}

/** The video's length and a poster frame, or a null poster when the browser cannot decode it. */
function readVideo(file: File): Promise<{ durationMs: number; posterBase64: string | null }> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  return new Promise<{ durationMs: number; posterBase64: string | null }>((resolve) => {
    let durationMs = 0;
    let settled = false;
    const done = (posterBase64: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      URL.revokeObjectURL(url);
      resolve({ durationMs, posterBase64 });
    };
    // A file the browser cannot decode may never seek: no frame then, the editor asks for a cover.
    const timer = setTimeout(() => done(null), POSTER_TIMEOUT_MS);
    video.onloadedmetadata = () => {
      durationMs = Number.isFinite(video.duration) ? Math.round(video.duration * 1000) : 0;
      video.currentTime = Math.min(POSTER_AT_S, video.duration / 2 || 0);
    };
    video.onseeked = () => {
      try {
        let dataUrl = '';
        compressOnCanvas({ width: video.videoWidth, height: video.videoHeight }, false, (canvas, sx, sy, sw, sh, w, h) => {
          const ctx = canvas.getContext('2d');
          if (!ctx) throw new Error('no 2d canvas');
          ctx.drawImage(video, sx, sy, sw, sh, 0, 0, w, h);
          dataUrl = canvas.toDataURL('image/jpeg', 0.8);
        });
        done(video.videoWidth > 0 ? dataUrl.slice(dataUrl.indexOf(',') + 1) : null);
      } catch {
        done(null);
      }
    };
    video.onerror = () => done(null);
    video.src = url;
  });
}

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

export async function pickVideo(): Promise<PickedVideo | VideoPickRefusal | null> {
  const file = await chooseFile();
  if (!file) return null;
  if (file.size > VIDEO_LIMITS.maxBytes) return 'video_too_large';
  const { durationMs, posterBase64 } = await readVideo(file);
  if (durationMs > VIDEO_LIMITS.maxDurationMs + VIDEO_LIMITS.durationToleranceMs) return 'video_too_long';
  return {
    size: file.size,
    durationMs,
    posterBase64,
    readPart: (position, length) => base64Of(file.slice(position, position + length)),
  };
}
