// @ts-check
/**
 * One function instance: a worker thread that loads a built function once and then serves one
 * invocation at a time, staying warm between them (module state survives, as in production).
 *
 * Plain CommonJS on purpose: worker threads start outside any TypeScript loader (jest's babel
 * transform and tsx both stop at the thread boundary), so this file must run as-is on Node 20.
 *
 * Identity travels in process.env (wx-server-sdk's getWXContext reads WX_* per call). Each worker
 * owns a private copy of process.env, and the pool never gives an instance two calls at once, so
 * identities cannot mix.
 */
const { parentPort, workerData } = require('node:worker_threads');

if (!parentPort) throw new Error('instance.cjs must run as a worker thread');
const port = parentPort;

/** @type {{ main?: (event: unknown, context: unknown) => unknown } | undefined} */
let loaded;

const IDENTITY_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_SOURCE'];

port.on('message', async (/** @type {any} */ msg) => {
  if (!msg || msg.type !== 'invoke') return;
  for (const key of IDENTITY_KEYS) delete process.env[key];
  for (const [key, value] of Object.entries(msg.env || {})) process.env[key] = String(value);
  try {
    if (!loaded) loaded = require(workerData.entry);
    const main = loaded && loaded.main;
    if (typeof main !== 'function') throw new TypeError(`${workerData.name}: index.js does not export a main function`);
    const result = await main(msg.event, msg.context);
    let json;
    try {
      json = JSON.stringify(result === undefined ? null : result);
    } catch (e) {
      throw new TypeError(`${workerData.name}: return value is not JSON-serialisable (${e instanceof Error ? e.message : e})`);
    }
    port.postMessage({ type: 'result', id: msg.id, ok: true, json });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(typeof e === 'string' ? e : JSON.stringify(e));
    port.postMessage({
      type: 'result',
      id: msg.id,
      ok: false,
      error: { name: err.name, message: err.message, stack: err.stack || String(err) },
    });
  }
});
