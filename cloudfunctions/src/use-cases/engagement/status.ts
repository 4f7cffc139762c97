/** `engagement.status`: the caller's like state and the shown count of each target the public may see. */
import type { Id, LikeState } from '@contract';
import { likeId, shownCount, type Target } from '../../domain/engagement';
import { isPublicExemplar, isPublicStory } from '../../domain/visibility';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { EXEMPLAR_TARGET_FIELDS, STORY_TARGET_FIELDS } from './shared';

export const status: UseCase<'engagement', 'status'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const c = ctx.cloud();
  const storyIds = req.targets.filter((t) => t.kind === 'story').map((t) => t.id);
  const exemplarIds = req.targets.filter((t) => t.kind === 'exemplar').map((t) => t.id);
  const [stories, exemplars] = await Promise.all([
    byIds(() => c.collection('stories').select(STORY_TARGET_FIELDS), c.command, storyIds),
    byIds(() => c.collection('exemplars').select(EXEMPLAR_TARGET_FIELDS), c.command, exemplarIds),
  ]);
  // Targets the public cannot see are left out, exactly as if they did not exist.
  const visible: { target: Target; count: number | null | undefined }[] = [];
  const seen = new Set<string>();
  for (const t of req.targets) {
    const key = `${t.kind}\n${t.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (t.kind === 'story') {
      const s = stories.get(t.id);
      if (s && isPublicStory(s)) visible.push({ target: { kind: t.kind, id: t.id }, count: s.likeCount });
    } else {
      const e = exemplars.get(t.id);
      if (e && isPublicExemplar(e)) visible.push({ target: { kind: t.kind, id: t.id }, count: e.saluteCount });
    }
  }
  const ids = visible.map((v) => likeId(v.target, openid, ctx.hashHex));
  const liked = await byIds(() => c.collection('likes').select(['_id']), c.command, ids);
  const items: LikeState[] = visible.map((v, i) => {
    const isLiked = liked.has(ids[i] as Id);
    return { target: v.target, liked: isLiked, count: shownCount(v.count, isLiked) };
  });
  return ok({ items });
};
