/**
 * What every use case gets besides its request: the cloud, the deployment's environment, the
 * clock, hashing and randomness — passed in, never imported, so a use case is one function of
 * (request, context) and the function entry is the only place that wires production values.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cloud, type Cloud } from '../adapters/cloud';

export interface Deps {
  cloud: () => Cloud;
  /** The function's environment variable, read per call (a console edit needs no redeploy). */
  env: (name: string) => string | undefined;
  now: () => number;
  /** SHA-256 hex of a UTF-8 string. */
  hashHex: (input: string) => string;
  /** n cryptographically random bytes. */
  random: (n: number) => Uint8Array;
  /** One structured log line (the cloud console's log search reads JSON). */
  log: (entry: Record<string, unknown>) => void;
}

/** One call of one action: the deps plus which call it is. */
export interface ActionContext extends Deps {
  requestId: string;
  fn: string;
  action: string;
}

export const productionDeps: Deps = {
  cloud,
  env: (name) => process.env[name],
  now: () => Date.now(),
  hashHex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
  random: (n) => randomBytes(n),
  log: (entry) => console.log(JSON.stringify(entry)),
};

/**
 * A fresh id nobody can predict (96 random bits, base-36 time first so ids sort roughly by
 * creation in consoles): the id of every record the server creates, so no client can create
 * a record under it first.
 */
export function newId(deps: Pick<Deps, 'random' | 'now'>, prefix: string): string {
  return `${prefix}-${deps.now().toString(36)}-${Buffer.from(deps.random(12)).toString('hex')}`;
}
