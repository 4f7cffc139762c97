/** `engagement.view`: counts one view per (user, story, Asia/Shanghai day). */
import { shanghaiDay, viewId } from '../../domain/engagement';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { notFound, publicStory } from './shared';

export const view: UseCase<'engagement', 'view'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const story = await publicStory(ctx, req.storyId);
  if (!story) return notFound({ kind: 'story', id: req.storyId });
  const c = ctx.cloud();
  const at = ctx.now();
  // The record's id is the dedup: a second view that day hits it and counts nothing.
  const inserted = await c.collection('views').addOnce({ _id: viewId(story._id, openid, at, ctx.hashHex), storyId: story._id, day: shanghaiDay(at), at });
  if (inserted === 'duplicate') return ok({ counted: false, viewCount: Math.max(0, story.viewCount ?? 0) });
  const after = await c.collection('stories').doc(story._id).select(['viewCount']).increment({ viewCount: 1 });
  return ok({ counted: true, viewCount: Math.max(1, Number(after?.viewCount ?? 1)) });
};
