/**
 * How markdown-it's tokens map onto the story body's content blocks: everything the subset does
 * not have stays literal text or is refused with the editor's usual messages, and the places
 * where the editor's language departs from CommonMark on purpose keep working.
 */
import type { ContentBlock, Span } from '@contract';
import { blocksToMarkdown, compileMarkdown, MARKDOWN_LIMITS, parseInline } from '../../cloudfunctions/src/domain/markdown';

const IMG = 'cloud://local-dev.bucket/stories/s1/a.png';

const para = (text: string): ContentBlock => ({ type: 'paragraph', spans: [{ text }] });
const messages = (md: string): string[] => compileMarkdown(md).issues.map((i) => i.message);

describe('constructs outside the subset stay literal text, without an issue', () => {
  it.each([
    ['a table', '| a | b |\n|---|---|\n| 1 | 2 |', '| a | b | |---|---| | 1 | 2 |'],
    ['a fenced code block', '```js\nconst a = 1;\n```', '```js const a = 1; ```'],
    ['an indented code block', '    缩进的代码', '缩进的代码'],
    ['inline code', '用 `代码` 写', '用 `代码` 写'],
    ['strikethrough', '~~删除~~线', '~~删除~~线'],
    ['entities', '&amp; &lt;b&gt; &#60;', '&amp; &lt;b&gt; &#60;'],
    ['a bare address (no linkify)', 'https://www.news.cn 是官网', 'https://www.news.cn 是官网'],
    ['a reference definition', '[r]: https://x.cn', '[r]: https://x.cn'],
    ['a task list box', '[ ] 任务', '[ ] 任务'],
    ['a setext underline of =', 'Title\n===', 'Title ==='],
    ['typographic quotes and dashes', '"引号" -- 破折 (c)', '"引号" -- 破折 (c)'],
    ['seven hashes', '####### 七', '####### 七'],
    ['a hash without a space', '#话题', '#话题'],
  ])('%s', (_what, md, text) => {
    const { blocks, issues } = compileMarkdown(md);
    expect(blocks).toEqual([para(text)]);
    expect(issues).toEqual([]);
  });

  it('a reference-style link finds no definition and stays text', () => {
    expect(compileMarkdown('见[新华网][r]\n\n[r]: https://www.news.cn').blocks).toEqual([para('见[新华网][r]'), para('[r]: https://www.news.cn')]);
  });

  it('a dashed line under a paragraph is a divider, not a setext heading', () => {
    expect(compileMarkdown('段落\n---').blocks).toEqual([para('段落'), { type: 'divider' }]);
  });
});

describe('raw HTML and autolinks are removed with the usual issue', () => {
  it.each([
    ['an HTML block', '<div>\n块\n</div>', [para('块')]],
    ['inline HTML', '正<b>文</b>', [para('正文')]],
    ['a comment', '<!-- 注释 -->正文', [para('正文')]],
    ['an autolink', '见 <https://www.news.cn>', [para('见')]],
  ])('%s', (_what, md, blocks) => {
    const result = compileMarkdown(md);
    expect(result.blocks).toEqual(blocks);
    expect(result.issues).toEqual([{ line: 1, code: 'html_removed', message: 'HTML tags are not allowed and were removed' }]);
  });

  it('a tag rebuilt by an escape is caught after parsing and reported once', () => {
    const { blocks, issues } = compileMarkdown('前<\\/b>后');
    expect(blocks).toEqual([para('前后')]);
    expect(issues.map((i) => i.message)).toEqual(['HTML tags are not allowed and were removed']);
  });

  it('a tag in a heading, a quote, a list item and a caption is removed too', () => {
    const { blocks, issues } = compileMarkdown(`## 标<i>题</i>\n\n> 引<br>文\n\n- 项<s>目</s>\n\n![图<b>注</b>](${IMG} "4x3")`);
    expect(blocks).toEqual([
      { type: 'heading', level: 2, text: '标题' },
      { type: 'quote', spans: [{ text: '引文' }] },
      { type: 'list', ordered: false, items: [[{ text: '项目' }]] },
      { type: 'image', file: IMG, width: 4, height: 3, caption: '图注' },
    ]);
    expect(issues.map((i) => i.line)).toEqual([1, 3, 5, 7]);
  });
});

