/**
 * What the publishing workflows read from the deployment, per call (a console edit needs no
 * redeploy): the official account's credentials and base URL (OA_APPID, OA_SECRET, OA_BASE_URL),
 * the mini-program app id the article card opens (MP_APPID), the article hosts a push may link
 * (OA_ARTICLE_HOSTS), and timing knobs with production defaults.
 */
import { randomBytes } from 'node:crypto';
import { OfficialAccount, oaConfigFromEnv } from '../../adapters/official-account';
import type { Deps } from '../../lib/context';
import { parseArticleHosts } from './push';
import type { PipelineDeps } from './job-store';

/** One id per warm instance: the owner of the leases it takes. */
export const INSTANCE_ID = randomBytes(6).toString('hex');

let oa: OfficialAccount | null = null;
let oaKey = '';

type EnvDeps = Pick<Deps, 'env'>;

export function numberEnv(deps: EnvDeps, name: string, fallback: number): number {
  const raw = deps.env(name);
  const v = Number(raw);
  return Number.isFinite(v) && v >= 0 && raw !== '' && raw !== undefined ? v : fallback;
}

/** The instance's client, rebuilt if the configuration changed; null without credentials. */
export function officialAccount(deps: Pick<Deps, 'env' | 'cloud' | 'now'>): OfficialAccount | null {
  const config = oaConfigFromEnv({ OA_APPID: deps.env('OA_APPID'), OA_SECRET: deps.env('OA_SECRET'), OA_BASE_URL: deps.env('OA_BASE_URL') });
  if (!config) return null;
  const key = `${config.baseUrl}|${config.appid}|${config.secret}`;
  if (!oa || key !== oaKey) {
    oa = new OfficialAccount({ cloud: deps.cloud(), config, owner: INSTANCE_ID, now: deps.now, busyBackoffMs: numberEnv(deps, 'OA_BUSY_BACKOFF_MS', 500) });
    oaKey = key;
  }
  return oa;
}

export function miniProgramAppid(deps: EnvDeps): string {
  return deps.env('MP_APPID') ?? deps.env('WX_APPID') ?? '';
}

/** A job untouched this long (and without a live lease) is resumed by the timer, or retried by hand. */
export function staleMs(deps: EnvDeps): number {
  return numberEnv(deps, 'PUBLISH_STALE_MS', 120_000);
}

export function articleHosts(deps: EnvDeps): string[] {
  return parseArticleHosts(deps.env('OA_ARTICLE_HOSTS'));
}

/** What the pipeline runs with, or null when the deployment has no official-account credentials. */
export function pipelineFor(deps: Deps): PipelineDeps | null {
  const account = officialAccount(deps);
  if (!account) return null;
  return { cloud: deps.cloud(), oa: account, appid: miniProgramAppid(deps), now: deps.now, random: deps.random, owner: INSTANCE_ID };
}
