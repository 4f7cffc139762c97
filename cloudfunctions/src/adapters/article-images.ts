/**
 * Story images made acceptable to `media/uploadimg`: jpg or png, under 1 MB. A png or jpg that
 * already fits goes as it is (no quality lost); a bigger one is re-encoded as JPEG (photos shrink
 * far better than as PNG) at falling quality, then at half the size, until it fits. Pure JS
 * codecs (pngjs, jpeg-js): a cloud function cannot carry native binaries.
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';

export const UPLOADIMG_MAX_BYTES = 1024 * 1024;

export type ImageKind = 'png' | 'jpeg';

export interface PreparedImage {
  bytes: Buffer;
  kind: ImageKind;
  contentType: 'image/png' | 'image/jpeg';
  filename: string;
  width: number | null;
  height: number | null;
}

export class ImageError extends Error {
  override name = 'ImageError';
  constructor(
    readonly reason: 'unsupported' | 'undecodable' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

export function kindOf(bytes: Buffer): ImageKind | null {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

interface Rgba {
  width: number;
  height: number;
  data: Buffer;
}

function decode(bytes: Buffer, kind: ImageKind): Rgba {
  try {
    if (kind === 'png') {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, data: png.data };
    }
    const img = jpeg.decode(bytes, { useTArray: false, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
    return { width: img.width, height: img.height, data: Buffer.from(img.data) };
  } catch (e) {
    throw new ImageError('undecodable', `cannot decode ${kind}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Half size by 2×2 box averaging: cheap and without aliasing stripes. */
function halve(src: Rgba): Rgba {
  const width = Math.max(1, Math.floor(src.width / 2));
  const height = Math.max(1, Math.floor(src.height / 2));
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        let n = 0;
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++) {
            const sx = Math.min(src.width - 1, x * 2 + dx);
            const sy = Math.min(src.height - 1, y * 2 + dy);
            sum += src.data[(sy * src.width + sx) * 4 + c] as number;
            n++;
          }
        }
        data[(y * width + x) * 4 + c] = Math.round(sum / n);
      }
    }
  }
  return { width, height, data };
}

/** JPEG has no alpha: flatten onto white, as the article background is. */
function flatten(img: Rgba): Rgba {
  const data = Buffer.from(img.data);
  for (let i = 0; i < data.length; i += 4) {
    const a = (data[i + 3] as number) / 255;
    if (a === 1) continue;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c] as number) * a + 255 * (1 - a));
    data[i + 3] = 255;
  }
  return { ...img, data };
}

export function prepareImage(bytes: Buffer, name: string, maxBytes = UPLOADIMG_MAX_BYTES): PreparedImage {
  const kind = kindOf(bytes);
  if (!kind) throw new ImageError('unsupported', `${name}: only png and jpg can be uploaded`);
  const base = (name.split('/').pop() ?? '').replace(/\.[A-Za-z0-9]+$/, '').replace(/[^A-Za-z0-9_-]/g, '_').slice(-40) || 'image';
  if (bytes.length < maxBytes) {
    return { bytes, kind, contentType: kind === 'png' ? 'image/png' : 'image/jpeg', filename: `${base}.${kind === 'png' ? 'png' : 'jpg'}`, width: null, height: null };
  }
  let img = flatten(decode(bytes, kind));
  for (let round = 0; round < 6; round++) {
    for (const quality of [85, 70, 55]) {
      const out = Buffer.from(jpeg.encode({ width: img.width, height: img.height, data: img.data }, quality).data);
      if (out.length < maxBytes) {
        return { bytes: out, kind: 'jpeg', contentType: 'image/jpeg', filename: `${base}.jpg`, width: img.width, height: img.height };
      }
    }
    img = halve(img);
  }
  throw new ImageError('too_large', `${name}: cannot be brought under ${maxBytes} bytes`);
}
