/**
 * What the engagement use cases share: which targets the public may see (only those can be
 * liked, saluted, viewed, shared or drawn on a poster), with the counters the answers need.
 *
 * Counters never drift — the design, and why not a transaction:
 *
 * A like is a record with a deterministic `_id` per (user, target). Liking inserts it: the
 * insert that creates it is the one like that counts and does an atomic `_.inc(1)` on the
 * target's counter; an insert that hits the existing id (a retry, a double tap, a concurrent
 * twin of the same tap) is "already liked" and increments nothing. Unliking removes by `_id`;
 * only a remove that deleted the record does `_.inc(-1)`. Whatever the interleaving of one
 * user's likes and unlikes, the counter moves exactly once per record created or deleted, so
 * counter == number of records at rest.
 *
 * A transaction (read record, write record, write counter) would make every like of a viral
 * story read and write the same story document: under snapshot isolation all but one of the
 * concurrent commits conflict, and the SDK retries a commit conflict only 3 times, so at
 * exactly the moment that matters most, likes would fail with errors. `_.inc` instead is a
 * single atomic server-side update that never conflicts, and the record insert contends only
 * with the same user's own taps.
 *
 * Residual risk: a crash (timeout, instance killed) between the record write and the `_.inc`
 * leaves the counter off by one for that target. The user's state is still right (the record
 * is the truth) and a retry does not double count; the timer function `reconcile` recounts the
 * records and repairs such counters, reporting each repair.
 */
import type { Exemplar, Id, ShareTarget, Story } from '@contract';
import type { Target } from '../../domain/engagement';
import { isPublicExemplar, isPublicStory } from '../../domain/visibility';
import type { Deps } from '../../lib/context';
import { fail, type Failure } from '../../lib/handler';

/** What deciding a story's visibility needs, and its like counter. */
export const STORY_TARGET_FIELDS = ['state', 'publishedAt', 'likeCount'] as const satisfies readonly (keyof Story)[];
/** What isPublicExemplar decides on (name and consent: consent counts only under the name it was given for), and the salute counter. */
export const EXEMPLAR_TARGET_FIELDS = ['state', 'kind', 'name', 'consent', 'saluteCount'] as const satisfies readonly (keyof Exemplar)[];

export interface TargetRow {
  _id: Id;
  count: number | null | undefined;
}

export function notFound(t: { kind: string; id: Id }): Failure<never> {
  return fail('NOT_FOUND', `${t.kind} ${t.id} not found`);
}

/** The target if the public may see it, with its counter; null for drafts, hidden or missing ones. */
export async function publicTarget(ctx: Pick<Deps, 'cloud'>, t: Target): Promise<TargetRow | null> {
  const c = ctx.cloud();
  if (t.kind === 'story') {
    const row = await c.collection('stories').doc(t.id).select(STORY_TARGET_FIELDS).get();
    return row && isPublicStory(row) ? { _id: row._id, count: row.likeCount } : null;
  }
  const row = await c.collection('exemplars').doc(t.id).select(EXEMPLAR_TARGET_FIELDS).get();
  return row && isPublicExemplar(row) ? { _id: row._id, count: row.saluteCount } : null;
}

/** Collections whose documents count shares. */
export type ShareCollection = 'stories' | 'exemplars' | 'campaigns';

/** Where a share of `t` is counted, if the public may see it; null for drafts, hidden or missing ones. */
export async function publicShareCollection(ctx: Pick<Deps, 'cloud'>, t: ShareTarget): Promise<ShareCollection | null> {
  if (t.kind === 'campaign') {
    // Campaigns have no publish state: content.campaignFeed shows every existing one.
    const row = await ctx.cloud().collection('campaigns').doc(t.id).select(['_id']).get();
    return row ? 'campaigns' : null;
  }
  return (await publicTarget(ctx, { kind: t.kind, id: t.id })) ? (t.kind === 'story' ? 'stories' : 'exemplars') : null;
}

/** A published story with what view and posterCode answer; null for drafts, hidden or missing ones. */
export async function publicStory(ctx: Pick<Deps, 'cloud'>, id: Id): Promise<Pick<Story, '_id' | 'code' | 'viewCount' | 'shareCount'> | null> {
  const row = await ctx.cloud().collection('stories').doc(id).select(['state', 'publishedAt', 'code', 'viewCount', 'shareCount']).get();
  return row && isPublicStory(row) ? row : null;
}
