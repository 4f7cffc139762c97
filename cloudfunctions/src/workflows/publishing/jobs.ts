/**
 * A publisher's two changes to jobs, each with its audit entry in the same transaction (issue 8
 * item 9): making the job of a story's revision (publish.start) and putting a job back to run
 * (publish.retry). A refused or conflicting call writes neither the change nor its entry.
 */
import type { PublishJob, Story } from '@contract';
import { canRetry, publishJobId } from '../../domain/publish-job';
import { fail, refuse, type Failure } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { leasedBy, strip, txDeps, type PipelineDeps } from './job-store';
import { prepareRetry } from './runner';

function newJob(story: Story, openid: string, now: number): PublishJob {
  return {
    _id: publishJobId(story._id, story.revision),
    storyId: story._id,
    revision: story.revision,
    state: 'queued',
    mediaMap: {},
    thumbMediaId: null,
    draftMediaId: null,
    publishId: null,
    articleUrl: null,
    failure: null,
    attempts: 1,
    createdBy: openid,
    createdAt: now,
    updatedAt: now,
    title: story.title,
    failedStep: null,
    lease: null,
    draftIntentAt: null,
    submitIntentAt: null,
    submittedAt: null,
    lastPolledAt: null,
    lastError: null,
    history: [{ state: 'queued', at: now }],
  };
}

/**
 * The job for (story, revision), under its deterministic id: made once, whoever asks first, with
 * its publish.start audit entry; later asks get the same job and audit nothing. (Two concurrent
 * first asks conflict at commit; the retried one finds the job.)
 */
export async function ensureJob(deps: PipelineDeps, story: Story, actor: string): Promise<{ job: PublishJob; created: boolean }> {
  const id = publishJobId(story._id, story.revision);
  const out = await transact(txDeps(deps), async ({ tx, audit }) => {
    const jobs = tx.collection('publish_jobs');
    const found = await jobs.get(id);
    if (found) return { job: { ...found, _id: id }, created: false };
    const job = newJob(story, actor, deps.now());
    await jobs.set(id, strip(job));
    audit({ actor, action: 'publish.start', subject: { kind: 'story', id: story._id }, before: null, after: { job: id, revision: job.revision } });
    return { job, created: true };
  });
  return out;
}

/** Why a job cannot be retried now, or null when it can. */
export function retryRefusal(job: PublishJob, now: number, staleMs: number): Failure<'job_already_published' | 'job_already_deleted' | 'job_running'> | null {
  if (job.state === 'published') return refuse('FAILED_PRECONDITION', 'job_already_published', 'the job is already published');
  if (job.state === 'deleted') return refuse('FAILED_PRECONDITION', 'job_already_deleted', "the job's article is already deleted");
  // A live lease means a runner is on the job (a failed one is about to release it): not now.
  const leased = job.lease && job.lease.until > now;
  if (leased || !canRetry({ state: job.state, updatedAt: job.updatedAt, lease: job.lease ?? null }, now, staleMs)) {
    return refuse('FAILED_PRECONDITION', 'job_running', 'the job is still running');
  }
  return null;
}

/**
 * Put the job back where its failed step started (or a stuck job where it stopped) and take its
 * lease, with the publish.retry audit entry, in one transaction: a job still running (or held
 * by another runner) or already published is refused and nothing is written.
 */
export async function leaseForRetry(deps: PipelineDeps, id: string, actor: string, staleMs: number): Promise<PublishJob | Failure<'job_already_published' | 'job_already_deleted' | 'job_running'>> {
  return transact(txDeps(deps), async ({ tx, audit }) => {
    const jobs = tx.collection('publish_jobs');
    const found = await jobs.get(id);
    if (!found) return fail('NOT_FOUND', `publish job ${id} not found`);
    const job: PublishJob = { ...found, _id: id };
    const now = deps.now();
    const refused = retryRefusal(job, now, staleMs);
    if (refused) return refused;
    const leased = leasedBy(prepareRetry(job, now), deps, now);
    await jobs.set(id, strip(leased));
    audit({
      actor,
      action: 'publish.retry',
      subject: { kind: 'publish_job', id },
      before: { state: job.state, failure: job.failure },
      after: { state: leased.state, attempts: leased.attempts },
    });
    return leased;
  });
}
