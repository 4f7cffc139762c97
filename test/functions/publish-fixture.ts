/**
 * Fixture for the publish pipeline tests: the publish functions built into a private folder,
 * the local cloud (strict indexes) with the demo seed and a fake official account beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionName, CallResult, PublishJob, RequestOf, Result, Story } from '@contract';
import { builtFunctions } from './cloud-fixture';
import { startCloud, type Cloud, type DatabaseBackend, type SeedStorage } from '../../emulator/server';
import type { FakeOaOptions, FakeOfficialAccount } from '../../emulator/official-account';
import { buildDemoData, DEFAULT_SEED_NOW, seedDemo } from '../../emulator/seed';

export const PUBLISHER = 'dev-publisher';

export interface PublishCloud {
  cloud: Cloud;
  oa: FakeOfficialAccount;
  call<A extends ActionName<'publish'>>(action: A, data: RequestOf<'publish', A>, openid?: string): Promise<CallResult<'publish', A>>;
  /** One run of publish-timer as its trigger calls it (no user identity); its summary. */
  timer(): Promise<{ resumed: string[]; deleting: string[]; polled: string[]; receiptsSwept: number }>;
  job(id: string): PublishJob | null;
  story(id: string): Story | null;
  stop(): Promise<void>;
}

/** Published demo stories (newest first), as seeded. */
export function demoStories(): Story[] {
  const data = buildDemoData(DEFAULT_SEED_NOW);
  return (data.collections.stories as unknown as Story[]).filter((s) => s.state === 'published').sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
}

export async function startPublishCloud(
  suite: string,
  oa: Partial<Omit<FakeOaOptions, 'eventUrl'>> = {},
  env: Record<string, string> = {},
  /** The world to start from (default: the demo seed with its image files). */
  seed: (db: DatabaseBackend, storage: SeedStorage) => void = (db, storage) => seedDemo(db, storage),
  /** Other functions the suite calls (e.g. authoring for a take-down, content for what readers get). */
  alsoFunctions: string[] = [],
): Promise<PublishCloud> {
  const functions = await builtFunctions(suite, ['publish', 'publish-event', 'publish-timer', ...alsoFunctions]);
  const functionsDir = functions.dir;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fn-${suite}-`));
  const cloud = await startCloud({
    port: 0,
    dataDir,
    strict: true,
    quiet: true,
    functionsDir,
    poolSize: 2,
    seed,
    officialAccount: { eventDelayMs: 150, ...oa },
    functionEnv: { ADMIN_OPENIDS: 'dev-admin', OA_BUSY_BACKOFF_MS: '20', PUBLISH_STALE_MS: '0', PUBLISH_POLL_AFTER_MS: '0', ...env },
  });
  const fake = cloud.officialAccount;
  if (!fake) throw new Error('the fake official account did not start');
  return {
    cloud,
    oa: fake,
    call: async (action, data, openid = PUBLISHER) => (await cloud.invoke('publish', { action, data }, { openid })) as never,
    timer: async () => {
      const r = (await cloud.invoke('publish-timer', { Type: 'Timer', TriggerName: 'publish-timer', Time: new Date().toISOString() })) as Result<never>;
      if (!r.ok) throw new Error(`publish-timer failed: ${JSON.stringify(r.error)}`);
      return r.data;
    },
    job: (id) => cloud.db.findById('publish_jobs', id) as PublishJob | null,
    story: (id) => cloud.db.findById('stories', id) as Story | null,
    async stop() {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      functions.release();
    },
  };
}
