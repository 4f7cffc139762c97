/**
 * The story body language: a small Markdown subset compiled on the server into the canonical
 * ContentBlock[] every renderer (mini-program page, h5, official-account HTML) draws from.
 *
 * Parsing is markdown-it's (the parser doocs/md and mdnice build on), started from its empty
 * "zero" preset with only the rules the subset needs switched on: everything else (tables,
 * code, raw HTML, autolinks, entities, references, setext headings, strikethrough…) is not
 * parsed at all and stays literal text, exactly as before. This module maps its tokens to
 * content blocks and decides what must NOT happen — no raw HTML, no image that is not one of
 * our cloud files, no link scheme other than http(s) — on the tokens it gets back. The
 * compiler never throws: anything it cannot use becomes plain text or is dropped, and each
 * such decision is reported as an issue so the editor can see why their preview differs.
 *
 * Subset:
 *   ## Heading / ### Heading   (# maps to level 2: the story title is the page's level 1)
 *   paragraphs (blank-line separated; soft line breaks join)
 *   **bold**  *italic*  _italic_  ***both***  [text](https://…)  \-escapes
 *   > quote (a last line starting with "—— " or "-- " is the citation)
 *   - / * / + items, 1. items   (one paragraph each; deeper content follows the list)
 *   ![caption](cloud://env.bucket/path "800x600")   on its own line; the title gives the size
 *   ![caption](cloud://…/clip.mp4 "video 1280x720 42.5s poster=cloud://…/frame.jpg")
 *                              a video block: "video", its size, its length in seconds and its
 *                              poster image (required); the server replaces size and length
 *                              with what it read from the uploaded file
 *   --- / *** divider
 *
 * Where this differs from CommonMark on purpose (the editor's language predates the parser):
 * emphasis opens before any non-space and closes anywhere, so Chinese text without spaces and
 * punctuation inside `**…**` work; a link target ends at the first `)`; a blank line ends a
 * list and bullets of any marker (or numbers with `.` or `)`) continue one.
 */
import MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';
import { VIDEO_LIMITS, type ContentBlock, type MarkdownIssueCode, type Span } from '@contract';

export interface CompileIssue {
  /** 1-based source line. */
  line: number;
  /** What the note is about (the editor says it in Chinese); `message` is developer detail. */
  code: MarkdownIssueCode;
  message: string;
}

type Note = { code: MarkdownIssueCode; message: string };

export interface CompileResult {
  blocks: ContentBlock[];
  issues: CompileIssue[];
}

export const MARKDOWN_LIMITS = {
  /** Source characters; longer input is cut and reported. */
  maxSource: 50_000,
  maxBlocks: 400,
  maxImages: 60,
  maxVideos: VIDEO_LIMITS.maxPerStory,
} as const;

