/**
 * publish.preview: the article exactly as the official account will show it, before anything is
 * sent. The same renderer and theme the pipeline hands draft/add (domain/article.ts), with the
 * story's images as staff URLs instead of uploadimg URLs and the mini-program card drawn as the
 * reader sees it; the cover the message card shows (the cover, else the first inline image, as
 * the pipeline picks it). A publisher over the story's unit; nothing is written, nothing called.
 */
import type { PublishPreview, Story } from '@contract';
import { ARTICLE_LIMITS, clip, digestOf, inlineImages, renderArticle, renderProblemText } from '../../domain/article';
import { staffUrls } from '../../lib/files';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { miniProgramAppid } from '../../workflows/publishing/env';

export const preview: UseCase<'publish', 'preview'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  // The role first: someone without it learns nothing about which stories exist.
  const anywhere = requireRoleAnywhere(who, 'publisher');
  if (anywhere) return anywhere;
  const story: Story | null = await ctx.cloud().collection('stories').doc(req.storyId).get();
  if (!story) return fail('NOT_FOUND', `story ${req.storyId} not found`);
  const denied = requireRole(who, 'publisher', story.unitPath);
  if (denied) return denied;
  if (story.state !== 'published') {
    return refuse('FAILED_PRECONDITION', 'story_not_published', `story ${story._id} is ${story.state}; only published stories go to the official account`);
  }
  const images = inlineImages(story.blocks);
  const thumb = story.cover ?? images[0] ?? null;
  const urls = await staffUrls(ctx, thumb ? [...images, thumb] : images);
  const imageUrls: Record<string, string> = {};
  for (const f of images) {
    const url = urls.get(f);
    if (url) imageUrls[f] = url;
  }
  const cover = thumb ? (urls.get(thumb) ?? null) : null;
  const rendered = renderArticle({ story, imageUrls, appid: miniProgramAppid(ctx), cardImageUrl: story.cover ? cover : null, previewCard: true });
  const base = { storyId: story._id, revision: story.revision, cover };
  if (!rendered.ok) {
    const { problem } = rendered;
    // Here an image "not uploaded" is one storage no longer serves (removed, or rejected by WeChat's check).
    const text =
      problem.kind === 'image_not_uploaded' ? `有 ${problem.files.length} 张图片已无法使用（已删除或未通过内容安全检测），请先修改事迹` : renderProblemText(problem);
    const view: PublishPreview = {
      ...base,
      title: story.title.trim(),
      author: clip(story.author.trim(), ARTICLE_LIMITS.author),
      digest: digestOf(story.blocks),
      html: null,
      problem: text,
    };
    return ok(view);
  }
  const a = rendered.article;
  const view: PublishPreview = { ...base, title: a.title, author: a.author, digest: a.digest, html: a.content, problem: null };
  return ok(view);
};
