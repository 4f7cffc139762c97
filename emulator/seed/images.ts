/**
 * Flat illustrations for the demo, drawn in code and encoded as PNG: the seed must not depend on
 * downloaded photos (licensing, size, reproducibility), and real portraits of fictional people
 * would mislead. Every picture is a pure function of its seed, so the same bytes come out on
 * every run. Shapes are mostly flat fills over vertical gradients, which PNG's "Up" filter
 * compresses to almost nothing; edges get analytic anti-aliasing so they do not look jagged.
 */
import { encodePng } from './png';
import { createRng, type Rng } from './prng';

// Math's functions as module-scope bindings: inside a vm context (jest) every lookup of a global
// such as `Math` goes through the context's interceptors, which made per-pixel drawing ~10× slower.
const { abs, ceil, floor, max, min, round, sin, sqrt, PI } = Math;

type Rgb = readonly [number, number, number];

const NAVY: Rgb = [27, 42, 74];
const DEEP_NAVY: Rgb = [14, 24, 46];
const FIRE_RED: Rgb = [200, 16, 46];
const EMBER: Rgb = [235, 94, 40];
const GOLD: Rgb = [230, 180, 34];
const SNOW: Rgb = [244, 246, 250];
const SAND: Rgb = [222, 196, 150];

/** Sky gradients (top → bottom) that suit the palette: night, dawn, day, dusk. */
const SKIES: readonly [Rgb, Rgb][] = [
  [DEEP_NAVY, [62, 84, 130]],
  [[38, 56, 102], [240, 170, 110]],
  [[92, 150, 210], [214, 232, 246]],
  [[40, 44, 90], [226, 110, 80]],
  [[120, 170, 214], [246, 226, 190]],
];

class Canvas {
  // A plain Uint8Array, not a Buffer: element access on a Buffer is dozens of times slower
  // under jest's module sandbox, and drawing touches every pixel several times.
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 4).fill(255);
  }

  /** Blend `color` over pixel (x, y) with coverage `a` in [0, 1]. */
  blend(x: number, y: number, color: Rgb, a: number): void {
    if (a <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const k = min(1, a);
    const i = (y * this.width + x) * 4;
    for (let c = 0; c < 3; c += 1) {
      const old = this.data[i + c] as number;
      this.data[i + c] = round(old + ((color[c] as number) - old) * k);
    }
    this.data[i + 3] = 255;
  }

  verticalGradient(top: Rgb, bottom: Rgb, y0 = 0, y1 = this.height): void {
    for (let y = y0; y < y1; y += 1) {
      const t = (y - y0) / max(1, y1 - y0 - 1);
      const c = mix(top, bottom, t);
      for (let x = 0; x < this.width; x += 1) this.blend(x, y, c, 1);
    }
  }

  rect(x0: number, y0: number, x1: number, y1: number, color: Rgb): void {
    for (let y = max(0, floor(y0)); y < min(this.height, ceil(y1)); y += 1) {
      for (let x = max(0, floor(x0)); x < min(this.width, ceil(x1)); x += 1) this.blend(x, y, color, 1);
    }
  }

  circle(cx: number, cy: number, r: number, color: Rgb, alpha = 1): void {
    for (let y = floor(cy - r - 1); y <= ceil(cy + r + 1); y += 1) {
      for (let x = floor(cx - r - 1); x <= ceil(cx + r + 1); x += 1) {
        const dx = x + 0.5 - cx;
        const dy = y + 0.5 - cy;
        const d = sqrt(dx * dx + dy * dy);
        this.blend(x, y, color, clamp01(r - d + 0.5) * alpha);
      }
    }
  }

  /** Fill everything below the curve `top(x)` down to `bottom`, anti-aliased along the curve. */
  underCurve(top: (x: number) => number, color: Rgb, bottom = this.height): void {
    for (let x = 0; x < this.width; x += 1) {
      const t = top(x + 0.5);
      for (let y = max(0, floor(t)); y < min(this.height, bottom); y += 1) {
        this.blend(x, y, color, clamp01(y + 1 - t));
      }
    }
  }

  /** Fill the region between two curves, for a band such as snow caps. */
  band(top: (x: number) => number, bottom: (x: number) => number, color: Rgb): void {
    for (let x = 0; x < this.width; x += 1) {
      const t = top(x + 0.5);
      const b = bottom(x + 0.5);
      for (let y = max(0, floor(t)); y < min(this.height, ceil(b)); y += 1) {
        this.blend(x, y, color, min(clamp01(y + 1 - t), clamp01(b - y)));
      }
    }
  }

  /**
   * A flame: round at the base, pointed and swaying at the tip. Horizontal coverage gives the
   * anti-aliasing because the shape is defined as a half-width per row.
   */
  flame(cx: number, baseY: number, w: number, h: number, sway: number, phase: number, color: Rgb): void {
    for (let y = floor(baseY - h); y <= ceil(baseY); y += 1) {
      const t = (baseY - (y + 0.5)) / h;
      if (t < 0 || t > 1) continue;
      const hw = t < 0.28 ? (w / 2) * sqrt(1 - ((0.28 - t) / 0.28) ** 2) : (w / 2) * (1 - (t - 0.28) / 0.72) ** 1.25;
      const c = cx + sway * sin(t * PI * 1.6 + phase) * t;
      for (let x = floor(c - hw - 1); x <= ceil(c + hw + 1); x += 1) {
        this.blend(x, y, color, clamp01(hw - abs(x + 0.5 - c) + 0.5));
      }
    }
  }

  encode(): Buffer {
    return encodePng(this.width, this.height, this.data);
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => round((a[i] as number) + ((b[i] as number) - (a[i] as number)) * t)) as unknown as Rgb;
}

