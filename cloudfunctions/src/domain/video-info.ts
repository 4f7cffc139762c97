/**
 * What an uploaded video is, read from its own bytes (never from the file name or the client's
 * word): an ISO base media file (MP4, or the MOV a phone records) with a picture track, its
 * length, and the size it is shown at. Story video blocks take their length and frame from here,
 * and the upload is refused when there is no picture track or no readable length.
 *
 * Only the boxes that carry those facts are read: `ftyp` first, then `moov` (anywhere: phones
 * write it after the media) → `mvhd` (length), each `trak` → `tkhd` (size, rotation matrix) and
 * `mdia` → `mdhd` (the track's own length), `hdlr` (picture or sound), `stsd` (the codec). A
 * fragmented file (a browser's recorder) keeps its length in `mvex/mehd`, or only in the
 * fragments: then the picture track's sample durations are added up from each `moof`.
 */
export interface VideoInfo {
  /** The picture track's sample format, e.g. avc1 (H.264) or hvc1 (H.265). */
  codec: string;
  /** Display size: a phone's portrait clip is stored landscape with a 90° matrix; this is upright. */
  width: number;
  height: number;
  durationMs: number;
  hasAudio: boolean;
}

/** Sample formats a phone or a browser plays: H.264, H.265, AV1, VP9, MPEG-4 part 2. */
export const PLAYABLE_CODECS = ['avc1', 'avc3', 'hvc1', 'hev1', 'av01', 'vp09', 'mp4v'] as const;

interface Box {
  type: string;
  /** Where the payload starts and ends (the header excluded). */
  start: number;
  end: number;
}

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fourcc(at: number): string {
    const b = this.bytes;
    return String.fromCharCode(b[at] as number, b[at + 1] as number, b[at + 2] as number, b[at + 3] as number);
  }

  u32(at: number): number {
    return this.view.getUint32(at);
  }

  /** A 64-bit field as a number; lengths and sizes we accept are far below 2^53. */
  u64(at: number): number {
    return this.view.getUint32(at) * 2 ** 32 + this.view.getUint32(at + 4);
  }

  /** The boxes directly inside [start, end); a box that runs past its parent ends the walk. */
  boxes(start: number, end: number): Box[] {
    const out: Box[] = [];
    let at = start;
    while (at + 8 <= end) {
      let size = this.u32(at);
      const type = this.fourcc(at + 4);
      let header = 8;
      if (size === 1) {
        if (at + 16 > end) break;
        size = this.u64(at + 8);
        header = 16;
      } else if (size === 0) size = end - at;
      if (size < header || at + size > end) break;
      out.push({ type, start: at + header, end: at + size });
      at += size;
    }
    return out;
  }

  child(parent: Box, type: string): Box | null {
    return this.boxes(parent.start, parent.end).find((b) => b.type === type) ?? null;
  }

  path(parent: Box, ...types: string[]): Box | null {
    let box: Box | null = parent;
    for (const t of types) {
      if (!box) return null;
      box = this.child(box, t);
    }
    return box;
  }
}

/** Timescale and duration of an `mvhd` or `mdhd` payload (same layout up to the duration). */
function timing(r: Reader, box: Box): { timescale: number; duration: number } | null {
  const version = r.bytes[box.start];
  const need = version === 1 ? 32 : 20;
  if (box.end - box.start < need) return null;
  if (version === 1) return { timescale: r.u32(box.start + 20), duration: r.u64(box.start + 24) };
  return { timescale: r.u32(box.start + 12), duration: r.u32(box.start + 16) };
}

function msOf(t: { timescale: number; duration: number } | null): number {
  if (!t || t.timescale === 0 || t.duration === 0 || t.duration === 0xffffffff) return 0;
  return Math.round((t.duration / t.timescale) * 1000);
}

interface Track {
  id: number;
  handler: string;
  codec: string;
  width: number;
  height: number;
  timescale: number;
  durationMs: number;
}

function readTrack(r: Reader, trak: Box): Track | null {
  const tkhd = r.child(trak, 'tkhd');
  const mdia = r.child(trak, 'mdia');
  if (!tkhd || !mdia) return null;
  const v1 = r.bytes[tkhd.start] === 1;
  // version/flags 4, times (8 or 16), track id 4, reserved 4, duration (4 or 8), reserved 8, layer/group/volume/reserved 8, matrix 36, width 4, height 4.
  const idAt = tkhd.start + 4 + (v1 ? 16 : 8);
  const matrixAt = idAt + 8 + (v1 ? 8 : 4) + 16;
  const sizeAt = matrixAt + 36;
  if (sizeAt + 8 > tkhd.end) return null;
  const a = r.view.getInt32(matrixAt);
  const b = r.view.getInt32(matrixAt + 4);
  let width = Math.round(r.u32(sizeAt) / 65536);
  let height = Math.round(r.u32(sizeAt + 4) / 65536);
  // A quarter turn (a = 0, b = ±1): the picture is shown rotated, so its upright size swaps.
  if (a === 0 && Math.abs(b) === 65536) [width, height] = [height, width];
  const hdlr = r.child(mdia, 'hdlr');
  const handler = hdlr && hdlr.end - hdlr.start >= 12 ? r.fourcc(hdlr.start + 8) : '';
  const stsd = r.path(mdia, 'minf', 'stbl', 'stsd');
  const codec = stsd && stsd.end - stsd.start >= 16 ? r.fourcc(stsd.start + 12) : '';
  const mdhd = r.child(mdia, 'mdhd');
  const t = mdhd ? timing(r, mdhd) : null;
  return { id: r.u32(idAt), handler, codec, width, height, timescale: t?.timescale ?? 0, durationMs: msOf(t) };
}

