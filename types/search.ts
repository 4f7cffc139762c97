/**
 * Search (content.search): what readers find stories and exemplars by, and what a result says
 * about why it matched. Keys and matching: cloudfunctions/src/domain/search.ts.
 */
import type { ExemplarCard, StoryCard } from './views';

/**
 * Where a result matched: a story's title, summary, author, unit, campaign or linked exemplar;
 * an exemplar's name, duty line (`duty`), unit or honour.
 */
export type SearchField = 'title' | 'summary' | 'author' | 'unit' | 'campaign' | 'exemplar' | 'name' | 'duty' | 'honor';

/**
 * A short piece of the text that matched (at most ~36 characters, `…` where it was cut), with
 * the matched parts as [start, end) offsets in UTF-16 code units of `text`. A match by pinyin
 * initials marks the characters whose initials were typed.
 */
export interface SearchHighlight {
  field: SearchField;
  text: string;
  marks: [number, number][];
}

export interface StoryHit {
  card: StoryCard;
  highlight: SearchHighlight;
}

export interface ExemplarHit {
  card: ExemplarCard;
  highlight: SearchHighlight;
}

/**
 * One group of results, newest stories / highest-ranked exemplars first. A page may hold fewer
 * than asked (even none) and still have `next`: each request reads a bounded number of
 * candidates, and `next` continues after the last one read. `next` null: nothing further matches.
 */
export interface SearchGroup<H> {
  items: H[];
  next: string | null;
}

export interface SearchResult {
  /** The query as it was matched (trimmed, normalised: full-width to half-width, lower case). */
  q: string;
  /** null when the request asked only for exemplars. */
  stories: SearchGroup<StoryHit> | null;
  /** null when the request asked only for stories. */
  exemplars: SearchGroup<ExemplarHit> | null;
  /**
   * When a first page found nothing: queries worth trying instead (shorter parts of this one
   * that do match, campaign names, well-known exemplars), at most SEARCH_SUGGESTIONS_MAX;
   * empty otherwise.
   */
  suggestions: string[];
}

/** Search defaults the client and the function agree on. */
export const SEARCH_LIMITS = {
  /** Query length after trimming, in characters. */
  queryMaxChars: 32,
  /** Results per group on the first page of an 'all' search. */
  stories: 10,
  exemplars: 6,
  suggestionsMax: 8,
} as const;
