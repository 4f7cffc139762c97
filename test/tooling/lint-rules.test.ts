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

  it('rejects client code reaching into the emulator or the functions', async () => {
    const ids = await ruleIdsFor('client/src/lib/api/probe.ts', "import { x } from '../../../../emulator/env';\nexport const y = x;\n");
    expect(ids).toContain('no-restricted-imports');
  });
});
