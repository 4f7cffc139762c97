/**
 * The article renderer: what draft/add receives survives the WeChat editor — inline styles,
 * section/p layout, only uploaded images, no external links (numbered footnotes instead), a
 * card back to the story, field limits kept. Snapshots of representative demo stories, then
 * properties over random hostile stories.
 */
import type { ContentBlock, Span, Story } from '@contract';
import { ARTICLE_LIMITS, charLength, clip, digestOf, inlineImages, renderArticle, storyCardPath, THEME } from '../../cloudfunctions/src/domain/article';
import { buildDemoData, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { createRng, type Rng } from '../../emulator/seed/prng';

const APPID = 'wx0000000000local';
const demo = (buildDemoData(DEFAULT_SEED_NOW).collections.stories as unknown as Story[]).filter((s) => s.state === 'published');

function uploaded(blocks: readonly ContentBlock[]): Record<string, string> {
  return Object.fromEntries(inlineImages(blocks).map((f, i) => [f, `https://mmbiz.qpic.cn/mmbiz_png/img${i}/0`]));
}

function render(story: Pick<Story, '_id' | 'title' | 'author' | 'blocks' | 'revision'>) {
  return renderArticle({ story, imageUrls: uploaded(story.blocks), appid: APPID, cardImageUrl: 'https://mmbiz.qpic.cn/mmbiz_png/cover/0' });
}

const ALLOWED_TAGS = new Set(['section', 'p', 'strong', 'em', 'sup', 'a', 'img', 'mp-miniprogram']);

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b/g)].map((m) => (m[1] as string).toLowerCase());
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('representative demo stories', () => {
  const withLink = demo.find((s) => s.blocks.some((b) => (b.type === 'paragraph' || b.type === 'quote') && b.spans.some((sp) => sp.href)));
  const withList = demo.find((s) => s.blocks.some((b) => b.type === 'list') && s.blocks.some((b) => b.type === 'quote'));
  const longest = [...demo].sort((a, b) => JSON.stringify(b.blocks).length - JSON.stringify(a.blocks).length)[0];

  it.each([
    ['a story with an external link', withLink],
    ['a story with a list and a quote', withList],
    ['the longest story', longest],
  ])('%s renders as the snapshot', (_name, story) => {
    expect(story).toBeDefined();
    const r = render(story as Story);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    expect(r.article).toMatchSnapshot();
  });

  it('every published demo story renders within the draft/add limits', () => {
    for (const story of demo) {
      const r = render(story);
      if (!r.ok) throw new Error(`${story._id}: ${JSON.stringify(r.problem)}`);
      expect(charLength(r.article.title)).toBeLessThanOrEqual(ARTICLE_LIMITS.title);
      expect(charLength(r.article.author)).toBeLessThanOrEqual(ARTICLE_LIMITS.author);
      expect(charLength(r.article.digest)).toBeLessThanOrEqual(ARTICLE_LIMITS.digest);
      expect(charLength(r.article.content)).toBeLessThan(ARTICLE_LIMITS.contentChars);
    }
  });

  it('the external link of the demo becomes footnote [1] with its address as text, not a link', () => {
    const r = render(withLink as Story);
    if (!r.ok) throw new Error('render failed');
    expect(r.article.footnotes).toEqual([{ n: 1, text: '中国消防', url: 'https://www.119.gov.cn/' }]);
    expect(r.article.content).not.toContain('href="https://www.119.gov.cn/');
    expect(r.article.content).toContain('[1] 中国消防：https://www.119.gov.cn/');
  });
});

describe('the publisher’s preview', () => {
  it('is the same markup but for the card, drawn with the theme’s tags (no <mp-miniprogram> a browser cannot show)', () => {
    for (const story of demo.slice(0, 10)) {
      const real = render(story);
      const shown = renderArticle({ story, imageUrls: uploaded(story.blocks), appid: APPID, cardImageUrl: 'https://mmbiz.qpic.cn/mmbiz_png/cover/0', previewCard: true });
      if (!real.ok || !shown.ok) throw new Error(`${story._id}: render failed`);
      const cardAt = real.article.content.indexOf('<section style="margin:24px 0 0;"><mp-miniprogram');
      expect(cardAt).toBeGreaterThan(0);
      expect(shown.article.content.slice(0, cardAt)).toBe(real.article.content.slice(0, cardAt));
      expect(shown.article.content).not.toContain('mp-miniprogram');
      expect(shown.article.content).toContain('小程序卡片');
      expect(new Set(tagsOf(shown.article.content).filter((t) => !ALLOWED_TAGS.has(t)))).toEqual(new Set());
      expect({ ...shown.article, content: '' }).toEqual({ ...real.article, content: '' });
    }
  });
});

