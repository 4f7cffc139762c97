/**
 * The `engagement` function: likes (stories) and salutes (exemplars), the caller's like state,
 * views, shares, poster codes and "my likes".
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
import type { Exemplar, Id, LikeState, ShareTarget, Story, StoryCard } from '@contract';
import { PAGE_SIZE } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import type { CounterCollection, EngagementDb } from '../../adapters/engagement-db';
import { decodeCursor, encodeCursor, type Cursor } from '../../domain/cursor';
import {
  counterDelta,
  likeId,
  POSTER_PAGE,
  posterCodePath,
  posterScene,
  rateWindow,
  SET_LIKE_POLICY,
  SHARE_POLICY,
  shanghaiDay,
  shareChannelField,
  shownCount,
  viewId,
  type EnvVersion,
  type HashHex,
  type LikeWrite,
  type RatePolicy,
  type Target,
} from '../../domain/engagement';
import {
  CAMPAIGN_REF_FIELDS,
  EXEMPLAR_REF_FIELDS,
  STORY_CARD_FIELDS,
  storyCardNeeds,
  toStoryCard,
  UNIT_REF_FIELDS,
  type Joins,
  type StoryCardRow,
} from '../../domain/projections';
import { isPublicExemplar, isPublicStory } from '../../domain/visibility';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';

export interface EngagementDeps {
  cloud: () => Cloud;
  db: () => EngagementDb;
  hashHex: HashHex;
  now: () => number;
  /** POSTER_ENV_VERSION of the deployment: which mini-program version poster codes open. */
  envVersion: () => EnvVersion;
}

/** A poster code this wide (px) prints sharply on a 750 px poster. */
const POSTER_CODE_WIDTH = 430;
/** myLikes reads at most this many like records per page, whatever was unpublished meanwhile. */
const MY_LIKES_SCAN = 200;

const STORY_TARGET_FIELDS = ['state', 'publishedAt', 'likeCount'] as const satisfies readonly (keyof Story)[];
const EXEMPLAR_TARGET_FIELDS = ['state', 'kind', 'consent', 'saluteCount'] as const satisfies readonly (keyof Exemplar)[];

type TargetRow = { _id: Id; count: number | null | undefined };

