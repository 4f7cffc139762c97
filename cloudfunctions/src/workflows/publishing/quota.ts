/**
 * The shared daily budget of a quota-limited official-account API (freepublish/get: 100 calls a
 * day per account), one document per API and Asia/Shanghai day in `oa_quota`, so every instance
 * of every function spends from the same count.
 */
import type { Cloud } from '../../adapters/cloud';

/** WeChat's errcode for a daily API quota reached. */
export const QUOTA_REACHED = 45009;

/** Asia/Shanghai calendar day: WeChat's daily quotas reset at its midnight. */
export function quotaDay(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

function quotaId(api: string, day: string): string {
  return `${api.replace(/[^A-Za-z0-9]/g, '_')}-${day}`;
}

/** Take one call of a daily-limited API from the shared budget; false when spent. */
export async function takeQuota(c: Cloud, api: string, now: number, budget: number): Promise<boolean> {
  const day = quotaDay(now);
  const id = quotaId(api, day);
  return c.transaction(async (tx) => {
    const q = tx.collection('oa_quota');
    const doc = await q.get(id);
    const count = doc?.count ?? 0;
    if (count >= budget) return false;
    await q.set(id, { api, day, count: count + 1 });
    return true;
  });
}

/** Why a poll was not made: the day's shared budget (ours, or the platform's 45009) is spent. */
export interface PollBudgetSpent {
  kind: 'budget_spent';
  /** The Asia/Shanghai day the budget is spent for; polling resumes the day after. */
  day: string;
  reason: 'budget' | 'platform_quota';
}

/** Mark the day's budget spent: WeChat said 45009, so asking again today only burns calls. */
export async function spendQuota(c: Cloud, api: string, now: number, budget: number): Promise<void> {
  const day = quotaDay(now);
  const id = quotaId(api, day);
  await c.transaction(async (tx) => {
    const q = tx.collection('oa_quota');
    const doc = await q.get(id);
    if ((doc?.count ?? 0) >= budget) return;
    await q.set(id, { api, day, count: budget });
  });
}
