/**
 * Reading actions of the `content` function: the feed, campaigns, stories, the libraries,
 * profiles and the unit tree. Everything here is public reading, so every query carries the
 * visibility rule (published only; an individual needs consent) and every answer is a view
 * built from projected fields, with media resolved in one batched URL call per response.
 */
import { PAGE_SIZE } from '@contract';
import type { ExemplarCard, FileId, Id, StoryCard } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { decodeCursor, type Cursor } from '../../domain/cursor';
import { groupHonors, HONOR_FIELDS } from '../../domain/honors';
import {
  blockFileIds,
  CAMPAIGN_CARD_FIELDS,
  CAMPAIGN_REF_FIELDS,
  EXEMPLAR_CARD_FIELDS,
  EXEMPLAR_PROFILE_FIELDS,
  EXEMPLAR_REF_FIELDS,
  storyCardNeeds,
  STORY_CARD_FIELDS,
  STORY_DETAIL_FIELDS,
  toCampaignCard,
  toExemplarCard,
  toExemplarProfile,
  toStoryCard,
  toStoryDetail,
  UNIT_LIST_FIELDS,
  UNIT_REF_FIELDS,
  type Joins,
  type StoryCardRow,
} from '../../domain/projections';
import { isPublicExemplar, isPublicStory } from '../../domain/visibility';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';

/** The cloud DB returns at most 1000 rows per query; the small reference collections fit. */
const MAX_ROWS = 1000;

type CursorCheck = { ok: true; cursor: Cursor | null } | { ok: false; error: ReturnType<typeof fail>['error'] };

/** The schema checked the cursor's shape; this checks that it decodes to a position we could have issued. */
function readCursor(raw: string | null | undefined): CursorCheck {
  if (raw === null || raw === undefined) return { ok: true, cursor: null };
  const cursor = decodeCursor(raw);
  if (!cursor) return { ok: false, error: fail('INVALID_ARGUMENT', 'invalid cursor', [{ path: 'cursor', message: 'not a cursor this server issued' }]).error };
  return { ok: true, cursor };
}

