/**
 * Story → official-account article (pure). The WeChat article editor keeps inline styles and
 * drops `<style>`, classes it does not know, scripts and external links, so everything here is
 * `section`/`p`/`span` with inline styles from one theme; images point at `media/uploadimg` URLs
 * (anything else is filtered by WeChat); links leave the text as numbered footnotes; a
 * mini-program card leads back to the story in the app. An article cannot play the app's video,
 * so a video block becomes its poster image linked to the story in the mini-program (WeChat's
 * picture link: `<a data-miniprogram-appid data-miniprogram-path>` around an uploadimg image),
 * with 「点击观看视频」 under it. Limits are the ones draft/add enforces.
 */
import type { ContentBlock, FileId, Span, Story } from '@contract';

/** draft/add limits (characters are counted as WeChat counts 字: one per code point). */
export const ARTICLE_LIMITS = {
  title: 32,
  author: 16,
  digest: 128,
  /** `content` must be under 20 000 characters and under 1 MB. */
  contentChars: 20_000,
  contentBytes: 1024 * 1024,
} as const;

/** Links that may stay links inside an article: other official-account articles. */
export const ARTICLE_LINK_ORIGIN = 'https://mp.weixin.qq.com/';

/** The one theme: the corps' red, readable body text, generous spacing on a phone. */
export const THEME = {
  root: 'padding:0 8px;color:#333;font-size:16px;line-height:1.8;letter-spacing:0.5px;',
  p: 'margin:0 0 16px;text-align:justify;',
  h2: 'margin:28px 0 12px;padding-left:10px;border-left:4px solid #c8102e;font-size:18px;font-weight:bold;color:#c8102e;line-height:1.5;',
  h3: 'margin:20px 0 10px;font-size:17px;font-weight:bold;color:#222;line-height:1.5;',
  quote: 'margin:0 0 16px;padding:12px 14px;background:#fbf1f2;border-left:3px solid #c8102e;color:#555;',
  quoteP: 'margin:0;',
  cite: 'margin:6px 0 0;text-align:right;font-size:14px;color:#888;',
  listItem: 'margin:0 0 8px;padding-left:1.5em;text-indent:-1.5em;',
  figure: 'margin:0 0 16px;text-align:center;',
  img: 'display:block;width:100%;max-width:100%;height:auto;margin:0 auto;',
  caption: 'margin:6px 0 0;font-size:14px;color:#888;text-align:center;',
  videoLink: 'display:block;',
  videoCall: 'margin:8px 0 0;font-size:15px;color:#c8102e;text-align:center;',
  divider: 'margin:24px auto;width:40%;border-top:1px solid #ddd;',
  sup: 'font-size:12px;color:#c8102e;',
  notesTitle: 'margin:24px 0 8px;font-size:14px;font-weight:bold;color:#888;',
  note: 'margin:0 0 6px;font-size:13px;color:#888;word-break:break-all;',
  card: 'margin:24px 0 0;',
  // The preview's stand-in for the mini-program card WeChat draws in its place.
  previewCard: 'padding:12px;border:1px solid #e5e5e5;border-radius:8px;background:#fff;',
  previewCardApp: 'margin:0 0 8px;font-size:13px;color:#888;',
  previewCardTitle: 'margin:0 0 8px;font-size:15px;color:#333;line-height:1.5;',
  previewCardImg: 'display:block;width:100%;max-width:100%;height:auto;border-radius:4px;',
  previewCardFoot: 'margin:8px 0 0;font-size:12px;color:#888;',
} as const;

export interface MiniProgramLink {
  appid: string;
  /** Path without a leading slash, e.g. `pages/story/index?id=…`. */
  path: string;
  title: string;
  /** A card image: must itself be an uploadimg URL. */
  imageUrl: string;
}

export interface ArticleInput {
  story: Pick<Story, '_id' | 'title' | 'author' | 'blocks' | 'revision'>;
  /** Inline image (and video poster) file id → its uploadimg URL. */
  imageUrls: Readonly<Record<FileId, string>>;
  /** The mini-program's app id (the account must be associated with it). */
  appid: string;
  /** Card image (uploadimg URL of the cover), or null to use the first inline image. */
  cardImageUrl: string | null;
  /**
   * For publish.preview: draw the mini-program card as the reader sees it (a browser or
   * rich-text knows no <mp-miniprogram>). Everything else is the very markup draft/add gets.
   */
  previewCard?: boolean;
}

export interface RenderedArticle {
  title: string;
  author: string;
  digest: string;
  content: string;
  /** The card path; it also identifies the story and revision in a published article. */
  cardPath: string;
  footnotes: { n: number; text: string; url: string }[];
}