/** Our storage file ids: `cloud://<env>.<bucket>/<path>`; nothing else may become an image. */
export const CLOUD_FILE_RE = /^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._~\/-]+$/;
const LINK_RE = /^https?:\/\/[^\s<>"'`]+$/i;
const SIZE_RE = /^(\d{1,5})x(\d{1,5})$/;
/** An image title that makes the image a video: `video` first, then size, length and poster in any order. */
const VIDEO_TITLE_RE = /^video(?:\s|$)/;
const SECONDS_RE = /^(\d{1,4}(?:\.\d{1,3})?)s$/;
/** Until the server reads the file: a phone's 16:9. */
const DEFAULT_VIDEO_SIZE = { width: 1280, height: 720 };
const CITE_RE = /^(?:——|--|—)\s*(.+)$/;
/** Ratio used when an image carries no size: the renderer needs one to reserve space. */
const DEFAULT_SIZE = { width: 1200, height: 900 };
/** Block nesting markdown-it follows (a quote is one level, a list item two); deeper content is dropped and reported. */
const MAX_NESTING = 40;

/** Each note the compiler can make: its code (the editor's Chinese comes from it) and developer text. */
const MESSAGES = {
  html: { code: 'html_removed', message: 'HTML tags are not allowed and were removed' },
  inlineImage: { code: 'image_not_alone', message: 'images must stand on their own line; this one was left out' },
  badLink: (target: string) => ({ code: 'link_not_http', message: `link target ${JSON.stringify(target.slice(0, 80))} is not an http(s) address; kept as text` }),
  foreignImage: (target: string) => ({ code: 'image_not_uploaded', message: `only images uploaded to the story's storage can be used; ${JSON.stringify(target.slice(0, 80))} was left out` }),
  tooManyImages: { code: 'too_many_images', message: `more than ${MARKDOWN_LIMITS.maxImages} images; this one was left out` },
  noPoster: { code: 'video_no_poster', message: 'the video names no poster image (poster=cloud://…); it was left out' },
  tooManyVideos: { code: 'too_many_videos', message: `more than ${MARKDOWN_LIMITS.maxVideos} videos; this one was left out` },
  noSize: { code: 'image_no_size', message: 'the image has no "WIDTHxHEIGHT" size; a 4:3 frame is assumed' },
  tooManyBlocks: { code: 'too_many_blocks', message: `more than ${MARKDOWN_LIMITS.maxBlocks} blocks; the rest was left out` },
  tooLong: { code: 'too_long', message: `the text is longer than ${MARKDOWN_LIMITS.maxSource} characters; the rest was cut` },
  tooDeep: { code: 'too_deep', message: 'quotes and lists are nested too deeply; the deeper part was left out' },
  unreadable: { code: 'unreadable', message: 'the text could not be read; nothing was kept' },
} as const satisfies Record<string, Note | ((target: string) => Note)>;

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

// ------------------------------------------------------------------ the parser

/** What the core rules below report through markdown-it's env. */
interface Env {
  issues: CompileIssue[];
}

interface InlineMeta {
  /** The inline token is a quote's citation line, split off by `splitCitations`. */
  cite?: boolean;
  /** Tags were stripped from this inline's source (and reported) before it was parsed. */
  stripped?: boolean;
}

function metaOf(token: Token): InlineMeta {
  return (token.meta ?? {}) as InlineMeta;
}

/** Index of the token closing the one opened at `open` (same level, nesting -1). */
function closing(tokens: readonly Token[], open: number): number {
  const level = (tokens[open] as Token).level;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.nesting === -1 && t.level === level) return i;
  }
  return tokens.length - 1;
}

/**
 * A quote whose last source line starts with "——" (or "--", "—") carries that line as its
 * citation; the line is split off into an inline token of its own before inline parsing.
 * Only the outermost quote of a nest: the inner ones are text of the outer.
 */
function splitCitations(state: StateCore): void {
  const tokens = state.tokens;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'blockquote_close') depth--;
    if (t.type !== 'blockquote_open') continue;
    depth++;
    if (depth > 1 || !t.map || t.map[1] - t.map[0] < 2) continue;
    const close = closing(tokens, i);
    const paraClose = tokens[close - 1];
    const inline = tokens[close - 2];
    if (paraClose?.type !== 'paragraph_close' || paraClose.level !== t.level + 1 || inline?.type !== 'inline') continue;
    const paraOpen = tokens[close - 3];
    // A blank `>` line after the citation makes it body text again, as it always did.
    if (!paraOpen?.map || paraOpen.map[1] !== t.map[1]) continue;
    const cut = inline.content.lastIndexOf('\n');
    const match = CITE_RE.exec(inline.content.slice(cut + 1).trim());
    if (!match) continue;
    inline.content = cut === -1 ? '' : inline.content.slice(0, cut);
    const cite = new state.Token('inline', '', 0);
    cite.content = match[1] ?? '';
    cite.map = [paraOpen.map[1] - 1, paraOpen.map[1]];
    cite.level = inline.level;
    cite.children = [];
    cite.meta = { cite: true } satisfies InlineMeta;
    tokens.splice(close, 0, cite);
  }
}

/** Raw HTML is removed from each inline's source before it is parsed, so markup cannot rebuild a tag. */
function stripInlineHtml(state: StateCore): void {
  const env = state.env as Env;
  for (const t of state.tokens) {
    if (t.type !== 'inline') continue;
    const { text, stripped } = stripHtml(t.content);
    if (!stripped) continue;
    t.content = text;
    t.meta = { ...metaOf(t), stripped: true } satisfies InlineMeta;
    env.issues.push({ line: (t.map?.[0] ?? 0) + 1, ...MESSAGES.html });
  }
}

