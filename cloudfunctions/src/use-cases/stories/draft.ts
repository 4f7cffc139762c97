/**
 * `authoring.draft`: the working revision of a story, or the next one derived from what readers
 * see now, with temporary URLs of its cover and images (the editor's thumbnails).
 */
import type { DraftView, Story } from '@contract';
import { blocksToMarkdown } from '../../domain/markdown';
import { blockFileIds } from '../../domain/projections';
import { staffUrls } from '../../lib/files';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { lastReturnComment } from './shared';

export const draft: UseCase<'authoring', 'draft'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const [rev, story] = await Promise.all([c.collection('story_revisions').doc(req.storyId).get(), c.collection('stories').doc(req.storyId).get()]);
  if (!rev && !story) return fail('NOT_FOUND', `story ${req.storyId} not found`);
  const unitPath = rev?.unitPath ?? (story as Story).unitPath;
  const denied = requireRole(who, ['editor', 'reviewer'], unitPath);
  if (denied) return denied;
  const cover = rev ? rev.cover : (story as Story).cover;
  const images = blockFileIds(rev ? rev.blocks : (story as Story).blocks);
  const urls = await staffUrls(ctx, cover ? [cover, ...images] : images);
  const coverUrl = cover ? (urls.get(cover) ?? null) : null;
  const imageUrls: Record<string, string> = {};
  for (const f of images) {
    const url = urls.get(f);
    if (url) imageUrls[f] = url;
  }
  const publishedRevision = story && story.state === 'published' ? story.revision : null;
  if (rev) {
    const view: DraftView = {
      storyId: rev._id,
      revision: rev.revision,
      version: rev.version,
      state: rev.state,
      title: rev.title,
      summary: rev.summary,
      cover: rev.cover,
      coverUrl,
      imageUrls,
      campaignId: rev.campaignId,
      exemplarIds: rev.exemplarIds,
      unitId: rev.unitId,
      author: rev.author,
      markdown: rev.markdown,
      comment: lastReturnComment(rev),
      publishedRevision,
      secCheck: rev.secCheck,
      updatedAt: rev.updatedAt,
    };
    return ok(view);
  }
  const s = story as Story;
  // No edit in progress: the next revision starts from what readers see now.
  return ok({
    storyId: s._id,
    revision: s.revision + 1,
    version: 0,
    state: 'draft',
    title: s.title,
    summary: s.summary,
    cover: s.cover,
    coverUrl,
    imageUrls,
    campaignId: s.campaignId,
    exemplarIds: s.exemplarIds,
    unitId: s.unitId,
    author: s.author,
    markdown: blocksToMarkdown(s.blocks),
    comment: null,
    publishedRevision,
    secCheck: null,
    updatedAt: s.updatedAt,
  });
};
