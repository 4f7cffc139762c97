/**
 * The h5 build's service worker, so that a reader who reloads (or reopens) the app with no
 * network gets the app and, in it, what the offline cache kept, rather than the browser's error
 * page. Only the h5 production build emits it (`/sw.js`); lib/service-worker.h5.ts registers it.
 *
 * Hand-written rather than Workbox: what it does is three rules (the page network-first, files
 * with a content hash cache-first, nothing else touched) over one versioned cache, about 100
 * lines. workbox-webpack-plugin would bring workbox-build (rollup, babel, terser and their trees)
 * into the dev dependencies and bundle a worker on every h5 build, for the same three rules.
 *
 * The worker (h5-sw.js) gets two constants in front of it:
 * - PRECACHE: the app shell, fetched at install: the entry's files, the files of every
 *   main-package page (a shared link lands on any of them), and the build's static files
 *   (icons and images the pages' styles and scripts name), so every reader page opens offline
 *   even if it was never opened online.
 * - VERSION: a hash of index.html and that list; a new build is a new cache, the old one is
 *   deleted when the new worker takes over.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import webpack, { type Compilation, type Compiler } from 'webpack';
import { pageChunkFiles } from './h5-perf';

const WORKER = path.join(__dirname, 'h5-sw.js');

export function shellFiles(compilation: Compilation, pages: readonly string[], publicPath: string): string[] {
  const files = new Set<string>();
  for (const ep of compilation.entrypoints.values()) for (const c of ep.chunks) for (const f of c.files) files.add(f);
  for (const page of pages) for (const f of pageChunkFiles(compilation, page)) files.add(f);
  for (const name of Object.keys(compilation.assets)) if (name.startsWith('static/')) files.add(name);
  return [...files]
    .filter((f) => /\.(js|css|png|jpe?g|gif|webp|svg|woff2?|ttf)$/.test(f))
    .sort()
    .map((f) => publicPath + f);
}

/** The worker's text: its constants, then h5-sw.js. */
export function workerSource(precache: readonly string[], indexHtml: string): string {
  const version = crypto.createHash('sha256').update(indexHtml).update(JSON.stringify(precache)).digest('hex').slice(0, 12);
  return `var VERSION=${JSON.stringify(version)};\nvar PRECACHE=${JSON.stringify(precache)};\n${fs.readFileSync(WORKER, 'utf8')}`;
}

export class ServiceWorkerPlugin {
  constructor(private readonly opts: { pages: readonly string[]; publicPath: string }) {}

  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('ServiceWorkerPlugin', (compilation) => {
      // After the real content hashes have renamed the files (OPTIMIZE_HASH) and index.html is written.
      compilation.hooks.processAssets.tap({ name: 'ServiceWorkerPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, () => {
        const index = compilation.getAsset('index.html');
        if (!index) throw new Error('ServiceWorkerPlugin: the build has no index.html');
        const precache = shellFiles(compilation, this.opts.pages, this.opts.publicPath);
        compilation.emitAsset('sw.js', new webpack.sources.RawSource(workerSource(precache, String(index.source.source()))));
      });
    });
  }
}
