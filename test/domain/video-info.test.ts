/**
 * Uploaded videos are recognised from their bytes: an MP4/MOV with a picture track, its length
 * and the size it is shown at (a phone held upright reads portrait), whether the length sits in
 * the movie header, after the media, or only in a browser recorder's fragments. Everything else
 * is refused. Fixtures: test/fixtures (README says how each was made).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { VIDEO_LIMITS } from '@contract';
import { videoInfo } from '../../cloudfunctions/src/domain/video-info';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', name));

describe('videoInfo', () => {
  it('reads a phone-style MP4: H.264 with sound, 480×270, 6 s', () => {
    expect(videoInfo(fixture('drill-6s.mp4'))).toEqual({ codec: 'avc1', width: 480, height: 270, durationMs: 6000, hasAudio: true });
  });

  it('finds the movie header after the media (as phones write it) and reads 61 s', () => {
    const bytes = fixture('still-61s.mp4');
    // The media comes first in this file: the reader must not stop at the first box.
    expect(bytes.indexOf('moov')).toBeGreaterThan(bytes.indexOf('mdat'));
    expect(videoInfo(bytes)).toMatchObject({ width: 64, height: 36, durationMs: 61_000, hasAudio: false });
  });

  it('a clip recorded upright (a 90° display matrix) is shown portrait: width and height swap', () => {
    expect(videoInfo(fixture('portrait-3s.mp4'))).toMatchObject({ width: 36, height: 64, durationMs: 3000 });
  });

  it('a fragmented file (no length in its header) is measured from its fragments', () => {
    const info = videoInfo(fixture('fragmented-3s.mp4'));
    expect(info).toMatchObject({ codec: 'avc1', width: 64, height: 36 });
    expect(Math.abs((info?.durationMs ?? 0) - 3000)).toBeLessThanOrEqual(100);
  });

  it('trailing boxes a file may carry (free space) change nothing', () => {
    const padded = Buffer.concat([fixture('drill-6s.mp4'), box('free', Buffer.alloc(700 * 1024))]);
    expect(videoInfo(padded)).toMatchObject({ width: 480, height: 270, durationMs: 6000 });
  });

  it('refuses what is not a video: sound only, an image, text, a cut file, a file without ftyp first', () => {
    expect(videoInfo(fixture('audio-only.m4a'))).toBeNull();
    expect(videoInfo(PNG.sync.write(new PNG({ width: 4, height: 4 })))).toBeNull();
    expect(videoInfo(Buffer.from('<html>not a video</html>'))).toBeNull();
    const drill = fixture('drill-6s.mp4');
    // moov is near the front of this file: cutting inside it leaves no readable header.
    expect(videoInfo(drill.subarray(0, drill.indexOf('moov') + 64))).toBeNull();
    expect(videoInfo(Buffer.concat([box('free', Buffer.alloc(8)), drill]))).toBeNull();
    expect(videoInfo(new Uint8Array())).toBeNull();
  });

  it('never throws on damaged bytes (random flips and cuts of a real file, 2000 cases)', () => {
    const drill = fixture('drill-6s.mp4');
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 2000; i++) {
      const bytes = Buffer.from(drill.subarray(0, 200 + (next() % (drill.length - 200))));
      for (let k = 0; k < 1 + (next() % 20); k++) bytes[next() % Math.min(bytes.length, 4000)] = next() % 256;
      expect(() => videoInfo(bytes)).not.toThrow();
    }
  });
});

describe('the contract’s video limits', () => {
  it('the most parts the server takes can never add up to more than the largest video', () => {
    expect(VIDEO_LIMITS.maxParts * VIDEO_LIMITS.partBytes).toBeLessThanOrEqual(VIDEO_LIMITS.maxBytes);
    expect(Math.ceil(VIDEO_LIMITS.maxBytes / VIDEO_LIMITS.partBytes)).toBe(VIDEO_LIMITS.maxParts);
  });
  it('a part in base64 stays well under the ~1 MB a function call carries', () => {
    expect(Math.ceil(VIDEO_LIMITS.partBytes / 3) * 4).toBeLessThan(1024 * 1024 - 4096);
  });
});

function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}
