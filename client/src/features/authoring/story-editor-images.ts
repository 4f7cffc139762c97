/**
 * Images in the story editor's text box. The server stores (and compiles) Markdown whose images
 * name their cloud file: `![说明](cloud://env.bucket/path/… "800x600")`. A writer on a phone
 * should not see a 90-character file id in the middle of a paragraph, so the box shows each
 * image as a short label instead — `![说明](图1)` — and the editor shows the picture itself in a
 * strip of thumbnails labelled 图1, 图2…
 *
 * The saved form stays the server's: every save, the local copy, conflict handling and submit
 * see only `toMarkdown(text, images)`. The labels exist only on this screen, so the mapping must
 * be exact: `toMarkdown(toEditorText(md).text, images) === md` for any Markdown (a label is
 * never one the text already uses literally), and only the parentheses of an image change.
 */

export interface StoryImage {
  /** What the text box shows inside the parentheses: 图1, 图2… */
  label: string;
  /** The cloud file id. */
  file: string;
  /** What the saved Markdown has inside the parentheses: the file id and its size title, exactly as written. */
  target: string;
}

export interface EditorText {
  text: string;
  images: StoryImage[];
}

/** An image the server can use: `![alt](cloud://… "WxH")` (the size title optional), alt on one line. */
const SAVED_IMAGE = /(!\[[^\]\n]*\]\()(cloud:\/\/[^\s)]+)((?:[ \t]+"[^"\n]*")?)\)/g;
/** An image as the text box shows it. */
const SHOWN_IMAGE = /(!\[[^\]\n]*\]\()(图\d+)\)/g;
/** Any `(图N)` already in a text: those numbers are taken, whatever surrounds them. */
const LABEL_IN_TEXT = /\(图(\d+)\)/g;

function labelNumber(label: string): number {
  return Number(label.slice(1));
}

/** The numbers of every `(图N)` in a text. */
function literalNumbers(text: string): Set<number> {
  const taken = new Set<number>();
  for (const m of text.matchAll(LABEL_IN_TEXT)) taken.add(Number(m[1]));
  return taken;
}

function nextLabel(taken: Set<number>): string {
  let n = 1;
  while (taken.has(n)) n++;
  taken.add(n);
  return `图${n}`;
}

/**
 * The text box's text for saved Markdown. Images the editor already labelled (`known`: a
 * conflict reload, a restored copy) keep their labels, unless the Markdown itself uses that
 * label literally; others are numbered in order.
 */
export function toEditorText(markdown: string, known: readonly StoryImage[] = []): EditorText {
  const literal = literalNumbers(markdown);
  const usable = known.filter((img) => !literal.has(labelNumber(img.label)));
  const byTarget = new Map(usable.map((img) => [img.target, img]));
  // Known labels stay reserved even when unused, so one never comes to mean a different image.
  const taken = new Set([...literal, ...usable.map((img) => labelNumber(img.label))]);
  const images: StoryImage[] = [];
  const text = markdown.replace(SAVED_IMAGE, (_whole, head: string, file: string, title: string) => {
    const target = `${file}${title}`;
    let img = byTarget.get(target);
    if (!img) {
      img = { label: nextLabel(taken), file, target };
      byTarget.set(target, img);
    }
    if (!images.includes(img)) images.push(img);
    return `${head}${img.label})`;
  });
  // Known images this text does not show stay in the list: typing the label back restores the image.
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

/** A new image for the text: the next free label. */
export function addImage(text: string, images: readonly StoryImage[], file: string, size: { width: number; height: number }): StoryImage {
  const taken = literalNumbers(text);
  for (const img of images) taken.add(labelNumber(img.label));
  return { label: nextLabel(taken), file, target: `${file} "${size.width}x${size.height}"` };
}

/** The images the text shows, in the order they first appear (the thumbnail strip). */
export function imagesInText(text: string, images: readonly StoryImage[]): StoryImage[] {
  const byLabel = new Map(images.map((img) => [img.label, img]));
  const out: StoryImage[] = [];
  for (const m of text.matchAll(SHOWN_IMAGE)) {
    const img = byLabel.get(m[2] as string);
    if (img && !out.includes(img)) out.push(img);
  }
  return out;
}

/** The text without `label`'s image: a line holding only the image goes with its line break. */
export function removeImage(text: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`(^|\\n)!\\[[^\\]\\n]*\\]\\(${escaped}\\)[ \\t]*(?=\\n|$)\\n?`, 'g');
  const inline = new RegExp(`!\\[[^\\]\\n]*\\]\\(${escaped}\\)`, 'g');
  return text.replace(own, '$1').replace(inline, '');
}
