/**
 * Backup and restore of an environment's database through WeChat Cloud's HTTP API.
 *
 * Backup: one export job per declared collection (`tcb/databasemigrateexport`, JSON Lines), each
 * polled with `tcb/databasemigratequeryinfo` until it ends, its file downloaded from the
 * `file_url` the job reports, into a folder named after the environment and the Asia/Shanghai
 * date-time, with `manifest.json` (collections, document counts, sha256 of each file, git
 * commit). The folder is written under a `.partial` name and renamed when complete, so a folder
 * with a manifest is a whole backup; a failed job stops the backup and leaves nothing behind.
 * The export files stay in the environment's own storage under `backup/` (its storage rule keeps
 * them private; WeChat gives no file id to delete them by).
 *
 * Restore: the folder and its manifest are checked first (format, every file present with its
 * count and hash, every collection declared), then the environment (every collection exists, as
 * `npm run deploy` makes them; none holds a document unless --force). Then per collection the
 * file is uploaded to the environment's storage (`tcb/uploadfile` and a COS form POST) and
 * imported (`tcb/databasemigrateimport`, upsert by _id, stop on the first error), polled to its
 * end. Upsert makes a restore stopped half-way safe to run again with --force.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LEDGER } from './state';
import { WxApiError, type WxApi } from './wx-api';

export const BACKUP_FORMAT = 'shenbian-backup/1';
export const MANIFEST = 'manifest.json';

export interface ManifestCollection {
  name: string;
  file: string;
  count: number;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  envId: string;
  /** ISO instant, and the same in Asia/Shanghai as people read it. */
  createdAt: string;
  createdAtShanghai: string;
  git: { commit: string; dirty: boolean } | null;
  collections: ManifestCollection[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

interface JobOptions {
  /** Pause between two status queries (WeChat's jobs take seconds; tests use a few ms). */
  pollMs?: number;
  /** How long one job may take before giving up on it. */
  jobTimeoutMs?: number;
  out?: (line: string) => void;
  fetch?: typeof fetch;
}

export interface BackupOptions extends JobOptions {
  api: WxApi;
  /** Declared collection names, in the order to export them. */
  collections: string[];
  /** The folder the dated backup folder is made in. */
  outDir: string;
  /** The repository (for the git commit in the manifest). */
  root: string;
  now?: () => Date;
}

export interface RestoreOptions extends JobOptions {
  api: WxApi;
  dir: string;
  /** Declared collection names: a backup naming another is refused. */
  collections: string[];
  /** Restore into an environment that already holds documents. */
  force: boolean;
  now?: () => Date;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const lineCount = (text: string) => text.split('\n').filter((l) => l.trim() !== '').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `20261202-215130`: the date-time in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiStamp(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}`;
}

function shanghaiReadable(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}（北京时间）`;
}

function gitCommit(root: string): Manifest['git'] {
  try {
    const run = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: run(['rev-parse', 'HEAD']), dirty: run(['status', '--porcelain']) !== '' };
  } catch {
    return null;
  }
}

async function listCollections(api: WxApi): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let offset = 0; ; offset += 100) {
    const r = await api.tcb('databasecollectionget', { limit: 100, offset });
    const list = (r.collections ?? []) as { name: string; count: number }[];
    for (const c of list) out.set(c.name, c.count);
    const total = (r.pager as { Total?: number } | undefined)?.Total ?? 0;
    if (list.length < 100 || offset + 100 >= total) return out;
  }
}

interface JobEnd {
  recordSuccess: number;
  recordFail: number;
  fileUrl: string;
}

/** Polls a migrate job to its end; a job that fails or never ends throws, naming what it was for. */
async function waitJob(api: WxApi, jobId: number, what: string, o: JobOptions): Promise<JobEnd> {
  const end = Date.now() + (o.jobTimeoutMs ?? 10 * 60_000);
  for (;;) {
    const r = await api.tcb('databasemigratequeryinfo', { job_id: jobId });
    const status = String(r.status ?? '');
    if (status === 'success') return { recordSuccess: Number(r.record_success ?? 0), recordFail: Number(r.record_fail ?? 0), fileUrl: String(r.file_url ?? '') };
    if (status === 'fail') {
      throw new BackupError(`${what}：任务 ${jobId} 失败（成功 ${Number(r.record_success ?? 0)} 条，失败 ${Number(r.record_fail ?? 0)} 条）：${String(r.error_msg ?? '') || '云端没有给出原因'}`);
    }
    if (Date.now() > end) throw new BackupError(`${what}：任务 ${jobId} 超时仍未结束（状态 ${status || '未知'}）`);
    await sleep(o.pollMs ?? 1000);
  }
}

