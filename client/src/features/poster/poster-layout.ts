/**
 * The poster, drawn the same way on weapp (Canvas type="2d") and on h5 (HTML canvas): both
 * hand over a 2D context with the standard drawing API, so one function paints both — a story's
 * poster and a profile's (a person or a station) alike, from their PosterContent.
 * Layout in poster units (750 wide, like rpx); the caller scales the context for the pixel
 * ratio.
 */
import type { ExemplarProfile } from '@contract';
import { KIND_LABEL, TIER_LABEL } from '../../lib/contract-values';

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1180;

/** The subset of CanvasRenderingContext2D the poster uses; weapp's 2D context has all of it. */
export interface PosterContext {
  fillStyle: unknown;
  font: string;
  textBaseline: string;
  textAlign: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  drawImage(image: never, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void;
  save(): void;
  restore(): void;
}

/** A loaded image: an HTMLImageElement on h5, a canvas Image on weapp. */
export interface PosterImage {
  width: number;
  height: number;
}

export interface PosterContent {
  /** A small line above the title ("重大先进典型 · 个人"); null for none. */
  tag: string | null;
  title: string;
  /** Lines the title may wrap to (3 for a story's title; 1 for a name). */
  titleLines: number;
  /** One-line facts under the title ("主人公：张伟、李强", a person's post, their highest honour). */
  lines: string[];
  /** "乌鲁木齐支队特勤站" */
  unit: string;
  cover: PosterImage | null;
  /** Which part of a cover that does not fit is kept: the centre, or the upper part (a portrait's face). */
  coverFocus: 'center' | 'top';
  /** Mini-program code (weapp) or a QR code drawn by the caller into this square. */
  code: PosterImage | null;
  codeCaption: string;
}

export const COVER_BOX = { x: 0, y: 0, w: POSTER_WIDTH, h: 600 } as const;
/** The code's square: callers that draw the code themselves (h5 QR) paint into it. */
export const CODE_BOX = { x: 520, y: 940, size: 190 } as const;

const RED = '#c8102e';
const INK = '#14213d';
const GREY = '#7a8194';
const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/**
 * Covers the box with the image's centre (like CSS object-fit: cover), so a cover of any
 * ratio fills the 5:4 area without stretching.
 */
export function coverCrop(img: PosterImage, box: { w: number; h: number }, focus: 'center' | 'top' = 'center'): { sx: number; sy: number; sw: number; sh: number } {
  const scale = Math.max(box.w / img.width, box.h / img.height);
  const sw = box.w / scale;
  const sh = box.h / scale;
  // A portrait's face sits in its upper part: keep a fifth of the cut above it, the rest below.
  return { sx: (img.width - sw) / 2, sy: (img.height - sh) * (focus === 'top' ? 0.2 : 0.5), sw, sh };
}

/** Breaks text into at most `maxLines` lines that fit `width`, with an ellipsis if it had to cut. */
export function wrapText(ctx: Pick<PosterContext, 'measureText'>, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i];
    if (ctx.measureText(next).width > width && line !== '') {
      lines.push(line);
      line = chars[i]!;
      if (lines.length === maxLines) {
        let last = lines[maxLines - 1]!;
        while (last.length > 1 && ctx.measureText(`${last}…`).width > width) last = last.slice(0, -1);
        lines[maxLines - 1] = `${last}…`;
        return lines;
      }
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function drawPoster(ctx: PosterContext, content: PosterContent): void {
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);

  if (content.cover) {
    const c = coverCrop(content.cover, COVER_BOX, content.coverFocus);
    ctx.drawImage(content.cover as never, c.sx, c.sy, c.sw, c.sh, COVER_BOX.x, COVER_BOX.y, COVER_BOX.w, COVER_BOX.h);
  } else {
    ctx.fillStyle = RED;
    ctx.fillRect(COVER_BOX.x, COVER_BOX.y, COVER_BOX.w, COVER_BOX.h);
    ctx.fillStyle = '#ffffff';
    ctx.font = `bold 64px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('身边典型', POSTER_WIDTH / 2, COVER_BOX.h / 2);
  }

  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  let top = 640;
  if (content.tag) {
    ctx.font = `26px ${FONT}`;
    ctx.fillStyle = RED;
    ctx.fillText(wrapText(ctx, content.tag, POSTER_WIDTH - 120, 1)[0] ?? '', 72, 628);
    top = 676;
  }
  ctx.fillStyle = RED;
  ctx.fillRect(48, top, 8, 44);
  ctx.font = `bold 42px ${FONT}`;
  ctx.fillStyle = INK;
  const lines = wrapText(ctx, content.title, POSTER_WIDTH - 48 - 72, content.titleLines);
  lines.forEach((l, i) => ctx.fillText(l, 72, top + i * 58));
  let y = top + lines.length * 58 + 24;

  ctx.font = `30px ${FONT}`;
  ctx.fillStyle = '#3d4354';
  for (const line of content.lines) {
    ctx.fillText(wrapText(ctx, line, POSTER_WIDTH - 120, 1)[0] ?? '', 72, y);
    y += 46;
  }
  if (content.unit) ctx.fillText(wrapText(ctx, content.unit, POSTER_WIDTH - 120, 1)[0] ?? '', 72, y);

  // Footer: brand on the left, the code on the right.
  ctx.fillStyle = '#f4f5f8';
  ctx.fillRect(0, 900, POSTER_WIDTH, POSTER_HEIGHT - 900);
  ctx.fillStyle = RED;
  ctx.font = `bold 40px ${FONT}`;
  ctx.fillText('身边典型', 48, 970);
  ctx.fillStyle = GREY;
  ctx.font = `26px ${FONT}`;
  ctx.fillText('推优树典 · 讲好消防故事', 48, 1030);
  ctx.fillText(content.codeCaption, 48, 1074);
  if (content.code) {
    ctx.drawImage(content.code as never, 0, 0, content.code.width, content.code.height, CODE_BOX.x, CODE_BOX.y, CODE_BOX.size, CODE_BOX.size);
  }
  ctx.restore();
}

export function posterContent(
  story: { title: string; exemplars: { name: string }[]; unit: { name: string } | null },
  images: { cover: PosterImage | null; code: PosterImage | null },
  codeCaption: string,
): PosterContent {
  const names = story.exemplars.map((e) => e.name).join('、');
  return {
    tag: null,
    title: story.title,
    titleLines: 3,
    lines: names ? [`主人公：${names}`] : [],
    unit: story.unit?.name ?? '',
    cover: images.cover,
    coverFocus: 'center',
    code: images.code,
    codeCaption,
  };
}

/**
 * A profile's poster: the photo, the library and kind as its tag ("重大先进典型 · 个人"), the name,
 * the post or motto, the highest honour (honour groups come from national down, newest first).
 */
export function profilePosterContent(
  p: Pick<ExemplarProfile, 'name' | 'title' | 'kind' | 'tier' | 'unit' | 'honorGroups'>,
  images: { cover: PosterImage | null; code: PosterImage | null },
  codeCaption: string,
): PosterContent {
  const top = p.honorGroups[0]?.honors[0];
  // 重大先进典型库 → 重大先进典型: the library's name reads as what the person is.
  const tier = p.tier === 'retired' ? null : TIER_LABEL[p.tier].replace(/库$/, '');
  return {
    tag: tier ? `${tier} · ${KIND_LABEL[p.kind]}` : `${KIND_LABEL[p.kind]}典型`,
    title: p.name,
    titleLines: 1,
    lines: [p.title, ...(top ? [`荣誉：${top.title}`] : [])].filter((l) => l.trim() !== ''),
    unit: p.unit?.name ?? '',
    cover: images.cover,
    coverFocus: p.kind === 'individual' ? 'top' : 'center',
    code: images.code,
    codeCaption,
  };
}
