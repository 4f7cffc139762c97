/** publish.candidates: published stories, newest first, with their article and current job. Publishers only. */
import { PAGE_SIZE } from '@contract';
import type { PublishCandidate } from '@contract';
import { publishJobId } from '../../domain/publish-job';
import { isFailure, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds, readRequestedPage } from '../../lib/reads';

const STORY_FIELDS = ['title', 'revision', 'publishedAt', 'article', 'state', 'unitPath'] as const;

export const candidates: UseCase<'publish', 'candidates'> = async (req, ctx) => {
  const who = await staffWith(ctx, 'publisher');
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const page = await readRequestedPage(req, PAGE_SIZE.feed, {
    source: () => c.collection('stories').select(STORY_FIELDS),
    filter: { state: 'published' },
    sortField: 'publishedAt',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  const jobs = await byIds(() => c.collection('publish_jobs').select(['state', 'articleUrl']), c.command, page.rows.map((s) => publishJobId(s._id, s.revision)));
  const items: PublishCandidate[] = page.rows.map((s) => {
    const job = jobs.get(publishJobId(s._id, s.revision));
    // A link made before it recorded its revision is the current revision's when this revision's
    // job made it, or when the story has had no other revision.
    const articleRevision = s.article ? (s.article.revision ?? (job?.articleUrl === s.article.url || s.revision === 1 ? s.revision : null)) : null;
    return {
      _id: s._id,
      title: s.title,
      revision: s.revision,
      publishedAt: s.publishedAt ?? 0,
      article: s.article ? { url: s.article.url, publishedAt: s.article.publishedAt, revision: articleRevision } : null,
      job: job ? { _id: job._id, state: job.state } : null,
    };
  });
  return ok({ items, next: page.next });
};
