/**
 * Draws the tab bar icons (81×81 PNG, WeChat's recommended size) from signed distance
 * shapes, so the icons are reproducible from code instead of binary blobs of unknown origin.
 * Run: npx tsx client/tools/tab-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Sdf = (x: number, y: number) => number;

const box = (cx: number, cy: number, hw: number, hh: number, r: number): Sdf => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx: number, cy: number, r: number): Sdf => (x, y) => Math.hypot(x - cx, y - cy) - r;
const union = (...s: Sdf[]): Sdf => (x, y) => Math.min(...s.map((f) => f(x, y)));
const ring = (s: Sdf, w: number): Sdf => (x, y) => Math.abs(s(x, y)) - w / 2;
const cut = (a: Sdf, b: Sdf): Sdf => (x, y) => Math.max(a(x, y), -b(x, y));

const S = 81;
const icons: Record<string, Sdf> = {
  // A story card: frame with a cover block and two text lines.
  feed: union(ring(box(40.5, 40.5, 26, 28, 7), 5), box(40.5, 30, 15, 8, 2), box(40.5, 48, 15, 2.5, 2.5), box(36, 57, 10.5, 2.5, 2.5)),
  // The library: a 2×2 shelf of profiles.
  library: union(box(27, 27, 11, 11, 4), box(54, 27, 11, 11, 4), box(27, 54, 11, 11, 4), ring(box(54, 54, 11, 11, 4), 5)),
  // A person: head and shoulders.
  me: union(ring(circle(40.5, 29, 11), 5), cut(ring(box(40.5, 64, 22, 14, 14), 5), box(40.5, 80, 30, 4, 0))),
};

const colours = { normal: [122, 129, 148], active: [200, 16, 46] } as const;
const outDir = path.resolve(__dirname, '..', 'src', 'assets', 'tab');
fs.mkdirSync(outDir, { recursive: true });

for (const [name, sdf] of Object.entries(icons)) {
  for (const [state, rgb] of Object.entries(colours)) {
    const png = new PNG({ width: S, height: S });
    for (let y = 0; y < S; y++) {
      for (let x = 0; x < S; x++) {
        const d = sdf(x + 0.5, y + 0.5);
        const alpha = Math.max(0, Math.min(1, 0.5 - d));
        const i = (y * S + x) * 4;
        png.data[i] = rgb[0];
        png.data[i + 1] = rgb[1];
        png.data[i + 2] = rgb[2];
        png.data[i + 3] = Math.round(alpha * 255);
      }
    }
    const file = path.join(outDir, `${name}${state === 'active' ? '-active' : ''}.png`);
    fs.writeFileSync(file, PNG.sync.write(png));
  }
}
console.log(`tab icons written to ${outDir}`);
