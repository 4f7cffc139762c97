/** The deployable folders the build writes, checked as WeChat's tools and runtime would read them. */
import fs from 'node:fs';
import path from 'node:path';
import { buildFunctions, functionNames, SDK_VERSION } from '../../cloudfunctions/build';

const outDir = path.join(__dirname, '..', '..', 'cloudfunctions', 'dist', '.test', `build-${process.pid}`);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('functions build', () => {
  let built: Awaited<ReturnType<typeof buildFunctions>>;

  beforeAll(async () => {
    built = await buildFunctions({ quiet: true, outDir });
  });

  it('builds every function folder that has an entry', () => {
    expect(functionNames()).toEqual(expect.arrayContaining(['content', 'identity']));
    expect(built.map((b) => b.name).sort()).toEqual(functionNames());
  });

  it('writes index.js, a package.json depending on the pinned SDK, and config.json with open-API permissions', () => {
    for (const name of functionNames()) {
      const dir = path.join(outDir, name);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({ name, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION } });
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
      expect(Array.isArray(config.permissions.openapi)).toBe(true);
      expect(fs.statSync(path.join(dir, 'index.js')).size).toBe(built.find((b) => b.name === name)?.bytes);
    }
  });

  it('content asks for no open-API permission; identity only for the check of a staff member’s name', () => {
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'content', 'config.json'), 'utf8'))).toEqual({ permissions: { openapi: [] } });
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'identity', 'config.json'), 'utf8'))).toEqual({ permissions: { openapi: ['security.msgSecCheck'] }, requiredEnv: ['ADMIN_OPENIDS'] });
  });

  it('names in config.json the environment variables each function requires (deploy checks them), each one read by its code', () => {
    for (const name of functionNames()) {
      const config = JSON.parse(fs.readFileSync(path.join(outDir, name, 'config.json'), 'utf8')) as { requiredEnv?: string[] };
      const code = fs.readFileSync(path.join(outDir, name, 'index.js'), 'utf8');
      for (const key of config.requiredEnv ?? []) expect(`${name}: ${code.includes(`"${key}"`)}`).toBe(`${name}: true`);
    }
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'publish-event', 'config.json'), 'utf8')).requiredEnv).toEqual(['OA_APPID', 'OA_SECRET', 'OA_EVENT_TOKEN']);
  });

  it('leaves wx-server-sdk out of the bundle (the cloud installs it) and bundles everything else', () => {
    const code = fs.readFileSync(path.join(outDir, 'content', 'index.js'), 'utf8');
    expect(code).toMatch(/require\("wx-server-sdk"\)/);
    expect(code).not.toMatch(/@cloudbase\/node-sdk|tcb-admin-node/);
    const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    for (const r of requires) expect(['wx-server-sdk', 'crypto', 'node:crypto']).toContain(r);
  });

  it('exports main from a CommonJS module that loads without touching the cloud', async () => {
    const mod = require(path.join(outDir, 'content', 'index.js')) as { main: (e: unknown, c: unknown) => Promise<unknown> };
    expect(typeof mod.main).toBe('function');
    await expect(mod.main({ action: 'nope' }, { request_id: 'r' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses a function without a config next to its entry', async () => {
    await expect(buildFunctions({ quiet: true, outDir, only: ['no-such-function'] })).rejects.toThrow(/function.config.ts/);
  });
});