describe('headings', () => {
  it('h1 and h2 are level 2, h3 to h6 level 3; closing hashes and up to three spaces of indent are allowed', () => {
    expect(compileMarkdown('# 一\n## 二\n### 三\n#### 四\n##### 五\n###### 六 ###\n   ## 缩进').blocks).toEqual([
      { type: 'heading', level: 2, text: '一' },
      { type: 'heading', level: 2, text: '二' },
      { type: 'heading', level: 3, text: '三' },
      { type: 'heading', level: 3, text: '四' },
      { type: 'heading', level: 3, text: '五' },
      { type: 'heading', level: 3, text: '六' },
      { type: 'heading', level: 2, text: '缩进' },
    ]);
  });

  it('a heading keeps only the text of its emphasis and links; an empty one is dropped', () => {
    expect(compileMarkdown('## **重**要[链接](https://x.cn)\n\n##').blocks).toEqual([{ type: 'heading', level: 2, text: '重要链接' }]);
  });
});

describe('emphasis: opens before any non-space, closes anywhere (Chinese needs no spaces)', () => {
  it.each([
    ['punctuation inside bold next to Chinese', '**“引语”**之后', [{ text: '“引语”', bold: true }, { text: '之后' }]],
    ['a colon at the end of bold', '**注意：**后面', [{ text: '注意：', bold: true }, { text: '后面' }]],
    ['underscores inside a word', '火场_救援_行动', [{ text: '火场' }, { text: '救援', italic: true }, { text: '行动' }]],
    ['double underscore is bold', '__重点__', [{ text: '重点', bold: true }]],
    ['a space before the closer', '**粗 **后', [{ text: '粗 ', bold: true }, { text: '后' }]],
    ['stars between spaces stay literal', '2 * 3 * 4', [{ text: '2 * 3 * 4' }]],
    ['an unclosed opener stays literal', '**没有结尾', [{ text: '**没有结尾' }]],
  ])('%s', (_what, md, spans) => {
    expect(parseInline(md)).toEqual(spans);
  });
});

describe('links', () => {
  it('a target ends at the first ")"', () => {
    expect(parseInline('[维基](https://x.cn/a_(b))后')).toEqual([{ text: '维基', href: 'https://x.cn/a_(b' }, { text: ')后' }]);
  });

  it('a title is accepted and dropped', () => {
    expect(parseInline('[甲](https://x.cn "标题")和')).toEqual([{ text: '甲', href: 'https://x.cn' }, { text: '和' }]);
  });

  it('an angle-bracket target looks like a tag and is removed before parsing, as before', () => {
    const issues: string[] = [];
    expect(parseInline('[乙](<https://y.cn/p>)', (m) => issues.push(m))).toEqual([{ text: '乙' }]);
    expect(issues).toEqual(['HTML tags are not allowed and were removed', 'link target "" is not an http(s) address; kept as text']);
  });

  it('a target that is not http(s) keeps the text and says so, with the target quoted', () => {
    const issues: string[] = [];
    expect(parseInline('[坏](ftp://x.cn/f)了', (m) => issues.push(m))).toEqual([{ text: '坏了' }]);
    expect(issues).toEqual(['link target "ftp://x.cn/f" is not an http(s) address; kept as text']);
  });

  it('emphasis inside a link keeps both', () => {
    expect(parseInline('[**粗**链](https://x.cn)')).toEqual([
      { text: '粗', bold: true, href: 'https://x.cn' },
      { text: '链', href: 'https://x.cn' },
    ]);
  });

  it('escapes work on any ASCII punctuation', () => {
    expect(parseInline('\\~ \\` \\| \\* \\\\')).toEqual([{ text: '~ ` | * \\' }]);
  });
});

