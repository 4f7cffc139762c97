/**
 * The publish job's record and its leases: every change to a job is a read-check-write in a
 * transaction, and a runner changes a job only while it holds the job's lease (one runner at a
 * time). The state machine itself is domain/publish-job.ts; the steps are runner.ts.
 */
import type { PublishJob, PublishJobState } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import type { OfficialAccount } from '../../adapters/official-account';
import { stepFrom, type PublishStep } from '../../domain/publish-job';
import type { Deps } from '../../lib/context';

export interface PipelineDeps {
  cloud: Cloud;
  oa: OfficialAccount;
  /** The mini-program the article's card opens. */
  appid: string;
  now: () => number;
  /** For the ids of audit entries written with a job's change. */
  random: (n: number) => Uint8Array;
  /** This runner's id (lease owner). */
  owner: string;
  leaseMs?: number;
}

export const DEFAULT_LEASE_MS = 60_000;

export type JobDoc = Omit<PublishJob, '_id'>;

/** The pipeline's deps as lib/transaction.ts takes them. */
export function txDeps(deps: Pick<PipelineDeps, 'cloud' | 'now' | 'random'>): Pick<Deps, 'cloud' | 'now' | 'random'> {
  return { cloud: () => deps.cloud, now: deps.now, random: deps.random };
}

/** The runner no longer holds the job (another took it, or the outcome finished it meanwhile). */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

export function strip(job: PublishJob): JobDoc {
  const { _id: _ignored, ...rest } = job;
  return rest;
}

export function withState(job: PublishJob, state: PublishJobState, at: number, note?: string): PublishJob {
  const entry: NonNullable<PublishJob['history']>[number] = note ? { state, at, note } : { state, at };
  return { ...job, state, updatedAt: at, history: [...(job.history ?? []), entry] };
}

export function failed(job: PublishJob, step: PublishStep, failure: NonNullable<PublishJob['failure']>, at: number): PublishJob {
  return { ...withState(job, 'failed', at, failure.message), failure, failedStep: step, lastError: null };
}

/** The job as its lease holder may change it, or LeaseLost. */
export function heldJob(found: JobDoc | PublishJob | null, id: string, owner: string): PublishJob {
  if (!found) throw new Error(`publish job ${id} is gone`);
  if (found.lease?.owner !== owner) throw new LeaseLost(`lease on ${id} is no longer ${owner}'s`);
  // The event may finish a job while its runner is between calls: the outcome wins.
  if (found.state === 'published') throw new LeaseLost(`job ${id} was published meanwhile`);
  return { ...found, _id: id };
}

/** Read-check-write under the caller's lease. */
export async function commit(deps: PipelineDeps, id: string, change: (job: PublishJob) => PublishJob): Promise<PublishJob> {
  return deps.cloud.transaction(async (tx) => {
    const jobs = tx.collection('publish_jobs');
    const next = change(heldJob(await jobs.get(id), id, deps.owner));
    await jobs.set(id, strip(next));
    return next;
  });
}

/** The job with this runner's lease on it, or null when it is terminal or another runner holds it. */
export async function takeLease(deps: PipelineDeps, id: string): Promise<PublishJob | null> {
  const now = deps.now();
  try {
    return await deps.cloud.transaction(async (tx) => {
      const jobs = tx.collection('publish_jobs');
      const found = await jobs.get(id);
      if (!found) return null;
      const job: PublishJob = { ...found, _id: id };
      if (!mayLease(job, deps.owner, now)) return null;
      const leased = leasedBy(job, deps, now);
      await jobs.set(id, strip(leased));
      return leased;
    });
  } catch {
    return null;
  }
}

/** A job may be leased when it has a step to run and nobody else holds a live lease on it. */
export function mayLease(job: PublishJob, owner: string, now: number): boolean {
  if (job.lease && job.lease.until > now && job.lease.owner !== owner) return false;
  return stepFrom(job.state) !== null;
}

export function leasedBy(job: PublishJob, deps: Pick<PipelineDeps, 'owner' | 'leaseMs'>, now: number): PublishJob {
  return { ...job, lease: { owner: deps.owner, until: now + (deps.leaseMs ?? DEFAULT_LEASE_MS) } };
}

export async function releaseLease(deps: PipelineDeps, id: string): Promise<void> {
  try {
    await commit(deps, id, (job) => ({ ...job, lease: null }));
  } catch (e) {
    if (!(e instanceof LeaseLost)) throw e;
  }
}
