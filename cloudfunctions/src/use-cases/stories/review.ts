/**
 * `authoring.review`: a reviewer of the story's unit approves the revision (it becomes what
 * readers see, searchable by it) or returns it with a comment. Nobody approves or returns their own story: the
 * editor who started it, anyone who saved it or submitted it is refused, so a person holding both
 * editor and reviewer grants still needs someone else to look.
 */
import type { Story } from '@contract';
import { approvedStory, countDeltas, storyCodeFrom, storyTransition } from '../../domain/story-review';
import { blockFilesByKind } from '../../domain/projections';
import { passReviewedVideos } from '../../lib/files';
import { isFailure, requireNotAuthor, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { storySearch, txNames } from '../../lib/search-index';
import { transact } from '../../lib/transaction';
import { authorsOf, loadRevision, transition } from './shared';

export const review: UseCase<'authoring', 'review'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const loaded = await loadRevision(c, who, req.storyId, req.decision);
  if (isFailure(loaded)) return loaded;
  const own = requireNotAuthor(who, authorsOf(loaded.rev), 'story');
  if (own) return own;
  const now = ctx.now();
  if (req.decision === 'return') {
    const next = await transition(
      ctx,
      req.storyId,
      req.version,
      'return',
      (r) => ({ state: 'returned', updatedAt: now, history: [...r.history, { action: 'return', by: who.openid, at: now, comment: req.comment }] }),
      () => ({ actor: who.openid, action: 'story.return', subject: { kind: 'story', id: req.storyId }, before: { state: 'in_review' }, after: { state: 'returned', comment: req.comment } }),
    );
    if (isFailure(next)) return next;
    return ok({ storyId: req.storyId, decision: 'return' as const, revision: next.revision, published: loaded.story?.state === 'published' });
  }
  const code = storyCodeFrom(ctx.hashHex(`story-code:${req.storyId}`));
  // One transaction: the story swaps to the new revision, the counts move, the working copy
  // disappears and the audit entry is written together, so readers never see a half-approved story.
  const result = await transact(ctx, async ({ tx, audit }) => {
    const rev = await tx.collection('story_revisions').get(req.storyId);
    if (!rev) return fail('NOT_FOUND', `story ${req.storyId} has no working revision`);
    if (rev.version !== req.version) return fail('CONFLICT', `the revision changed (version ${rev.version}, you had ${req.version})`);
    const t = storyTransition(rev.state, 'approve');
    if (!t.ok) return refuse('FAILED_PRECONDITION', 'state_changed', t.reason);
    const stillOwn = requireNotAuthor(who, authorsOf({ ...rev, _id: req.storyId }), 'story');
    if (stillOwn) return stillOwn;
    const before: Story | null = await tx.collection('stories').get(req.storyId);
    const approved = approvedStory(before, { ...rev, _id: req.storyId }, code, now);
    // Searched by what readers now see: its text, units, campaign and people, as this transaction reads them.
    const after = { ...approved, ...(await storySearch(txNames(tx), approved)) };
    const deltas = countDeltas(before, after);
    for (const [id, by] of deltas.campaigns) {
      if (await tx.collection('campaigns').get(id)) await tx.collection('campaigns').update(id, { storyCount: c.command.inc(by) });
    }
    for (const [id, by] of deltas.exemplars) {
      if (await tx.collection('exemplars').get(id)) await tx.collection('exemplars').update(id, { storyCount: c.command.inc(by) });
    }
    await tx.collection('stories').set(req.storyId, after);
    await tx.collection('story_revisions').remove(req.storyId);
    // The reviewer watched the revision's videos in the review screen: WeChat cannot check a
    // video, so this approval is the look that lets readers see them (lib/files.ts).
    await passReviewedVideos(tx, ctx, blockFilesByKind(after.blocks).videos);
    audit({
      actor: who.openid,
      action: 'story.approve',
      subject: { kind: 'story', id: req.storyId },
      before: before ? { revision: before.revision, title: before.title } : null,
      after: { revision: after.revision, title: after.title, comment: req.comment },
    });
    return after;
  });
  if (isFailure(result)) return result;
  return ok({ storyId: req.storyId, decision: 'approve' as const, revision: result.revision, published: true });
};
