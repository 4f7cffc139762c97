/**
 * Bundles each cloud function (src/functions/<name>/index.ts) into a deployable folder
 * dist/<name>/ with index.js (esbuild, CommonJS for WeChat's Node 16 runtime, wx-server-sdk
 * left external because the cloud installs it), package.json and config.json (open-API
 * permissions, triggers). `npm run build:functions`; `--sourcemap` also writes index.js.map.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { FunctionConfig } from './src/lib/function-config';

const ROOT = __dirname;
const FUNCTIONS_DIR = path.join(ROOT, 'src', 'functions');
export const DIST_DIR = path.join(ROOT, 'dist');
/** The SDK version every function depends on (the cloud installs it from the package.json). */
export const SDK_VERSION = '4.0.2';

export interface BuildOptions {
  quiet?: boolean;
  outDir?: string;
  /** Only these functions (default: every folder under src/functions). */
  only?: string[];
  sourcemap?: boolean;
}

export interface BuiltFunction {
  name: string;
  dir: string;
  bytes: number;
}

export function functionNames(): string[] {
  return fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

function loadConfig(name: string): FunctionConfig {
  const file = path.join(FUNCTIONS_DIR, name, 'function.config.ts');
  if (!fs.existsSync(file)) throw new Error(`function ${name} has no function.config.ts`);
  const mod = require(file) as { default?: FunctionConfig };
  if (!mod.default || !Array.isArray(mod.default.openapi)) throw new Error(`${file} must default-export defineFunction({...})`);
  return mod.default;
}

export async function buildFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const outDir = options.outDir ?? DIST_DIR;
  const names = options.only ?? functionNames();
  const built = await Promise.all(
    names.map(async (name): Promise<BuiltFunction> => {
      const config = loadConfig(name);
      const dir = path.join(outDir, name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      await build({
        entryPoints: [path.join(FUNCTIONS_DIR, name, 'index.ts')],
        outfile: path.join(dir, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        minify: true,
        sourcemap: options.sourcemap ? 'external' : false,
        tsconfig: path.join(ROOT, '..', 'tsconfig.json'),
        logLevel: 'silent',
        legalComments: 'none',
      });
      const pkg = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION } };
      fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      const cfg: Record<string, unknown> = { permissions: { openapi: config.openapi } };
      if (config.triggers) cfg.triggers = config.triggers;
      if (config.timeout) cfg.timeout = config.timeout;
      // Names only (deploy checks the deployer gave each a value); WeChat's tools ignore the key.
      if (config.env?.length) cfg.requiredEnv = config.env;
      fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(cfg, null, 2)}\n`);
      return { name, dir, bytes: fs.statSync(path.join(dir, 'index.js')).size };
    }),
  );
  if (!options.quiet) {
    for (const f of built) console.log(`${f.name.padEnd(12)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KB  ${path.relative(process.cwd(), f.dir)}`);
  }
  return built;
}

if (require.main === module) {
  const started = Date.now();
  buildFunctions({ sourcemap: process.argv.includes('--sourcemap') }).then(
    (built) => console.log(`built ${built.length} functions in ${Date.now() - started} ms`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
