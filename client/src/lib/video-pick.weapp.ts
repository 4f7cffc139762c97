import Taro from '@tarojs/taro';
import { VIDEO_LIMITS } from '@contract';
import type { PickedVideo, VideoPickRefusal } from './video-pick';

function cancelled(err: unknown): boolean {
  return /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err));
}

function overLength(durationMs: number): boolean {
  return durationMs > VIDEO_LIMITS.maxDurationMs + VIDEO_LIMITS.durationToleranceMs;
}

/**
 * chooseMedia (maxDuration 60 s: the camera stops there) → over 25 MB, compressVideo at medium
 * quality (a phone's 60 s 1080p clip is ~100 MB; compressed it is a tenth of that) → the cover
 * frame WeChat made, compressed to a JPEG for authoring.uploadImage.
 */
export async function pickVideo(): Promise<PickedVideo | VideoPickRefusal | null> {
  let chosen: Taro.chooseMedia.ChooseMedia | undefined;
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: ['video'], sourceType: ['album', 'camera'], maxDuration: 60, camera: 'back' });
    chosen = res.tempFiles[0];
  } catch (err) {
    if (cancelled(err)) return null;
    throw err;
  }
  if (!chosen) return null;
  const durationMs = Math.round(chosen.duration * 1000);
  if (overLength(durationMs)) return 'video_too_long';
  let path = chosen.tempFilePath;
  let size = chosen.size;
  if (size > VIDEO_LIMITS.maxBytes) {
    // quality decides; WeChat ignores bitrate, fps and resolution when it is given.
    const small = await Taro.compressVideo({ src: path, quality: 'medium', bitrate: 1600, fps: 30, resolution: 0.5 });
    path = small.tempFilePath;
    size = Taro.getFileSystemManager().statSync(path).size;
    if (size > VIDEO_LIMITS.maxBytes) return 'video_too_large';
  }
  let posterBase64: string | null = null;
  if (chosen.thumbTempFilePath) {
    const thumb = await Taro.compressImage({ src: chosen.thumbTempFilePath, quality: 80 });
    posterBase64 = Taro.getFileSystemManager().readFileSync(thumb.tempFilePath, 'base64') as string;
  }
  const fs = Taro.getFileSystemManager();
  return {
    size,
    durationMs,
    posterBase64,
    readPart: async (position, length) => fs.readFileSync(path, 'base64', position, Math.min(length, size - position)) as string,
  };
}
