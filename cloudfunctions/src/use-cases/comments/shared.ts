/**
 * What the 留言 use cases share: the public story a reader writes under, the views (a reader's,
 * a reviewer's), and the one flow every reviewer act goes through.
 *
 * Who moderates: reviewers over the story's unit subtree. Featuring puts a reader's words in
 * front of everyone and a reply speaks for the corps, both at once and without a second look —
 * exactly what a reviewer is trusted with for stories (an editor's story reaches readers only
 * through a reviewer). The reply reads 作者回复, as an official account's reply to a 精选留言
 * does: it is the story's publisher answering, not a person; staff pages name who wrote it.
 */
import type { CommentDoc, CommentView, Id, ModerationItem, MyCommentView, RefusalReason, Story } from '@contract';
import { moderationOutcome, readerByline, type ModerationAct } from '../../domain/comments';
import { isPublicStory, isWithdrawnStory } from '../../domain/visibility';
import type { ActionContext, Deps } from '../../lib/context';
import { isFailure, requireNotAuthor, requireRole, staffCaller, type Caller } from '../../lib/guard';
import { fail, ok, refuse, type Failure } from '../../lib/handler';
import { peopleByOpenid, personIn, unitRefsById } from '../../lib/people';
import { byIds } from '../../lib/reads';
import { transact, type Work } from '../../lib/transaction';

/** What deciding a story's visibility and scoping its messages needs. */
export const STORY_SCOPE_FIELDS = ['state', 'publishedAt', 'unitId', 'unitPath', 'title'] as const satisfies readonly (keyof Story)[];
export type StoryScope = Pick<Story, '_id' | (typeof STORY_SCOPE_FIELDS)[number]>;

/** The published story `id` readers may write under and read the messages of, or the refusal a reader gets. */
export async function publicStoryScope(ctx: Pick<Deps, 'cloud'>, id: Id): Promise<StoryScope | Failure<'story_withdrawn'>> {
  const row = await ctx.cloud().collection('stories').doc(id).select(STORY_SCOPE_FIELDS).get();
  // A story taken down takes its messages with it; its links already say 已撤回.
  if (row && isWithdrawnStory(row)) return refuse('NOT_FOUND', 'story_withdrawn', `story ${id} was taken down`);
  if (!row || !isPublicStory(row)) return fail('NOT_FOUND', `story ${id} not found`);
  return row;
}

/** A message as a reader sees it: their own reads 我, anyone else's by the per-story tag. */
export function toCommentView(doc: CommentDoc, viewer: string | null, hashHex: (s: string) => string): CommentView {
  const mine = viewer !== null && doc.openid === viewer;
  return {
    _id: doc._id,
    storyId: doc.storyId,
    text: doc.text,
    byline: mine ? '我' : readerByline(doc.storyId, doc.openid, hashHex),
    createdAt: doc.createdAt,
    state: doc.state === 'deleted' ? 'hidden' : doc.state,
    mine,
    reply: doc.reply ? { text: doc.reply.text, at: doc.reply.at } : null,
  };
}

/** The caller's own messages with the stories they are under (a story no longer public shows as null). */
export async function myCommentViews(ctx: Pick<Deps, 'cloud' | 'hashHex'>, openid: string, docs: readonly CommentDoc[]): Promise<MyCommentView[]> {
  const c = ctx.cloud();
  const stories = await byIds(() => c.collection('stories').select(['state', 'publishedAt', 'title']), c.command, docs.map((d) => d.storyId));
  return docs.map((d) => {
    const s = stories.get(d.storyId);
    return { ...toCommentView(d, openid, ctx.hashHex), story: s && isPublicStory(s) ? { _id: s._id, title: s.title } : null };
  });
}

