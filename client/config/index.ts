import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { requireWithEsbuild } from '@tarojs/helper';
import devConfig from './dev';
import { EarlyCallsPlugin, lazyPreviewImage, rootFontScript, RoutePreloadPlugin } from './h5-perf';
import { ServiceWorkerPlugin } from './h5-service-worker';
import prodConfig from './prod';
import { WEAPP_ARIA } from './weapp-aria';
import { WeappFontScalePlugin } from './weapp-font-scale';
import type * as EarlyCalls from '../src/lib/api/early-calls';
import type * as Routes from '../src/lib/routes';

const typesDir = path.resolve(__dirname, '..', '..', 'types');

/**
 * The contract (types/) only declares values: no module of it does anything when loaded. Telling
 * webpack so lets a value imported through `@contract` (STORY_LIMITS, COMMENT_LIMITS) bring only
 * its own file, not every file the index re-exports: schemas.ts and zod stay out of a page that
 * validates nothing.
 */
function contractWithoutSideEffects(chain: { module: { rule(name: string): { include: { add(p: string): unknown } } } }): void {
  const rule = chain.module.rule('contract-without-side-effects');
  rule.include.add(typesDir);
  // webpack-chain sets `sideEffects` on a rule; its typings leave it out.
  (rule as unknown as { sideEffects(v: boolean): unknown }).sideEffects(false);
}
// The page tables, read as app.config.ts reads them (Taro's config loader compiles only config/).
const { MAIN_PAGES } = requireWithEsbuild(path.resolve(__dirname, '..', 'src', 'lib', 'routes.ts')) as typeof Routes;
const earlyCallsFile = path.resolve(__dirname, '..', 'src', 'lib', 'api', 'early-calls.ts');
const { earlyCallsScript } = requireWithEsbuild(earlyCallsFile) as typeof EarlyCalls;

export default defineConfig<'webpack5'>(async (merge) => {
  // The two targets land side by side: weapp → client/dist (project.config.json's
  // miniprogramRoot), h5 → client/dist-h5 (served by the local cloud at `/`).
  const isH5 = process.env.TARO_ENV === 'h5';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shenbian-dianxing',
    date: '2026-12-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT builds elsewhere (a parallel e2e run keeps reading client/dist-h5 untouched).
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? (isH5 ? 'dist-h5' : 'dist'),
    // weapp: base.wxml binds the aria attributes WeChat's screen reader reads (weapp-aria.ts).
    // The plugin does nothing on h5, which renders the attributes as they are.
    plugins: [['@tarojs/plugin-inject', { components: WEAPP_ARIA }]],
    defineConstants: {},
    // The shared contract lives outside client/: alias it and let babel compile it.
    alias: {
      '@contract': path.join(typesDir, 'index.ts'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // app.config.ts builds its page list from src/lib/routes.ts: a change there must invalidate
    // the persistent cache as a change to app.config.ts does (Taro lists only that file).
    // h5-perf.ts holds webpack plugins (a module replacement among them): a change there must
    // invalidate the cache too. (h5-lazy-preview-image.js is a module of the build, tracked as any.)
    cache: {
      enable: true,
      buildDependencies: {
        routes: [path.resolve(__dirname, '..', 'src', 'lib', 'routes.ts'), earlyCallsFile],
        perf: [path.resolve(__dirname, 'h5-perf.ts'), path.resolve(__dirname, 'h5-components-where.js')],
        fontScale: [path.resolve(__dirname, 'weapp-font-scale.ts')],
        // The plugin writes the attribute table into its own dist, which webpack's cache takes as
        // unchanged (node_modules is snapshotted by version): a stale table misnumbers every attribute.
        aria: [path.resolve(__dirname, 'weapp-aria.ts')],
        serviceWorker: [path.resolve(__dirname, 'h5-service-worker.ts'), path.resolve(__dirname, 'h5-sw.js')],
      },
    },
    mini: {
      compile: { include: [typesDir] },
      // Component styles are BEM-scoped, so their order across shared chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.performance.hints(false);
        contractWithoutSideEffects(chain);
        // Text follows the reader's WeChat font size: page-meta on every page, text sizes in rem.
        chain.plugin('weapp-font-scale').use(WeappFontScalePlugin);
      },
    },
    h5: {
      useHtmlComponents: true,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's root font size (rem) from the window's width, scaled by the reader's own font size.
      // The figures are Taro's defaults for a 750 design width: 1rem = 40px at 750 px, within [20, 40].
      htmlPluginOption: { script: rootFontScript({ designWidth: 750, rootValue: 40, min: 20, max: 40 }) },
      compile: { include: [typesDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.performance.hints(false);
        contractWithoutSideEffects(chain);
        // Taro splits only initial chunks; the pages are lazy route chunks, so each one carried
        // its own copy of the components runtime. Splitting all chunks shares it once. Taro's
        // minSize 0 also split every module two pages share into a file of its own: the feed
        // loaded 29 files, most under 2 KB, six at a time on a phone's HTTP/1.1 connections.
        // webpack's own production default (20 KB) leaves 7, at the price of small duplicates.
        const split = chain.optimization.get('splitChunks') as Record<string, unknown> | false | undefined;
        if (split) chain.optimization.splitChunks({ ...split, chunks: 'all', minSize: 20000 });
        chain.plugin('route-preload').use(RoutePreloadPlugin, [{ pages: Object.values(MAIN_PAGES), publicPath: '/' }]);
        chain.plugin('early-calls').use(EarlyCallsPlugin, [earlyCallsScript(process.env.TARO_APP_CLOUD_URL)]);
        // Polyfills for fetch and AbortController (every browser that runs this bundle has both)
        // and a jsonp client (the app never asks Taro.request for jsonp): 47 KB off every page.
        for (const request of ['whatwg-fetch$', 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', 'jsonp-retry$']) (chain.resolve.alias as unknown as { set(k: string, v: false): void }).set(request, false);
        chain.plugin('lazy-preview-image').use(lazyPreviewImage());
        // The html components' own stylesheet weighs nothing against a page's class (h5-components-where.js).
        chain.module
          .rule('components-react-where')
          .test(/[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]index\.css$/)
          .use('where')
          .loader(path.resolve(__dirname, 'h5-components-where.js'));
        // The app shell for a cold start with no network (production builds only: a dev server's
        // files change under a worker that would keep serving the old ones).
        if (process.env.NODE_ENV === 'production') chain.plugin('service-worker').use(ServiceWorkerPlugin, [{ pages: Object.values(MAIN_PAGES), publicPath: '/' }]);
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
