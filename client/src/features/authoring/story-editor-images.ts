/**
 * Images and videos in the story editor's text box. The server stores (and compiles) Markdown
 * whose media name their cloud files: `![说明](cloud://env.bucket/path/… "800x600")` for an
 * image, `![说明](cloud://…/clip.mp4 "video 1280x720 42.5s poster=cloud://…")` for a video. A
 * writer on a phone should not see a 90-character file id in the middle of a paragraph, so the
 * box shows each as a short label instead — `![说明](图1)`, `![说明](视频1)` — and the editor
 * shows the picture (a video's poster) in a strip of thumbnails labelled 图1, 视频1…
 *
 * The saved form stays the server's: every save, the local copy, conflict handling and submit
 * see only `toMarkdown(text, images)`. The labels exist only on this screen, so the mapping must
 * be exact: `toMarkdown(toEditorText(md).text, images) === md` for any Markdown (a label is
 * never one the text already uses literally), and only the parentheses of a medium change.
 */

export interface StoryImage {
  /** What the text box shows inside the parentheses: 图1, 图2… for images, 视频1… for videos. */
  label: string;
  /** The cloud file id (the video itself, for a video). */
  file: string;
  /** What the saved Markdown has inside the parentheses: the file id and its title, exactly as written. */
  target: string;
  /** A video's poster image (its thumbnail); absent for an image. */
  poster?: string;
}

export interface EditorText {
  text: string;
  images: StoryImage[];
}