function createParser(): MarkdownIt {
  // maxNesting is a markdown-it option its type declarations leave out.
  const options = { html: false, linkify: false, typographer: false, maxNesting: MAX_NESTING };
  const md = new MarkdownIt('zero', options);
  md.enable(['heading', 'blockquote', 'list', 'hr']);
  md.enable(['newline', 'escape', 'emphasis', 'link', 'image']);
  // Every target reaches the mapping below untouched, which refuses what is not ours with a
  // message; markdown-it's own check would silently turn a javascript: link into literal text.
  md.validateLink = () => true;
  md.normalizeLink = (url) => url;

  // A link target ends at the first `)`, as it always has in the editor: CommonMark's balanced
  // parentheses would swallow the `)` of "[x](javascript:f(1))。" into the refused target.
  const destination = md.helpers.parseLinkDestination;
  Object.assign(md.helpers, {
    parseLinkDestination(str: string, start: number, max: number): ReturnType<typeof destination> {
      if (str.charCodeAt(start) === 0x3c /* < */) return destination(str, start, max);
      let pos = start;
      while (pos < max) {
        const code = str.charCodeAt(pos);
        if (code <= 0x20 || code === 0x7f || code === 0x29 /* ) */) break;
        if (code === 0x5c /* \ */ && pos + 1 < max && str.charCodeAt(pos + 1) !== 0x20) pos++;
        pos++;
      }
      if (pos === start) return { ok: false, pos: 0, str: '' };
      return { ok: true, pos, str: md.utils.unescapeAll(str.slice(start, pos)) };
    },
  });

  // Emphasis: an opener needs a non-space right after it, a closer only something before it.
  // CommonMark's flanking rules also look at punctuation, which Chinese text without spaces
  // trips over constantly (`**“引语”**之后` stays literal there), and forbid `_` inside words.
  const isWhiteSpace = md.utils.isWhiteSpace;
  class EditorInlineState extends md.inline.State {
    override scanDelims(start: number, canSplitWord: boolean): ReturnType<StateInline['scanDelims']> {
      const { length } = super.scanDelims(start, canSplitWord);
      const next = start + length < this.posMax ? this.src.charCodeAt(start + length) : 0x20;
      return { can_open: !isWhiteSpace(next), can_close: start > 0, length };
    }
  }
  md.inline.State = EditorInlineState;

  md.core.ruler.after('block', 'split_citations', splitCitations);
  md.core.ruler.after('split_citations', 'strip_inline_html', stripInlineHtml);
  return md;
}

const md = createParser();

// ------------------------------------------------------------------ inline tokens → spans

interface Style {
  bold: boolean;
  italic: boolean;
  href: string | undefined;
}

const CJK_RE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

function pushSpan(out: Span[], text: string, style: Style): void {
  if (text.length === 0) return;
  const last = out[out.length - 1];
  if (last && !!last.bold === style.bold && !!last.italic === style.italic && last.href === style.href) {
    last.text += text;
    return;
  }
  const span: Span = { text };
  if (style.bold) span.bold = true;
  if (style.italic) span.italic = true;
  if (style.href !== undefined) span.href = style.href;
  out.push(span);
}

type IssueAt = (line: number, note: Note) => void;

/**
 * Builds the spans of one block from markdown-it inline tokens (one or several inlines, as a
 * quote joins its paragraphs). Line breaks inside a block are soft: Chinese joins without a
 * space, Latin with one.
 */
class SpanBuilder {
  private readonly out: Span[] = [];
  private bold = 0;
  private italic = 0;
  private readonly hrefs: (string | undefined)[] = [];
  private pendingBreak: Style | null = null;
  private early = false;

  constructor(private readonly issue: IssueAt) {}

  private style(): Style {
    return { bold: this.bold > 0, italic: this.italic > 0, href: this.hrefs[this.hrefs.length - 1] };
  }

