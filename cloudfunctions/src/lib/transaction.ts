/**
 * The transaction outcome and the audit log, in one mechanism: an action's writes and its audit
 * entry commit together or not at all.
 *
 * `transact` runs `work` in a database transaction. Work answers its value or a Failure (a
 * refusal): a refusal aborts the transaction, so nothing `work` wrote before refusing commits.
 * Audit entries `work` records are written inside the same transaction, under fresh ids, just
 * before the commit. The SDK re-runs `work` after a commit-time conflict, so `work` must be safe
 * to run again (read what it needs through `tx`, compute, write).
 */
import type { AuditEntry } from '@contract';
import type { Tx } from '../adapters/cloud';
import { newId, type Deps } from './context';
import { isFailure, type Failure } from './handler';

/** What an audit entry says: who did what to which subject, with the state before and after. */
export interface AuditInput {
  actor: string;
  action: string;
  subject: AuditEntry['subject'];
  before: unknown;
  after: unknown;
  /** Defaults to the action's clock reading. */
  at?: number;
}

export interface Work {
  tx: Tx;
  /** Record an audit entry; it is written in this transaction, only if the work succeeds. */
  audit(entry: AuditInput): void;
}

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message);
    this.name = 'Refused';
  }
}

export async function transact<T>(deps: Pick<Deps, 'cloud' | 'now' | 'random'>, work: (w: Work) => Promise<T>): Promise<T> {
  try {
    return await deps.cloud().transaction(async (tx) => {
      const entries: AuditInput[] = [];
      const out = await work({ tx, audit: (e) => entries.push(e) });
      // Thrown, so the SDK rolls back whatever work wrote before it refused.
      if (isFailure(out)) throw new Refused(out as Failure);
      const at = deps.now();
      for (const e of entries) {
        const entry: Omit<AuditEntry, '_id'> = { actor: e.actor, action: e.action, subject: e.subject, before: e.before ?? null, after: e.after ?? null, at: e.at ?? at };
        await tx.collection('audit').set(newId(deps, 'au'), entry);
      }
      return out;
    });
  } catch (e) {
    // The work's own refusal, returned as the work answered it.
    if (e instanceof Refused) return e.failure as T;
    throw e;
  }
}

/**
 * An audit entry for an action that writes nothing else (a consent scan viewed): written before
 * the action answers, so an unaudited view cannot happen.
 */
export async function auditAlone(deps: Pick<Deps, 'cloud' | 'now' | 'random'>, e: AuditInput): Promise<void> {
  await deps.cloud().collection('audit').add({ _id: newId(deps, 'au'), actor: e.actor, action: e.action, subject: e.subject, before: e.before ?? null, after: e.after ?? null, at: e.at ?? deps.now() });
}
