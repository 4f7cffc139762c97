// `npm run bench -- <name>`: runs bench/<name>.ts; its last line is `<name>: key=value …`.
import fs from 'node:fs';
import path from 'node:path';
import { npx, root } from './run.mjs';

const name = process.argv[2];
const available = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
process.exit(await npx(['tsx', `bench/${name}.ts`, ...process.argv.slice(3)]));