  private text(text: string): void {
    if (text.length === 0) return;
    if (this.pendingBreak) {
      const last = this.out[this.out.length - 1]?.text;
      const before = last?.[last.length - 1];
      if (before !== undefined && !CJK_RE.test(before) && !CJK_RE.test(text[0] as string)) pushSpan(this.out, ' ', this.pendingBreak);
      this.pendingBreak = null;
    }
    pushSpan(this.out, text, this.style());
  }

  /** A break between lines (or between the paragraphs of a quote). */
  lineBreak(): void {
    this.pendingBreak ??= this.style();
  }

  /** Adds an inline token's children; `line` is the 0-based source line the inline starts on. */
  inline(inline: Token, line: number): void {
    this.tokens(inline.children ?? [], line, metaOf(inline).stripped);
  }

  /** Adds inline tokens; `stripped` says tags were already removed (and reported) from their source. */
  tokens(children: readonly Token[], line: number, stripped = false): void {
    if (stripped) this.early = true;
    let at = line;
    for (const t of children) {
      switch (t.type) {
        case 'text':
        case 'text_special':
          this.text(t.content);
          break;
        case 'softbreak':
        case 'hardbreak':
          this.lineBreak();
          at++;
          break;
        case 'strong_open':
          this.bold++;
          break;
        case 'strong_close':
          this.bold--;
          break;
        case 'em_open':
          this.italic++;
          break;
        case 'em_close':
          this.italic--;
          break;
        case 'link_open': {
          const target = (t.attrGet('href') ?? '').trim();
          if (LINK_RE.test(target)) this.hrefs.push(target);
          else {
            this.issue(at + 1, MESSAGES.badLink(target));
            this.hrefs.push(undefined);
          }
          break;
        }
        case 'link_close':
          this.hrefs.pop();
          break;
        case 'image':
          this.issue(at + 1, MESSAGES.inlineImage);
          break;
        default:
          // No other rule is enabled; should one ever produce text, it stays text.
          this.text(t.content);
      }
    }
  }

  /** The finished spans: tags stripped once more, whitespace at the edges dropped. */
  spans(line: number): Span[] {
    // Removing markup can bring `<` and a name together ("<\/b>" → "</b>"): strip again per span.
    let late = false;
    for (const span of this.out) {
      const again = stripHtml(span.text);
      if (again.stripped) {
        late = true;
        span.text = again.text;
      }
    }
    if (late && !this.early) this.issue(line + 1, MESSAGES.html);
    // Whitespace at the edges of a block carries nothing and would make round trips unstable.
    const first = this.out[0];
    if (first) first.text = first.text.replace(/^\s+/, '');
    const last = this.out[this.out.length - 1];
    if (last) last.text = last.text.replace(/\s+$/, '');
    const merged: Span[] = [];
    for (const s of this.out) if (s.text.length > 0) pushSpan(merged, s.text, { bold: !!s.bold, italic: !!s.italic, href: s.href });
    return merged;
  }
}

function plain(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}

/** Inline Markdown → spans (adjacent runs with the same style merged); raw HTML stripped. */
export function parseInline(src: string, issue: (m: string) => void = () => {}): Span[] {
  const env: Env = { issues: [] };
  const builder = new SpanBuilder((_line, note) => env.issues.push({ line: 1, ...note }));
  for (const t of md.parseInline(src, env)) if (t.type === 'inline') builder.inline(t, 0);
  const spans = builder.spans(0);
  for (const i of env.issues) issue(i.message);
  return spans;
}

// ------------------------------------------------------------------ block tokens → blocks

interface PendingList {
  ordered: boolean;
  items: Span[][];
  line: number;
}

/** Walks markdown-it's block tokens once, in source order, emitting content blocks. */
class BlockMapper {
  readonly blocks: ContentBlock[] = [];
  private images = 0;
  private videos = 0;
  private truncated = false;
  private list: PendingList | null = null;

  constructor(
    private readonly lines: readonly string[],
    private readonly issues: CompileIssue[],
  ) {}

  private readonly issue: IssueAt = (line, note) => {
    this.issues.push({ line, ...note });
  };

