/**
 * Story authoring and review rules, pure.
 *
 * Storage model: `stories` holds only what readers may see — the latest APPROVED revision.
 * Work in progress lives in `story_revisions`, one working document per story (its `_id` is
 * the story's id): a new story's first draft, or the next revision of a published one. While a
 * revision is written and reviewed, readers keep the published one; approval replaces the
 * story with the revision and deletes the working document in one transaction.
 */
import type { ContentBlock, Id, Millis, Story, StoryRevision, StoryRevisionState } from '@contract';

export type StoryAction = 'save' | 'submit' | 'withdraw' | 'approve' | 'return';

/** Which role performs an action, over the story's unit subtree. */
export const ACTION_ROLE: Record<StoryAction, 'editor' | 'reviewer'> = {
  save: 'editor',
  submit: 'editor',
  withdraw: 'editor',
  approve: 'reviewer',
  return: 'reviewer',
};

/** `approved` is not stored: an approved revision becomes the story and its working copy is deleted. */
export type StoryRevisionOutcome = StoryRevisionState | 'approved';

const TRANSITIONS: Record<StoryRevisionState, Partial<Record<StoryAction, StoryRevisionOutcome>>> = {
  // Saving a returned draft keeps it "returned" so the reviewer's comment stays in view until resubmission.
  draft: { save: 'draft', submit: 'in_review' },
  returned: { save: 'returned', submit: 'in_review' },
  // A revision under review is frozen: the reviewer decides on what they read.
  in_review: { withdraw: 'draft', approve: 'approved', return: 'returned' },
};

export type TransitionResult = { ok: true; next: StoryRevisionOutcome } | { ok: false; reason: string };

export function storyTransition(state: StoryRevisionState, action: StoryAction): TransitionResult {
  const next = TRANSITIONS[state]?.[action];
  if (next === undefined) return { ok: false, reason: `cannot ${action} a revision that is ${state}` };
  return { ok: true, next };
}


/** How a story's membership in campaigns and exemplars changes when a revision is approved. */
export interface CountDeltas {
  campaigns: Map<Id, number>;
  exemplars: Map<Id, number>;
}

function addDelta(map: Map<Id, number>, id: Id, by: number): void {
  const v = (map.get(id) ?? 0) + by;
  if (v === 0) map.delete(id);
  else map.set(id, v);
}

/**
 * The count changes approval or a take-down causes: a story counts once for its campaign and
 * once for each linked exemplar while it is published. Moving it between campaigns or relinking
 * exemplars moves the counts; re-approving with the same links changes nothing; approving a
 * story that was taken down counts it again. `after` null: the story leaves public view (taken
 * down), so whatever it counted for counts one less.
 */
export function countDeltas(before: Pick<Story, 'campaignId' | 'exemplarIds' | 'state'> | null, after: Pick<Story, 'campaignId' | 'exemplarIds'> | null): CountDeltas {
  const campaigns = new Map<Id, number>();
  const exemplars = new Map<Id, number>();
  const counted = before !== null && before.state === 'published';
  if (counted && before.campaignId) addDelta(campaigns, before.campaignId, -1);
  if (after?.campaignId) addDelta(campaigns, after.campaignId, 1);
  if (counted) for (const id of new Set(before.exemplarIds)) addDelta(exemplars, id, -1);
  if (after) for (const id of new Set(after.exemplarIds)) addDelta(exemplars, id, 1);
  return { campaigns, exemplars };
}

/** Who may take a published story down (撤回): a reviewer or an admin over its unit. */
export const TAKE_DOWN_ROLES = ['reviewer', 'admin'] as const;

export type TakeDownCheck = { ok: true } | { ok: false; reason: 'story_already_withdrawn'; message: string };

/** Only a published story can be taken down; one already taken down is said so. */
export function takeDownCheck(story: Pick<Story, 'state'>): TakeDownCheck {
  if (story.state === 'published') return { ok: true };
  return { ok: false, reason: 'story_already_withdrawn', message: `the story is ${story.state}, not published` };
}

/**
 * The story once taken down: out of public view (`withdrawn`), with who did it, when and why.
 * Everything else stays, so a new revision approved later publishes it again (approvedStory),
 * with its counters, its place in the feed and — unless it was deleted — its article link.
 */
export function takenDownStory(story: Story, withdrawal: NonNullable<Story['withdrawal']>): Omit<Story, '_id'> {
  const { _id: _ignored, ...rest } = story;
  return { ...rest, state: 'withdrawn', updatedAt: withdrawal.at, withdrawal };
}

/** First paragraph text, cut for a card, when the editor left the summary empty. */
export function summaryFrom(blocks: readonly ContentBlock[], max = 80): string {
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      const text = b.spans.map((s) => s.text).join('').trim();
      if (text.length === 0) continue;
      return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
    }
  }
  return '';
}

/**
 * The story readers will see once `revision` is approved at `now`. Engagement counters and the
 * official-account article of the published story carry over; the first approval sets
 * `publishedAt`, later ones keep it so an edit does not push an old story to the top of the feed.
 */
export function approvedStory(before: Story | null, revision: StoryRevision, code: string, now: Millis): Omit<Story, '_id'> {
  const out: Omit<Story, '_id'> = {
    code: before?.code ?? code,
    title: revision.title,
    summary: revision.summary.trim().length > 0 ? revision.summary : summaryFrom(revision.blocks),
    cover: revision.cover,
    campaignId: revision.campaignId,
    exemplarIds: [...new Set(revision.exemplarIds)],
    unitId: revision.unitId,
    unitPath: revision.unitPath,
    author: revision.author,
    blocks: revision.blocks,
    state: 'published',
    revision: revision.revision,
    publishedAt: before?.publishedAt ?? now,
    createdAt: before?.createdAt ?? revision.createdAt,
    updatedAt: now,
    likeCount: before?.likeCount ?? 0,
    viewCount: before?.viewCount ?? 0,
    shareCount: before?.shareCount ?? 0,
    article: before?.article ?? null,
  };
  if (before?.shareByChannel) out.shareByChannel = before.shareByChannel;
  return out;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A story's short code from a hash of its id: stable under retries, 8 unambiguous characters. */
export function storyCodeFrom(hashHex: string): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const byte = parseInt(hashHex.slice(i * 2, i * 2 + 2), 16);
    out += CODE_ALPHABET[(Number.isNaN(byte) ? 0 : byte) % CODE_ALPHABET.length];
  }
  return out;
}
