import fs from 'node:fs';
import postcss from 'postcss';
// The webpack loader the h5 build runs on @tarojs/components-react's stylesheet (client/config/index.ts).
const { whereStylesheet } = require('../../client/config/h5-components-where.js') as { whereStylesheet: (css: string) => string };

function selectors(css: string): string[] {
  const out: string[] = [];
  postcss.parse(css).walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as postcss.AtRule).name)) return;
    out.push(...rule.selectors);
  });
  return out;
}

describe('the html components’ stylesheet weighs nothing against a page’s class', () => {
  it('wraps each selector in :where(), keeps a pseudo-element outside, and leaves keyframe steps and at-rules alone', () => {
    const css = [
      '@keyframes spin{0%{transform:rotate(0)}to{transform:rotate(1turn)}}',
      '.taro-button-core.taro-btn-default,.taro-button-core+.taro-button-core{margin-top:15px}',
      '.weui-input::-webkit-inner-spin-button{display:none}',
      '@media (max-width:600px){.taro-img img{width:100%}}',
    ].join('');
    const out = whereStylesheet(css);
    expect(out).toContain('@keyframes spin{0%{transform:rotate(0)}to{transform:rotate(1turn)}}');
    expect(selectors(out)).toEqual([
      ':where(.taro-button-core.taro-btn-default)',
      ':where(.taro-button-core+.taro-button-core)',
      ':where(.weui-input)::-webkit-inner-spin-button',
      ':where(.taro-img img)',
    ]);
    expect(out).toContain('@media (max-width:600px)');
  });

  it('leaves no selector of the installed components-react stylesheet with weight', () => {
    const file = require.resolve('@tarojs/components-react/dist/index.css');
    const all = selectors(whereStylesheet(fs.readFileSync(file, 'utf8')));
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((s) => !s.startsWith(':where('))).toEqual([]);
  });
});