describe('quotes', () => {
  it('paragraphs of a quote join; the last line starting with —— (or --, —) is the citation', () => {
    expect(compileMarkdown('> 一\n>\n> 二\n> -- **张**三').blocks).toEqual([{ type: 'quote', spans: [{ text: '一二' }], cite: '张三' }]);
  });

  it('a one-line quote starting with —— has no citation; a blank quote line after it makes it text', () => {
    expect(compileMarkdown('> —— 只有一行').blocks).toEqual([{ type: 'quote', spans: [{ text: '—— 只有一行' }] }]);
    expect(compileMarkdown('> 一\n> —— 二\n>').blocks).toEqual([{ type: 'quote', spans: [{ text: '一—— 二' }] }]);
  });

  it('whatever is inside a quote (a list, a heading, a quote) is its text', () => {
    expect(compileMarkdown('> - 甲\n> - 乙\n>\n> ## 丙\n>\n> > 丁').blocks).toEqual([{ type: 'quote', spans: [{ text: '甲乙丙丁' }] }]);
  });

  it('a line without ">" right after a quote continues it (CommonMark lazy continuation)', () => {
    expect(compileMarkdown('> 引\n继续').blocks).toEqual([{ type: 'quote', spans: [{ text: '引继续' }] }]);
  });

  it('an empty quote is dropped', () => {
    expect(compileMarkdown('>\n\n> ').blocks).toEqual([]);
  });
});

describe('lists', () => {
  const items = (...texts: string[]): Span[][] => texts.map((text) => [{ text }]);

  it('nested items of the same kind continue the list, at any depth', () => {
    expect(compileMarkdown('- 一\n  - 二\n    - 三\n- 四').blocks).toEqual([{ type: 'list', ordered: false, items: items('一', '二', '三', '四') }]);
  });

  it('a nested list of the other kind follows as a list of its own', () => {
    expect(compileMarkdown('- 一\n  1. 二\n  2. 三').blocks).toEqual([
      { type: 'list', ordered: false, items: items('一') },
      { type: 'list', ordered: true, items: items('二', '三') },
    ]);
  });

  it('a blank line ends a list; a change of marker does not', () => {
    expect(compileMarkdown('- 一\n+ 二\n\n- 三\n\n1. 四\n2) 五').blocks).toEqual([
      { type: 'list', ordered: false, items: items('一', '二') },
      { type: 'list', ordered: false, items: items('三') },
      { type: 'list', ordered: true, items: items('四', '五') },
    ]);
  });

  it('a second paragraph or a quote inside an item follows the list as its own block', () => {
    expect(compileMarkdown('- 一\n\n  第二段\n- 二\n  > 引').blocks).toEqual([
      { type: 'list', ordered: false, items: items('一') },
      para('第二段'),
      { type: 'list', ordered: false, items: items('二') },
      { type: 'quote', spans: [{ text: '引' }] },
    ]);
  });

  it('an ordered list may start at any number; only "1." interrupts a paragraph', () => {
    expect(compileMarkdown('2. 二\n3. 三').blocks).toEqual([{ type: 'list', ordered: true, items: items('二', '三') }]);
    expect(compileMarkdown('段落\n2. 不是列表').blocks).toEqual([para('段落2. 不是列表')]);
    expect(compileMarkdown('段落\n1. 是列表').blocks).toEqual([para('段落'), { type: 'list', ordered: true, items: items('是列表') }]);
  });

  it('an item with an issue reports its own line', () => {
    const { issues } = compileMarkdown(`- 甲\n- 乙![x](${IMG})`);
    expect(issues).toEqual([{ line: 2, code: 'image_not_alone', message: 'images must stand on their own line; this one was left out' }]);
  });

  it('nesting deeper than the parser follows is reported, not silently lost', () => {
    const { issues } = compileMarkdown(`${'> '.repeat(60)}深`);
    expect(issues.map((i) => i.message)).toEqual(['quotes and lists are nested too deeply; the deeper part was left out']);
  });
});

