/** What the `publish` use cases share: the job as the publisher sees it, and the configuration refusal. */
import type { PublishJob, PublishJobView } from '@contract';
import { canRetry } from '../../domain/publish-job';
import { refuse, type Failure } from '../../lib/handler';

export function toJobView(job: PublishJob, now: number, staleMs: number): PublishJobView {
  return {
    _id: job._id,
    storyId: job.storyId,
    revision: job.revision,
    title: job.title ?? '',
    state: job.state,
    history: job.history ?? [],
    failure: job.failure ? { code: job.failure.code, message: job.failure.message } : null,
    lastError: job.lastError ? { code: job.lastError.code, message: job.lastError.message } : null,
    articleUrl: job.articleUrl,
    canRetry: canRetry({ state: job.state, updatedAt: job.updatedAt, lease: job.lease ?? null }, now, staleMs),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

/**
 * No official-account credentials in this deployment: refused before anything is written. The
 * field keeps its `not_configured` token for client versions already installed; the reason is
 * what pages read now.
 */
export const OA_NOT_CONFIGURED = { path: 'officialAccount', message: 'not_configured' } as const;

export function notConfigured(): Failure<'oa_not_configured'> {
  return refuse('FAILED_PRECONDITION', 'oa_not_configured', 'the official account is not configured (OA_APPID / OA_SECRET are not set)', [{ ...OA_NOT_CONFIGURED }]);
}