/** A ridgeline as a sum of a few sines: smooth enough to read as mountains, cheap to evaluate. */
function ridge(rng: Rng, width: number, base: number, amplitude: number): (x: number) => number {
  const waves = Array.from({ length: 4 }, (_, i) => ({
    f: ((i + 1) * (0.8 + rng.next()) * PI * 2) / width,
    p: rng.next() * PI * 2,
    a: amplitude / (i + 1.2),
  }));
  // A peak or two with sharp tops, like the Tianshan seen from a city.
  const peaks = Array.from({ length: rng.int(1, 2) }, () => ({ x: rng.next() * width, a: amplitude * (0.6 + rng.next() * 0.8), s: width * (0.08 + rng.next() * 0.1) }));
  return (x) => {
    let y = base;
    for (const w of waves) y -= w.a * sin(w.f * x + w.p);
    for (const p of peaks) y -= p.a * max(0, 1 - abs(x - p.x) / p.s);
    return y;
  };
}

function mountains(c: Canvas, rng: Rng, horizon: number, snowy: boolean, tint: Rgb): void {
  const layers = 3;
  for (let i = 0; i < layers; i += 1) {
    const depth = i / (layers - 1);
    const base = horizon - c.height * 0.22 * (1 - depth) + c.height * 0.04 * i;
    const top = ridge(rng, c.width, base, c.height * (0.09 - 0.02 * i));
    const color = mix(mix(tint, SNOW, 0.55 - 0.25 * i), DEEP_NAVY, depth * 0.7);
    c.underCurve(top, color);
    if (snowy && i === 0) c.band(top, (x) => top(x) + c.height * 0.035, mix(SNOW, color, 0.15));
  }
}

function station(c: Canvas, rng: Rng, groundY: number): void {
  const w = c.width * (0.5 + rng.next() * 0.12);
  const x0 = (c.width - w) / 2 + (rng.next() - 0.5) * c.width * 0.2;
  const h = c.height * 0.2;
  const top = groundY - h;
  const wall: Rgb = [236, 232, 226];
  c.rect(x0, top, x0 + w, groundY, wall);
  c.rect(x0 - 6, top - 10, x0 + w + 6, top, FIRE_RED);
  // Training tower at one end.
  const towerLeft = rng.chance(0.5);
  const tw = w * 0.14;
  const tx = towerLeft ? x0 - tw * 0.4 : x0 + w - tw * 0.6;
  c.rect(tx, top - h * 1.3, tx + tw, groundY, mix(wall, NAVY, 0.12));
  for (let k = 0; k < 4; k += 1) c.rect(tx + tw * 0.3, top - h * 1.2 + k * h * 0.5, tx + tw * 0.7, top - h * 1.2 + k * h * 0.5 + h * 0.2, NAVY);
  c.rect(tx + tw * 0.45, top - h * 1.75, tx + tw * 0.52, top - h * 1.3, DEEP_NAVY);
  c.rect(tx + tw * 0.52, top - h * 1.75, tx + tw * 0.52 + tw * 0.55, top - h * 1.55, FIRE_RED);
  // Bay doors.
  const doors = rng.int(3, 4);
  const dw = (w * 0.72) / doors;
  const gap = (w * 0.28) / (doors + 1);
  for (let k = 0; k < doors; k += 1) {
    const dx = x0 + gap + k * (dw + gap);
    c.rect(dx, top + h * 0.32, dx + dw, groundY, mix(FIRE_RED, DEEP_NAVY, 0.15));
    for (let s = 1; s < 4; s += 1) c.rect(dx, top + h * 0.32 + (s * h * 0.68) / 4, dx + dw, top + h * 0.32 + (s * h * 0.68) / 4 + 2, mix(FIRE_RED, DEEP_NAVY, 0.4));
  }
  // Emblem.
  c.circle(x0 + w / 2, top + h * 0.16, h * 0.1, GOLD);
}

function bonfire(c: Canvas, rng: Rng, cx: number, baseY: number, scale: number): void {
  const phase = rng.next() * PI * 2;
  const sway = scale * 0.12;
  c.flame(cx, baseY, scale * 0.62, scale * 1.15, sway, phase, FIRE_RED);
  c.flame(cx, baseY, scale * 0.44, scale * 0.86, sway * 0.8, phase + 0.3, EMBER);
  c.flame(cx, baseY, scale * 0.24, scale * 0.52, sway * 0.5, phase + 0.6, GOLD);
}