  private push(block: ContentBlock, line: number): void {
    if (this.blocks.length >= MARKDOWN_LIMITS.maxBlocks) {
      if (!this.truncated) this.issue(line + 1, MESSAGES.tooManyBlocks);
      this.truncated = true;
      return;
    }
    this.blocks.push(block);
  }

  private emit(block: ContentBlock, line: number): void {
    this.flushList();
    this.push(block, line);
  }

  private flushList(): void {
    const list = this.list;
    this.list = null;
    if (list && list.items.length > 0) this.push({ type: 'list', ordered: list.ordered, items: list.items }, list.line);
  }

  /**
   * Items join the open list unless a blank line or the other kind of marker comes between:
   * markdown-it starts a new list when the bullet changes and keeps one across blank lines,
   * the editor has always done the opposite.
   */
  private item(ordered: boolean, spans: Span[], line: number): void {
    const blankBefore = line > 0 && (this.lines[line - 1] ?? '').trim().length === 0;
    if (!this.list || this.list.ordered !== ordered || blankBefore) {
      this.flushList();
      this.list = { ordered, items: [], line };
    }
    if (spans.length > 0) this.list.items.push(spans);
  }

  finish(): void {
    this.flushList();
  }

  walk(tokens: readonly Token[], from: number, to: number): void {
    let i = from;
    while (i < to) {
      const t = tokens[i] as Token;
      const line = t.map?.[0] ?? 0;
      switch (t.type) {
        case 'heading_open': {
          const close = closing(tokens, i);
          const inline = tokens[i + 1];
          if (inline?.type === 'inline') {
            const b = new SpanBuilder(this.issue);
            b.inline(inline, line);
            const text = plain(b.spans(line));
            if (text.length > 0) this.emit({ type: 'heading', level: t.tag === 'h1' || t.tag === 'h2' ? 2 : 3, text }, line);
          }
          i = close + 1;
          break;
        }
        case 'hr':
          this.emit({ type: 'divider' }, line);
          i++;
          break;
        case 'paragraph_open': {
          const close = closing(tokens, i);
          const inline = tokens[i + 1];
          if (inline?.type === 'inline') this.paragraph(inline, line);
          i = close + 1;
          break;
        }
        case 'blockquote_open': {
          const close = closing(tokens, i);
          this.quote(tokens, i, close);
          i = close + 1;
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const close = closing(tokens, i);
          this.listItems(tokens, i + 1, close, t.type === 'ordered_list_open');
          i = close + 1;
          break;
        }
        default:
          i++;
      }
    }
  }

  /** A paragraph; a line holding nothing but an image becomes an image block between its parts. */
  private paragraph(inline: Token, line: number): void {
    const children = inline.children ?? [];
    const stripped = metaOf(inline).stripped;
    let segment: Token[] = [];
    let segmentLine = line;
    let at = line;
    let depth = 0;
    let lineStart = 0;
    const flush = (): void => {
      const b = new SpanBuilder(this.issue);
      b.tokens(segment, segmentLine, stripped);
      const spans = b.spans(segmentLine);
      if (spans.length > 0) this.emit({ type: 'paragraph', spans }, segmentLine);
      segment = [];
    };
    for (let k = 0; k <= children.length; k++) {
      const t = children[k];
      if (t && t.type !== 'softbreak' && t.type !== 'hardbreak') {
        depth += t.nesting;
        continue;
      }
      // One source line is children[lineStart, k); an image alone on it, outside any link or emphasis, is a block.
      const lineTokens = children.slice(lineStart, k).filter((c) => !(c.type === 'text' && c.content.trim() === ''));
      const image = lineTokens.length === 1 && lineTokens[0]?.type === 'image' && depth === 0 ? lineTokens[0] : null;
      if (image) {
        if (segment.length > 0) flush();
        this.image(image, at, stripped);
        segmentLine = at + 1;
      } else {
        if (segment.length === 0) segmentLine = at;
        for (let c = lineStart; c < k; c++) segment.push(children[c] as Token);
        if (t) segment.push(t);
      }
      lineStart = k + 1;
      at++;
    }
    if (segment.length > 0) flush();
  }

