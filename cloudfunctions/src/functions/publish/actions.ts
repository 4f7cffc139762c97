/**
 * Staff actions of the `publish` function: the publisher's list of published stories, start a
 * job for a story's current revision, the jobs with their timelines, and retry. Only holders of
 * the `publisher` role may use them (denyUnless over the story's unit for changes).
 */
import { PAGE_SIZE } from '@contract';
import type { Id, PublishCandidate, PublishJob, PublishJobView, Story } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import type { OfficialAccount } from '../../adapters/official-account';
import { decodeCursor, type Cursor } from '../../domain/cursor';
import { canRetry, publishJobId } from '../../domain/publish-job';
import { audit } from '../../lib/audit';
import { denyUnless, loadCaller, type Caller } from '../../lib/caller';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';
import { advance, ensureJob, prepareRetry } from './pipeline';

export interface PublishDeps {
  cloud: () => Cloud;
  adminOpenids: () => string | undefined;
  /** null when the deployment has no official-account credentials configured. */
  oa: () => OfficialAccount | null;
  appid: () => string;
  now: () => number;
  owner: string;
  /** A job untouched this long (and without a live lease) may be retried by hand. */
  staleMs: () => number;
}

const STORY_FIELDS = ['title', 'revision', 'publishedAt', 'article', 'state', 'unitPath'] as const;

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

function readCursor(raw: string | null | undefined): { ok: true; cursor: Cursor | null } | { ok: false; error: ReturnType<typeof fail>['error'] } {
  if (raw === undefined || raw === null) return { ok: true, cursor: null };
  const cursor = decodeCursor(raw);
  if (!cursor) return { ok: false, error: fail('INVALID_ARGUMENT', 'cursor is not one this function issued', [{ path: 'cursor', message: 'unknown cursor' }]).error };
  return { ok: true, cursor };
}

/**
 * No official-account credentials in this deployment: refused before anything is written. The
 * field names the reason so the client can say it in Chinese (公众号未配置) rather than the
 * generic FAILED_PRECONDITION text.
 */
export const OA_NOT_CONFIGURED = { path: 'officialAccount', message: 'not_configured' } as const;

function notConfigured() {
  return fail('FAILED_PRECONDITION', 'the official account is not configured (OA_APPID / OA_SECRET are not set)', [OA_NOT_CONFIGURED]);
}

function isPublisher(caller: Caller | null) {
  if (!caller) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
  if (!caller.held.some((h) => h.role === 'publisher')) return fail('PERMISSION_DENIED', 'requires publisher');
  return null;
}

export function publishActions(deps: PublishDeps): ActionTable<'publish'> {
  async function pipelineDeps() {
    const oa = deps.oa();
    if (!oa) return null;
    return { cloud: deps.cloud(), oa, appid: deps.appid(), now: deps.now, owner: deps.owner };
  }

  return {
    async candidates(req) {
      const c = deps.cloud();
      const denied = isPublisher(await loadCaller(c, deps.adminOpenids()));
      if (denied) return denied;
      const cursor = readCursor(req.cursor);
      if (!cursor.ok) return { ok: false, error: cursor.error };
      const page = await readKeysetPage({
        source: () => c.collection('stories').select(STORY_FIELDS),
        filter: { state: 'published' },
        sortField: 'publishedAt',
        cursor: cursor.cursor,
        limit: req.limit ?? PAGE_SIZE.feed,
        cmd: c.command,
      });
      const jobs = await byIds(() => c.collection('publish_jobs').select(['state']), c.command, page.rows.map((s) => publishJobId(s._id, s.revision)));
      const items: PublishCandidate[] = page.rows.map((s) => {
        const job = jobs.get(publishJobId(s._id, s.revision));
        return {
          _id: s._id,
          title: s.title,
          revision: s.revision,
          publishedAt: s.publishedAt ?? 0,
          article: s.article,
          job: job ? { _id: job._id, state: job.state } : null,
        };
      });
      return ok({ items, next: page.next });
    },

    async start(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      const story = await c.collection('stories').doc(req.storyId).get();
      if (!caller) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      if (!story) return isPublisher(caller) ?? fail('NOT_FOUND', `story ${req.storyId} not found`);
      const denied = denyUnless(caller, 'publisher', story.unitPath);
      if (denied) return denied;
      if (story.state !== 'published') return fail('FAILED_PRECONDITION', `story ${story._id} is ${story.state}; only published stories go to the official account`);
      const pd = await pipelineDeps();
      if (!pd) return notConfigured();
      const { job, created } = await ensureJob(c, story as Story, caller.openid, deps.now());
      if (created) {
        await audit(c, { actor: caller.openid, action: 'publish.start', subject: { kind: 'story', id: story._id }, before: null, after: { job: job._id, revision: job.revision }, at: deps.now() });
      }
      const after = created || job.state === 'queued' ? await advance(pd, job._id) : job;
      return ok(toJobView(after ?? job, deps.now(), deps.staleMs()));
    },

    async jobs(req) {
      const c = deps.cloud();
      const denied = isPublisher(await loadCaller(c, deps.adminOpenids()));
      if (denied) return denied;
      const cursor = readCursor(req.cursor);
      if (!cursor.ok) return { ok: false, error: cursor.error };
      const page = await readKeysetPage({
        source: () => c.collection('publish_jobs'),
        filter: {},
        sortField: 'createdAt',
        cursor: cursor.cursor,
        limit: req.limit ?? PAGE_SIZE.feed,
        cmd: c.command,
      });
      const now = deps.now();
      return ok({ items: page.rows.map((j) => toJobView(j, now, deps.staleMs())), next: page.next });
    },

    async job(req) {
      const c = deps.cloud();
      const denied = isPublisher(await loadCaller(c, deps.adminOpenids()));
      if (denied) return denied;
      const job = await c.collection('publish_jobs').doc(req.id).get();
      if (!job) return fail('NOT_FOUND', `publish job ${req.id} not found`);
      return ok(toJobView(job, deps.now(), deps.staleMs()));
    },

    async retry(req) {
      const c = deps.cloud();
      const caller = await loadCaller(c, deps.adminOpenids());
      const job = await c.collection('publish_jobs').doc(req.id).get();
      if (!caller) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      if (!job) return isPublisher(caller) ?? fail('NOT_FOUND', `publish job ${req.id} not found`);
      const story = await c.collection('stories').doc(job.storyId).select(['unitPath']).get();
      const denied = denyUnless(caller, 'publisher', story?.unitPath ?? ([] as Id[]));
      if (denied) return denied;
      const now = deps.now();
      if (!canRetry({ state: job.state, updatedAt: job.updatedAt, lease: job.lease ?? null }, now, deps.staleMs())) {
        return fail('FAILED_PRECONDITION', job.state === 'published' ? 'the job is already published' : 'the job is still running');
      }
      const pd = await pipelineDeps();
      if (!pd) return notConfigured();
      await audit(c, { actor: caller.openid, action: 'publish.retry', subject: { kind: 'publish_job', id: job._id }, before: { state: job.state, failure: job.failure }, after: null, at: now });
      const after = await advance(pd, job._id, prepareRetry(now));
      return ok(toJobView(after ?? job, deps.now(), deps.staleMs()));
    },
  };
}
