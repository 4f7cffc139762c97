/**
 * `comments.post`: a signed-in reader leaves a message under a published story. It is checked
 * with msgSecCheck (scene 2, 评论): risky is refused, review is kept and flagged for the
 * reviewers. Nobody else sees it until a reviewer features it. Idempotent: the message's id
 * derives from the caller and the client's requestKey, so a retry after a lost answer returns
 * the message the first attempt made (and is not rate limited or checked again). Rate limited
 * (COMMENT_POLICY). Not audited: it is a reader's act, recorded as the message itself.
 */
import type { CommentDoc } from '@contract';
import { COMMENT_POLICY, commentId } from '../../domain/comments';
import { checkHeldText } from '../../lib/content-check';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { admit } from '../../lib/rate-limit';
import { publicStoryScope, toCommentView } from './shared';

export const post: UseCase<'comments', 'post'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const story = await publicStoryScope(ctx, req.storyId);
  if (isFailure(story)) return story;
  const comments = ctx.cloud().collection('comments');
  const id = commentId(openid, req.requestKey, ctx.hashHex);
  const answer = (doc: CommentDoc, created: boolean) => ok({ comment: toCommentView(doc, openid, ctx.hashHex), created });
  const same = (doc: CommentDoc) => doc.storyId === req.storyId && (doc.text === req.text || doc.state === 'deleted');

  const existing = await comments.doc(id).get();
  if (existing) {
    // A retry answers what the first attempt made; a reused key with another message is a client bug.
    if (!same(existing)) return refuse('CONFLICT', 'request_key_reused', 'this requestKey was already used for another message');
    return answer(existing, false);
  }
  const limited = await admit(ctx, 'comment', openid, COMMENT_POLICY);
  if (limited) return limited;
  const verdict = await checkHeldText(ctx, openid, req.text, 2, 'message');
  if (isFailure(verdict)) return verdict;

  const now = ctx.now();
  const doc: CommentDoc = {
    _id: id,
    storyId: story._id,
    unitId: story.unitId,
    unitPath: story.unitPath,
    openid,
    requestKey: req.requestKey,
    text: req.text,
    state: 'pending',
    contentHeld: verdict === 'review',
    createdAt: now,
    updatedAt: now,
    featuredAt: null,
    featuredBy: null,
    hiddenAt: null,
    hiddenBy: null,
    hiddenReason: null,
    reply: null,
    deletedAt: null,
  };
  if ((await comments.addOnce(doc)) === 'created') return answer(doc, true);
  // A concurrent twin of this post won the insert: answer what it made.
  const twin = await comments.doc(id).get();
  if (!twin) throw new Error(`comment ${id} reported duplicate but cannot be read`);
  if (!same(twin)) return refuse('CONFLICT', 'request_key_reused', 'this requestKey was already used for another message');
  return answer(twin, false);
};