export type RenderProblem =
  | { kind: 'title_empty' }
  | { kind: 'title_too_long'; length: number; max: number }
  | { kind: 'image_not_uploaded'; files: FileId[] }
  | { kind: 'no_card_image' }
  | { kind: 'content_too_long'; chars: number; bytes: number };

export type RenderResult = { ok: true; article: RenderedArticle } | { ok: false; problem: RenderProblem };

/** Length in 字 (code points), as WeChat counts. */
export function charLength(text: string): number {
  return Array.from(text).length;
}

/** At most `max` 字; a cut text ends with an ellipsis so a reader sees it was cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Inline images of the story and its videos' posters, in order, each once: what must go through uploadimg. */
export function inlineImages(blocks: readonly ContentBlock[]): FileId[] {
  const seen = new Set<FileId>();
  for (const b of blocks) {
    if (b.type === 'image') seen.add(b.file);
    else if (b.type === 'video') seen.add(b.poster);
  }
  return [...seen];
}

/** What a video's picture link says under its poster. */
export const VIDEO_CALL = '点击观看视频';

/** The card path back to the story; the revision makes a published article traceable to its job. */
export function storyCardPath(storyId: string, revision: number): string {
  return `pages/story/index?id=${storyId}&rev=${revision}`;
}

/** Digest: the first paragraph's text, ≤ 128 字. */
export function digestOf(blocks: readonly ContentBlock[]): string {
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    const text = collapse(b.spans.map((s) => s.text).join(''));
    if (text) return clip(text, ARTICLE_LIMITS.digest);
  }
  return '';
}

function isArticleLink(href: string): boolean {
  return href.startsWith(ARTICLE_LINK_ORIGIN);
}

class Renderer {
  readonly footnotes: RenderedArticle['footnotes'] = [];
  private readonly byUrl = new Map<string, number>();

  spans(spans: readonly Span[]): string {
    return spans.map((s) => this.span(s)).join('');
  }

  private span(s: Span): string {
    let html = escapeHtml(s.text);
    if (s.bold) html = `<strong>${html}</strong>`;
    if (s.italic) html = `<em>${html}</em>`;
    const href = s.href?.trim();
    if (!href) return html;
    if (isArticleLink(href)) return `<a href="${escapeHtml(href)}">${html}</a>`;
    // WeChat drops external anchors; the reader still gets the source as a numbered note.
    let n = this.byUrl.get(href);
    if (n === undefined) {
      n = this.footnotes.length + 1;
      this.byUrl.set(href, n);
      this.footnotes.push({ n, text: collapse(s.text), url: href });
    }
    return `${html}<sup style="${THEME.sup}">[${n}]</sup>`;
  }
}

function p(style: string, inner: string): string {
  return `<p style="${style}">${inner}</p>`;
}

