/**
 * `comments.remove`: a reader deletes one of their own messages, featured ones too (their words,
 * their right). The text and the reply are erased at once; the record keeps its id (state
 * deleted) so a late retry of the same post cannot bring it back. Another reader's message
 * answers NOT_FOUND, exactly like one that does not exist. Deleting twice answers the same.
 */
import { isFailure, signedIn } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';

export const remove: UseCase<'comments', 'remove'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const c = ctx.cloud();
  const doc = await c.collection('comments').doc(req.id).select(['openid', 'state']).get();
  if (!doc || doc.openid !== openid) return fail('NOT_FOUND', `comment ${req.id} not found`);
  if (doc.state !== 'deleted') {
    const now = ctx.now();
    // One single-document update: the writer is the only one who deletes, and a reviewer's act
    // racing it either lands before (and is erased here) or finds it deleted (comment_deleted).
    await c.collection('comments').doc(req.id).update({ state: 'deleted', text: '', reply: null, deletedAt: now, updatedAt: now });
  }
  return ok({ removed: true as const });
};