/** Messages as the story's reviewers see them: the story, the unit, and staff by name. */
export async function moderationItems(ctx: Pick<ActionContext, 'cloud' | 'env' | 'hashHex'>, docs: readonly CommentDoc[]): Promise<ModerationItem[]> {
  const c = ctx.cloud();
  const staff = docs.flatMap((d) => [d.featuredBy, d.hiddenBy, d.reply?.by].filter((o): o is string => typeof o === 'string'));
  const [stories, units, people] = await Promise.all([
    byIds(() => c.collection('stories').select(['state', 'publishedAt', 'title']), c.command, docs.map((d) => d.storyId)),
    unitRefsById(ctx, docs.map((d) => d.unitId)),
    peopleByOpenid(ctx, staff),
  ]);
  return docs.flatMap((d): ModerationItem[] => {
    if (d.state === 'deleted') return [];
    const s = stories.get(d.storyId);
    return [
      {
        _id: d._id,
        text: d.text,
        createdAt: d.createdAt,
        state: d.state,
        contentHeld: d.contentHeld,
        story: { _id: d.storyId, title: s?.title ?? '', published: s ? isPublicStory(s) : false },
        unit: units.get(d.unitId) ?? null,
        featured: d.state === 'featured' && d.featuredBy !== null && d.featuredAt !== null ? { by: personIn(people, d.featuredBy), at: d.featuredAt } : null,
        hidden: d.state === 'hidden' && d.hiddenBy !== null && d.hiddenAt !== null ? { by: personIn(people, d.hiddenBy), at: d.hiddenAt, reason: d.hiddenReason ?? '' } : null,
        reply: d.reply ? { text: d.reply.text, by: personIn(people, d.reply.by), at: d.reply.at } : null,
      },
    ];
  });
}

/** How an act changes the message (inside the transaction), and what its audit entry adds. */
export interface Act<G extends RefusalReason = never> {
  act: ModerationAct;
  /** The audit action code. */
  action: 'comments.feature' | 'comments.hide' | 'comments.reply';
  patch(doc: CommentDoc, who: Caller, now: number): Partial<CommentDoc>;
  /** Said in the audit entry besides the message's state (the reason, the reply). */
  detail?: Record<string, string>;
  /**
   * Checks once the caller is known to act over the story: the writer may not feature their own
   * message; a reply must pass the content check (after the guard, so someone outside the
   * story's subtree learns nothing and costs no check).
   */
  guard?(who: Caller, doc: CommentDoc): Failure<G> | null | Promise<Failure<G> | null>;
}

type ModerateRefusal = 'not_signed_in' | 'role_required' | 'outside_scope' | 'comment_deleted';

/**
 * A reviewer's act on one message: the caller must be a reviewer over the story's unit as it is
 * now (the story's own path, not the message's copy of it); the act is re-decided on the message
 * as the transaction reads it, and written with its audit entry. The subject of the entry is the
 * story (the audit log names it by its title); the reader's words are not copied into the log.
 */
export async function moderate<G extends RefusalReason = never>(ctx: ActionContext, id: Id, spec: Act<G>): Promise<{ ok: true; data: { comment: ModerationItem } } | Failure<ModerateRefusal | G>> {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const doc = await c.collection('comments').doc(id).get();
  if (!doc) return fail('NOT_FOUND', `comment ${id} not found`);
  const story = await c.collection('stories').doc(doc.storyId).select(['unitPath', 'title']).get();
  const denied = requireRole(who, 'reviewer', story?.unitPath ?? doc.unitPath) ?? (await spec.guard?.(who, doc)) ?? null;
  if (denied) return denied;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }: Work) => {
    const cur = await tx.collection('comments').get(id);
    if (!cur) return fail('NOT_FOUND', `comment ${id} not found`);
    const outcome = moderationOutcome(cur.state, spec.act);
    if (outcome === 'deleted') return refuse('FAILED_PRECONDITION', 'comment_deleted', `comment ${id} was deleted by its writer`);
    if (outcome === 'unchanged') return { ...cur, _id: id };
    const patch = { ...spec.patch(cur, who, now), updatedAt: now };
    await tx.collection('comments').update(id, patch);
    const after: CommentDoc = { ...cur, ...patch, _id: id };
    audit({
      actor: who.openid,
      action: spec.action,
      subject: { kind: 'story', id: cur.storyId },
      before: { commentState: cur.state, title: story?.title ?? '' },
      after: { commentState: after.state, title: story?.title ?? '', commentId: id, ...spec.detail },
    });
    return after;
  });
  if (isFailure(result)) return result;
  const [item] = await moderationItems(ctx, [result]);
  if (!item) throw new Error(`comment ${id} has no moderation view after ${spec.act}`);
  return ok({ comment: item });
}

/** Nobody features their own message (a reviewer is a reader too). */
export function notOwnMessage(who: Caller, doc: CommentDoc): Failure<'own_work'> | null {
  return requireNotAuthor(who, [doc.openid], 'message');
}
