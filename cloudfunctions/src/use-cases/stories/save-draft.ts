/**
 * `authoring.saveDraft`: autosave. Creates the working revision (baseVersion 0) or replaces the
 * one at baseVersion; the Markdown is compiled on the server. Files named by the draft (cover,
 * inline images, videos and their posters) must be the caller's uploads of that kind or already
 * on this story as that kind; a video's size and length come from its record, not the text. The first
 * save (the draft's creation) is audited with it; keystroke-level saves are not (they would
 * drown the log) — submit, withdraw, approve and return are.
 */
import { VIDEO_LIMITS, type StoryRevision } from '@contract';
import { compileMarkdown } from '../../domain/markdown';
import { blockFilesByKind } from '../../domain/projections';
import { storyTransition } from '../../domain/story-review';
import { acceptFiles } from '../../lib/files';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { transact } from '../../lib/transaction';
import { filesOnStory, settleVideos } from './shared';

export const saveDraft: UseCase<'authoring', 'saveDraft'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const [unit, story, existing] = await Promise.all([
    c.collection('units').doc(req.unitId).get(),
    c.collection('stories').doc(req.storyId).get(),
    c.collection('story_revisions').doc(req.storyId).get(),
  ]);
  if (!unit) return fail('INVALID_ARGUMENT', `unit ${req.unitId} does not exist`, [{ path: 'unitId', message: '单位不存在' }]);
  const denied = requireRole(who, 'editor', unit.path) ?? (story ? requireRole(who, 'editor', story.unitPath) : null) ?? (existing ? requireRole(who, 'editor', existing.unitPath) : null);
  if (denied) return denied;
  const [campaign, exemplars] = await Promise.all([
    req.campaignId ? c.collection('campaigns').doc(req.campaignId).select(['_id']).get() : Promise.resolve(null),
    byIds(() => c.collection('exemplars').select(['_id']), c.command, req.exemplarIds),
  ]);
  if (req.campaignId && !campaign) return fail('INVALID_ARGUMENT', `campaign ${req.campaignId} does not exist`, [{ path: 'campaignId', message: '专题不存在' }]);
  const missing = req.exemplarIds.filter((id) => !exemplars.has(id));
  if (missing.length > 0) return fail('INVALID_ARGUMENT', `exemplars ${missing.join(', ')} do not exist`, [{ path: 'exemplarIds', message: '典型不存在' }]);
  const compiled = compileMarkdown(req.markdown);
  // A video without its poster cannot be shown in the article (the poster stands in for it) and
  // the editor always writes one: a source without it was written by hand or by a broken client.
  const noPoster = compiled.issues.find((i) => i.code === 'video_no_poster');
  if (noPoster) {
    return refuse('INVALID_ARGUMENT', 'video_poster_missing', `line ${noPoster.line}: a video names no poster image`, [{ path: 'markdown', reason: 'video_poster_missing', message: 'video without poster' }]);
  }
  const onStory = filesOnStory(existing, story);
  const { images, videos } = blockFilesByKind(compiled.blocks);
  // Each file only as what it was uploaded as: a story image (or poster) as an image, a video as a video.
  const imageRefs = [...(req.cover ? [{ fileId: req.cover, path: 'cover' }] : []), ...images.map((fileId) => ({ fileId, path: 'markdown' }))];
  const notAccepted =
    (await acceptFiles(ctx, who, imageRefs, 'story', onStory.images)) ?? (await acceptFiles(ctx, who, videos.map((fileId) => ({ fileId, path: 'markdown' })), 'video', onStory.videos));
  if (notAccepted) return notAccepted;
  const settled = await settleVideos(ctx, compiled.blocks);
  if (settled.tooLong) {
    return refuse('INVALID_ARGUMENT', 'video_too_long', `video ${settled.tooLong} runs longer than ${VIDEO_LIMITS.maxDurationMs} ms`, [{ path: 'markdown', reason: 'video_too_long', message: 'video too long' }]);
  }
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const revs = tx.collection('story_revisions');
    const rev = await revs.get(req.storyId);
    if (rev) {
      if (rev.version !== req.baseVersion) return fail('CONFLICT', `the draft is at version ${rev.version}, not ${req.baseVersion}`);
      const t = storyTransition(rev.state, 'save');
      if (!t.ok) return refuse('FAILED_PRECONDITION', 'state_changed', t.reason);
      // Only the unit the caller may write in: re-checked against the stored one as well.
      if (requireRole(who, 'editor', rev.unitPath)) return fail('PERMISSION_DENIED', 'the draft belongs to a unit outside your subtree');
      // The files were accepted against the revision read before: it must be the one saved over.
      if (existing?.version !== rev.version) return fail('CONFLICT', 'the draft changed meanwhile');
    } else if (req.baseVersion !== 0) {
      // The server has no draft at that version: it was approved or discarded meanwhile.
      return fail('CONFLICT', `the draft no longer exists on the server (you had version ${req.baseVersion})`);
    }
    const next: Omit<StoryRevision, '_id'> = {
      revision: rev ? rev.revision : (story?.revision ?? 0) + 1,
      version: (rev?.version ?? 0) + 1,
      title: req.title,
      summary: req.summary,
      cover: req.cover,
      campaignId: req.campaignId,
      exemplarIds: [...new Set(req.exemplarIds)],
      unitId: unit._id,
      unitPath: unit.path,
      author: req.author,
      authorOpenid: rev?.authorOpenid ?? who.openid,
      contributors: [...new Set([...(rev?.contributors ?? []), who.openid])],
      markdown: req.markdown,
      blocks: settled.blocks,
      state: rev ? (storyTransition(rev.state, 'save') as { ok: true; next: StoryRevision['state'] }).next : 'draft',
      secCheck: null,
      history: rev?.history ?? [],
      submittedAt: rev?.submittedAt ?? null,
      createdAt: rev?.createdAt ?? now,
      updatedAt: now,
    };
    await revs.set(req.storyId, next);
    if (!rev) {
      audit({ actor: who.openid, action: 'story.draft.create', subject: { kind: 'story', id: req.storyId }, before: story ? { revision: story.revision } : null, after: { revision: next.revision, title: next.title, unitId: next.unitId } });
    }
    return next;
  });
  if (isFailure(result)) return result;
  return ok({ version: result.version, updatedAt: result.updatedAt, issues: compiled.issues });
};