export type SceneKind = 'mountains' | 'flame' | 'station' | 'desert';

/** A landscape scene: the pool for covers, inline pictures and collectives' photos. */
export function drawScene(kind: SceneKind, seed: number, width: number, height: number): Buffer {
  const rng = createRng(seed);
  const c = new Canvas(width, height);
  const [skyTop, skyBottom] = rng.pick(SKIES);
  const horizon = height * (0.62 + rng.next() * 0.1);
  c.verticalGradient(skyTop, skyBottom, 0, height);
  // Sun or moon.
  c.circle(width * (0.15 + rng.next() * 0.7), height * (0.14 + rng.next() * 0.16), height * (0.05 + rng.next() * 0.04), mix(GOLD, SNOW, rng.next() * 0.5), 0.9);
  switch (kind) {
    case 'mountains':
      mountains(c, rng, horizon, true, mix(NAVY, skyBottom, 0.35));
      c.rect(0, height * 0.9, width, height, mix(NAVY, DEEP_NAVY, 0.5));
      break;
    case 'desert': {
      mountains(c, rng, horizon - height * 0.05, false, mix(SAND, NAVY, 0.4));
      const dune = ridge(rng, width, height * 0.82, height * 0.04);
      c.underCurve(dune, SAND);
      c.underCurve(ridge(rng, width, height * 0.9, height * 0.03), mix(SAND, EMBER, 0.2));
      break;
    }
    case 'station':
      mountains(c, rng, horizon - height * 0.08, true, mix(NAVY, skyBottom, 0.4));
      c.rect(0, horizon + height * 0.08, width, height, mix(NAVY, [90, 96, 110], 0.5));
      station(c, rng, horizon + height * 0.08);
      break;
    case 'flame': {
      c.verticalGradient(DEEP_NAVY, mix(NAVY, FIRE_RED, 0.35), 0, height);
      for (let k = 0; k < 24; k += 1) c.circle(rng.next() * width, rng.next() * height * 0.6, 1 + rng.next() * 2, mix(GOLD, SNOW, 0.5), 0.8);
      mountains(c, rng, horizon, false, mix(NAVY, FIRE_RED, 0.15));
      bonfire(c, rng, width * (0.35 + rng.next() * 0.3), height * 0.92, height * 0.55);
      break;
    }
  }
  return c.encode();
}

/**
 * A stylised bust for an individual's profile: helmet, face, uniform. Deliberately not a face
 * likeness — the people are fictional.
 */
export function drawPortrait(seed: number, size = 400): Buffer {
  const rng = createRng(seed);
  const c = new Canvas(size, size);
  const [top, bottom] = rng.pick(SKIES);
  c.verticalGradient(top, bottom);
  const cx = size / 2 + (rng.next() - 0.5) * size * 0.06;
  const uniform = rng.pick<Rgb>([NAVY, DEEP_NAVY, [36, 58, 98]]);
  // Shoulders: a wide circle cut by the bottom edge.
  c.circle(cx, size * 1.08, size * 0.46, uniform);
  c.rect(cx - size * 0.05, size * 0.66, cx + size * 0.05, size * 0.8, SNOW);
  c.circle(cx, size * 0.76, size * 0.028, GOLD);
  // Face and neck.
  const skin = rng.pick<Rgb>([[238, 200, 170], [224, 182, 150], [210, 166, 130]]);
  c.rect(cx - size * 0.06, size * 0.5, cx + size * 0.06, size * 0.66, mix(skin, DEEP_NAVY, 0.1));
  c.circle(cx, size * 0.44, size * 0.14, skin);
  // Helmet: red or gold dome with a brim.
  const helmet = rng.chance(0.7) ? FIRE_RED : GOLD;
  c.band(
    (x) => size * 0.4 - sqrt(max(0, (size * 0.17) ** 2 - (x - cx) ** 2)),
    () => size * 0.36,
    helmet,
  );
  c.rect(cx - size * 0.21, size * 0.35, cx + size * 0.21, size * 0.385, mix(helmet, DEEP_NAVY, 0.3));
  c.circle(cx, size * 0.29, size * 0.035, GOLD);
  return c.encode();
}

/** A scanned consent form placeholder: the evidence file a signed_form consent points to. */
export function drawConsentForm(seed: number): Buffer {
  const rng = createRng(seed);
  const w = 300;
  const h = 420;
  const c = new Canvas(w, h);
  c.verticalGradient([250, 250, 247], [240, 240, 236]);
  c.rect(40, 36, 260, 48, NAVY);
  for (let k = 0; k < 12; k += 1) c.rect(36, 80 + k * 20, 36 + 180 + rng.next() * 48, 84 + k * 20, [170, 172, 180]);
  c.rect(150, 340, 250, 342, DEEP_NAVY);
  c.circle(210, 330, 34, FIRE_RED, 0.75);
  c.circle(210, 330, 28, [250, 250, 247], 0.9);
  c.circle(210, 330, 8, FIRE_RED, 0.75);
  return c.encode();
}