export function engagementActions(deps: EngagementDeps): ActionTable<'engagement'> {
  function caller() {
    return deps.cloud().identity().openid;
  }
  const unauthenticated = () => fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
  const notFound = (t: Target) => fail('NOT_FOUND', `${t.kind} ${t.id} not found`);

  /** Counts this call in the caller's window; false when the window is already full. */
  async function admit(scope: string, openid: string, policy: RatePolicy): Promise<boolean> {
    const w = rateWindow(scope, openid, deps.now(), policy, deps.hashHex);
    return deps.db().admitCall(w.id, w.expiresAt, policy.limit);
  }

  /** The target if the public may see it, with its counter; null for drafts, hidden or missing ones. */
  async function publicTarget(t: Target): Promise<TargetRow | null> {
    const c = deps.cloud();
    if (t.kind === 'story') {
      const row = await c.collection('stories').doc(t.id).select(STORY_TARGET_FIELDS).get();
      return row && isPublicStory(row) ? { _id: row._id, count: row.likeCount } : null;
    }
    const row = await c.collection('exemplars').doc(t.id).select(EXEMPLAR_TARGET_FIELDS).get();
    return row && isPublicExemplar(row) ? { _id: row._id, count: row.saluteCount } : null;
  }

  /** Where a share of `t` is counted, if the public may see it; null for drafts, hidden or missing ones. */
  async function publicShareCollection(t: ShareTarget): Promise<CounterCollection | null> {
    if (t.kind === 'campaign') {
      // Campaigns have no publish state: content.campaignFeed shows every existing one.
      const row = await deps.cloud().collection('campaigns').doc(t.id).select(['_id']).get();
      return row ? 'campaigns' : null;
    }
    return (await publicTarget({ kind: t.kind, id: t.id })) ? (t.kind === 'story' ? 'stories' : 'exemplars') : null;
  }

  async function publicStoryCounters(id: Id): Promise<Pick<Story, '_id' | 'code' | 'viewCount' | 'shareCount'> | null> {
    const row = await deps.cloud().collection('stories').doc(id).select(['state', 'publishedAt', 'code', 'viewCount', 'shareCount']).get();
    return row && isPublicStory(row) ? row : null;
  }

  async function storyJoins(rows: readonly StoryCardRow[]): Promise<Joins> {
    const c = deps.cloud();
    const needs = storyCardNeeds(rows);
    const [campaigns, units, exemplars] = await Promise.all([
      byIds(() => c.collection('campaigns').select(CAMPAIGN_REF_FIELDS), c.command, needs.campaignIds),
      byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, needs.unitIds),
      byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, needs.exemplarIds),
    ]);
    const urls = await c.tempUrls(needs.fileIds);
    return { campaigns, units, exemplars: new Map([...exemplars].filter(([, e]) => isPublicExemplar(e))), urls };
  }

  return {
    async setLike(req) {
      const openid = caller();
      if (!openid) return unauthenticated();
      const target: Target = { kind: req.target.kind, id: req.target.id };
      // Before any read: a refused call must cost little and change nothing the user can see.
      if (!(await admit('like', openid, SET_LIKE_POLICY))) return fail('RATE_LIMITED', 'too many likes in a short time; try again shortly');
      const row = await publicTarget(target);
      if (!row) return notFound(target);
      const db = deps.db();
      const id = likeId(target, openid, deps.hashHex);
      let write: LikeWrite;
      if (req.liked) {
        write = { kind: await db.insertOnce('likes', { _id: id, openid, target, at: deps.now() }) };
      } else {
        write = { kind: await db.removeLike(id) };
      }
      const delta = counterDelta(write);
      if (delta !== 0) {
        const field = target.kind === 'story' ? 'likeCount' : 'saluteCount';
        await db.bump(target.kind === 'story' ? 'stories' : 'exemplars', target.id, { [field]: delta });
      }
      // The count as read before our write, moved by our own delta: no extra read-back on the
      // hottest path. Under a storm every count is a moment's snapshot anyway; the user's own
      // state (liked) is exact, and the next status or page load shows the settled count.
      const before = typeof row.count === 'number' ? row.count : 0;
      const state: LikeState = { target, liked: req.liked, count: shownCount(before + delta, req.liked) };
      return ok(state);
    },

    async status(req) {
      const openid = caller();
      if (!openid) return unauthenticated();
      const c = deps.cloud();
      const storyIds = req.targets.filter((t) => t.kind === 'story').map((t) => t.id);
      const exemplarIds = req.targets.filter((t) => t.kind === 'exemplar').map((t) => t.id);
      const [stories, exemplars] = await Promise.all([
        byIds(() => c.collection('stories').select(STORY_TARGET_FIELDS), c.command, storyIds),
        byIds(() => c.collection('exemplars').select(EXEMPLAR_TARGET_FIELDS), c.command, exemplarIds),
      ]);
      // Targets the public cannot see are left out, exactly as if they did not exist.
      const visible: { target: Target; count: number | null | undefined }[] = [];
      const seen = new Set<string>();
      for (const t of req.targets) {
        const key = `${t.kind}\n${t.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (t.kind === 'story') {
          const s = stories.get(t.id);
          if (s && isPublicStory(s)) visible.push({ target: { kind: t.kind, id: t.id }, count: s.likeCount });
        } else {
          const e = exemplars.get(t.id);
          if (e && isPublicExemplar(e)) visible.push({ target: { kind: t.kind, id: t.id }, count: e.saluteCount });
        }
      }
      const ids = visible.map((v) => likeId(v.target, openid, deps.hashHex));
      const liked = await deps.db().likedAmong(ids);
      const items: LikeState[] = visible.map((v, i) => {
        const isLiked = liked.has(ids[i] as Id);
        return { target: v.target, liked: isLiked, count: shownCount(v.count, isLiked) };
      });
      return ok({ items });
    },

    async view(req) {
      const openid = caller();
      if (!openid) return unauthenticated();
      const story = await publicStoryCounters(req.storyId);
      if (!story) return notFound({ kind: 'story', id: req.storyId });
      const at = deps.now();
      const db = deps.db();
      const inserted = await db.insertOnce('views', { _id: viewId(story._id, openid, at, deps.hashHex), storyId: story._id, day: shanghaiDay(at), at });
      if (inserted === 'duplicate') return ok({ counted: false, viewCount: Math.max(0, story.viewCount ?? 0) });
      const after = await db.increment('stories', story._id, { viewCount: 1 });
      return ok({ counted: true, viewCount: Math.max(1, Number(after?.viewCount ?? 1)) });
    },

    async share(req) {
      const openid = caller();
      if (!openid) return unauthenticated();
      if (!(await admit('share', openid, SHARE_POLICY))) return fail('RATE_LIMITED', 'too many shares in a short time');
      const { target } = req;
      const collection = await publicShareCollection(target);
      if (!collection) return fail('NOT_FOUND', `${target.kind} ${target.id} not found`);
      // One atomic update moves the total and the channel together; null: deleted since the check.
      const after = await deps.db().increment(collection, target.id, { shareCount: 1, [shareChannelField(req.channel)]: 1 });
      if (!after) return fail('NOT_FOUND', `${target.kind} ${target.id} not found`);
      return ok({ shareCount: Math.max(1, Number(after.shareCount ?? 1)) });
    },

    async posterCode(req) {
      const openid = caller();
      if (!openid) return unauthenticated();
      const story = await publicStoryCounters(req.storyId);
      if (!story) return notFound({ kind: 'story', id: req.storyId });
      const db = deps.db();
      const envVersion = deps.envVersion();
      const scene = posterScene(story.code);
      const path = posterCodePath(story.code, envVersion);
      const existing = await db.posterRecord(story._id);
      if (existing && existing.path === path) {
        const url = await db.tempUrl(existing.fileId);
        // A file deleted from storage falls through to a fresh one.
        if (url) return ok({ url, scene, page: POSTER_PAGE });
      }
      let png: Buffer;
      try {
        png = await db.wxacode({ scene, page: POSTER_PAGE, check_path: false, env_version: envVersion, width: POSTER_CODE_WIDTH });
      } catch (e) {
        const code = (e as { errCode?: unknown }).errCode;
        // -1 (busy) and quota errors are transient for the caller; anything else is ours to fix.
        if (code === -1 || code === 45009) return fail('UNAVAILABLE', `wxacode.getUnlimited is busy (${String(code)})`);
        throw e;
      }
      const fileId = await db.upload(path, png);
      await db.savePosterRecord({ _id: story._id, path, fileId, scene, createdAt: deps.now() });
      const url = await db.tempUrl(fileId);
      if (!url) throw new Error(`poster code ${fileId} has no temporary URL right after upload`);
      return ok({ url, scene, page: POSTER_PAGE });
    },

    async myLikes(req) {
      const openid = caller();
      if (!openid) return unauthenticated();
      let cursor: Cursor | null = null;
      if (req.cursor) {
        cursor = decodeCursor(req.cursor);
        if (!cursor) return fail('INVALID_ARGUMENT', 'invalid cursor', [{ path: 'cursor', message: 'not a cursor this server issued' }]);
      }
      const limit = req.limit ?? PAGE_SIZE.feed;
      const want = limit + 1;
      const c = deps.cloud();
      const db = deps.db();
      const kept: { at: number; likeId: Id; story: StoryCardRow }[] = [];
      let scanned = 0;
      let lastScanned: { at: number; id: Id } | null = null;
      let exhausted = false;
      // Likes of stories that were unpublished since are skipped; reading goes on after them,
      // bounded so one page never walks a whole history.
      for (;;) {
        const page = await readKeysetPage({
          source: () => db.likes(),
          filter: { openid, 'target.kind': 'story' },
          sortField: 'at',
          cursor,
          limit: Math.min(want - kept.length, MY_LIKES_SCAN),
          cmd: c.command,
        });
        const stories = await byIds(() => c.collection('stories').select(STORY_CARD_FIELDS), c.command, page.rows.map((r) => r.target.id));
        for (const like of page.rows) {
          scanned++;
          lastScanned = { at: like.at, id: like._id };
          const s = stories.get(like.target.id);
          if (s && isPublicStory(s)) kept.push({ at: like.at, likeId: like._id, story: s });
        }
        if (!page.next) {
          exhausted = true;
          break;
        }
        if (kept.length >= want || scanned >= MY_LIKES_SCAN) break;
        cursor = decodeCursor(page.next);
      }
      const shown = kept.slice(0, limit);
      const last = shown[shown.length - 1];
      let next: string | null = null;
      if (kept.length > limit && last) next = encodeCursor(last.at, last.likeId);
      else if (!exhausted && lastScanned) next = encodeCursor(lastScanned.at, lastScanned.id);
      const joins = await storyJoins(shown.map((k) => k.story));
      const items: StoryCard[] = shown.map((k) => toStoryCard(k.story, joins));
      return ok({ items, next });
    },
  };
}