export function contentActions(getCloud: () => Cloud): ActionTable<'content'> {
  /**
   * Everything a set of story cards needs, joined with one `_.in` query per collection and
   * one URL call for all covers plus `extraFiles` (a campaign cover, a profile photo, the
   * images of a story) so a response costs one storage round trip.
   */
  async function joinsFor(rows: readonly StoryCardRow[], extra: { files?: FileId[]; unitIds?: Id[] } = {}): Promise<Joins> {
    const c = getCloud();
    const needs = storyCardNeeds(rows);
    const [campaigns, units, exemplars] = await Promise.all([
      byIds(() => c.collection('campaigns').select(CAMPAIGN_REF_FIELDS), c.command, needs.campaignIds),
      byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, [...needs.unitIds, ...(extra.unitIds ?? [])]),
      byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, needs.exemplarIds),
    ]);
    const publicExemplars = new Map([...exemplars].filter(([, e]) => isPublicExemplar(e)));
    const urls = await c.tempUrls([...needs.fileIds, ...(extra.files ?? [])]);
    return { campaigns, units, exemplars: publicExemplars, urls };
  }

  async function storyPage(filter: { state: 'published'; campaignId?: Id }, cursor: Cursor | null, limit: number, extraFiles: FileId[] = []) {
    const c = getCloud();
    const page = await readKeysetPage({
      source: () => c.collection('stories').select(STORY_CARD_FIELDS),
      filter,
      sortField: 'publishedAt',
      cursor,
      limit,
      cmd: c.command,
      keep: isPublicStory,
    });
    const joins = await joinsFor(page.rows, { files: extraFiles });
    return { items: page.rows.map((r) => toStoryCard(r, joins)), next: page.next, urls: joins.urls };
  }

  return {
    async feed(req) {
      const cursor = readCursor(req.cursor);
      if (!cursor.ok) return { ok: false, error: cursor.error };
      const page = await storyPage({ state: 'published' }, cursor.cursor, req.limit ?? PAGE_SIZE.feed);
      return ok({ items: page.items, next: page.next });
    },

    async campaignFeed(req) {
      const cursor = readCursor(req.cursor);
      if (!cursor.ok) return { ok: false, error: cursor.error };
      const c = getCloud();
      const campaign = await c.collection('campaigns').doc(req.campaignId).select(CAMPAIGN_CARD_FIELDS).get();
      if (!campaign) return fail('NOT_FOUND', `campaign ${req.campaignId} not found`);
      const page = await storyPage(
        { campaignId: campaign._id, state: 'published' },
        cursor.cursor,
        req.limit ?? PAGE_SIZE.feed,
        campaign.cover ? [campaign.cover] : [],
      );
      return ok({ items: page.items, next: page.next, campaign: toCampaignCard(campaign, page.urls) });
    },

    async campaigns() {
      const c = getCloud();
      const rows = await c.collection('campaigns').select(CAMPAIGN_CARD_FIELDS).where({}).orderBy('order', 'asc').limit(MAX_ROWS).get();
      const urls = await c.tempUrls(rows.flatMap((r) => (r.cover ? [r.cover] : [])));
      return ok({ items: rows.map((r) => toCampaignCard(r, urls)) });
    },

    async story(req) {
      const c = getCloud();
      const row = await c.collection('stories').doc(req.id).select(STORY_DETAIL_FIELDS).get();
      // A draft answers exactly like a story that does not exist: its existence is not public.
      if (!row || !isPublicStory(row)) return fail('NOT_FOUND', `story ${req.id} not found`);
      const joins = await joinsFor([row], { files: blockFileIds(row.blocks) });
      return ok(toStoryDetail(row, joins));
    },

    async exemplars(req) {
      const cursor = readCursor(req.cursor);
      if (!cursor.ok) return { ok: false, error: cursor.error };
      const c = getCloud();
      const filter: { state: 'published'; tier: typeof req.tier; kind?: typeof req.kind; category?: typeof req.category; unitPath?: Id } = {
        state: 'published',
        tier: req.tier,
      };
      if (req.unitId) filter.unitPath = req.unitId;
      if (req.kind) filter.kind = req.kind;
      if (req.category) filter.category = req.category;
      const page = await readKeysetPage({
        source: () => c.collection('exemplars').select(EXEMPLAR_CARD_FIELDS),
        filter,
        sortField: 'rank',
        cursor: cursor.cursor,
        limit: req.limit ?? PAGE_SIZE.exemplars,
        cmd: c.command,
        keep: isPublicExemplar,
      });
      const [units, urls] = await Promise.all([
        byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, page.rows.map((r) => r.unitId)),
        c.tempUrls(page.rows.flatMap((r) => (r.photo ? [r.photo] : []))),
      ]);
      const items: ExemplarCard[] = page.rows.map((r) => toExemplarCard(r, units, urls));
      return ok({ items, next: page.next });
    },

    async profile(req) {
      const c = getCloud();
      const row = await c.collection('exemplars').doc(req.id).select(EXEMPLAR_PROFILE_FIELDS).get();
      if (!row || !isPublicExemplar(row)) return fail('NOT_FOUND', `exemplar ${req.id} not found`);
      const [honors, storyRows] = await Promise.all([
        c.collection('honors').select(HONOR_FIELDS).where({ exemplarId: row._id }).orderBy('date', 'desc').limit(MAX_ROWS).get(),
        c
          .collection('stories')
          .select(STORY_CARD_FIELDS)
          .where({ exemplarIds: row._id, state: 'published' })
          .orderBy('publishedAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(PAGE_SIZE.profileStories)
          .get(),
      ]);
      const shown = storyRows.filter(isPublicStory);
      const joins = await joinsFor(shown, { files: row.photo ? [row.photo] : [], unitIds: [row.unitId] });
      const stories: StoryCard[] = shown.map((r) => toStoryCard(r, joins));
      return ok(toExemplarProfile(row, groupHonors(honors), stories, joins.units, joins.urls));
    },

    async resolveCode(req) {
      const c = getCloud();
      // Served by the unique `code` index; a draft's code resolves to nothing, like an unknown one.
      const rows = await c.collection('stories').select(['code', 'state', 'publishedAt']).where({ code: req.code }).limit(1).get();
      const row = rows[0];
      if (!row || !isPublicStory(row)) return fail('NOT_FOUND', `no published story has code ${req.code}`);
      return ok({ storyId: row._id });
    },

    async units() {
      const c = getCloud();
      const rows = await c.collection('units').select(UNIT_LIST_FIELDS).where({}).orderBy('order', 'asc').limit(MAX_ROWS).get();
      return ok({
        items: rows.map((u) => ({ _id: u._id, name: u.name, shortName: u.shortName, level: u.level, parentId: u.parentId })),
      });
    },
  };
}