describe('limits and refusals', () => {
  const base = { _id: 'st-1', revision: 3, author: '宣传员', blocks: [{ type: 'paragraph', spans: [{ text: '正文' }] }] as ContentBlock[] };

  it('a title over 32 字 is refused (never silently cut); 32 字 passes', () => {
    const long = '火'.repeat(33);
    const r = render({ ...base, title: long });
    expect(r).toEqual({ ok: false, problem: { kind: 'title_too_long', length: 33, max: 32 } });
    expect(render({ ...base, title: '火'.repeat(32) }).ok).toBe(true);
    expect(render({ ...base, title: '   ' })).toEqual({ ok: false, problem: { kind: 'title_empty' } });
  });

  it('author is cut to 16 字 and digest to 128 字 with an ellipsis', () => {
    const r = render({ ...base, title: '标题', author: '作'.repeat(20), blocks: [{ type: 'paragraph', spans: [{ text: '字'.repeat(300) }] }] });
    if (!r.ok) throw new Error('render failed');
    expect(r.article.author).toBe(`${'作'.repeat(15)}…`);
    expect(charLength(r.article.digest)).toBe(128);
    expect(r.article.digest.endsWith('…')).toBe(true);
  });

  it('the digest comes from the first paragraph, skipping headings and images', () => {
    const blocks: ContentBlock[] = [
      { type: 'heading', level: 2, text: '小标题' },
      { type: 'image', file: 'cloud://x/a.png', width: 4, height: 3 },
      { type: 'paragraph', spans: [{ text: '第一段' }, { text: '  继续 ', bold: true }] },
      { type: 'paragraph', spans: [{ text: '第二段' }] },
    ];
    expect(digestOf(blocks)).toBe('第一段 继续');
  });

  it('an image that was not uploaded is refused by name', () => {
    const blocks: ContentBlock[] = [{ type: 'image', file: 'cloud://x/a.png', width: 4, height: 3 }];
    const r = renderArticle({ story: { ...base, title: '标题', blocks }, imageUrls: {}, appid: APPID, cardImageUrl: 'https://mmbiz.qpic.cn/c/0' });
    expect(r).toEqual({ ok: false, problem: { kind: 'image_not_uploaded', files: ['cloud://x/a.png'] } });
  });

  it('content at 20 000 characters or more is refused', () => {
    const blocks: ContentBlock[] = Array.from({ length: 400 }, () => ({ type: 'paragraph', spans: [{ text: '字'.repeat(60) }] }));
    const r = render({ ...base, title: '标题', blocks });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.kind).toBe('content_too_long');
  });

  it('clip counts code points, not UTF-16 units', () => {
    expect(clip('🔥🔥🔥', 3)).toBe('🔥🔥🔥');
    expect(clip('🔥🔥🔥🔥', 3)).toBe('🔥🔥…');
  });
});

// ---------------------------------------------------------------- properties

const HOSTILE = ['<script>alert(1)</script>', '<style>p{}</style>', '"><img src=x onerror=1>', "'", '&amp;', '<a href="https://evil.cn">', '火焰蓝', ' ', '\n', '🔥', 'javascript:void(0)'];
const HREFS = ['https://www.119.gov.cn/', 'http://example.com/a?b=1&c=2', 'javascript:alert(1)', 'https://mp.weixin.qq.com/s/abc', 'https://mp.weixin.qq.com.evil.cn/x', '"><script>'];

function text(rng: Rng): string {
  const n = rng.int(1, 4);
  return Array.from({ length: n }, () => rng.pick(HOSTILE)).join('');
}