export function renderArticle(input: ArticleInput): RenderResult {
  const { story, imageUrls } = input;
  const title = collapse(story.title);
  if (!title) return { ok: false, problem: { kind: 'title_empty' } };
  if (charLength(title) > ARTICLE_LIMITS.title) {
    return { ok: false, problem: { kind: 'title_too_long', length: charLength(title), max: ARTICLE_LIMITS.title } };
  }
  const missing = inlineImages(story.blocks).filter((f) => !imageUrls[f]);
  if (missing.length > 0) return { ok: false, problem: { kind: 'image_not_uploaded', files: missing } };
  const firstImage = inlineImages(story.blocks)[0];
  const cardImage = input.cardImageUrl ?? (firstImage ? (imageUrls[firstImage] ?? null) : null);
  if (!cardImage) return { ok: false, problem: { kind: 'no_card_image' } };

  const r = new Renderer();
  const parts: string[] = [];
  for (const b of story.blocks) {
    switch (b.type) {
      case 'heading':
        parts.push(p(b.level === 2 ? THEME.h2 : THEME.h3, escapeHtml(b.text)));
        break;
      case 'paragraph':
        parts.push(p(THEME.p, r.spans(b.spans)));
        break;
      case 'quote': {
        const cite = b.cite ? p(THEME.cite, `—— ${escapeHtml(b.cite)}`) : '';
        parts.push(`<section style="${THEME.quote}">${p(THEME.quoteP, r.spans(b.spans))}${cite}</section>`);
        break;
      }
      case 'list':
        parts.push(
          `<section>${b.items
            .map((item, i) => p(THEME.listItem, `${b.ordered ? `${i + 1}.` : '•'}&nbsp;${r.spans(item)}`))
            .join('')}</section>`,
        );
        break;
      case 'image': {
        const url = imageUrls[b.file] as string;
        const ratio = b.width > 0 ? (b.height / b.width).toFixed(4) : '0.75';
        const caption = b.caption ? p(THEME.caption, escapeHtml(b.caption)) : '';
        parts.push(
          `<section style="${THEME.figure}"><img src="${escapeHtml(url)}" data-ratio="${ratio}" data-w="${b.width}" style="${THEME.img}" />${caption}</section>`,
        );
        break;
      }
      case 'video': {
        const url = imageUrls[b.poster] as string;
        const ratio = b.width > 0 ? (b.height / b.width).toFixed(4) : '0.5625';
        // The path carries the revision like the card, so every link of a published article names its job's story and revision.
        const path = storyCardPath(story._id, story.revision);
        // href="" is what WeChat's editor writes for a mini-program link; in the preview (a
        // sandboxed frame) an empty href would reload the frame, so the preview's link has none.
        const link = (inner: string, style: string) =>
          `<a ${input.previewCard ? '' : 'href="" '}data-miniprogram-appid="${escapeHtml(input.appid)}" data-miniprogram-path="${escapeHtml(path)}" style="${style}">${inner}</a>`;
        const caption = b.caption ? p(THEME.caption, escapeHtml(b.caption)) : '';
        parts.push(
          `<section style="${THEME.figure}">${link(`<img src="${escapeHtml(url)}" data-ratio="${ratio}" data-w="${b.width}" style="${THEME.img}" />`, THEME.videoLink)}` +
            `${p(THEME.videoCall, link(`▶ ${VIDEO_CALL}`, 'color:#c8102e;'))}${caption}</section>`,
        );
        break;
      }
      case 'divider':
        parts.push(`<section style="${THEME.divider}"></section>`);
        break;
    }
  }
  if (r.footnotes.length > 0) {
    parts.push(
      `<section>${p(THEME.notesTitle, '参考链接')}${r.footnotes
        .map((f) => p(THEME.note, `[${f.n}] ${escapeHtml(f.text)}：${escapeHtml(f.url)}`))
        .join('')}</section>`,
    );
  }
  const cardPath = storyCardPath(story._id, story.revision);
  const card = `<section style="${THEME.card}"><mp-miniprogram data-miniprogram-appid="${escapeHtml(input.appid)}" data-miniprogram-path="${escapeHtml(cardPath)}" data-miniprogram-title="${escapeHtml(clip(title, 32))}" data-miniprogram-imageurl="${escapeHtml(cardImage)}"></mp-miniprogram></section>`;
  const real = `<section style="${THEME.root}">${parts.join('')}${card}</section>`;
  // The limits are WeChat's, on what draft/add receives: checked on the real markup even for a preview.
  const chars = charLength(real);
  const bytes = new TextEncoder().encode(real).length;
  if (chars >= ARTICLE_LIMITS.contentChars || bytes >= ARTICLE_LIMITS.contentBytes) {
    return { ok: false, problem: { kind: 'content_too_long', chars, bytes } };
  }
  const shownCard = `<section style="${THEME.card}"><section style="${THEME.previewCard}">${p(THEME.previewCardApp, '身边典型 · 小程序')}${p(THEME.previewCardTitle, escapeHtml(clip(title, 32)))}<img src="${escapeHtml(cardImage)}" style="${THEME.previewCardImg}" />${p(THEME.previewCardFoot, '小程序卡片：点开进入事迹页')}</section></section>`;
  const content = input.previewCard ? `<section style="${THEME.root}">${parts.join('')}${shownCard}</section>` : real;
  return {
    ok: true,
    article: {
      title,
      author: clip(collapse(story.author), ARTICLE_LIMITS.author),
      digest: digestOf(story.blocks),
      content,
      cardPath,
      footnotes: r.footnotes,
    },
  };
}

/** Chinese text for a render problem, shown to the publisher. */
export function renderProblemText(problem: RenderProblem): string {
  switch (problem.kind) {
    case 'title_empty':
      return '标题为空，无法发布';
    case 'title_too_long':
      return `标题 ${problem.length} 字，公众号标题不能超过 ${problem.max} 字，请先修改标题`;
    case 'image_not_uploaded':
      return `有 ${problem.files.length} 张图片（含视频封面）未上传到公众号`;
    case 'no_card_image':
      return '事迹没有封面或图片，无法生成小程序卡片';
    case 'content_too_long':
      return `正文过长（${problem.chars} 字符），公众号正文须少于 2 万字符`;
  }
}
