/**
 * `npm run cloud -- --port 8787 --data .data [--strict] [--no-seed] [--functions dir] [--static dir]`
 *
 * Starts the local cloud, seeds demo data into an unseeded data dir (when emulator/seed exists),
 * prints where it listens and how to point a wx-server-sdk script at it, and stops cleanly on
 * SIGINT/SIGTERM (function instances terminated, database closed, port released).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_ENV_ID } from './env';
import { startCloud, type CloudOptions } from './server';

type SeedModule = { seedDemo?: NonNullable<CloudOptions['seed']>; DEV_ADMIN_OPENIDS?: string[] };

const USAGE = `usage: npm run cloud -- [--port 8787] [--data .data] [--strict] [--no-seed] [--fresh]
                       [--functions cloudfunctions/dist] [--static client/dist-h5] [--pool 4]
                       [--sec-words w1,w2] [--review-words w1,w2]`;

async function loadSeed(): Promise<SeedModule | null> {
  const base = path.join(__dirname, 'seed', 'index');
  if (!['.ts', '.js'].some((ext) => fs.existsSync(base + ext))) return null;
  return (await import(base)) as SeedModule;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      data: { type: 'string', default: '.data' },
      strict: { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      // Like a new WeChat Cloud environment: no collection or index until deploy creates them.
      fresh: { type: 'boolean', default: false },
      functions: { type: 'string' },
      static: { type: 'string' },
      pool: { type: 'string' },
      'sec-words': { type: 'string' },
      'review-words': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}\n${USAGE}`);
  const pool = values.pool === undefined ? undefined : Number(values.pool);
  if (pool !== undefined && (!Number.isInteger(pool) || pool < 1)) throw new Error(`--pool must be a positive integer\n${USAGE}`);

  // Demo data needs the collections a fresh environment does not have yet.
  const seedModule = values['no-seed'] || values.fresh ? null : await loadSeed();
  const admins = process.env.ADMIN_OPENIDS ?? seedModule?.DEV_ADMIN_OPENIDS?.join(',') ?? '';
  const cloud = await startCloud({
    port,
    dataDir: path.resolve(values.data ?? '.data'),
    strict: values.strict,
    // A fresh environment has no function either until deploy uploads them into its data dir.
    functionsDir: values.functions ? path.resolve(values.functions) : values.fresh ? path.resolve(values.data ?? '.data', 'functions') : undefined,
    acceptFunctionUploads: values.fresh && !values.functions,
    staticDir: values.static ? path.resolve(values.static) : undefined,
    poolSize: pool,
    provision: !values.fresh,
    seed: seedModule?.seedDemo,
    functionEnv: admins ? { ADMIN_OPENIDS: admins } : undefined,
    secWords: list(values['sec-words']) ?? ['违禁测试'],
    reviewWords: list(values['review-words']) ?? ['待审测试'],
  });

  const env = cloud.sdkEnv();
  console.log(`local cloud (env ${LOCAL_ENV_ID}) is listening on 127.0.0.1:${cloud.port}`);
  console.log(`  admin endpoint:  ${cloud.adminUrl}`);
  console.log(`  h5 gateway:      ${cloud.gatewayUrl}/fn/<name>   (identity header x-wx-openid; GET /dev/identities, /healthz)`);
  console.log('  point a wx-server-sdk script at it with:');
  for (const [k, v] of Object.entries(env)) console.log(`    export ${k}='${v}'`);
  console.log(`  and cloud.init({ env: '${LOCAL_ENV_ID}' }).`);
  console.log(`  WeChat Cloud's HTTP API (npm run deploy -- --env ${LOCAL_ENV_ID}):`);
  console.log(`    export WX_API_BASE='${cloud.tcbApi.baseUrl}' WX_APPID='${cloud.tcbApi.appid}' WX_APPSECRET='${cloud.tcbApi.appSecret}'`);
  if (values.fresh && !values.functions) console.log(`    (a fresh cloud has no function until npm run deploy -- --env ${LOCAL_ENV_ID} uploads them into ${path.resolve(values.data ?? '.data', 'functions')})`);
  console.log('  Ctrl-C stops.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud`);
    cloud.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
