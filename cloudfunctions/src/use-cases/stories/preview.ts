/**
 * `authoring.preview`: compile Markdown as the published page will show it. Images are shown
 * only when the caller may use them — their own story uploads, or images already on the story
 * being edited (`storyId`, when the caller may edit or review it). Any other file id is left out
 * with an issue saying so: a preview never signs a URL for a file the caller could not put in
 * the story.
 */
import type { FileId } from '@contract';
import { compileMarkdown } from '../../domain/markdown';
import { blockFileIds, renderBlocks } from '../../domain/projections';
import { staffUrls, usableFiles } from '../../lib/files';
import { isFailure, requireRole, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { filesOnStory } from './shared';

export const preview: UseCase<'authoring', 'preview'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, ['editor', 'reviewer']);
  if (isFailure(who)) return who;
  const compiled = compileMarkdown(req.markdown);
  let onStory: FileId[] = [];
  if (req.storyId) {
    const [rev, story] = await Promise.all([c.collection('story_revisions').doc(req.storyId).get(), c.collection('stories').doc(req.storyId).get()]);
    const unitPath = rev?.unitPath ?? story?.unitPath;
    if (unitPath && !requireRole(who, ['editor', 'reviewer'], unitPath)) onStory = filesOnStory(rev, story);
  }
  const files = blockFileIds(compiled.blocks);
  const { usable } = await usableFiles(ctx, who, files, 'story', onStory);
  const urls = await staffUrls(ctx, [...usable]);
  const issues = [...compiled.issues];
  const missing = files.filter((f) => !urls.has(f));
  if (missing.length > 0) issues.push({ line: 0, code: 'image_unavailable', message: `${missing.length} image(s) cannot be shown here: not the caller's upload, nor on this story` });
  return ok({ blocks: renderBlocks(compiled.blocks, urls), issues });
};
