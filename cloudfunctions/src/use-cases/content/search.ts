/**
 * `content.search`: published stories and public exemplars by any part of a title, a name, a
 * unit, an honour or a campaign, or by the pinyin initials of a name (domain/search.ts).
 *
 * Each group reads ONE indexed equality — the query's rarest-looking key, `{ searchKeys: key,
 * state: 'published' }` — in its list order (stories newest first, exemplars by rank; indexes
 * `stories.search` and `exemplars.search`), in keyset ranges, and checks every candidate in
 * memory: visible to the public (a story published; an exemplar published, a person only with
 * consent that counts), and matching every term of the query on its actual text. A story found
 * by a linked person's name is shown only while that person is public: their names are not
 * stored in the story's text but read live, so a withdrawn consent hides the link at once.
 *
 * Reading stops when the page and its look-ahead are full, or when the read budget is spent:
 * at most READS_MAX reads and ROWS_MAX candidates per group and request. A page cut short by
 * the budget still answers `next` (after the last candidate read), so the reader can go on;
 * `next` is null only when the index has nothing further.
 */
import type { ExemplarHit, Id, SearchGroup, SearchResult, StoryHit } from '@contract';
import { SEARCH_LIMITS } from '@contract';
import type { Cloud, Filter, Query, Queryable } from '../../adapters/cloud';
import { encodeCursor, type Cursor } from '../../domain/cursor';
import { firstRange, nextRange, type KeysetRange } from '../../domain/paging';
import { EXEMPLAR_CARD_FIELDS, EXEMPLAR_REF_FIELDS, STORY_CARD_FIELDS, toStoryCard, type ExemplarCardRow, type StoryCardRow } from '../../domain/projections';
import { matchSearch, parseQuery, shorterQueries, storedSegments, type SearchQuery, type SearchSegment } from '../../domain/search';
import { isPublicExemplar, isPublicStory } from '../../domain/visibility';
import type { Deps } from '../../lib/context';
import { requestCursor } from '../../lib/cursor';
import { isFailure, ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { cardJoins } from './cards';
import { exemplarCards } from './cards';

/** Database reads per group and request, at most. */
export const READS_MAX = 4;
/** Candidates read per group and request, at most (the cloud answers up to 1000 rows a read; these stay small). */
export const ROWS_MAX = 400;
/** Candidates per read after the first, which asks only for the page and its look-ahead. */
const BATCH = 100;
/** Shorter queries tried for suggestions, at most (each costs a small read per group). */
const PROBES_MAX = 4;
/** Candidates a suggestion probe reads per group. */
const PROBE_ROWS = 20;

type Ctx = Pick<Deps, 'cloud' | 'hashHex' | 'now'>;

interface Candidate<R> {
  row: R;
  sortValue: number;
}

interface GroupRead<D, R extends { _id: Id }> {
  /** The collection, narrowed with `.select()` to what cards and matching need. */
  source: () => Query<D, R>;
  sortField: 'publishedAt' | 'rank';
  /** The matches among rows read (in order), with their highlight. */
  verify: (rows: R[]) => Promise<(Hit<R> | null)[]>;
}

interface Hit<R> {
  row: R;
  highlight: StoryHit['highlight'];
}

/** The query of one keyset range over `{ searchKeys: key, state: 'published' }`, list order. */
function rangeQuery<D, R extends { _id: Id }>(c: Cloud, read: GroupRead<D, R>, key: string, range: KeysetRange): Query<D, R> {
  const _ = c.command;
  const base: Record<string, unknown> = { searchKeys: key, state: 'published' };
  const field = read.sortField as keyof D & string;
  const byId = '_id' as keyof D & string;
  const q = read.source();
  switch (range.kind) {
    case 'head':
      return q.where(base as Filter<D>).orderBy(field, 'desc').orderBy(byId, 'desc').limit(range.take);
    case 'tie':
      return q.where({ ...base, [field]: range.sortValue, _id: _.lt(range.idBelow) } as Filter<D>).orderBy(byId, 'desc').limit(range.take);
    case 'below':
      return q.where({ ...base, [field]: _.lt(range.sortValue) } as Filter<D>).orderBy(field, 'desc').orderBy(byId, 'desc').limit(range.take);
  }
}

/**
 * Matches after `cursor`, up to `limit` shown plus one look-ahead, within the read budget
 * (`rowsMax`); `next` as the module header says.
 */
async function searchGroup<D, R extends { _id: Id }>(
  c: Cloud,
  read: GroupRead<D, R>,
  key: string,
  cursor: Cursor | null,
  limit: number,
  rowsMax = ROWS_MAX,
): Promise<{ hits: Hit<R>[]; next: string | null }> {
  const want = limit + 1;
  const hits: Hit<R>[] = [];
  let range: KeysetRange | null = firstRange(cursor, limit);
  let reads = 0;
  let examined = 0;
  let lastRead: Candidate<R> | null = null;
  while (range && reads < READS_MAX && examined < rowsMax) {
    const take: number = Math.min(range.take, rowsMax - examined);
    const rows: R[] = await rangeQuery(c, read, key, { ...range, take }).get();
    reads++;
    examined += rows.length;
    // A row without a sort value has no place a cursor could name (the visibility rules hide such rows anyway).
    const placed = rows.filter((r) => typeof (r as Record<string, unknown>)[read.sortField] === 'number');
    const verdicts = await read.verify(placed);
    for (let i = 0; i < placed.length && hits.length < want; i++) {
      const row = placed[i]!;
      lastRead = { row, sortValue: (row as Record<string, unknown>)[read.sortField] as number };
      const hit = verdicts[i];
      if (hit) hits.push(hit);
    }
    if (hits.length >= want) break;
    const keyset = placed.map((r) => ({ sortValue: (r as Record<string, unknown>)[read.sortField] as number, id: r._id }));
    const after: KeysetRange | null = nextRange({ ...range, take }, keyset, want - hits.length);
    range = after ? { ...after, take: Math.max(after.take, BATCH) } : null;
  }
  const sortOf = (r: R) => (r as Record<string, unknown>)[read.sortField] as number;
  if (hits.length > limit) {
    const last = hits[limit - 1]!;
    return { hits: hits.slice(0, limit), next: encodeCursor(sortOf(last.row), last.row._id) };
  }
  // Out of budget with more to read: continue after the last candidate read. Nothing further: null.
  const next = range && lastRead ? encodeCursor(lastRead.sortValue, lastRead.row._id) : null;
  return { hits, next };
}

// ------------------------------------------------------------------ stories

type StoryRow = StoryCardRow & { searchText?: string[] };

function storyRead(c: Cloud, query: SearchQuery): GroupRead<Queryable<'stories'>, StoryRow> {
  return {
    source: () => c.collection('stories').select([...STORY_CARD_FIELDS, 'searchText']),
    sortField: 'publishedAt',
    verify: async (rows) => {
      const shown = rows.map((r) => (isPublicStory(r) ? r : null));
      const verdicts = shown.map((r) => (r ? matchSearch(query, storedSegments(r.searchText)) : null));
      // Not matched on its own text: maybe by a linked person's name, read live (public ones only).
      const pending = shown.flatMap((r, i) => (r && !verdicts[i] && r.exemplarIds.length > 0 ? [i] : []));
      if (pending.length === 0) return verdicts.map((h, i) => (h ? { row: rows[i]!, highlight: h } : null));
      const people = await byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, pending.flatMap((i) => rows[i]!.exemplarIds));
      for (const i of pending) {
        const row = rows[i]!;
        const named: SearchSegment[] = row.exemplarIds.flatMap((id) => {
          const e = people.get(id);
          return e && isPublicExemplar(e) ? [{ field: 'exemplar' as const, text: e.name, person: e.kind === 'individual' }] : [];
        });
        if (named.length > 0) verdicts[i] = matchSearch(query, [...storedSegments(row.searchText), ...named]);
      }
      return verdicts.map((h, i) => (h ? { row: rows[i]!, highlight: h } : null));
    },
  };
}