/** A medium the server can use: `![alt](cloud://… "title")` (the title optional), alt on one line. */
const SAVED_IMAGE = /(!\[[^\]\n]*\]\()(cloud:\/\/[^\s)]+)((?:[ \t]+"[^"\n]*")?)\)/g;
/** A medium as the text box shows it. */
const SHOWN_IMAGE = /(!\[[^\]\n]*\]\()((?:图|视频)\d+)\)/g;
/** Any `(图N)` or `(视频N)` already in a text: those labels are taken, whatever surrounds them. */
const LABEL_IN_TEXT = /\((图|视频)(\d+)\)/g;
/** A video's title (domain/markdown.ts): `video`, then its size, length and `poster=…`. */
const VIDEO_TITLE = /^[ \t]+"video(?:[ \t][^"]*)?"$/;
const POSTER_IN_TITLE = /[ \t]poster=(cloud:\/\/[^\s"]+)/;

type Prefix = '图' | '视频';

function prefixOf(label: string): Prefix {
  return label.startsWith('视频') ? '视频' : '图';
}

function labelNumber(label: string): number {
  return Number(label.slice(prefixOf(label).length));
}

/** Taken numbers per prefix. */
type Taken = Record<Prefix, Set<number>>;

/** The labels of every `(图N)` / `(视频N)` in a text. */
function literalLabels(text: string): Taken {
  const taken: Taken = { 图: new Set(), 视频: new Set() };
  for (const m of text.matchAll(LABEL_IN_TEXT)) taken[m[1] as Prefix].add(Number(m[2]));
  return taken;
}

function isTaken(taken: Taken, label: string): boolean {
  return taken[prefixOf(label)].has(labelNumber(label));
}

function take(taken: Taken, label: string): void {
  taken[prefixOf(label)].add(labelNumber(label));
}

function nextLabel(taken: Taken, prefix: Prefix): string {
  let n = 1;
  while (taken[prefix].has(n)) n++;
  taken[prefix].add(n);
  return `${prefix}${n}`;
}

/** A saved medium's entry: a video when its title says so (and names its poster). */
function mediumOf(label: string, file: string, title: string): StoryImage {
  const poster = VIDEO_TITLE.test(title) ? POSTER_IN_TITLE.exec(title)?.[1] : undefined;
  return poster ? { label, file, target: `${file}${title}`, poster } : { label, file, target: `${file}${title}` };
}

function isVideoTitle(title: string): boolean {
  return VIDEO_TITLE.test(title) && POSTER_IN_TITLE.test(title);
}

/**
 * The text box's text for saved Markdown. Media the editor already labelled (`known`: a
 * conflict reload, a restored copy) keep their labels, unless the Markdown itself uses that
 * label literally; others are numbered in order, images and videos each from 1.
 */
export function toEditorText(markdown: string, known: readonly StoryImage[] = []): EditorText {
  const literal = literalLabels(markdown);
  const usable = known.filter((img) => !isTaken(literal, img.label));
  const byTarget = new Map(usable.map((img) => [img.target, img]));
  // Known labels stay reserved even when unused, so one never comes to mean a different medium.
  const taken = literal;
  for (const img of usable) take(taken, img.label);
  const images: StoryImage[] = [];
  const text = markdown.replace(SAVED_IMAGE, (_whole, head: string, file: string, title: string) => {
    const target = `${file}${title}`;
    let img = byTarget.get(target);
    if (!img) {
      img = mediumOf(nextLabel(taken, isVideoTitle(title) ? '视频' : '图'), file, title);
      byTarget.set(target, img);
    }
    if (!images.includes(img)) images.push(img);
    return `${head}${img.label})`;
  });
  // Known media this text does not show stay in the list: typing the label back restores them.
  for (const img of usable) if (!images.includes(img)) images.push(img);
  return { text, images };
}

/** The saved Markdown for the text box's text: each known label becomes its file again. */
export function toMarkdown(text: string, images: readonly StoryImage[]): string {
  const byLabel = new Map(images.map((img) => [img.label, img]));
  return text.replace(SHOWN_IMAGE, (whole, head: string, label: string) => {
    const img = byLabel.get(label);
    return img ? `${head}${img.target})` : whole;
  });
}

function takenBy(text: string, images: readonly StoryImage[]): Taken {
  const taken = literalLabels(text);
  for (const img of images) take(taken, img.label);
  return taken;
}

/** A new image for the text: the next free label. */
export function addImage(text: string, images: readonly StoryImage[], file: string, size: { width: number; height: number }): StoryImage {
  return { label: nextLabel(takenBy(text, images), '图'), file, target: `${file} "${size.width}x${size.height}"` };
}

/**
 * A new video for the text: the next free 视频 label; its title carries what the server read from
 * the file (it replaces them again on save) and the poster the editor uploaded.
 */
export function addVideo(text: string, images: readonly StoryImage[], file: string, poster: string, facts: { width: number; height: number; durationMs: number }): StoryImage {
  const title = `video ${facts.width}x${facts.height} ${facts.durationMs / 1000}s poster=${poster}`;
  return { label: nextLabel(takenBy(text, images), '视频'), file, target: `${file} "${title}"`, poster };
}

/** The media the text shows, in the order they first appear (the thumbnail strip). */
export function imagesInText(text: string, images: readonly StoryImage[]): StoryImage[] {
  const byLabel = new Map(images.map((img) => [img.label, img]));
  const out: StoryImage[] = [];
  for (const m of text.matchAll(SHOWN_IMAGE)) {
    const img = byLabel.get(m[2] as string);
    if (img && !out.includes(img)) out.push(img);
  }
  return out;
}

/** The text without `label`'s medium: a line holding only it goes with its line break. */
export function removeImage(text: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`(^|\\n)!\\[[^\\]\\n]*\\]\\(${escaped}\\)[ \\t]*(?=\\n|$)\\n?`, 'g');
  const inline = new RegExp(`!\\[[^\\]\\n]*\\]\\(${escaped}\\)`, 'g');
  return text.replace(own, '$1').replace(inline, '');
}

/** A video's length as its title states it (what the server read), for its thumbnail; null for an image. */
export function videoDurationMs(img: StoryImage): number | null {
  if (!img.poster) return null;
  const m = /[ \t](\d{1,4}(?:\.\d{1,3})?)s(?=[ \t"])/.exec(img.target);
  return m ? Math.round(Number(m[1]) * 1000) : null;
}
