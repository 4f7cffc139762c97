/**
 * A minimal PNG encoder (8-bit RGB, "Up" filter on every row). pngjs does the same job, but
 * its per-byte filtering on Buffers runs ~30× slower inside jest's module sandbox, which made
 * a seed build take minutes in tests. The "Up" filter suits these pictures: they are vertical
 * gradients and flat shapes, so most filtered rows are runs of zeros that deflate to nothing.
 * Decoding is left to pngjs in the tests, as an independent check of this encoder.
 */
import { crc32, deflateSync } from 'zlib';

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** Encode RGBA pixels (alpha ignored: the pictures are opaque) as an RGB PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError(`encodePng: ${rgba.length} bytes for ${width}×${height}`);
  const stride = width * 3;
  const raw = new Uint8Array((stride + 1) * height);
  const prev = new Uint8Array(stride);
  const row = new Uint8Array(stride);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const s = (y * width + x) * 4;
      row[x * 3] = rgba[s] as number;
      row[x * 3 + 1] = rgba[s + 1] as number;
      row[x * 3 + 2] = rgba[s + 2] as number;
    }
    const o = y * (stride + 1);
    raw[o] = 2; // filter type Up
    for (let k = 0; k < stride; k += 1) raw[o + 1 + k] = ((row[k] as number) - (prev[k] as number)) & 0xff;
    prev.set(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