describe('images', () => {
  it('an image line inside a paragraph splits it; single-quoted and parenthesised titles give the size too', () => {
    const { blocks, issues } = compileMarkdown(`前文\n![甲](${IMG} '640x480')\n中文\n![乙 [注]](${IMG} (3x2))\n后文`);
    expect(blocks).toEqual([
      para('前文'),
      { type: 'image', file: IMG, width: 640, height: 480, caption: '甲' },
      para('中文'),
      { type: 'image', file: IMG, width: 3, height: 2, caption: '乙 [注]' },
      para('后文'),
    ]);
    expect(issues).toEqual([]);
  });

  it('an image inside a list item, a quote, a heading or a link is not on its own line', () => {
    for (const md of [`- ![x](${IMG} "1x1")`, `> ![x](${IMG} "1x1")`, `## ![x](${IMG} "1x1")`, `[![x](${IMG} "1x1")](https://x.cn)`]) {
      const { blocks, issues } = compileMarkdown(md);
      expect([md, blocks.filter((b) => b.type === 'image')]).toEqual([md, []]);
      expect([md, issues.map((i) => i.message)]).toEqual([md, ['images must stand on their own line; this one was left out']]);
    }
  });

  it('the usual messages, word for word', () => {
    expect(messages('![](https://evil.example/x.png)')).toEqual([`only images uploaded to the story's storage can be used; "https://evil.example/x.png" was left out`]);
    expect(messages(`![](${IMG} "big")`)).toEqual(['the image has no "WIDTHxHEIGHT" size; a 4:3 frame is assumed']);
    const many = Array.from({ length: MARKDOWN_LIMITS.maxImages + 1 }, () => `![](${IMG} "1x1")`).join('\n\n');
    const result = compileMarkdown(many);
    expect(result.blocks).toHaveLength(MARKDOWN_LIMITS.maxImages);
    expect(result.issues).toEqual([{ line: 2 * MARKDOWN_LIMITS.maxImages + 1, code: 'too_many_images', message: 'more than 60 images; this one was left out' }]);
  });
});

describe('the source', () => {
  it('CRLF and CR line ends and NUL characters are normalised before parsing', () => {
    expect(compileMarkdown('## 题\r\n\r\n火\u0000场\r里').blocks).toEqual([{ type: 'heading', level: 2, text: '题' }, para('火场里')]);
  });

  it('issues come out in source order', () => {
    const { issues } = compileMarkdown(`<b>一</b>\n\n![](http://x.cn/a.png)\n\n[坏](ftp://x)\n\n<i>四</i>`);
    expect(issues.map((i) => i.line)).toEqual([1, 3, 5, 7]);
  });

  it('never falls back to "could not be read" on hostile input', () => {
    const pieces = ['*', '_', '[', ']', '(', ')', '!', '>', '-', '1.', '\\', '<b>', '`', '\n', '\n\n', '  ', '火', 'a', '——', '|', '~', '#', ' ', `![](${IMG} "1x1")`, '](https://x.cn)'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 2000; n++) {
      const src = Array.from({ length: Math.floor(next() * 80) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      const { issues } = compileMarkdown(src);
      if (issues.some((i) => /could not be read/.test(i.message))) throw new Error(`fell back on ${JSON.stringify(src)}`);
    }
  });
});

describe('blocks → Markdown for the new parser', () => {
  const roundTrip = (blocks: ContentBlock[]) => {
    const back = compileMarkdown(blocksToMarkdown(blocks));
    expect(back.issues).toEqual([]);
    return back.blocks;
  };

  it('adjacent spans sharing a style keep one run of markers, so bold next to bold italic survives', () => {
    const spans: Span[] = [{ text: '甲', bold: true }, { text: '乙', bold: true, italic: true }, { text: '丙', italic: true }, { text: '丁', bold: true }];
    expect(blocksToMarkdown([{ type: 'paragraph', spans }])).toBe('**甲_乙_**_丙_**丁**');
    expect(roundTrip([{ type: 'paragraph', spans }])).toEqual([{ type: 'paragraph', spans }]);
  });

  it('a "!" before a link does not turn it into an image', () => {
    const spans: Span[] = [{ text: '好!' }, { text: '链接', href: 'https://x.cn' }];
    expect(roundTrip([{ type: 'paragraph', spans }])).toEqual([{ type: 'paragraph', spans }]);
  });

  it('a caption with brackets and stars keeps them', () => {
    const block: ContentBlock = { type: 'image', file: IMG, width: 4, height: 3, caption: '图[1] *注*' };
    expect(roundTrip([block])).toEqual([block]);
  });
});
