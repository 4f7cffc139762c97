// `npm start`: build the cloud functions and the h5 app, then run the local cloud with demo
// data, serving the app on the same origin as its gateway. Ctrl-C stops everything.
import { npx, run } from './run.mjs';

const skipBuild = process.argv.includes('--no-build');
if (!skipBuild) {
  console.log('› building cloud functions');
  if ((await npx(['tsx', 'cloudfunctions/build.ts'])) !== 0) process.exit(1);
  console.log('› building the h5 app (about 20 s)');
  if ((await run('npm', ['run', '--silent', 'build:h5'])) !== 0) process.exit(1);
}
const code = await npx(['tsx', 'scripts/serve.ts', ...process.argv.slice(2).filter((a) => a !== '--no-build')]);
process.exit(code);
