/**
 * The `reconcile` timer function. Not part of the client API: a call that carries a user's
 * OPENID (any client can invoke any function by name) is refused, because a full recount is
 * the most expensive thing the backend does. Like every function it never throws at WeChat.
 */
import { randomBytes } from 'node:crypto';
import type { Result } from '@contract';
import { cloud } from '../../adapters/cloud';
import { engagementDb } from '../../adapters/engagement-db';
import { reconcile, type ReconcileReport } from './reconcile';

const DEFAULT_SETTLE_MS = 2000;

function settleMs(): number {
  const raw = process.env.RECONCILE_SETTLE_MS;
  const n = raw === undefined || raw === '' ? DEFAULT_SETTLE_MS : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_SETTLE_MS;
}

export async function main(_event: unknown, context?: { request_id?: string }): Promise<Result<ReconcileReport>> {
  const requestId = context?.request_id ?? randomBytes(8).toString('hex');
  try {
    if (cloud().identity().openid) {
      return { ok: false, error: { code: 'PERMISSION_DENIED', message: 'reconcile runs from its timer trigger only' } };
    }
    const report = await reconcile({
      cloud,
      db: engagementDb,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      settleMs: settleMs(),
    });
    // One structured line per run: the cloud console's log search finds repairs by this shape.
    console.log(JSON.stringify({ level: 'info', fn: 'reconcile', requestId, ...report }));
    return { ok: true, data: report };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    console.error(JSON.stringify({ level: 'error', fn: 'reconcile', requestId, message: err.message, stack: err.stack }));
    return { ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId } };
  }
}