/** Track id → default sample duration from `mvex/trex` (fragments may leave it out of `tfhd`). */
function trexDefaults(r: Reader, moov: Box): Map<number, number> {
  const out = new Map<number, number>();
  const mvex = r.child(moov, 'mvex');
  if (!mvex) return out;
  for (const trex of r.boxes(mvex.start, mvex.end)) {
    if (trex.type === 'trex' && trex.end - trex.start >= 20) out.set(r.u32(trex.start + 4), r.u32(trex.start + 12));
  }
  return out;
}

/** Sum of the track's sample durations over every fragment, in its timescale. */
function fragmentedDuration(r: Reader, top: readonly Box[], track: Track, fallback: number): number {
  let total = 0;
  for (const moof of top) {
    if (moof.type !== 'moof') continue;
    for (const traf of r.boxes(moof.start, moof.end)) {
      if (traf.type !== 'traf') continue;
      const tfhd = r.child(traf, 'tfhd');
      if (!tfhd || tfhd.end - tfhd.start < 8 || r.u32(tfhd.start + 4) !== track.id) continue;
      const flags = r.u32(tfhd.start) & 0xffffff;
      let at = tfhd.start + 8;
      if (flags & 0x1) at += 8; // base data offset
      if (flags & 0x2) at += 4; // sample description index
      const base = flags & 0x8 && at + 4 <= tfhd.end ? r.u32(at) : fallback;
      for (const trun of r.boxes(traf.start, traf.end)) {
        if (trun.type !== 'trun' || trun.end - trun.start < 8) continue;
        const tflags = r.u32(trun.start) & 0xffffff;
        const count = r.u32(trun.start + 4);
        let p = trun.start + 8;
        if (tflags & 0x1) p += 4; // data offset
        if (tflags & 0x4) p += 4; // first sample flags
        const perSample = [0x100, 0x200, 0x400, 0x800].filter((f) => tflags & f).length * 4;
        if (!(tflags & 0x100)) {
          total += base * count;
          continue;
        }
        for (let i = 0; i < count && p + 4 <= trun.end; i++, p += perSample) total += r.u32(p);
      }
    }
  }
  return total;
}

/** null when the bytes are not an ISO media file with a playable picture track and a length. */
export function videoInfo(bytes: Uint8Array): VideoInfo | null {
  if (bytes.length < 16) return null;
  const r = new Reader(bytes);
  const top = r.boxes(0, bytes.length);
  if (top[0]?.type !== 'ftyp') return null;
  const moov = top.find((b) => b.type === 'moov');
  if (!moov) return null;
  const tracks = r
    .boxes(moov.start, moov.end)
    .filter((b) => b.type === 'trak')
    .map((b) => readTrack(r, b))
    .filter((t): t is Track => t !== null);
  const picture = tracks.find((t) => t.handler === 'vide' && (PLAYABLE_CODECS as readonly string[]).includes(t.codec) && t.width > 0 && t.height > 0);
  if (!picture) return null;
  const mvhd = r.child(moov, 'mvhd');
  let durationMs = mvhd ? msOf(timing(r, mvhd)) : 0;
  if (durationMs === 0) durationMs = picture.durationMs;
  if (durationMs === 0 && mvhd) {
    const mehd = r.path(moov, 'mvex', 'mehd');
    const mt = timing(r, mvhd);
    if (mehd && mt && mehd.end - mehd.start >= 8) {
      const v1 = r.bytes[mehd.start] === 1;
      durationMs = msOf({ timescale: mt.timescale, duration: v1 ? r.u64(mehd.start + 4) : r.u32(mehd.start + 4) });
    }
  }
  if (durationMs === 0 && picture.timescale > 0) {
    const units = fragmentedDuration(r, top, picture, trexDefaults(r, moov).get(picture.id) ?? 0);
    durationMs = msOf({ timescale: picture.timescale, duration: units });
  }
  if (durationMs === 0) return null;
  return { codec: picture.codec, width: picture.width, height: picture.height, durationMs, hasAudio: tracks.some((t) => t.handler === 'soun') };
}
