/**
 * What the publish functions read from their environment: the official account's credentials
 * and base URL (OA_APPID, OA_SECRET, OA_BASE_URL), the mini-program app id the article card
 * opens (MP_APPID), and timing knobs with production defaults.
 */
import { randomBytes } from 'node:crypto';
import { cloud } from '../../adapters/cloud';
import { OfficialAccount, oaConfigFromEnv } from '../../adapters/official-account';

/** One id per warm instance: the owner of the leases it takes. */
export const INSTANCE_ID = randomBytes(6).toString('hex');

let oa: OfficialAccount | null = null;
let oaKey = '';

/** The instance's client, rebuilt if the configuration changed (a console edit needs no redeploy). */
export function officialAccount(): OfficialAccount | null {
  const config = oaConfigFromEnv(process.env);
  if (!config) return null;
  const key = `${config.baseUrl}|${config.appid}|${config.secret}`;
  if (!oa || key !== oaKey) {
    oa = new OfficialAccount({ cloud: cloud(), config, owner: INSTANCE_ID, busyBackoffMs: numberEnv('OA_BUSY_BACKOFF_MS', 500) });
    oaKey = key;
  }
  return oa;
}

export function numberEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 && process.env[name] !== '' && process.env[name] !== undefined ? v : fallback;
}

export function miniProgramAppid(): string {
  return process.env.MP_APPID ?? process.env.WX_APPID ?? '';
}