function spans(rng: Rng): Span[] {
  return Array.from({ length: rng.int(1, 4) }, () => {
    const s: Span = { text: text(rng) };
    if (rng.chance(0.3)) s.bold = true;
    if (rng.chance(0.2)) s.italic = true;
    if (rng.chance(0.3)) s.href = rng.pick(HREFS);
    return s;
  });
}

function randomStory(rng: Rng, seed: number): Story {
  const blocks: ContentBlock[] = [];
  const n = rng.int(1, 12);
  for (let i = 0; i < n; i++) {
    const kind = rng.int(0, 5);
    if (kind === 0) blocks.push({ type: 'heading', level: rng.chance(0.5) ? 2 : 3, text: text(rng) });
    else if (kind === 1) blocks.push({ type: 'paragraph', spans: spans(rng) });
    else if (kind === 2) blocks.push({ type: 'quote', spans: spans(rng), ...(rng.chance(0.5) ? { cite: text(rng) } : {}) });
    else if (kind === 3) blocks.push({ type: 'list', ordered: rng.chance(0.5), items: Array.from({ length: rng.int(1, 4) }, () => spans(rng)) });
    else if (kind === 4) blocks.push({ type: 'image', file: `cloud://env.b/seed/i${rng.int(0, 5)}.png`, width: 800, height: 600, ...(rng.chance(0.5) ? { caption: text(rng) } : {}) });
    else blocks.push({ type: 'divider' });
  }
  return { _id: `st-${seed}`, revision: rng.int(1, 9), title: `标题${seed}${rng.chance(0.2) ? '<script>' : ''}`, author: text(rng), blocks } as Story;
}

describe('properties over 2000 random hostile stories', () => {
  it('no script, no style, no class, only allowed tags; every image uploaded and no other image; no external href; footnotes numbered; the card names the story; text survives escaped', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const rng = createRng(seed);
      const story = randomStory(rng, seed);
      const urls = uploaded(story.blocks);
      const r = renderArticle({ story, imageUrls: urls, appid: APPID, cardImageUrl: 'https://mmbiz.qpic.cn/mmbiz_png/cover/0' });
      if (!r.ok) throw new Error(`seed ${seed}: ${JSON.stringify(r.problem)}`);
      const html = r.article.content;
      const fail = (why: string) => new Error(`seed ${seed}: ${why}\n${html}`);
      if (/<script|<style/i.test(html)) throw fail('script or style');
      for (const m of html.matchAll(/<[^>]+>/g)) if (/\sclass=|\son[a-z]+=/i.test(m[0])) throw fail(`class or handler in ${m[0]}`);
      for (const tag of tagsOf(html)) if (!ALLOWED_TAGS.has(tag)) throw fail(`tag ${tag}`);
      const srcs = [...html.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1]);
      const allowed = new Set(Object.values(urls));
      for (const src of srcs) if (!allowed.has(src as string)) throw fail(`image ${src} was not uploaded`);
      for (const url of allowed) if (!srcs.includes(url)) throw fail(`uploaded image ${url} missing`);
      for (const m of html.matchAll(/\shref="([^"]*)"/g)) if (!(m[1] as string).startsWith('https://mp.weixin.qq.com/')) throw fail(`external href ${m[1]}`);
      r.article.footnotes.forEach((f, i) => {
        if (f.n !== i + 1) throw fail('footnotes out of order');
        if (!textOf(html).includes(`[${f.n}] ${f.text.replace(/\s+/g, ' ').trim()}：${f.url}`)) throw fail(`footnote ${f.n} not shown`);
      });
      if (!html.includes(`data-miniprogram-path="${storyCardPath(story._id, story.revision).replace(/&/g, '&amp;')}"`)) throw fail('card path');
      if (!html.startsWith(`<section style="${THEME.root}">`)) throw fail('root section');
      const visible = textOf(html);
      for (const b of story.blocks) {
        if (b.type === 'paragraph') for (const s of b.spans) if (!visible.includes(s.text)) throw fail(`text lost: ${s.text}`);
      }
      if (charLength(r.article.author) > ARTICLE_LIMITS.author || charLength(r.article.digest) > ARTICLE_LIMITS.digest) throw fail('limits');
    }
  });
});