  private image(token: Token, line: number, stripped = false): void {
    const target = token.attrGet('src') ?? '';
    if (!CLOUD_FILE_RE.test(target)) {
      this.issue(line + 1, MESSAGES.foreignImage(target));
      return;
    }
    const title = token.attrGet('title');
    if (title !== null && VIDEO_TITLE_RE.test(title.trim())) {
      this.video(token, target, title.trim(), line, stripped);
      return;
    }
    if (this.images >= MARKDOWN_LIMITS.maxImages) {
      this.issue(line + 1, MESSAGES.tooManyImages);
      return;
    }
    const size = title !== null ? SIZE_RE.exec(title.trim()) : null;
    let { width, height } = DEFAULT_SIZE;
    if (size && Number(size[1]) > 0 && Number(size[2]) > 0) {
      width = Number(size[1]);
      height = Number(size[2]);
    } else {
      this.issue(line + 1, MESSAGES.noSize);
    }
    const block: ContentBlock = { type: 'image', file: target, width, height };
    const b = new SpanBuilder(this.issue);
    b.tokens(token.children ?? [], line, stripped);
    const caption = plain(b.spans(line));
    if (caption.length > 0) block.caption = caption;
    this.images++;
    this.emit(block, line);
  }

  /**
   * `![caption](video "video WxH Ns poster=P")`: a video block. The poster is required (readers
   * see it before the video plays, the article shows it in the video's place); size and length
   * are the client's word here, replaced by the server's reading of the file when it is saved.
   */
  private video(token: Token, target: string, title: string, line: number, stripped: boolean): void {
    let poster = '';
    let { width, height } = DEFAULT_VIDEO_SIZE;
    let durationMs = 0;
    for (const part of title.split(/\s+/).slice(1)) {
      const size = SIZE_RE.exec(part);
      const seconds = SECONDS_RE.exec(part);
      if (part.startsWith('poster=')) poster = part.slice('poster='.length);
      else if (size && Number(size[1]) > 0 && Number(size[2]) > 0) {
        width = Number(size[1]);
        height = Number(size[2]);
      } else if (seconds) durationMs = Math.round(Number(seconds[1]) * 1000);
    }
    if (!CLOUD_FILE_RE.test(poster)) {
      this.issue(line + 1, MESSAGES.noPoster);
      return;
    }
    if (this.videos >= MARKDOWN_LIMITS.maxVideos) {
      this.issue(line + 1, MESSAGES.tooManyVideos);
      return;
    }
    const block: ContentBlock = { type: 'video', file: target, poster, width, height, durationMs };
    const b = new SpanBuilder(this.issue);
    b.tokens(token.children ?? [], line, stripped);
    const caption = plain(b.spans(line));
    if (caption.length > 0) block.caption = caption;
    this.videos++;
    this.emit(block, line);
  }

  /** A quote is text: whatever markdown-it found inside (paragraphs, lists, quotes) joins into its spans. */
  private quote(tokens: readonly Token[], open: number, close: number): void {
    const line = (tokens[open] as Token).map?.[0] ?? 0;
    const body = new SpanBuilder(this.issue);
    let cite = '';
    let first = true;
    for (let k = open + 1; k < close; k++) {
      const t = tokens[k] as Token;
      if (t.type !== 'inline') continue;
      const at = t.map?.[0] ?? line;
      if (metaOf(t).cite) {
        const b = new SpanBuilder(this.issue);
        b.inline(t, at);
        cite = plain(b.spans(at));
        continue;
      }
      if (!first) body.lineBreak();
      first = false;
      body.inline(t, at);
    }
    const spans = body.spans(line);
    if (spans.length === 0) return;
    const block: ContentBlock = { type: 'quote', spans };
    if (cite) block.cite = cite;
    this.emit(block, line);
  }

