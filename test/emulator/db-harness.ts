/**
 * Test-only bridge: a tiny HTTP server on 127.0.0.1 that routes the real wx-server-sdk's
 * `POST /admin` database calls to emulator/db, so tests observe exactly what cloud functions
 * observe (errCodes, result shapes). The product's server is emulator/server.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { COLLECTIONS, type CollectionSpec } from '../../cloudfunctions/database';
import { openDatabase, type DatabaseBackend } from '../../emulator/db';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Sdk = any;

export interface Harness {
  backend: DatabaseBackend;
  cloud: Sdk;
  db: Sdk;
  /** Actions seen by the server, in order (to assert what went over the wire). */
  actions: string[];
  file: string;
  close(): Promise<void>;
}

const DROP = ['action', 'envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'sessionToken', 'crossAuthorizationToken'];

export function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-test-'));
  return path.join(dir, name);
}

export async function startHarness(opts: { strict?: boolean; file?: string; collections?: CollectionSpec[]; onWarning?: (m: string) => void } = {}): Promise<Harness> {
  const file = opts.file ?? ':memory:';
  const backend = openDatabase({ file, collections: opts.collections ?? COLLECTIONS, strict: opts.strict ?? false, onWarning: opts.onWarning });
  const actions: string[] = [];
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const action = String(body.action);
        actions.push(action);
        const params = { ...body };
        for (const k of DROP) delete params[k];
        const reply = await backend.handle(action, params);
        const text = JSON.stringify({ requestId: `req-${++seq}`, ...reply });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(text);
      })().catch((e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD: 'true',
    TCB_ENV: 'local-dev',
    SILENCE: 'true',
  });
  let cloud: Sdk;
  jest.isolateModules(() => {
    cloud = require('wx-server-sdk');
  });
  cloud.init({ env: 'local-dev' });
  const db = cloud.database();
  return {
    backend,
    cloud,
    db,
    actions,
    file,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      backend.close();
    },
  };
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; message?: string; code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode?: number; errMsg?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
