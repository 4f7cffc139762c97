/**
 * Shared setup for the local-cloud server tests: a cloud on a free port over the fixture
 * functions with the real SQLite database backend, and wx-server-sdk in the test process pointed at it (as a deploy script would be).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCloud, type Cloud, type CloudOptions } from '../../emulator/server';

export const FIXTURE_FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');

export function tempDataDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cloud-${prefix}-`));
}

export async function startTestCloud(overrides: Partial<CloudOptions> = {}): Promise<Cloud> {
  return startCloud({
    port: 0,
    dataDir: overrides.dataDir ?? tempDataDir('t'),
    functionsDir: FIXTURE_FUNCTIONS,
    quiet: true,
    ...overrides,
  });
}

/** The real SDK, as a script outside any function would use it against this cloud. */
export function sdkFor(cloud: Cloud): typeof import('wx-server-sdk') {
  Object.assign(process.env, cloud.sdkEnv());
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  return sdk;
}

/** POST a raw admin request (what node-sdk sends), for the cases the SDK itself would refuse to build. */
export async function adminPost(cloud: Cloud, body: Record<string, unknown>, pathSuffix = ''): Promise<Record<string, unknown>> {
  const res = await fetch(`${cloud.adminUrl}${pathSuffix}?env=local-dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}
