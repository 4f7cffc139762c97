/**
 * The story body language: a small Markdown subset compiled on the server into the canonical
 * ContentBlock[] every renderer (mini-program page, h5, official-account HTML) draws from.
 *
 * Hand-written rather than a CommonMark library: the subset is tiny, and what matters here is
 * what must NOT happen — no raw HTML, no image that is not one of our cloud files, no link
 * scheme other than http(s) — which is easier to guarantee by construction than by
 * post-filtering a full parser's output. The compiler never throws: anything it cannot use
 * becomes plain text or is dropped, and each such decision is reported as an issue so the
 * editor can see why their preview differs from what they typed.
 *
 * Subset:
 *   ## Heading / ### Heading   (# maps to level 2: the story title is the page's level 1)
 *   paragraphs (blank-line separated; soft line breaks join)
 *   **bold**  *italic*  _italic_  ***both***  [text](https://…)  \-escapes
 *   > quote (a last line starting with "—— " or "-- " is the citation)
 *   - / * / + items, 1. items
 *   ![caption](cloud://env.bucket/path "800x600")   on its own line; the title gives the size
 *   --- / *** divider
 */
import type { ContentBlock, Span } from '@contract';

export interface CompileIssue {
  /** 1-based source line. */
  line: number;
  message: string;
}

export interface CompileResult {
  blocks: ContentBlock[];
  issues: CompileIssue[];
}

export const MARKDOWN_LIMITS = {
  /** Source characters; longer input is cut and reported. */
  maxSource: 50_000,
  maxBlocks: 400,
  maxImages: 60,
} as const;

