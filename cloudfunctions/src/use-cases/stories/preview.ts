/**
 * `authoring.preview`: compile Markdown as the published page will show it. Images and videos
 * are shown only when the caller may use them — their own uploads of that kind, or files already on the story
 * being edited (`storyId`, when the caller may edit or review it). Any other file id is left out
 * with an issue saying so: a preview never signs a URL for a file the caller could not put in
 * the story.
 */
import type { FileId } from '@contract';
import { compileMarkdown } from '../../domain/markdown';
import { blockFilesByKind, renderBlocks } from '../../domain/projections';
import { staffUrls, usableFiles } from '../../lib/files';
import { isFailure, requireRole, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { filesOnStory, settleVideos } from './shared';

export const preview: UseCase<'authoring', 'preview'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, ['editor', 'reviewer']);
  if (isFailure(who)) return who;
  const compiled = compileMarkdown(req.markdown);
  let onStory: { images: FileId[]; videos: FileId[] } = { images: [], videos: [] };
  if (req.storyId) {
    const [rev, story] = await Promise.all([c.collection('story_revisions').doc(req.storyId).get(), c.collection('stories').doc(req.storyId).get()]);
    const unitPath = rev?.unitPath ?? story?.unitPath;
    if (unitPath && !requireRole(who, ['editor', 'reviewer'], unitPath)) onStory = filesOnStory(rev, story);
  }
  // Each file only as its own kind, as saveDraft will accept it: an image as an image, a video as a video.
  const { images, videos } = blockFilesByKind(compiled.blocks);
  const [imageUse, videoUse, settled] = await Promise.all([
    usableFiles(ctx, who, images, 'story', onStory.images),
    usableFiles(ctx, who, videos, 'video', onStory.videos),
    settleVideos(ctx, compiled.blocks),
  ]);
  const urls = await staffUrls(ctx, [...imageUse.usable, ...videoUse.usable]);
  const issues = [...compiled.issues];
  const missing = [...images, ...videos].filter((f) => !urls.has(f));
  if (missing.length > 0) issues.push({ line: 0, code: 'image_unavailable', message: `${missing.length} file(s) cannot be shown here: not the caller's upload of that kind, nor on this story` });
  return ok({ blocks: renderBlocks(settled.blocks, urls), issues });
};
