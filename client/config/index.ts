import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const typesDir = path.resolve(__dirname, '..', '..', 'types');

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
    plugins: [],
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
    cache: { enable: true, buildDependencies: { routes: [path.resolve(__dirname, '..', 'src', 'lib', 'routes.ts')] } },
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
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
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
        // Taro splits only initial chunks; the pages are lazy route chunks, so each one carried
        // its own copy of the components runtime. Splitting all chunks shares it once.
        const split = chain.optimization.get('splitChunks') as Record<string, unknown> | false | undefined;
        if (split) chain.optimization.splitChunks({ ...split, chunks: 'all' });
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
