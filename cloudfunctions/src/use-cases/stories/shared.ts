/**
 * What the story use cases share: loading a working revision with the caller's right to act on
 * it (the action → role table of domain/story-review.ts decides which role), a revision's state
 * change in a transaction that re-checks its version, and the cards lists show.
 */
import { VIDEO_LIMITS, type ContentBlock, type DraftCard, type FileId, type Id, type Story, type StoryRevision, type Unit } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { blockFilesByKind, toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { ACTION_ROLE, storyTransition, type StoryAction } from '../../domain/story-review';
import type { ActionContext, Deps } from '../../lib/context';
import { videoFacts } from '../../lib/files';
import { requireRole, type Caller } from '../../lib/guard';
import { fail, refuse, type Failure } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { transact, type AuditInput } from '../../lib/transaction';

/** Staff lists answer at most this many items. */
export const LIST_LIMIT = 50;

export function lastReturnComment(rev: StoryRevision): string | null {
  if (rev.state !== 'returned') return null;
  for (let i = rev.history.length - 1; i >= 0; i--) {
    const h = rev.history[i];
    if (h && h.action === 'return') return h.comment;
  }
  return null;
}

function toDraftCard(rev: StoryRevision, units: ReadonlyMap<Id, Pick<Unit, '_id' | 'name' | 'shortName' | 'level'>>): DraftCard {
  const unit = units.get(rev.unitId);
  return {
    storyId: rev._id,
    title: rev.title,
    state: rev.state,
    revision: rev.revision,
    published: rev.revision > 1,
    unit: unit ? toUnitRef(unit) : null,
    secCheck: rev.secCheck,
    updatedAt: rev.updatedAt,
    submittedAt: rev.submittedAt,
  };
}

export async function cards(c: Cloud, revs: readonly StoryRevision[]): Promise<DraftCard[]> {
  const units = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, revs.map((r) => r.unitId));
  return revs.map((r) => toDraftCard(r, units));
}

/** The working revision and the published story, when the caller holds the action's role over both. */
export async function loadRevision(c: Cloud, who: Caller, storyId: Id, action: StoryAction): Promise<{ rev: StoryRevision; story: Story | null } | Failure<'role_required' | 'outside_scope'>> {
  const [rev, story] = await Promise.all([c.collection('story_revisions').doc(storyId).get(), c.collection('stories').doc(storyId).get()]);
  if (!rev) return fail('NOT_FOUND', `story ${storyId} has no working revision`);
  const role = ACTION_ROLE[action];
  const denied = requireRole(who, role, rev.unitPath) ?? (story ? requireRole(who, role, story.unitPath) : null);
  if (denied) return denied;
  return { rev, story };
}

/**
 * Everyone who wrote or submitted a revision: the editor who started it, everyone who saved it,
 * everyone who submitted it. None of them may approve it.
 */
export function authorsOf(rev: StoryRevision): string[] {
  return [...new Set([rev.authorOpenid, ...(rev.contributors ?? []), ...rev.history.filter((h) => h.action === 'submit').map((h) => h.by)])];
}

/**
 * Files already part of a story (its working revision and its published version): an edit may
 * keep them — each as what it is there: an image (the cover, an inline image, a video's poster)
 * stays usable as an image, a video as a video.
 */
export function filesOnStory(rev: Pick<StoryRevision, 'cover' | 'blocks'> | null, story: Pick<Story, 'cover' | 'blocks'> | null): { images: FileId[]; videos: FileId[] } {
  const images: FileId[] = [];
  const videos: FileId[] = [];
  for (const s of [rev, story]) {
    if (!s) continue;
    if (s.cover) images.push(s.cover);
    const kinds = blockFilesByKind(s.blocks);
    images.push(...kinds.images);
    videos.push(...kinds.videos);
  }
  return { images: [...new Set(images)], videos: [...new Set(videos)] };
}

/**
 * Video blocks with the size and length the server read from each recorded file (the Markdown's
 * numbers are the client's word); `tooLong` names a recorded video over the limit, which no
 * story may show.
 */
export async function settleVideos(ctx: Pick<Deps, 'cloud' | 'hashHex'>, blocks: readonly ContentBlock[]): Promise<{ blocks: ContentBlock[]; tooLong: FileId | null }> {
  const { videos } = blockFilesByKind(blocks);
  if (videos.length === 0) return { blocks: [...blocks], tooLong: null };
  const facts = await videoFacts(ctx, videos);
  let tooLong: FileId | null = null;
  const out = blocks.map((b): ContentBlock => {
    if (b.type !== 'video') return b;
    const f = facts.get(b.file);
    if (!f) return b;
    if (f.durationMs > VIDEO_LIMITS.maxDurationMs + VIDEO_LIMITS.durationToleranceMs) tooLong ??= b.file;
    return { ...b, width: f.width, height: f.height, durationMs: f.durationMs };
  });
  return { blocks: out, tooLong };
}

/**
 * A state change of a working revision in a transaction that re-checks the version it read, with
 * its audit entry in the same transaction.
 */
export async function transition(
  ctx: ActionContext,
  storyId: Id,
  version: number,
  action: 'submit' | 'withdraw' | 'return',
  patch: (rev: StoryRevision) => Partial<StoryRevision>,
  auditOf: (before: StoryRevision, after: StoryRevision) => AuditInput,
): Promise<StoryRevision | Failure<'state_changed'>> {
  return transact(ctx, async ({ tx, audit }) => {
    const rev = await tx.collection('story_revisions').get(storyId);
    if (!rev) return fail('NOT_FOUND', `story ${storyId} has no working revision`);
    if (rev.version !== version) return fail('CONFLICT', `the revision changed (version ${rev.version}, you had ${version})`);
    const t = storyTransition(rev.state, action);
    if (!t.ok) return refuse('FAILED_PRECONDITION', 'state_changed', t.reason);
    const next: StoryRevision = { ...rev, ...patch(rev), _id: storyId, version: rev.version + 1 };
    const { _id, ...doc } = next;
    await tx.collection('story_revisions').set(_id, doc);
    audit(auditOf({ ...rev, _id: storyId }, next));
    return next;
  });
}