const describeApiError = (e: unknown) => (e instanceof WxApiError ? `${e.api} 返回 errcode ${e.errcode}：${e.errmsg}` : e instanceof Error ? e.message : String(e));

export async function backup(o: BackupOptions): Promise<{ dir: string; manifest: Manifest }> {
  const out = o.out ?? (() => {});
  const doFetch = o.fetch ?? fetch;
  const now = (o.now ?? (() => new Date()))();
  const stamp = shanghaiStamp(now);
  const envId = o.api.envId;
  let dir = path.resolve(o.outDir, `${envId}-${stamp}`);
  for (let n = 2; fs.existsSync(dir); n++) dir = path.resolve(o.outDir, `${envId}-${stamp}-${n}`);
  const partial = `${dir}.partial`;

  const present = await listCollections(o.api);
  const missing = o.collections.filter((c) => !present.has(c));
  if (missing.length) out(`环境 ${envId} 里没有这些声明的集合，跳过：${missing.join('、')}`);
  const undeclared = [...present.keys()].filter((c) => c !== LEDGER && !o.collections.includes(c));
  if (undeclared.length) out(`这些集合不在 cloudfunctions/database.ts 里，不备份：${undeclared.join('、')}`);

  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const collections: ManifestCollection[] = [];
  try {
    const names = o.collections.filter((c) => present.has(c));
    for (const [i, name] of names.entries()) {
      const what = `导出集合 ${name}`;
      let jobId: number;
      try {
        const r = await o.api.tcb('databasemigrateexport', { file_path: `backup/${envId}-${stamp}/${name}.json`, file_type: 1, query: `db.collection(${JSON.stringify(name)}).get()` });
        jobId = Number(r.job_id);
      } catch (e) {
        throw new BackupError(`${what}：${describeApiError(e)}`);
      }
      const job = await waitJob(o.api, jobId, what, o);
      let text: string;
      try {
        const res = await doFetch(job.fileUrl);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        text = await res.text();
      } catch (e) {
        throw new BackupError(`${what}：下载导出文件失败（${job.fileUrl}）：${e instanceof Error ? e.message : String(e)}`);
      }
      const count = lineCount(text);
      if (job.recordSuccess && job.recordSuccess !== count) throw new BackupError(`${what}：导出任务报告 ${job.recordSuccess} 条，下载的文件里有 ${count} 条`);
      const file = `${name}.json`;
      fs.writeFileSync(path.join(partial, file), text);
      collections.push({ name, file, count, sha256: sha256(text) });
      out(`[${i + 1}/${names.length}] ${name}：${count} 条`);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      envId,
      createdAt: now.toISOString(),
      createdAtShanghai: shanghaiReadable(now),
      git: gitCommit(o.root),
      collections,
    };
    fs.writeFileSync(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(partial, dir);
    return { dir, manifest };
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

/** Reads and checks a backup folder; every problem is listed before anything is called. */
export function readBackup(dir: string, declared: string[]): { manifest: Manifest; files: Map<string, Buffer> } {
  const problems: string[] = [];
  const manifestFile = path.join(dir, MANIFEST);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new BackupError(`备份文件夹不存在：${dir}`);
  if (!fs.existsSync(manifestFile)) throw new BackupError(`${dir} 里没有 ${MANIFEST}：不是一份完整的备份（npm run backup 只在全部导出成功后才写它）`);
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Partial<Manifest>;
  } catch (e) {
    throw new BackupError(`${manifestFile} 不是合法的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`${manifestFile} 的 format 是 ${JSON.stringify(m.format)}，应为 ${BACKUP_FORMAT}`);
  if (!Array.isArray(m.collections)) throw new BackupError(`${manifestFile} 没有 collections 列表`);
  const files = new Map<string, Buffer>();
  const seen = new Set<string>();
  for (const c of m.collections) {
    if (!c || typeof c.name !== 'string' || typeof c.file !== 'string' || typeof c.count !== 'number' || typeof c.sha256 !== 'string') {
      problems.push(`manifest 里有一项不完整：${JSON.stringify(c)}`);
      continue;
    }
    if (seen.has(c.name)) problems.push(`集合 ${c.name} 在 manifest 里出现了两次`);
    seen.add(c.name);
    if (!declared.includes(c.name)) problems.push(`集合 ${c.name} 不在 cloudfunctions/database.ts 里`);
    if (path.basename(c.file) !== c.file) {
      problems.push(`集合 ${c.name} 的文件名 ${c.file} 不在备份文件夹里`);
      continue;
    }
    const file = path.join(dir, c.file);
    if (!fs.existsSync(file)) {
      problems.push(`缺少文件 ${c.file}（集合 ${c.name}）`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    const text = bytes.toString('utf8');
    if (sha256(bytes) !== c.sha256) problems.push(`${c.file} 与 manifest 记录的 sha256 不符：文件在备份后被改过或损坏`);
    const count = lineCount(text);
    if (count !== c.count) problems.push(`${c.file} 有 ${count} 条，manifest 记录的是 ${c.count} 条`);
    const bad = text.split('\n').findIndex((l) => {
      if (!l.trim()) return false;
      try {
        const v: unknown = JSON.parse(l);
        return !v || typeof v !== 'object' || Array.isArray(v);
      } catch {
        return true;
      }
    });
    if (bad >= 0) problems.push(`${c.file} 第 ${bad + 1} 行不是一个 JSON 对象`);
    files.set(c.name, bytes);
  }
  if (problems.length) throw new BackupError(`备份 ${dir} 没有通过检查，什么都没有改动：\n  ${problems.join('\n  ')}`);
  return { manifest: m as Manifest, files };
}

export interface RestoreResult {
  manifest: Manifest;
  restored: { name: string; count: number }[];
}

/** Sends bytes to the environment's storage as WeChat's uploadfile flow does (slot, then COS form POST). */
async function uploadToStorage(api: WxApi, cloudPath: string, bytes: Buffer, doFetch: typeof fetch): Promise<void> {
  const slot = await api.tcb('uploadfile', { path: cloudPath });
  const form = new FormData();
  form.append('key', cloudPath);
  form.append('Signature', String(slot.authorization));
  form.append('x-cos-security-token', String(slot.token));
  form.append('x-cos-meta-fileid', String(slot.cos_file_id));
  form.append('file', new Blob([bytes]), path.posix.basename(cloudPath));
  const res = await doFetch(String(slot.url), { method: 'POST', body: form });
  if (!res.ok) {
    const body = await res.text();
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? '';
    throw new Error(`上传到云存储失败：HTTP ${res.status} ${code}`);
  }
}

export async function restore(o: RestoreOptions): Promise<RestoreResult> {
  const out = o.out ?? (() => {});
  const doFetch = o.fetch ?? fetch;
  const { manifest, files } = readBackup(o.dir, o.collections);
  const envId = o.api.envId;
  const present = await listCollections(o.api);
  const missing = manifest.collections.map((c) => c.name).filter((n) => !present.has(n));
  if (missing.length) {
    throw new BackupError(`环境 ${envId} 还没有这些集合：${missing.join('、')}。先运行 npm run deploy -- --env ${envId} 建好集合和索引，再恢复（什么都没有改动）`);
  }
  const nonEmpty = o.collections.filter((n) => (present.get(n) ?? 0) > 0);
  if (nonEmpty.length && !o.force) {
    throw new BackupError(
      `环境 ${envId} 不是空的，没有恢复，什么都没有改动。有数据的集合：${nonEmpty.map((n) => `${n}（${present.get(n)} 条）`).join('、')}。\n` +
        `  确实要恢复到这个环境就加 --force：备份里的文档按 _id 覆盖环境里的同一文档，备份里没有的文档保留。`,
    );
  }
  if (nonEmpty.length) out(`--force：环境 ${envId} 已有数据（${nonEmpty.join('、')}），备份里的文档按 _id 覆盖，其余保留。`);

  const stamp = shanghaiStamp((o.now ?? (() => new Date()))());
  const todo = manifest.collections.filter((c) => c.count > 0);
  const restored: { name: string; count: number }[] = [];
  for (const [i, c] of todo.entries()) {
    const what = `导入集合 ${c.name}`;
    const cloudPath = `restore/${stamp}/${c.file}`;
    try {
      await uploadToStorage(o.api, cloudPath, files.get(c.name)!, doFetch);
      const r = await o.api.tcb('databasemigrateimport', { collection_name: c.name, file_path: cloudPath, file_type: 1, stop_on_error: true, conflict_mode: 2 });
      const job = await waitJob(o.api, Number(r.job_id), what, o);
      if (job.recordFail > 0) throw new BackupError(`${what}：${job.recordFail} 条没有导入`);
      restored.push({ name: c.name, count: job.recordSuccess });
      out(`[${i + 1}/${todo.length}] ${c.name}：${job.recordSuccess} 条`);
    } catch (e) {
      const why = e instanceof BackupError ? e.message : `${what}：${describeApiError(e)}`;
      throw new BackupError(
        `${why}\n  之前的 ${i} 个集合已恢复。排除原因后加 --force 重新运行：已导入的文档按 _id 覆盖，不会重复。`,
      );
    }
  }
  return { manifest, restored };
}
