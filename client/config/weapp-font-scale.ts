/**
 * Text that follows the reader's WeChat font size (我 › 设置 › 通用 › 字体大小). Only the weapp build
 * uses this; h5 gets the same from its root font script (h5-perf.ts rootFontScript).
 *
 * Sizes are written in px on the 750 design width and Taro turns them into rpx, which follow the
 * screen's width and nothing else: a reader who asked WeChat for larger text got the same small
 * text. Two steps make text scale:
 *
 * - every page's WXML starts with `<page-meta root-font-size="system">`, so 1rem is the size the
 *   reader chose in WeChat. It is written into the template at build time rather than rendered by
 *   Taro's `<PageMeta>` component: that one needs `enablePageMeta` in every page's config and the
 *   element first in every page's JSX, and its value arrives by setData after the first frame (one
 *   frame at WeChat's default 1rem, then everything jumps). Done here, every page has it, including
 *   pages added later, from its first frame.
 * - in the built WXSS, text sizes move from rpx to rem: `font-size: Nrpx` becomes N/32 rem (at
 *   WeChat's standard 16 px and a 375 px wide phone, the size it had in rpx), and a px line height
 *   that is a text's leading becomes a ratio of that rule's font size, so lines open up with the
 *   text instead of overlapping. A line height of twice the font size or more centres a label in
 *   a fixed-height box (a 88 px button); it stays, as the box does. Boxes, margins and gaps stay
 *   in rpx: grown with the text they would push a phone-wide layout off the screen.
 */
import postcss, { type Declaration, type Plugin } from 'postcss';
import webpack, { type Compiler } from 'webpack';

/** rpx per rem: 16 px (WeChat's standard text size) is 32 rpx on a 375 px wide phone. */
export const RPX_PER_REM = 32;

const RPX = /^(-?\d*\.?\d+)rpx$/;

function round(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

/** The postcss step: font sizes in rem, leading as a ratio (see the module comment). */
export function textSizesInRem(): Plugin {
  return {
    postcssPlugin: 'weapp-text-sizes-in-rem',
    Rule(rule) {
      let fontRpx: number | null = null;
      const lineHeights: Declaration[] = [];
      rule.each((node) => {
        if (node.type !== 'decl') return;
        const prop = node.prop.toLowerCase();
        if (prop === 'font-size') {
          const m = RPX.exec(node.value.trim());
          if (!m) return;
          fontRpx = Number(m[1]);
          node.value = `${round(fontRpx / RPX_PER_REM)}rem`;
        } else if (prop === 'line-height' && RPX.test(node.value.trim())) {
          lineHeights.push(node);
        }
      });
      if (fontRpx === null || fontRpx <= 0) return;
      for (const decl of lineHeights) {
        const lineRpx = Number(RPX.exec(decl.value.trim())![1]);
        if (lineRpx < 2 * fontRpx) decl.value = round(lineRpx / fontRpx);
      }
    },
  };
}

/** `<page-meta root-font-size="system">` right after the template's imports (it must be the page's first node). */
export function withSystemRootFont(wxml: string): string {
  if (wxml.includes('<page-meta')) return wxml;
  const imports = /^(\s*<import\b[^>]*\/>\s*)*/.exec(wxml)![0];
  return `${imports}<page-meta root-font-size="system"></page-meta>\n${wxml.slice(imports.length)}`;
}

/** Every page of app.json (main package and subpackages), as `path/to/page`. */
export function pagesOf(appJson: { pages?: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] }): string[] {
  const subs = appJson.subPackages ?? appJson.subpackages ?? [];
  return [...(appJson.pages ?? []), ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
}

/** Applies both steps to the weapp build's output, after Taro has written the pages and minified the styles. */
export class WeappFontScalePlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('WeappFontScalePlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'WeappFontScalePlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, (assets) => {
        const processor = postcss([textSizesInRem()]);
        for (const name of Object.keys(assets)) {
          if (!name.endsWith('.wxss')) continue;
          const css = String(compilation.getAsset(name)!.source.source());
          const out = processor.process(css, { from: undefined }).css;
          if (out !== css) compilation.updateAsset(name, new webpack.sources.RawSource(out));
        }
        const app = compilation.getAsset('app.json');
        if (!app) return;
        for (const page of pagesOf(JSON.parse(String(app.source.source())))) {
          const asset = compilation.getAsset(`${page}.wxml`);
          if (!asset) throw new Error(`WeappFontScalePlugin: ${page}.wxml is not in the build`);
          compilation.updateAsset(asset.name, new webpack.sources.RawSource(withSystemRootFont(String(asset.source.source()))));
        }
      });
    });
  }
}
