/**
 * The platform seam for a story video: chosen (album or camera), checked against the contract's
 * limits before anything is sent, with a poster frame, and read back in parts for
 * authoring.uploadVideoPart. The build picks `video-pick.weapp.ts` or `video-pick.h5.ts`; jest
 * maps to the h5 one.
 *
 * The poster: on weapp, chooseMedia's own cover frame (`thumbTempFilePath`); on h5, a frame drawn
 * from a <video> into a canvas (a third of a second in, so it is not a black first frame). When no
 * frame can be had (a codec the browser cannot decode), `posterBase64` is null and the editor asks
 * for a cover image instead.
 */
export interface PickedVideo {
  /** Bytes, as the file is on the device (what will be uploaded). */
  size: number;
  /** The device's reading of the length; the server reads its own from the bytes. */
  durationMs: number;
  /** The poster frame as base64 JPEG for authoring.uploadImage, or null when none could be made. */
  posterBase64: string | null;
  /** `length` bytes from `position`, base64: one part. */
  readPart(position: number, length: number): Promise<string>;
}

/** Why a chosen video is refused on the device, before any upload (the server refuses the same). */
export type VideoPickRefusal = 'video_too_long' | 'video_too_large';

/** null when the user cancelled; a refusal when the video is over the limits even after compression. */
export declare function pickVideo(): Promise<PickedVideo | VideoPickRefusal | null>;
