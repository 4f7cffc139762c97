/**
 * 留言 rules, pure: a message's id, the tag readers see instead of its writer, who may see it,
 * which moderation acts apply in which state, and how often a reader may post.
 */
import type { CommentDoc, CommentState, Id } from '@contract';
import type { RatePolicy } from './rate-limit';

/** A hex digest function (sha256 in production), passed in so this module stays pure. */
export type HashHex = (input: string) => string;

/**
 * Five messages per reader per ten minutes: more than anyone writes by hand under stories, few
 * enough that a script cannot bury a reviewer's queue (each one also costs a msgSecCheck call).
 */
export const COMMENT_POLICY: RatePolicy = { limit: 5, windowMs: 600_000 };

/**
 * The one id a (writer, requestKey) message can have: a retried post lands on the same document.
 * The writer's OPENID is part of the hashed input, so nobody else can compute (or take) the id of
 * another reader's message; only comments.post writes this collection.
 */
export function commentId(openid: string, requestKey: string, hashHex: HashHex): Id {
  return `cm-${hashHex(`comment\u0000${openid}\u0000${requestKey}`).slice(0, 32)}`;
}

/**
 * What readers see instead of a writer: 读者 and four hex digits of a hash of (story, writer).
 * Stable within a story (a conversation can be followed), different between stories (a reader
 * cannot be tracked from story to story), and never the OPENID.
 */
export function readerByline(storyId: Id, openid: string, hashHex: HashHex): string {
  return `读者 ${hashHex(`comment-byline\u0000${storyId}\u0000${openid}`).slice(0, 4)}`;
}

/** Whether `viewer` (null: nobody signed in) may see the message under its story. */
export function visibleTo(comment: Pick<CommentDoc, 'state' | 'openid'>, viewer: string | null): boolean {
  if (comment.state === 'deleted') return false;
  return comment.state === 'featured' || comment.openid === viewer;
}

export type ModerationAct = 'feature' | 'hide' | 'reply';

/**
 * What a reviewer's act does to a message in `state`: applies, changes nothing (featuring a
 * featured one: the answer is the message as it is, nothing written, nothing audited), or is
 * refused because its writer deleted it. A hidden message can be featured after all, a featured
 * one hidden again; a reply may go under any message still there (readers see it under a
 * featured one; the writer sees it under their own in any state).
 */
export function moderationOutcome(state: CommentState, act: ModerationAct): 'apply' | 'unchanged' | 'deleted' {
  if (state === 'deleted') return 'deleted';
  if (act === 'feature') return state === 'featured' ? 'unchanged' : 'apply';
  if (act === 'hide') return state === 'hidden' ? 'unchanged' : 'apply';
  return 'apply';
}
