/**
 * What the repository says the environment should have: the collections and indexes of
 * cloudfunctions/database.ts, and the built functions in cloudfunctions/dist/<name>/ (their code,
 * config.json permissions and timer triggers), each with a content hash so a deploy uploads
 * only what changed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionSpec, IndexSpec } from '../../cloudfunctions/database';

export interface DeclaredCollection {
  name: string;
  /** Without any index on `_id` alone: the cloud gives every collection its `_id_` index. */
  indexes: IndexSpec[];
  rule: { read: boolean; write: boolean };
}

export interface Trigger {
  name: string;
  type: string;
  config: string;
}

export interface BuiltFunction {
  name: string;
  dir: string;
  hash: string;
  openapi: string[];
  /** Timer triggers from config.json, as WeChat's config.json and miniprogram-ci spell them. */
  triggers: Trigger[];
  /** Environment variables the function requires (config.json `requiredEnv`, from function.config.ts `env`). */
  requiredEnv: string[];
}

export function declaredCollections(specs: CollectionSpec[]): DeclaredCollection[] {
  return specs.map((c) => ({
    name: c.name,
    indexes: c.indexes.filter((ix) => !(ix.fields.length === 1 && ix.fields[0]![0] === '_id')),
    rule: c.rule,
  }));
}

/** sha256 over every file of a folder (relative path and bytes, in path order). */
export function folderHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && !e.name.endsWith('.map')) {
        h.update(`${r}\0`);
        h.update(fs.readFileSync(path.join(dir, r)));
        h.update('\0');
      }
    }
  };
  walk('');
  return h.digest('hex');
}

export class NotBuiltError extends Error {
  override name = 'NotBuiltError';
}

/** Every built function of `distDir` (folders holding index.js and config.json; dot-folders are test leftovers). */
export function builtFunctions(distDir: string): BuiltFunction[] {
  if (!fs.existsSync(distDir)) throw new NotBuiltError(`云函数还没有构建：${distDir} 不存在。先运行 npm run build:functions`);
  const out: BuiltFunction[] = [];
  for (const e of fs.readdirSync(distDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const dir = path.join(distDir, e.name);
    const configFile = path.join(dir, 'config.json');
    if (!fs.existsSync(path.join(dir, 'index.js')) || !fs.existsSync(configFile)) continue;
    let config: { permissions?: { openapi?: unknown }; triggers?: unknown; requiredEnv?: unknown };
    try {
      config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as typeof config;
    } catch (err) {
      throw new NotBuiltError(`${configFile} 不是合法的 JSON：${String(err)}`);
    }
    const openapi = Array.isArray(config.permissions?.openapi) ? config.permissions.openapi.filter((a): a is string => typeof a === 'string') : [];
    const triggers = Array.isArray(config.triggers)
      ? config.triggers.filter((t): t is Trigger => !!t && typeof t === 'object' && typeof (t as Trigger).name === 'string' && typeof (t as Trigger).config === 'string').map((t) => ({ name: t.name, type: t.type, config: t.config }))
      : [];
    const requiredEnv = Array.isArray(config.requiredEnv) ? config.requiredEnv.filter((k): k is string => typeof k === 'string') : [];
    out.push({ name: e.name, dir, hash: folderHash(dir), openapi, triggers, requiredEnv });
  }
  if (out.length === 0) throw new NotBuiltError(`${distDir} 里没有构建好的云函数。先运行 npm run build:functions`);
  return out;
}

export const sameIndex = (a: IndexSpec, b: IndexSpec): boolean =>
  !!a.unique === !!b.unique && a.fields.length === b.fields.length && a.fields.every(([f, d], i) => b.fields[i]![0] === f && b.fields[i]![1] === d);

export const sameTriggers = (a: Trigger[], b: Trigger[]): boolean => JSON.stringify(a) === JSON.stringify(b);
