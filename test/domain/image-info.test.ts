/** Uploaded images are recognised from their bytes: PNG and JPEG with their size, everything else refused. */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { imageInfo } from '../../cloudfunctions/src/domain/image-info';

function png(width: number, height: number): Buffer {
  return PNG.sync.write(new PNG({ width, height }));
}

function jpg(width: number, height: number): Buffer {
  return jpeg.encode({ data: Buffer.alloc(width * height * 4, 128), width, height }, 80).data;
}

describe('imageInfo', () => {
  it('reads a PNG size from IHDR', () => {
    expect(imageInfo(png(37, 21))).toEqual({ format: 'png', width: 37, height: 21 });
  });
  it('reads a JPEG size from its start-of-frame, past the other segments', () => {
    expect(imageInfo(jpg(64, 48))).toEqual({ format: 'jpeg', width: 64, height: 48 });
  });
  it('refuses anything else: text, GIF, truncated files, a PNG signature without IHDR', () => {
    expect(imageInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageInfo(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(imageInfo(png(4, 4).subarray(0, 20))).toBeNull();
    expect(imageInfo(jpg(8, 8).subarray(0, 30))).toBeNull();
    const bad = png(4, 4);
    bad.write('XXXX', 12, 'latin1');
    expect(imageInfo(bad)).toBeNull();
    expect(imageInfo(new Uint8Array())).toBeNull();
  });
});