async function storyGroup(ctx: Ctx, query: SearchQuery, cursor: Cursor | null, limit: number): Promise<SearchGroup<StoryHit>> {
  const c = ctx.cloud();
  const { hits, next } = await searchGroup(c, storyRead(c, query), query.driverKey, cursor, limit);
  const joins = await cardJoins(ctx, hits.map((h) => h.row));
  return { items: hits.map((h) => ({ card: toStoryCard(h.row, joins), highlight: h.highlight })), next };
}

// ------------------------------------------------------------------ exemplars

type ExemplarRow = ExemplarCardRow & { searchText?: string[] };

function exemplarRead(c: Cloud, query: SearchQuery): GroupRead<Queryable<'exemplars'>, ExemplarRow> {
  return {
    source: () => c.collection('exemplars').select([...EXEMPLAR_CARD_FIELDS, 'searchText']),
    sortField: 'rank',
    // EXEMPLAR_CARD_FIELDS carries name, kind, state and consent: what isPublicExemplar decides on.
    verify: async (rows) =>
      rows.map((r) => {
        if (!isPublicExemplar(r)) return null;
        const h = matchSearch(query, storedSegments(r.searchText));
        return h ? { row: r, highlight: h } : null;
      }),
  };
}

async function exemplarGroup(ctx: Ctx, query: SearchQuery, cursor: Cursor | null, limit: number): Promise<SearchGroup<ExemplarHit>> {
  const c = ctx.cloud();
  const { hits, next } = await searchGroup(c, exemplarRead(c, query), query.driverKey, cursor, limit);
  const cards = await exemplarCards(ctx, hits.map((h) => h.row));
  return { items: hits.map((h, i) => ({ card: cards[i]!, highlight: h.highlight })), next };
}

