/**
 * The poster, drawn the same way on weapp (Canvas type="2d") and on h5 (HTML canvas): both
 * hand over a 2D context with the standard drawing API, so one function paints both.
 * Layout in poster units (750 wide, like rpx); the caller scales the context for the pixel
 * ratio.
 */
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
  title: string;
  /** "张伟、李强" */
  exemplars: string;
  /** "乌鲁木齐支队特勤站" */
  unit: string;
  cover: PosterImage | null;
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
export function coverCrop(img: PosterImage, box: { w: number; h: number }): { sx: number; sy: number; sw: number; sh: number } {
  const scale = Math.max(box.w / img.width, box.h / img.height);
  const sw = box.w / scale;
  const sh = box.h / scale;
  return { sx: (img.width - sw) / 2, sy: (img.height - sh) / 2, sw, sh };
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
    const c = coverCrop(content.cover, COVER_BOX);
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
  ctx.fillStyle = RED;
  ctx.fillRect(48, 640, 8, 44);
  ctx.font = `bold 42px ${FONT}`;
  ctx.fillStyle = INK;
  const lines = wrapText(ctx, content.title, POSTER_WIDTH - 48 - 72, 3);
  lines.forEach((l, i) => ctx.fillText(l, 72, 640 + i * 58));
  let y = 640 + lines.length * 58 + 24;

  ctx.font = `30px ${FONT}`;
  ctx.fillStyle = '#3d4354';
  if (content.exemplars) {
    ctx.fillText(wrapText(ctx, `主人公：${content.exemplars}`, POSTER_WIDTH - 120, 1)[0] ?? '', 72, y);
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
  return {
    title: story.title,
    exemplars: story.exemplars.map((e) => e.name).join('、'),
    unit: story.unit?.name ?? '',
    cover: images.cover,
    code: images.code,
    codeCaption,
  };
}
