/**
 * The dependency rules of DESIGN.md §5 are enforced by lint, not by hope: these tests feed
 * the real ESLint config code that breaks each rule and expect it to be reported.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');

// ESLint loads its flat config with a dynamic import, which jest's VM does not allow,
// so the real CLI lints the snippet as if it were the named file.
async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const out = spawnSync(process.execPath, [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(out.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint keeps dependencies flowing one way', () => {
  it('rejects the SDK in the domain', async () => {
    const ids = await ruleIdsFor('cloudfunctions/src/domain/probe.ts', "import cloud from 'wx-server-sdk';\nexport const c = cloud;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('rejects Node IO and the wall clock in the domain', async () => {
    const io = await ruleIdsFor('cloudfunctions/src/domain/probe.ts', "import fs from 'node:fs';\nexport const f = fs;\n");
    expect(io).toContain('no-restricted-imports');
    const clock = await ruleIdsFor('cloudfunctions/src/domain/probe.ts', 'export const now = () => Date.now();\n');
    expect(clock).toContain('no-restricted-syntax');
    const today = await ruleIdsFor('cloudfunctions/src/domain/probe.ts', 'export const today = () => new Date();\n');
    expect(today).toContain('no-restricted-syntax');
    // A given instant turned into calendar fields is deterministic.
    const given = await ruleIdsFor('cloudfunctions/src/domain/probe.ts', 'export const year = (ms: number) => new Date(ms).getUTCFullYear();\n');
    expect(given).toEqual([]);
  });

  it('allows the domain to import the contract', async () => {
    const ids = await ruleIdsFor('cloudfunctions/src/domain/probe.ts', "import type { Story } from '@contract';\nexport type S = Story;\n");
    expect(ids).toEqual([]);
  });

  it('rejects a component importing a feature, and a feature importing a page', async () => {
    const comp = await ruleIdsFor('client/src/components/probe.tsx', "import { X } from '../features/feed/x';\nexport const y = X;\n");
    expect(comp).toContain('no-restricted-imports');
    const feat = await ruleIdsFor('client/src/features/feed/probe.ts', "import { P } from '../../pages/feed/index';\nexport const y = P;\n");
    expect(feat).toContain('no-restricted-imports');
  });

  it('rejects a feature importing another feature, at any depth, and allows its own files, lib, components and the contract', async () => {
    const sibling = await ruleIdsFor('client/src/features/me/probe.tsx', "import { StoryActionBar } from '../story/story-action-bar';\nexport const y = StoryActionBar;\n");
    expect(sibling).toContain('client/feature-imports');
    const nested = await ruleIdsFor('client/src/features/me/parts/probe.tsx', "import { x } from '../../story/x';\nexport const y = x;\n");
    expect(nested).toContain('client/feature-imports');
    const spelledOut = await ruleIdsFor('client/src/features/me/probe.tsx', "import { x } from '../../features/story/x';\nexport const y = x;\n");
    expect(spelledOut).toContain('client/feature-imports');
    const ok = await ruleIdsFor(
      'client/src/features/me/probe.tsx',
      "import { MyActivity } from './my-activity';\nimport { call } from '../../lib/api';\nimport { StateView } from '../../components/state-view';\nimport type { Me } from '@contract';\nexport const y: [unknown, unknown, unknown, Me | null] = [MyActivity, call, StateView, null];\n",
    );
    expect(ok).toEqual([]);
  });

  it('rejects a feature reaching past the contract into types/ by path', async () => {
    const ids = await ruleIdsFor('client/src/features/staff-admin/probe.ts', "import { TIER_CHANGE_LABEL } from '../../../../types/staff';\nexport const y = TIER_CHANGE_LABEL;\n");
    expect(ids).toContain('client/feature-imports');
  });

  it('rejects a page path written outside lib/routes.ts, as a string or a template', async () => {
    const literal = await ruleIdsFor('client/src/features/me/probe.ts', "export const home = '/pages-staff/home/index';\n");
    expect(literal).toContain('no-restricted-syntax');
    const template = await ruleIdsFor('client/src/components/probe.ts', 'export const story = (id: string) => `/pages/story/index?id=${id}`;\n');
    expect(template).toContain('no-restricted-syntax');
    const bare = await ruleIdsFor('client/src/lib/probe.ts', "export const feed = 'pages/feed/index';\n");
    expect(bare).toContain('no-restricted-syntax');
    const routes = await ruleIdsFor('client/src/lib/routes.ts', "export const feed = 'pages/feed/index';\n");
    expect(routes).toEqual([]);
  });

  it('rejects disabled={x} on client components (Taro h5 renders false as disabled) and allows x || undefined', async () => {
    const head = "import { Button } from '@tarojs/components';\n";
    const bad = await ruleIdsFor('client/src/features/me/probe.tsx', `${head}export const B = ({ busy }: { busy: boolean }) => <Button disabled={busy}>保存</Button>;\n`);
    expect(bad).toContain('no-restricted-syntax');
    const good = await ruleIdsFor('client/src/features/me/probe.tsx', `${head}export const B = ({ busy }: { busy: boolean }) => <Button disabled={busy || undefined} loading={true}>保存</Button>;\n`);
    expect(good).toEqual([]);
  });

  it('refuses local-zone time formatting in the client outside lib/dates.ts, which formats in China time', async () => {
    const hours = await ruleIdsFor('client/src/features/me/probe.ts', 'export const hour = (ms: number) => new Date(ms).getHours();\n');
    expect(hours).toContain('no-restricted-properties');
    const locale = await ruleIdsFor('client/src/components/probe.ts', "export const when = (ms: number) => new Date(ms).toLocaleString('zh-CN');\n");
    expect(locale).toContain('no-restricted-properties');
    const intl = await ruleIdsFor('client/src/features/me/probe.ts', "export const f = new Intl.DateTimeFormat('zh-CN');\n");
    expect(intl).toContain('no-restricted-properties');
    // The UTC getters of an instant are the same everywhere, and lib/dates.ts is where China time is made.
    expect(await ruleIdsFor('client/src/features/me/probe.ts', 'export const y = (ms: number) => new Date(ms).getUTCFullYear();\n')).toEqual([]);
    expect(await ruleIdsFor('client/src/lib/dates.ts', 'export const hour = (ms: number) => new Date(ms).getHours();\n')).toEqual([]);
  });

  it('rejects client code reaching into the emulator or the functions', async () => {
    const ids = await ruleIdsFor('client/src/lib/api/probe.ts', "import { x } from '../../../../emulator/env';\nexport const y = x;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('lets only lib/files.ts (and the adapter defining it) issue temporary file URLs', async () => {
    const probe = "import type { Cloud } from '../../adapters/cloud';\nexport const urls = (c: Cloud, ids: string[]) => c.tempUrls(ids);\n";
    expect(await ruleIdsFor('cloudfunctions/src/use-cases/content/probe.ts', probe)).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('cloudfunctions/src/functions/engagement/probe.ts', probe)).toContain('no-restricted-syntax');
    // Destructuring it out of the adapter is the same call by another name.
    const destructured = "import type { Cloud } from '../adapters/cloud';\nexport const urls = (c: Cloud, ids: string[]) => { const { tempUrls } = c; return tempUrls(ids); };\n";
    expect(await ruleIdsFor('cloudfunctions/src/lib/probe.ts', destructured)).toContain('no-restricted-syntax');
    // The domain keeps its own restrictions (the clock) together with this one.
    const domain = await ruleIdsFor('cloudfunctions/src/domain/probe.ts', 'export const urls = (c: { tempUrls(ids: string[]): unknown }) => c.tempUrls([]);\n');
    expect(domain).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('cloudfunctions/src/lib/files.ts', probe.replace('../../adapters', '../adapters'))).not.toContain('no-restricted-syntax');
  });
});
