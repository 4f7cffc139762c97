/**
 * The product on one machine: the local cloud (database, storage, openapi fakes, function
 * runner, gateway) seeded with demo data, serving the h5 build at its root.
 * Options: --port (8787), --data (.data), --strict.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCloud } from '../emulator/server';
import { seedDemo } from '../emulator/seed';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    data: { type: 'string', default: path.join(root, '.data') },
    strict: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const cloud = await startCloud({
    port: Number(values.port),
    dataDir: path.resolve(values.data!),
    strict: values.strict,
    staticDir: path.join(root, 'client/dist-h5'),
    // Seed relative to today so the demo reads like a live feed ("3 天前"), not a 2025 archive.
    seed: (db, storage) => seedDemo(db, storage, Date.now()),
    functionEnv: { ADMIN_OPENIDS: process.env.ADMIN_OPENIDS ?? 'dev-admin' },
    // The publish pipeline needs an official account: a local fake with WeChat's limits.
    officialAccount: true,
  });
  const url = `http://127.0.0.1:${cloud.port}/`;
  console.log('');
  console.log(`  身边典型 is running:  ${url}`);
  console.log(`  local cloud /admin:   ${cloud.adminUrl}`);
  console.log(`  function gateway:     ${cloud.gatewayUrl}/fn/<name>`);
  if (cloud.officialAccount) console.log(`  fake official account: ${cloud.officialAccount.url}/ (published articles)`);
  console.log('  Ctrl-C to stop.');
  const stop = async (): Promise<void> => {
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