/** Our storage file ids: `cloud://<env>.<bucket>/<path>`; nothing else may become an image. */
export const CLOUD_FILE_RE = /^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._~\/-]+$/;
const LINK_RE = /^https?:\/\/[^\s<>"'`]+$/i;
const SIZE_RE = /^(\d{1,5})x(\d{1,5})$/;
/** Ratio used when an image carries no size: the renderer needs one to reserve space. */
const DEFAULT_SIZE = { width: 1200, height: 900 };

// ------------------------------------------------------------------ raw HTML

// An unclosed `<!--` goes too: nothing downstream should ever meet a comment opener.
const TAG_RE = /<\/?[A-Za-z][^<>]*>|<!--[\s\S]*?-->|<!--|<![A-Za-z][^<>]*>|<\?[^<>]*\?>/g;

/** Removes anything that looks like an HTML tag, repeatedly, so `<<b>script>` cannot reassemble one. */
export function stripHtml(text: string): { text: string; stripped: boolean } {
  let out = text;
  let stripped = false;
  for (;;) {
    const next = out.replace(TAG_RE, '');
    if (next === out) break;
    stripped = true;
    out = next;
  }
  return { text: out, stripped };
}

// ------------------------------------------------------------------ inline

interface Style {
  bold: boolean;
  italic: boolean;
}

const ESCAPABLE = new Set(['\\', '*', '_', '[', ']', '(', ')', '!', '#', '>', '-', '+', '.', '<', '=']);

function pushSpan(out: Span[], text: string, style: Style, href?: string): void {
  if (text.length === 0) return;
  const last = out[out.length - 1];
  if (last && !!last.bold === style.bold && !!last.italic === style.italic && last.href === href) {
    last.text += text;
    return;
  }
  const span: Span = { text };
  if (style.bold) span.bold = true;
  if (style.italic) span.italic = true;
  if (href !== undefined) span.href = href;
  out.push(span);
}

/** Index of the closing delimiter `delim` at or after `from`, not escaped; -1 if none. */
function findClose(src: string, delim: string, from: number): number {
  for (let i = from; i <= src.length - delim.length; i++) {
    if (src[i] === '\\') {
      i++;
      continue;
    }
    if (src.startsWith(delim, i)) {
      // `**` inside a `*` run is not a close of `*`.
      if (delim === '*' && src[i + 1] === '*') {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

/** Matching `]` for a `[` at `open`, honouring escapes and nesting. */
function findBracket(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function parseInlineInto(src: string, style: Style, href: string | undefined, out: Span[], issue: (m: string) => void, depth: number): void {
  let buf = '';
  const flush = () => {
    pushSpan(out, buf, style, href);
    buf = '';
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\\' && i + 1 < src.length && ESCAPABLE.has(src[i + 1] as string)) {
      buf += src[i + 1];
      i += 2;
      continue;
    }
    if (depth < 4 && (ch === '*' || ch === '_')) {
      const triple = ch.repeat(3);
      const double = ch.repeat(2);
      const delim = src.startsWith(triple, i) ? triple : src.startsWith(double, i) ? double : ch;
      const close = delim === ch ? findClose(src, ch, i + 1) : findClose(src, delim, i + delim.length);
      // An opener needs text right after it and a close: "2 * 3" stays literal.
      if (close > i + delim.length && !/\s/.test(src[i + delim.length] as string)) {
        flush();
        const inner = src.slice(i + delim.length, close);
        const next: Style = {
          bold: style.bold || delim.length >= 2,
          italic: style.italic || delim.length !== 2,
        };
        parseInlineInto(inner, next, href, out, issue, depth + 1);
        i = close + delim.length;
        continue;
      }
    }
    if (ch === '!' && src[i + 1] === '[') {
      const close = findBracket(src, i + 1);
      if (close !== -1 && src[close + 1] === '(') {
        const end = src.indexOf(')', close + 2);
        if (end !== -1) {
          issue('images must stand on their own line; this one was left out');
          i = end + 1;
          continue;
        }
      }
    }
    if (ch === '[' && href === undefined) {
      const close = findBracket(src, i);
      if (close !== -1 && src[close + 1] === '(') {
        const end = src.indexOf(')', close + 2);
        if (end !== -1) {
          flush();
          const label = src.slice(i + 1, close);
          const target = src.slice(close + 2, end).trim();
          if (LINK_RE.test(target)) {
            parseInlineInto(label, style, target, out, issue, depth + 1);
          } else {
            issue(`link target ${JSON.stringify(target.slice(0, 80))} is not an http(s) address; kept as text`);
            parseInlineInto(label, style, undefined, out, issue, depth + 1);
          }
          i = end + 1;
          continue;
        }
      }
    }
    buf += ch;
    i++;
  }
  flush();
}

/** Inline Markdown → spans (adjacent runs with the same style merged); raw HTML stripped. */
export function parseInline(src: string, issue: (m: string) => void = () => {}): Span[] {
  const { text, stripped } = stripHtml(src);
  if (stripped) issue('HTML tags are not allowed and were removed');
  const out: Span[] = [];
  parseInlineInto(text, { bold: false, italic: false }, undefined, out, issue, 0);
  // Removing markup can bring `<` and a name together ("<_x_>" → "<x>"): strip again per span.
  let late = false;
  for (const span of out) {
    const again = stripHtml(span.text);
    if (again.stripped) {
      late = true;
      span.text = again.text;
    }
  }
  if (late && !stripped) issue('HTML tags are not allowed and were removed');
  // Whitespace at the edges of a block carries nothing and would make round trips unstable.
  const first = out[0];
  if (first) first.text = first.text.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, '');
  return out.filter((s) => s.text.length > 0);
}

function plain(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}

// ------------------------------------------------------------------ blocks

const CJK_RE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/** Soft line breaks: CJK text joins without a space, Latin text with one. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length === 0) continue;
    if (out.length === 0) out = line;
    else if (CJK_RE.test(out[out.length - 1] as string) || CJK_RE.test(line[0] as string)) out += line;
    else out += ` ${line}`;
  }
  return out;
}

const HEADING_RE = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const QUOTE_RE = /^ {0,3}>[ \t]?(.*)$/;
const BULLET_RE = /^ {0,3}[-*+][ \t]+(.*)$/;
const ORDERED_RE = /^ {0,3}\d{1,9}[.)][ \t]+(.*)$/;
const DIVIDER_RE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const IMAGE_LINE_RE = /^ {0,3}!\[([^\]\n]*)\]\(\s*(\S+?)(?:\s+"([^"\n]*)")?\s*\)\s*$/;
const CITE_RE = /^(?:——|--|—)\s*(.+)$/;

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

function startsBlock(line: string): boolean {
  return HEADING_RE.test(line) || QUOTE_RE.test(line) || BULLET_RE.test(line) || ORDERED_RE.test(line) || DIVIDER_RE.test(line) || IMAGE_LINE_RE.test(line);
}

/** Compiles the Markdown subset into content blocks. Never throws; see the module comment. */
export function compileMarkdown(source: string): CompileResult {
  const issues: CompileIssue[] = [];
  const blocks: ContentBlock[] = [];
  let src = typeof source === 'string' ? source : '';
  if (src.length > MARKDOWN_LIMITS.maxSource) {
    issues.push({ line: 1, message: `the text is longer than ${MARKDOWN_LIMITS.maxSource} characters; the rest was cut` });
    src = src.slice(0, MARKDOWN_LIMITS.maxSource);
  }
  const lines = src.replace(/\r\n?/g, '\n').replace(/\u0000/g, '').split('\n');
  let images = 0;
  let truncated = false;
  let i = 0;
  const at = (line: number) => (message: string) => issues.push({ line: line + 1, message });
  const push = (block: ContentBlock, line: number) => {
    if (blocks.length >= MARKDOWN_LIMITS.maxBlocks) {
      if (!truncated) at(line)(`more than ${MARKDOWN_LIMITS.maxBlocks} blocks; the rest was left out`);
      truncated = true;
      return;
    }
    blocks.push(block);
  };

  while (i < lines.length) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const heading = HEADING_RE.exec(line);
    if (heading) {
      const spans = parseInline(heading[2] ?? '', at(i));
      const text = plain(spans);
      if (text.length > 0) push({ type: 'heading', level: (heading[1] ?? '').length >= 3 ? 3 : 2, text }, i);
      i++;
      continue;
    }
    if (DIVIDER_RE.test(line)) {
      push({ type: 'divider' }, i);
      i++;
      continue;
    }
    const image = IMAGE_LINE_RE.exec(line);
    if (image) {
      const [, caption = '', target = '', title] = image;
      if (!CLOUD_FILE_RE.test(target)) {
        at(i)(`only images uploaded to the story's storage can be used; ${JSON.stringify(target.slice(0, 80))} was left out`);
      } else if (images >= MARKDOWN_LIMITS.maxImages) {
        at(i)(`more than ${MARKDOWN_LIMITS.maxImages} images; this one was left out`);
      } else {
        const size = title !== undefined ? SIZE_RE.exec(title.trim()) : null;
        let { width, height } = DEFAULT_SIZE;
        if (size && Number(size[1]) > 0 && Number(size[2]) > 0) {
          width = Number(size[1]);
          height = Number(size[2]);
        } else {
          at(i)('the image has no "WIDTHxHEIGHT" size; a 4:3 frame is assumed');
        }
        const block: ContentBlock = { type: 'image', file: target, width, height };
        const cap = plain(parseInline(caption, at(i)));
        if (cap.length > 0) block.caption = cap;
        images++;
        push(block, i);
      }
      i++;
      continue;
    }
    if (QUOTE_RE.test(line)) {
      const start = i;
      const body: string[] = [];
      while (i < lines.length && QUOTE_RE.test(lines[i] as string)) {
        body.push((QUOTE_RE.exec(lines[i] as string) as RegExpExecArray)[1] ?? '');
        i++;
      }
      let cite: string | undefined;
      const lastLine = body[body.length - 1]?.trim() ?? '';
      const citeMatch = body.length > 1 ? CITE_RE.exec(lastLine) : null;
      if (citeMatch) {
        body.pop();
        cite = plain(parseInline(citeMatch[1] ?? '', at(i - 1)));
      }
      const spans = parseInline(joinLines(body), at(start));
      if (spans.length > 0) {
        const block: ContentBlock = { type: 'quote', spans };
        if (cite) block.cite = cite;
        push(block, start);
      }
      continue;
    }
    const ordered = ORDERED_RE.test(line);
    if (ordered || BULLET_RE.test(line)) {
      const start = i;
      const re = ordered ? ORDERED_RE : BULLET_RE;
      const items: Span[][] = [];
      let current: string[] | null = null;
      const close = (n: number) => {
        if (!current) return;
        const spans = parseInline(joinLines(current), at(n));
        if (spans.length > 0) items.push(spans);
        current = null;
      };
      while (i < lines.length) {
        const l = lines[i] as string;
        const m = re.exec(l);
        if (m) {
          close(i);
          current = [m[1] ?? ''];
        } else if (current && !isBlank(l) && /^\s{2,}\S/.test(l) && !startsBlock(l)) {
          // An indented line continues the item.
          current.push(l);
        } else break;
        i++;
      }
      close(i);
      if (items.length > 0) push({ type: 'list', ordered, items }, start);
      continue;
    }
    // Paragraph: up to a blank line or the start of another block.
    const start = i;
    const body: string[] = [];
    while (i < lines.length && !isBlank(lines[i] as string) && (body.length === 0 || !startsBlock(lines[i] as string))) {
      body.push(lines[i] as string);
      i++;
    }
    const spans = parseInline(joinLines(body), at(start));
    if (spans.length > 0) push({ type: 'paragraph', spans }, start);
  }
  return { blocks, issues };
}

// ------------------------------------------------------------------ blocks → Markdown

/** Escapes the characters the inline parser reads as syntax anywhere in a line. */
function escapeText(text: string): string {
  return text.replace(/[\\*_[\]()<]/g, (c) => `\\${c}`);
}

/** Escapes what would turn a line into another block (a list, quote, heading, divider). */
function escapeLineStart(md: string): string {
  const num = /^(\d{1,9})([.)])/.exec(md);
  if (num) return `${num[1]}\\${num[2]}${md.slice(num[0].length)}`;
  if (/^[#>+=-]/.test(md)) return `\\${md}`;
  return md;
}

function spansToMarkdown(spans: readonly Span[]): string {
  const md = spans
    .map((s) => {
      let t = escapeText(s.text);
      // `_` for italic keeps `*a*` next to `**b**` unambiguous.
      if (s.bold && s.italic) t = `**_${t}_**`;
      else if (s.bold) t = `**${t}**`;
      else if (s.italic) t = `_${t}_`;
      if (s.href) t = `[${t}](${s.href})`;
      return t;
    })
    .join('');
  return escapeLineStart(md);
}

/**
 * Content blocks → Markdown source, so a story that exists only as blocks (imported, seeded,
 * or approved before sources were kept) can be edited in the Markdown editor.
 */
export function blocksToMarkdown(blocks: readonly ContentBlock[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        parts.push(`${b.level === 2 ? '##' : '###'} ${escapeLineStart(escapeText(b.text))}`);
        break;
      case 'paragraph':
        parts.push(spansToMarkdown(b.spans));
        break;
      case 'quote': {
        const lines = [`> ${spansToMarkdown(b.spans)}`];
        if (b.cite) lines.push(`> —— ${escapeLineStart(escapeText(b.cite))}`);
        parts.push(lines.join('\n'));
        break;
      }
      case 'list':
        parts.push(b.items.map((item, n) => `${b.ordered ? `${n + 1}.` : '-'} ${spansToMarkdown(item)}`).join('\n'));
        break;
      case 'image':
        parts.push(`![${(b.caption ?? '').replace(/[[\]\\]/g, '')}](${b.file} "${b.width}x${b.height}")`);
        break;
      case 'divider':
        parts.push('---');
        break;
    }
  }
  return parts.join('\n\n');
}

/** Plain text of blocks, for summaries and the content security check. */
export function blocksText(blocks: readonly ContentBlock[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading') out.push(b.text);
    else if (b.type === 'paragraph') out.push(plain(b.spans));
    else if (b.type === 'quote') out.push(plain(b.spans) + (b.cite ? ` ${b.cite}` : ''));
    else if (b.type === 'list') for (const item of b.items) out.push(plain(item));
    else if (b.type === 'image' && b.caption) out.push(b.caption);
  }
  return out.join('\n');
}