  /**
   * A list item is its first paragraph; anything after it inside the item (a nested list, a
   * second paragraph, a quote) follows the list as blocks of its own, so nested items of the
   * same kind simply continue the list.
   */
  private listItems(tokens: readonly Token[], from: number, to: number, ordered: boolean): void {
    let i = from;
    while (i < to) {
      const t = tokens[i] as Token;
      if (t.type !== 'list_item_open') {
        i++;
        continue;
      }
      const close = closing(tokens, i);
      const line = t.map?.[0] ?? 0;
      let rest = i + 1;
      let spans: Span[] = [];
      const inline = tokens[i + 2];
      if (tokens[i + 1]?.type === 'paragraph_open' && inline?.type === 'inline') {
        const b = new SpanBuilder(this.issue);
        b.inline(inline, line);
        spans = b.spans(line);
        rest = closing(tokens, i + 1) + 1;
      }
      this.item(ordered, spans, line);
      this.walk(tokens, rest, close);
      i = close + 1;
    }
  }
}

/** Compiles the Markdown subset into content blocks. Never throws; see the module comment. */
export function compileMarkdown(source: string): CompileResult {
  const issues: CompileIssue[] = [];
  let src = typeof source === 'string' ? source : '';
  if (src.length > MARKDOWN_LIMITS.maxSource) {
    issues.push({ line: 1, ...MESSAGES.tooLong });
    src = src.slice(0, MARKDOWN_LIMITS.maxSource);
  }
  src = src.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
  const env: Env = { issues };
  try {
    const tokens = md.parse(src, env);
    // markdown-it stops descending at maxNesting and drops what lies deeper; say so.
    const deep = tokens.find((t) => t.nesting === 1 && t.level >= MAX_NESTING - 1);
    if (deep) issues.push({ line: (deep.map?.[0] ?? 0) + 1, ...MESSAGES.tooDeep });
    const mapper = new BlockMapper(src.split('\n'), issues);
    mapper.walk(tokens, 0, tokens.length);
    mapper.finish();
    // Stable: issues of one line keep the order they were found in (tags first, as before).
    issues.sort((a, b) => a.line - b.line);
    return { blocks: mapper.blocks, issues };
  } catch {
    return { blocks: [], issues: [...issues, { line: 1, ...MESSAGES.unreadable }] };
  }
}

// ------------------------------------------------------------------ blocks → Markdown

/** A video's title in the source: its size, its length to the millisecond (so it round-trips), its poster. */
function videoTitle(v: { width: number; height: number; durationMs: number; poster: string }): string {
  return `video ${v.width}x${v.height} ${v.durationMs / 1000}s poster=${v.poster}`;
}

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

const MARK = { bold: '**', italic: '_' } as const;
type Emphasis = keyof typeof MARK;

/**
 * Emphasis as properly nested runs: a style stays open across adjacent spans that share it,
 * so two runs of one marker never touch (`**a****b**` reads differently in every parser).
 */
function emphasized(spans: readonly Span[]): string {
  let out = '';
  const open: Emphasis[] = [];
  for (const s of spans) {
    const want: Record<Emphasis, boolean> = { bold: !!s.bold, italic: !!s.italic };
    while (open.some((st) => !want[st])) {
      const st = open.pop() as Emphasis;
      out += MARK[st];
    }
    for (const st of ['bold', 'italic'] as const) {
      if (want[st] && !open.includes(st)) {
        open.push(st);
        out += MARK[st];
      }
    }
    out += escapeText(s.text);
  }
  for (let k = open.length - 1; k >= 0; k--) out += MARK[open[k] as Emphasis];
  return out;
}

function spansToMarkdown(spans: readonly Span[]): string {
  let md = '';
  for (let i = 0; i < spans.length; ) {
    const href = (spans[i] as Span).href;
    let j = i;
    while (j < spans.length && (spans[j] as Span).href === href) j++;
    const inner = emphasized(spans.slice(i, j));
    if (href === undefined) md += inner;
    else {
      // "!" right before "[" would make the link an image.
      if (md.endsWith('!')) md = `${md.slice(0, -1)}\\!`;
      md += `[${inner}](${href})`;
    }
    i = j;
  }
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
        parts.push(`![${escapeText(b.caption ?? '')}](${b.file} "${b.width}x${b.height}")`);
        break;
      case 'video':
        parts.push(`![${escapeText(b.caption ?? '')}](${b.file} "${videoTitle(b)}")`);
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
    else if ((b.type === 'image' || b.type === 'video') && b.caption) out.push(b.caption);
  }
  return out.join('\n');
}
