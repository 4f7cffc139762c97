/** The story body compiler: the Markdown subset → content blocks, and what it refuses to let through. */
import type { ContentBlock, Span } from '@contract';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { blocksText, blocksToMarkdown, compileMarkdown, MARKDOWN_LIMITS, parseInline, stripHtml } from '../../cloudfunctions/src/domain/markdown';

const IMG = 'cloud://local-dev.bucket/stories/s1/a.png';

describe('compileMarkdown: the subset', () => {
  it('headings: # and ## are level 2 (the title is level 1), ### and deeper level 3', () => {
    const { blocks, issues } = compileMarkdown('# 一\n## 二 ##\n### 三\n#### 四');
    expect(blocks).toEqual([
      { type: 'heading', level: 2, text: '一' },
      { type: 'heading', level: 2, text: '二' },
      { type: 'heading', level: 3, text: '三' },
      { type: 'heading', level: 3, text: '四' },
    ]);
    expect(issues).toEqual([]);
  });

  it('paragraphs split on blank lines; soft breaks join Chinese without a space and Latin with one', () => {
    const { blocks } = compileMarkdown('火场里\n他冲在前面。\n\nHe ran\nin first.');
    expect(blocks).toEqual([
      { type: 'paragraph', spans: [{ text: '火场里他冲在前面。' }] },
      { type: 'paragraph', spans: [{ text: 'He ran in first.' }] },
    ]);
  });

  it('emphasis: bold, italic (both markers), bold italic, nested, and a lone star stays literal', () => {
    const { blocks } = compileMarkdown('普通**加粗**和*斜体*与_斜体_及***都有***，**外 *内* 外**，2 * 3');
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      spans: [
        { text: '普通' },
        { text: '加粗', bold: true },
        { text: '和' },
        { text: '斜体', italic: true },
        { text: '与' },
        { text: '斜体', italic: true },
        { text: '及' },
        { text: '都有', bold: true, italic: true },
        { text: '，' },
        { text: '外 ', bold: true },
        { text: '内', bold: true, italic: true },
        { text: ' 外', bold: true },
        { text: '，2 * 3' },
      ],
    });
  });

  it('links keep their href on the span; only http(s) targets, others become plain text with an issue', () => {
    const { blocks, issues } = compileMarkdown('见[新华网](https://www.news.cn/a?b=1)和[坏的](javascript:alert(1))。');
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      spans: [{ text: '见' }, { text: '新华网', href: 'https://www.news.cn/a?b=1' }, { text: '和坏的)。' }],
    });
    expect(issues.map((i) => i.message).join()).toMatch(/not an http\(s\) address/);
  });

  it('quotes with a citation line, unordered and ordered lists with continuation lines, dividers', () => {
    const md = ['> 救人就是命令。', '> —— 张队长', '', '- 第一条', '  接着写', '* 第二条', '', '1. 甲', '2) 乙', '', '---'].join('\n');
    expect(compileMarkdown(md).blocks).toEqual([
      { type: 'quote', spans: [{ text: '救人就是命令。' }], cite: '张队长' },
      { type: 'list', ordered: false, items: [[{ text: '第一条接着写' }], [{ text: '第二条' }]] },
      { type: 'list', ordered: true, items: [[{ text: '甲' }], [{ text: '乙' }]] },
      { type: 'divider' },
    ]);
  });

  it('an image on its own line becomes an image block with its size and caption', () => {
    const { blocks, issues } = compileMarkdown(`![演练现场](${IMG} "800x600")`);
    expect(blocks).toEqual([{ type: 'image', file: IMG, width: 800, height: 600, caption: '演练现场' }]);
    expect(issues).toEqual([]);
  });

  it('an image without a size gets a 4:3 frame and an issue saying so', () => {
    const { blocks, issues } = compileMarkdown(`![](${IMG})`);
    expect(blocks).toEqual([{ type: 'image', file: IMG, width: 1200, height: 900 }]);
    expect(issues).toEqual([{ line: 1, code: 'image_no_size', message: expect.stringMatching(/WIDTHxHEIGHT/) }]);
  });

  it('images only from our storage: http, data: and relative images are left out with an issue', () => {
    const md = ['![](https://evil.example/x.png)', '![](data:image/png;base64,AAAA)', '![](../x.png)', '![](cloud://env/..\\x)'].join('\n');
    const { blocks, issues } = compileMarkdown(md);
    expect(blocks).toEqual([]);
    expect(issues).toHaveLength(4);
    expect(issues.map((i) => i.line)).toEqual([1, 2, 3, 4]);
  });

  it('an inline image in a paragraph is left out with an issue (images stand on their own line)', () => {
    const { blocks, issues } = compileMarkdown(`前文![x](${IMG})后文`);
    expect(blocks).toEqual([{ type: 'paragraph', spans: [{ text: '前文后文' }] }]);
    expect(issues).toHaveLength(1);
  });

  it('raw HTML never passes: tags are removed, even ones that reassemble after one pass', () => {
    const { blocks, issues } = compileMarkdown('<script>alert(1)</script>正文<<b>img src=x onerror=alert(1)>\n\n<div>块</div>');
    const text = JSON.stringify(blocks);
    expect(text).not.toMatch(/<[A-Za-z/!?]/);
    expect(blocks).toEqual([
      { type: 'paragraph', spans: [{ text: 'alert(1)正文' }] },
      { type: 'paragraph', spans: [{ text: '块' }] },
    ]);
    expect(issues.length).toBeGreaterThan(0);
    expect(stripHtml('a < b and c > d').text).toBe('a < b and c > d');
  });

  it('backslash escapes make syntax characters literal', () => {
    expect(parseInline('\\*不是斜体\\* \\[不是链接\\](x)')).toEqual([{ text: '*不是斜体* [不是链接](x)' }]);
  });

  it('limits: overlong source is cut and reported; too many blocks are reported once', () => {
    const long = compileMarkdown('字'.repeat(MARKDOWN_LIMITS.maxSource + 10));
    expect(long.issues[0]?.message).toMatch(/cut/);
    const many = compileMarkdown(Array.from({ length: MARKDOWN_LIMITS.maxBlocks + 20 }, (_, i) => `段${i}`).join('\n\n'));
    expect(many.blocks).toHaveLength(MARKDOWN_LIMITS.maxBlocks);
    expect(many.issues.filter((i) => /blocks/.test(i.message))).toHaveLength(1);
  });

  it('blocksText gives the plain text for summaries and the security check', () => {
    const { blocks } = compileMarkdown(`## 标题\n\n**正**文\n\n> 引\n> —— 人\n\n- 项\n\n![图注](${IMG} "1x1")`);
    expect(blocksText(blocks)).toBe('标题\n正文\n引 人\n项\n图注');
  });
});

