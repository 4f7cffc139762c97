/**
 * What the h5 build needs to load a reader page fast and at the reader's text size. Only the h5
 * build uses these; the weapp build never sees them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import webpack, { type Compilation, type Compiler } from 'webpack';

/**
 * The root font size script, in place of Taro's: the size from the window's width (1rem =
 * `rootValue` px at `designWidth`, clamped to [min, max]), times the reader's own font size
 * setting (the browser's default font size over the usual 16 px). Taro's own script sets a fixed
 * px size, so a reader who asked for larger text got the same small text. It stays in px (an
 * inline px size is what the layout check scales by 1.5×).
 */
export function rootFontScript({ designWidth, rootValue, min, max }: { designWidth: number; rootValue: number; min: number; max: number }): string {
  return (
    '!function(n){var e=n.document.documentElement;function f(){' +
    // The user's default size: the root's computed size with no inline size of ours.
    'e.style.fontSize="";var d=parseFloat(n.getComputedStyle(e).fontSize)||16,' +
    // The window's shorter side (a phone turned sideways keeps its portrait size). Taro's script took
    // the document's height, which is a few px while the page is still empty: the root size dropped
    // to its minimum for the first paint and grew back half a second later, shifting everything.
    'w=Math.min(e.clientWidth||n.innerWidth,n.innerHeight||1/0),' +
    `x=Math.min(${max},Math.max(${min},${rootValue}*w/${designWidth}));` +
    'e.style.fontSize=x*d/16+"px"}' +
    'n.addEventListener("resize",function(){f();setTimeout(f,500)}),f()}(window);'
  );
}

/** The js and css files of the lazy route chunk group that loads `page` (a path such as pages/feed/index). */
export function pageChunkFiles(compilation: Compilation, page: string): string[] {
  const group = [...compilation.chunkGroups].find((g) => g.origins.some((o) => typeof o.request === 'string' && o.request.replace(/\\/g, '/').endsWith(`/${page}`)));
  if (!group) throw new Error(`no chunk group loads ${page}`);
  return group.chunks.flatMap((c) => [...c.files]).filter((f) => /\.(js|css)$/.test(f));
}

/** The html-webpack-plugin instance Taro's runner registered (its hooks are per module instance). */
function htmlWebpackPlugin(): { getHooks(c: Compilation): { alterAssetTagGroups: { tap(name: string, fn: (data: { headTags: unknown[] }) => unknown): void } } } {
  const load = createRequire(__filename);
  const runner = path.dirname(load.resolve('@tarojs/webpack5-runner/package.json'));
  return load(load.resolve('html-webpack-plugin', { paths: [runner] }));
}

/** Puts an inline script, made per compilation, first in index.html's head (it runs before anything loads). */
function prependHeadScript(compiler: Compiler, name: string, code: (compilation: Compilation) => string): void {
  compiler.hooks.compilation.tap(name, (compilation) => {
    htmlWebpackPlugin()
      .getHooks(compilation)
      .alterAssetTagGroups.tap(name, (data) => {
        data.headTags.unshift({ tagName: 'script', voidTag: false, meta: { plugin: name }, attributes: {}, innerHTML: code(compilation) });
        return data;
      });
  });
}

/**
 * Starts downloading the landing page's own chunks while the app's entry chunks download, rather
 * than after they have run. Taro loads every page with `import()`: its chunks are requested only
 * once React and the router have started, a full round trip (and the entry's parse and run) late
 * on a phone. An inline script in index.html reads the route from the URL (hash router; none: the
 * first page) and adds `<link rel=preload>` for that page's chunk files. Only the main package's
 * pages are listed (the pages a shared link or a cold start lands on), so the map stays small.
 */
export class RoutePreloadPlugin {
  constructor(private readonly opts: { pages: readonly string[]; publicPath: string }) {}

  apply(compiler: Compiler): void {
    prependHeadScript(compiler, 'RoutePreloadPlugin', (compilation) => {
      const initial = new Set<string>();
      for (const ep of compilation.entrypoints.values()) for (const c of ep.chunks) for (const f of c.files) initial.add(f);
      const files: string[] = [];
      const map: Record<string, number[]> = {};
      for (const page of this.opts.pages) {
        const own = pageChunkFiles(compilation, page).filter((f) => !initial.has(f));
        // Scripts before styles: a page's scripts gate its first render, its styles only its paint.
        own.sort((a, b) => Number(a.endsWith('.css')) - Number(b.endsWith('.css')));
        map[page] = own.map((f) => {
          const at = files.indexOf(f);
          return at >= 0 ? at : files.push(f) - 1;
        });
      }
      const first = this.opts.pages[0];
      return (
        `!function(d){var f=${JSON.stringify(files)},m=${JSON.stringify(map)},` +
        `l=m[location.hash.replace(/^#\\/?/,"").split("?")[0]||${JSON.stringify(first)}]||[];` +
        'for(var i=0;i<l.length;i++){var u=f[l[i]],k=d.createElement("link");' +
        `k.rel="preload";k.as=/\\.css$/.test(u)?"style":"script";k.href=${JSON.stringify(this.opts.publicPath)}+u;d.head.appendChild(k)}}(document);`
      );
    });
  }
}

/**
 * Puts the script that starts the landing page's first calls (earlyCallsScript in
 * src/lib/api/early-calls.ts) at the top of index.html's head, so its data downloads beside the
 * app's scripts instead of after them.
 */
export class EarlyCallsPlugin {
  constructor(private readonly script: string) {}

  apply(compiler: Compiler): void {
    prependHeadScript(compiler, 'EarlyCallsPlugin', () => this.script);
  }
}

/**
 * Taro's h5 `previewImage` imports the Swiper library and Taro's swiper elements (~200 KB before
 * compression) into every page that can preview an image — the story page among them — though a
 * reader may never tap a picture. This swaps the module for one that loads the real one on the
 * first call.
 */
export function lazyPreviewImage(): webpack.NormalModuleReplacementPlugin {
  const real = createRequire(__filename).resolve('@tarojs/taro-h5/dist/api/media/image/previewImage.js');
  const lazy = path.join(__dirname, 'h5-lazy-preview-image.js');
  // Relative imports of the real module (taro-h5's API index) are redirected; the lazy module's own
  // import names the package, so it still reaches the real one.
  return new webpack.NormalModuleReplacementPlugin(/previewImage\.js$/, (resource: { context: string; request: string }) => {
    if (resource.request.startsWith('.') && path.resolve(resource.context, resource.request) === real) resource.request = lazy;
  });
}
