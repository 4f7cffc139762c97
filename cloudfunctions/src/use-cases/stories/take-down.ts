/**
 * `authoring.takeDown`: a reviewer or an admin over a published story's unit takes it down (撤回)
 * with a reason. In ONE transaction: the story becomes `withdrawn` with the reason and who/when,
 * its campaign and exemplars count it no more, and — when asked — every publish job of it that
 * put an article on the official account moves to `deleting` (one still on its way is marked to
 * delete its article once out), with the audit entry. Readers lose it at once (every reader query
 * asks for `published`); its links answer `story_withdrawn`. The articles are deleted by the
 * publish pipeline (workflows/publishing/delete.ts): publish-timer's next run, exactly once.
 *
 * The story is not gone: an editor may write a new revision, and approving it publishes the
 * story again (domain/story-review.ts approvedStory), counted again, without the withdrawal.
 */
import type { Id, Story, TakeDownResult } from '@contract';
import { countDeltas, TAKE_DOWN_ROLES, takeDownCheck, takenDownStory } from '../../domain/story-review';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { requestDeletion, requestLinkDeletion } from '../../workflows/publishing/delete';

/** Publish jobs a story can have: one per revision it was sent at (far fewer in practice). */
const MAX_JOBS = 100;

export const takeDown: UseCase<'authoring', 'takeDown'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  // The role first: someone without it learns nothing about which stories exist.
  const anywhere = requireRoleAnywhere(who, TAKE_DOWN_ROLES);
  if (anywhere) return anywhere;
  const found = await c.collection('stories').doc(req.storyId).select(['unitPath']).get();
  if (!found) return fail('NOT_FOUND', `story ${req.storyId} not found`);
  const denied = requireRole(who, TAKE_DOWN_ROLES, found.unitPath);
  if (denied) return denied;
  // The story's jobs, listed before the transaction (which reads single documents) and re-read in it.
  const jobs = req.deleteArticle
    ? await c.collection('publish_jobs').select(['articleUrl']).where({ storyId: req.storyId }).orderBy('revision', 'desc').limit(MAX_JOBS).get()
    : [];
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const current = await tx.collection('stories').get(req.storyId);
    if (!current) return fail('NOT_FOUND', `story ${req.storyId} not found`);
    const story: Story = { ...current, _id: req.storyId };
    const check = takeDownCheck(story);
    if (!check.ok) return refuse('FAILED_PRECONDITION', check.reason, check.message);
    // Checked again on what is written: the story may have moved to another unit meanwhile.
    const stillAllowed = requireRole(who, TAKE_DOWN_ROLES, story.unitPath);
    if (stillAllowed) return stillAllowed;
    const deltas = countDeltas(story, null);
    for (const [id, by] of deltas.campaigns) {
      if (await tx.collection('campaigns').get(id)) await tx.collection('campaigns').update(id, { storyCount: c.command.inc(by) });
    }
    for (const [id, by] of deltas.exemplars) {
      if (await tx.collection('exemplars').get(id)) await tx.collection('exemplars').update(id, { storyCount: c.command.inc(by) });
    }
    await tx.collection('stories').set(req.storyId, takenDownStory(story, { reason: req.reason, by: who.openid, at: now, deleteArticle: req.deleteArticle }));
    const articleJobs: Id[] = [];
    if (req.deleteArticle) {
      for (const job of jobs) if (await requestDeletion(tx, job._id, who.openid, now)) articleJobs.push(job._id);
      // A link no job of the story made (made before jobs recorded it): a job of its own deletes it.
      const linked = story.article;
      if (linked && !jobs.some((j) => j.articleUrl === linked.url)) {
        const id = await requestLinkDeletion(tx, story, who.openid, now);
        if (id) articleJobs.push(id);
      }
    }
    audit({
      actor: who.openid,
      action: 'story.take_down',
      subject: { kind: 'story', id: req.storyId },
      before: { state: story.state, revision: story.revision, title: story.title },
      after: { state: 'withdrawn', reason: req.reason, deleteArticle: req.deleteArticle, articleJobs },
    });
    return articleJobs;
  });
  if (isFailure(result)) return result;
  const view: TakeDownResult = { storyId: req.storyId, state: 'withdrawn', withdrawnAt: now, articleJobs: result };
  return ok(view);
};
