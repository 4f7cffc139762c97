/**
 * 留言 (comments, as official accounts do them): a reader leaves a message under a published
 * story; it is content-checked and shown to everyone only after a reviewer of the story's unit
 * selects it (精选); the reply a reviewer writes shows under it as 作者回复. Until then the
 * message is the reader's own (仅自己可见). The reader sees all of theirs and may delete any.
 *
 * Kept in its own file so the shared contract files gain one line each. The request schemas are
 * in schemas.ts (`commentSchemas`), beside the other functions', because they use its building
 * blocks; this file holds the limits, the stored document and the views.
 */
import type { z } from 'zod';
import type { Id, Millis } from './entities';
import type { Page, PersonRef, UnitRef } from './views';
// Type-only: schemas.ts imports this file's values (limits), so a value import back would be a cycle.
import type { commentSchemas } from './schemas';

// ---------------------------------------------------------------- limits

export const COMMENT_LIMITS = {
  /** A message, as official accounts allow (characters, after trimming). */
  textMax: 300,
  /** The author's reply. */
  replyMax: 300,
  /** Why a reviewer hid a message (staff only, never shown to readers). */
  reasonMax: 200,
  /** Messages per page of a story's 留言. */
  storyPage: 10,
  /** The caller's own not-yet-featured messages shown on a story's first page, newest first. */
  ownOnStory: 20,
  /** Items per page of 我的留言 and of the moderation queue. */
  listPage: 20,
} as const;

// ---------------------------------------------------------------- stored document

/**
 * pending: written, seen only by its writer and the story's reviewers; featured (精选): shown to
 * everyone under the story; hidden: a reviewer decided not to show it (the writer still sees it
 * as 未精选); deleted: its writer removed it (the text is erased, the record keeps the id so a
 * late retry of the same post does not bring it back).
 */
export type CommentState = 'pending' | 'featured' | 'hidden' | 'deleted';

/** The reply under a message, by a reviewer of the story's unit (shown as 作者回复). */
export interface CommentReply {
  text: string;
  /** OPENID of the reviewer who wrote it (staff pages show their name; readers never see it). */
  by: string;
  at: Millis;
}

/**
 * A message as stored (collection `comments`). `_id` derives from (writer, requestKey), so a
 * retried post is the same document. `unitId`/`unitPath` are copies of the story's, as every
 * document under a unit carries them: the moderation queue reads a reviewer's subtree by
 * `unitPath`, and a unit move rewrites the copies as it does the story's.
 */
export interface CommentDoc {
  _id: Id;
  storyId: Id;
  unitId: Id;
  unitPath: Id[];
  /** The writer's OPENID: never sent to any page. */
  openid: string;
  requestKey: string;
  /** Empty once deleted. */
  text: string;
  state: CommentState;
  /** msgSecCheck answered `review`: reviewers see it flagged before they feature it. */
  contentHeld: boolean;
  createdAt: Millis;
  updatedAt: Millis;
  featuredAt: Millis | null;
  featuredBy: string | null;
  hiddenAt: Millis | null;
  hiddenBy: string | null;
  hiddenReason: string | null;
  reply: CommentReply | null;
  deletedAt: Millis | null;
}

// ---------------------------------------------------------------- views

/** A message as a reader sees it under a story (their own, or a featured one). */
export interface CommentView {
  _id: Id;
  storyId: Id;
  text: string;
  /**
   * Who wrote it, as readers may know: 读者 and a short tag that is stable within one story and
   * differs between stories (no reader can be followed from story to story); the caller's own reads 我.
   */
  byline: string;
  createdAt: Millis;
  /** The caller's own message may be pending or hidden; everyone else's shown here is featured. */
  state: Exclude<CommentState, 'deleted'>;
  mine: boolean;
  /** 作者回复 (who of the staff wrote it is not shown to readers). */
  reply: { text: string; at: Millis } | null;
}

/** One of the caller's own messages (我的留言), with the story it is under. */
export interface MyCommentView extends CommentView {
  /** null when the story is no longer public (taken down): the message is then shown to nobody else. */
  story: { _id: Id; title: string } | null;
}

/** A message as the story's reviewers moderate it. */
export interface ModerationItem {
  _id: Id;
  text: string;
  createdAt: Millis;
  state: Exclude<CommentState, 'deleted'>;
  contentHeld: boolean;
  /** `published`: readers can see the story (and so its featured messages) now. */
  story: { _id: Id; title: string; published: boolean };
  unit: UnitRef | null;
  featured: { by: PersonRef; at: Millis } | null;
  hidden: { by: PersonRef; at: Millis; reason: string } | null;
  reply: { text: string; by: PersonRef; at: Millis } | null;
}

export interface ModerationCounts {
  /** Messages waiting for a decision in the caller's subtrees. */
  pending: number;
  featured: number;
}

export interface CommentsApi {
  post: { req: z.input<typeof commentSchemas.post>; res: { comment: CommentView; created: boolean } };
  /** A story's featured messages, newest first, and on the first page the caller's own others. */
  listForStory: { req: z.input<typeof commentSchemas.listForStory>; res: Page<CommentView> & { mine: CommentView[] } };
  mine: { req: z.input<typeof commentSchemas.mine>; res: Page<MyCommentView> };
  remove: { req: z.input<typeof commentSchemas.remove>; res: { removed: true } };
  /** The tab's messages in the caller's reviewer subtrees (pending oldest first, featured newest first), with both counts. */
  queue: { req: z.input<typeof commentSchemas.queue>; res: Page<ModerationItem> & { counts: ModerationCounts } };
  feature: { req: z.input<typeof commentSchemas.feature>; res: { comment: ModerationItem } };
  hide: { req: z.input<typeof commentSchemas.hide>; res: { comment: ModerationItem } };
  reply: { req: z.input<typeof commentSchemas.reply>; res: { comment: ModerationItem } };
}