// ------------------------------------------------------------------ properties

/** Small deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['*', '**', '_', '[', ']', '(', ')', '!', '#', '>', '-', '+', '1.', '\\', '<', '>', '<script>', '</p>', '<!--', '-->', '`', '\n', '\n\n', ' ', '\t', '\r', '\u0000', '火', '救', 'a', 'Z', '9', 'http://x.cn', 'javascript:', 'cloud://e.b/p.png', '"', "'", '——', '|', '~', '&lt;'];

function randomSource(r: () => number): string {
  const n = Math.floor(r() * 60);
  let s = '';
  for (let i = 0; i < n; i++) s += NASTY[Math.floor(r() * NASTY.length)];
  return s;
}

function allText(blocks: readonly ContentBlock[]): string[] {
  const out: string[] = [];
  const spans = (ss: readonly Span[]) => ss.forEach((s) => out.push(s.text));
  for (const b of blocks) {
    if (b.type === 'heading') out.push(b.text);
    if (b.type === 'paragraph') spans(b.spans);
    if (b.type === 'quote') {
      spans(b.spans);
      if (b.cite) out.push(b.cite);
    }
    if (b.type === 'list') b.items.forEach(spans);
    if (b.type === 'image' && b.caption) out.push(b.caption);
  }
  return out;
}

describe('compileMarkdown: properties over random hostile input', () => {
  const CASES = 3000;

  it(`never throws, never lets a tag through, images only as cloud file ids, links only http(s) (${CASES} cases)`, () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const src = randomSource(rng(seed));
      let result;
      try {
        result = compileMarkdown(src);
      } catch (e) {
        throw new Error(`seed ${seed} threw on ${JSON.stringify(src)}: ${String(e)}`);
      }
      for (const t of allText(result.blocks)) {
        if (/<\/?[A-Za-z][^<>]*>|<!--/.test(t)) throw new Error(`seed ${seed}: tag in ${JSON.stringify(t)} from ${JSON.stringify(src)}`);
        if (t.length === 0) throw new Error(`seed ${seed}: empty text span`);
      }
      for (const b of result.blocks) {
        if (b.type === 'image' && !/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._~/-]+$/.test(b.file)) throw new Error(`seed ${seed}: image ${b.file}`);
        const spans = b.type === 'paragraph' || b.type === 'quote' ? b.spans : b.type === 'list' ? b.items.flat() : [];
        for (const s of spans) if (s.href !== undefined && !/^https?:\/\//i.test(s.href)) throw new Error(`seed ${seed}: href ${s.href}`);
      }
    }
  });

  it('also never throws on non-string input from a broken caller', () => {
    expect(compileMarkdown(undefined as unknown as string)).toEqual({ blocks: [], issues: [] });
  });

  const WORDS = ['火场', '救援', 'rescue', '一级消防士', '2024.5', '3*4', 'a_b', '[注]', '(一)', '#1', '(>_<)', '- 破折', '1. 不是列表', 'x\\y', 'a < b', '——'];
  function randomSpans(r: () => number): Span[] {
    const spans: Span[] = [];
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      const words = Array.from({ length: 1 + Math.floor(r() * 3) }, () => WORDS[Math.floor(r() * WORDS.length)]).join('');
      const span: Span = { text: words };
      if (r() < 0.3) span.bold = true;
      if (r() < 0.3) span.italic = true;
      if (r() < 0.2) span.href = `https://news.cn/p${Math.floor(r() * 100)}`;
      const last = spans[spans.length - 1];
      if (last && !!last.bold === !!span.bold && !!last.italic === !!span.italic && last.href === span.href) last.text += span.text;
      else spans.push(span);
    }
    return spans;
  }
  function randomBlocks(r: () => number): ContentBlock[] {
    return Array.from({ length: 1 + Math.floor(r() * 6) }, (): ContentBlock => {
      const k = Math.floor(r() * 6);
      if (k === 0) return { type: 'heading', level: r() < 0.5 ? 2 : 3, text: WORDS[Math.floor(r() * WORDS.length)] as string };
      if (k === 1) return { type: 'quote', spans: randomSpans(r), ...(r() < 0.5 ? { cite: '张三' } : {}) };
      if (k === 2) return { type: 'list', ordered: r() < 0.5, items: [randomSpans(r), randomSpans(r)] };
      if (k === 3) return { type: 'image', file: `cloud://env.b/s/${Math.floor(r() * 1000)}.jpg`, width: 640, height: 480, ...(r() < 0.5 ? { caption: '图注' } : {}) };
      if (k === 4) return { type: 'divider' };
      return { type: 'paragraph', spans: randomSpans(r) };
    });
  }

  it('blocks → Markdown → blocks is the identity, so published stories can be edited without loss (500 cases)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const blocks = randomBlocks(rng(seed));
      const md = blocksToMarkdown(blocks);
      const back = compileMarkdown(md);
      try {
        expect(back.blocks).toEqual(blocks);
      } catch (e) {
        throw new Error(`seed ${seed}: ${JSON.stringify(md)}\n${String(e)}`);
      }
      expect(back.issues).toEqual([]);
    }
  });
});

describe('the demo corps’ stories', () => {
  it('every seeded story round-trips through Markdown, so editing any of them loses nothing', () => {
    const { stories } = buildDemoDocuments(DEFAULT_SEED_NOW);
    expect(stories.length).toBeGreaterThan(50);
    // Adjacent runs of one style are one run to a reader: the compiler merges them, so compare merged.
    const merge = (spans: readonly Span[]) =>
      spans.reduce<Span[]>((out, sp) => {
        const last = out[out.length - 1];
        if (last && !!last.bold === !!sp.bold && !!last.italic === !!sp.italic && last.href === sp.href) last.text += sp.text;
        else out.push({ ...sp });
        return out;
      }, []);
    const normal = (blocks: readonly ContentBlock[]): ContentBlock[] =>
      blocks.map((b) => (b.type === 'paragraph' || b.type === 'quote' ? { ...b, spans: merge(b.spans) } : b.type === 'list' ? { ...b, items: b.items.map(merge) } : b));
    for (const s of stories) {
      const back = compileMarkdown(blocksToMarkdown(s.blocks));
      expect([s._id, back.blocks]).toEqual([s._id, normal(s.blocks)]);
      expect([s._id, back.issues]).toEqual([s._id, []]);
    }
  });
});