// ------------------------------------------------------------------ suggestions

/** Whether anything at all matches `q` (a short probe of each group). */
async function matchesAnything(c: Cloud, q: string): Promise<boolean> {
  const query = parseQuery(q);
  if (!query) return false;
  const [stories, exemplars] = await Promise.all([
    searchGroup(c, storyRead(c, query), query.driverKey, null, 1, PROBE_ROWS),
    searchGroup(c, exemplarRead(c, query), query.driverKey, null, 1, PROBE_ROWS),
  ]);
  return stories.hits.length > 0 || exemplars.hits.length > 0;
}

/**
 * What to offer when a search found nothing: shorter parts of the query that do find something,
 * then the campaigns readers see, then the best-ranked public exemplars of the major library.
 */
async function suggestionsFor(c: Cloud, query: SearchQuery | null): Promise<string[]> {
  const _ = c.command;
  const shorter = query ? shorterQueries(query).slice(0, PROBES_MAX) : [];
  const [found, campaigns, major] = await Promise.all([
    Promise.all(shorter.map(async (q) => ((await matchesAnything(c, q)) ? q : null))),
    // Served by campaigns.order (a small collection): listed ones only, as content.campaigns lists them.
    c.collection('campaigns').select(['name', 'storyCount', 'archived']).where({ storyCount: _.gt(0), archived: _.neq(true) }).orderBy('order', 'asc').limit(20).get(),
    // Served by exemplars.library.
    c.collection('exemplars').select(EXEMPLAR_REF_FIELDS).where({ state: 'published', tier: 'major' }).orderBy('rank', 'desc').orderBy('_id', 'desc').limit(20).get(),
  ]);
  const out = [
    ...found.filter((q): q is string => q !== null),
    ...campaigns.map((k) => k.name),
    ...major.filter(isPublicExemplar).slice(0, 4).map((e) => e.name),
  ];
  return [...new Set(out)].filter((s) => s !== query?.normalized).slice(0, SEARCH_LIMITS.suggestionsMax);
}

// ------------------------------------------------------------------ the action

export const search: UseCase<'content', 'search'> = async (req, ctx) => {
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const kind = req.kind ?? 'all';
  const query = parseQuery(req.q);
  const c = ctx.cloud();
  const empty = { items: [], next: null };
  if (!query) {
    // Only punctuation: nothing to look for, but somewhere to go.
    const result: SearchResult = { q: req.q, stories: kind === 'exemplar' ? null : empty, exemplars: kind === 'story' ? null : empty, suggestions: await suggestionsFor(c, null) };
    return ok(result);
  }
  const [stories, exemplars] = await Promise.all([
    kind === 'exemplar' ? null : storyGroup(ctx, query, cursor, req.limit ?? SEARCH_LIMITS.stories),
    kind === 'story' ? null : exemplarGroup(ctx, query, cursor, req.limit ?? SEARCH_LIMITS.exemplars),
  ]);
  const nothing = [stories, exemplars].every((g) => g === null || (g.items.length === 0 && g.next === null));
  const suggestions = !cursor && nothing ? await suggestionsFor(c, query) : [];
  const result: SearchResult = { q: query.normalized, stories, exemplars, suggestions };
  return ok(result);
};
