/**
 * Search keys and matching, pure.
 *
 * Chinese has no spaces between words, so a word index cannot work: a reader types any part of
 * a name or a title ("建军", "特勤站", "天山") and expects it found. Every searchable text is cut
 * into character n-grams instead, stored on the document as `searchKeys` (a multikey index
 * serves "documents holding key K, newest first"):
 *
 * - runs of Chinese (any non-ASCII letter or digit) give their character bigrams, and — in
 *   short fields (titles, names, honours), where a reader types one character and expects
 *   results — their single characters too;
 * - runs of ASCII letters and digits give their prefixes, `a:`-tagged (`a:5`, `a:5g`);
 * - names of people, units and exemplars also give the prefixes of their pinyin initials, in
 *   the same `a:` space (王建军 → `a:w`, `a:wj`, `a:wjj`), read with surname readings for
 *   people (单 shàn, 曾 zēng). One key space serves both because a query of Latin letters is
 *   ambiguous by nature ("wjj" are initials, "ktv" a word): one indexed read answers both,
 *   and matching decides which it was.
 *
 * A query is cut the same way; a document can only match when it holds every key of the
 * query, so the search reads the documents of ONE key (the rarest-looking, `driverKey`) and
 * checks the rest in memory against the document's searchable text (`searchText`, stored
 * with the keys): that check is on the real text, so bigram collisions ("王建" and "建军" in
 * different places of a text that never says 王建军) never show as hits.
 *
 * Text is compared after NFKC (full-width → half-width) and lower-casing, per character, so a
 * match maps back to the original characters for the highlight.
 */
import type { SearchField, SearchHighlight } from '@contract';

type Pinyin = typeof import('pinyin-pro').pinyin;
let pinyinFn: Pinyin | null = null;

/**
 * pinyin-pro, loaded on first use: its dictionary costs ~35 ms to load and ~35 ms to warm, which
 * every function bundling this module would otherwise pay at cold start, whether or not the
 * call at hand reads a single name (content.feed never does).
 */
function firstLetters(text: string, surname: boolean): string[] {
  pinyinFn ??= (require('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  return pinyinFn(text, { pattern: 'first', toneType: 'none', type: 'array', surname: surname ? 'head' : 'off' });
}

// ------------------------------------------------------------------ segments

/** One piece of searchable text and what it is. */
export interface SearchSegment {
  field: SearchField;
  text: string;
  /** A person's name: its first character is read as a surname for the pinyin initials. */
  person?: boolean;
}

/** Names give pinyin initials; long texts give no single characters (too many keys, too weak a hint). */
const NAME_FIELDS: ReadonlySet<SearchField> = new Set<SearchField>(['name', 'unit', 'exemplar']);
const LONG_FIELDS: ReadonlySet<SearchField> = new Set<SearchField>(['summary']);

const FIELD_CODE: Record<SearchField, string> = {
  title: 't',
  summary: 's',
  author: 'a',
  unit: 'u',
  campaign: 'c',
  exemplar: 'e',
  name: 'n',
  duty: 'd',
  honor: 'h',
};
const CODE_FIELD = new Map<string, SearchField>(Object.entries(FIELD_CODE).map(([f, c]) => [c, f as SearchField]));

/** Where a highlight is most telling: the thing's own name and title before where it belongs. */
const FIELD_PRIORITY: readonly SearchField[] = ['name', 'title', 'exemplar', 'honor', 'duty', 'campaign', 'unit', 'author', 'summary'];

/** A segment as stored in `searchText`: a one-letter field code (upper case: a person) and the text on one line. */
export function encodeSegment(s: SearchSegment): string {
  const code = FIELD_CODE[s.field];
  return `${s.person ? code.toUpperCase() : code}${s.text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')}`;
}

export function decodeSegment(stored: string): SearchSegment | null {
  const code = stored.charAt(0);
  const field = CODE_FIELD.get(code.toLowerCase());
  if (!field) return null;
  const seg: SearchSegment = { field, text: stored.slice(1) };
  if (code !== code.toLowerCase()) seg.person = true;
  return seg;
}

// ------------------------------------------------------------------ normalisation

type CharClass = 'h' | 'a' | null;

/** A text compared character by character: normalised characters, each knowing where it came from. */
interface Folded {
  /** Normalised code points. */
  chars: string[];
  /** For each normalised code point, the index of the original code point it came from. */
  origin: number[];
  /** The original code points. */
  source: string[];
}

const ASCII_WORD = /^[a-z0-9]$/;
const OTHER_WORD = /^[\p{L}\p{N}]$/u;

function classOf(ch: string): CharClass {
  if (ASCII_WORD.test(ch)) return 'a';
  if (OTHER_WORD.test(ch)) return 'h';
  return null;
}

function fold(text: string): Folded {
  const source = [...text];
  const chars: string[] = [];
  const origin: number[] = [];
  source.forEach((ch, i) => {
    for (const n of ch.normalize('NFKC').toLowerCase()) {
      chars.push(n);
      origin.push(i);
    }
  });
  return { chars, origin, source };
}

interface Run {
  cls: 'h' | 'a';
  /** Index of the first character in the folded text. */
  start: number;
  chars: string[];
}

function runsOf(chars: readonly string[]): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  chars.forEach((ch, i) => {
    const cls = classOf(ch);
    if (cls === null) {
      cur = null;
      return;
    }
    if (!cur || cur.cls !== cls) {
      cur = { cls, start: i, chars: [] };
      runs.push(cur);
    }
    cur.chars.push(ch);
  });
  return runs;
}

// ------------------------------------------------------------------ pinyin initials

/** Initials prefixes longer than this add keys but no selectivity; longer queries are checked on the text. */
export const ASCII_PREFIX_MAX = 12;
const ASCII_TAG = 'a:';

/**
 * The initials of a name per original character: a Chinese character's first pinyin letter,
 * an ASCII letter or digit itself, anything else a break (null).
 */
function initialsOf(source: readonly string[], person: boolean): (string | null)[] {
  const text = source.join('');
  let letters = firstLetters(text, person);
  // One entry per character is what the library answers; anything else is read character by character.
  if (letters.length !== source.length) letters = source.map((ch) => firstLetters(ch, false)[0] ?? '');
  return source.map((ch, i) => {
    const folded = ch.normalize('NFKC').toLowerCase();
    if (folded.length === 1 && ASCII_WORD.test(folded)) return folded;
    if (!OTHER_WORD.test(ch)) return null;
    const l = (letters[i] ?? '').toLowerCase();
    return /^[a-z]$/.test(l) ? l : null;
  });
}

/**
 * The initials strings a name answers to, each with the original character of every letter:
 * the whole name's, and each part's when separators split it (阿卜杜拉·买买提: abdlmmt, abdl, mmt).
 */
function nameInitials(source: readonly string[], person: boolean): { letters: string; at: number[] }[] {
  const key = `${person ? 'p' : 'n'}${source.join('')}`;
  const known = INITIALS_SEEN.get(key);
  if (known) return known;
  const parts = initialsParts(initialsOf(source, person));
  // Unit names repeat on every document of a subtree: a re-keying walk reads each once.
  if (INITIALS_SEEN.size >= INITIALS_MEMO) INITIALS_SEEN.clear();
  INITIALS_SEEN.set(key, parts);
  return parts;
}

const INITIALS_MEMO = 5000;
const INITIALS_SEEN = new Map<string, { letters: string; at: number[] }[]>();

function initialsParts(per: readonly (string | null)[]): { letters: string; at: number[] }[] {
  const parts: { letters: string; at: number[] }[] = [];
  let cur: { letters: string; at: number[] } | null = null;
  per.forEach((l, i) => {
    if (l === null) {
      cur = null;
      return;
    }
    if (!cur) {
      cur = { letters: '', at: [] };
      parts.push(cur);
    }
    cur.letters += l;
    cur.at.push(i);
  });
  if (parts.length <= 1) return parts;
  const whole = { letters: parts.map((p) => p.letters).join(''), at: parts.flatMap((p) => p.at) };
  return [whole, ...parts];
}

// ------------------------------------------------------------------ document keys

/** The keys one segment contributes. */
function addSegmentKeys(seg: SearchSegment, out: Set<string>): void {
  const long = LONG_FIELDS.has(seg.field);
  const { chars, source } = fold(seg.text);
  for (const run of runsOf(chars)) {
    if (run.cls === 'h') {
      run.chars.forEach((ch, i) => {
        if (!long) out.add(ch);
        const next = run.chars[i + 1];
        if (next !== undefined) out.add(ch + next);
      });
    } else {
      const word = run.chars.join('');
      for (let k = long ? 2 : 1; k <= Math.min(word.length, ASCII_PREFIX_MAX); k++) out.add(ASCII_TAG + word.slice(0, k));
    }
  }
  if (NAME_FIELDS.has(seg.field)) {
    for (const { letters } of nameInitials(source, seg.person === true)) {
      for (let k = 1; k <= Math.min(letters.length, ASCII_PREFIX_MAX); k++) out.add(ASCII_TAG + letters.slice(0, k));
    }
  }
}

/** What a searchable document stores: its keys (indexed, multikey) and the text they were cut from. */
export interface SearchIndex {
  searchKeys: string[];
  searchText: string[];
}

/**
 * The keys of every segment, sorted and each once; `searchText` keeps the segments whose text
 * can be checked from the document alone (`stored`). Segments that must be re-checked when
 * searched (a linked person's name: shown only while they may be) give keys but no text.
 */
export function searchIndexOf(stored: readonly SearchSegment[], keysOnly: readonly SearchSegment[] = []): SearchIndex {
  const keys = new Set<string>();
  for (const s of [...stored, ...keysOnly]) addSegmentKeys(s, keys);
  const text: string[] = [];
  for (const s of stored) if (s.text.trim().length > 0) text.push(encodeSegment(s));
  return { searchKeys: [...keys].sort(), searchText: [...new Set(text)] };
}

/** A unit's names, searchable both ways (天山区特勤消防救援站 / 天山区特勤站). */
export interface UnitNames {
  name: string;
  shortName: string;
}

/**
 * The units a document is searchable by: its own and those above it, except the corps every
 * document is under (its name would be a key of every document and select nothing), unless
 * the document belongs to the corps itself. `path` runs from the corps down.
 */
export function searchUnits<U>(path: readonly U[]): U[] {
  return path.length > 1 ? path.slice(1) : [...path];
}

function unitSegments(units: readonly UnitNames[]): SearchSegment[] {
  return units.flatMap((u) => (u.shortName && u.shortName !== u.name ? [{ field: 'unit' as const, text: u.name }, { field: 'unit' as const, text: u.shortName }] : [{ field: 'unit' as const, text: u.name }]));
}

export interface StorySearchSource {
  title: string;
  summary: string;
  author: string;
  /** Its units from the corps down (searchUnits leaves the corps out). */
  unitPath: readonly UnitNames[];
  campaign: string | null;
  /** The linked exemplars: searchable by name, checked at search time for being public. */
  exemplars: readonly { name: string; kind: 'individual' | 'collective' }[];
}

/** A story's search keys and text: title, summary, author, units, campaign, and its people's names (keys only). */
export function storySearchIndex(src: StorySearchSource): SearchIndex {
  const stored: SearchSegment[] = [
    { field: 'title', text: src.title },
    { field: 'summary', text: src.summary },
    { field: 'author', text: src.author },
    ...unitSegments(searchUnits(src.unitPath)),
  ];
  if (src.campaign) stored.push({ field: 'campaign', text: src.campaign });
  const people = src.exemplars.map((e): SearchSegment => ({ field: 'exemplar', text: e.name, person: e.kind === 'individual' }));
  return searchIndexOf(stored, people);
}

export interface ExemplarSearchSource {
  name: string;
  kind: 'individual' | 'collective';
  /** The duty line or motto. */
  title: string;
  unitPath: readonly UnitNames[];
  honors: readonly string[];
}

/** An exemplar's search keys and text: name, duty line, units and honours. */
export function exemplarSearchIndex(src: ExemplarSearchSource): SearchIndex {
  return searchIndexOf([
    { field: 'name', text: src.name, person: src.kind === 'individual' },
    { field: 'duty', text: src.title },
    ...unitSegments(searchUnits(src.unitPath)),
    // In a fixed order, however the caller listed them: equal keys are equal arrays.
    ...[...new Set(src.honors)].sort().map((h): SearchSegment => ({ field: 'honor', text: h })),
  ]);
}

// ------------------------------------------------------------------ queries

export interface QueryTerm {
  /** 'h': Chinese (any non-ASCII letters and digits), matched as a substring; 'a': ASCII, a word or initials prefix. */
  cls: 'h' | 'a';
  text: string;
}

export interface SearchQuery {
  /** The query as matched: normalised, terms separated by single spaces. */
  normalized: string;
  terms: QueryTerm[];
  /** Every key a matching document holds. */
  keys: string[];
  /** The key whose documents are read: the rarest-looking one. */
  driverKey: string;
}

/**
 * Characters so frequent in this corpus (units, duty lines, story titles) that a key made of
 * them selects little: the query's driver key avoids them when it can.
 */
const COMMON = new Set([...'消防救援站队支大总区市县州新疆中的一了是在和与人年月日有为个上不这到来时地出会也就以下生事迹典型先进优秀模范荣誉称号奖全国自治兵团']);

/** How selective a key looks (higher: fewer documents), from its shape alone. */
function rarity(key: string): number {
  if (key.startsWith(ASCII_TAG)) return Math.min(key.length - ASCII_TAG.length, 6) * 0.6;
  const chars = [...key];
  const common = chars.filter((c) => COMMON.has(c)).length;
  if (chars.length === 1) return common ? 0.1 : 0.8;
  return 3 - common;
}

function termKeys(t: QueryTerm): string[] {
  if (t.cls === 'a') return [ASCII_TAG + t.text.slice(0, ASCII_PREFIX_MAX)];
  const chars = [...t.text];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** A reader's query cut into terms and keys; null when it holds nothing searchable (only punctuation). */
export function parseQuery(q: string): SearchQuery | null {
  const { chars } = fold(q.trim());
  const terms: QueryTerm[] = runsOf(chars).map((r) => ({ cls: r.cls, text: r.chars.join('') }));
  if (terms.length === 0) return null;
  const keys = [...new Set(terms.flatMap(termKeys))];
  let driverKey = keys[0]!;
  for (const k of keys) if (rarity(k) > rarity(driverKey)) driverKey = k;
  return { normalized: terms.map((t) => t.text).join(' '), terms, keys, driverKey };
}

// ------------------------------------------------------------------ matching

/** Characters a highlight shows around the match. */
export const HIGHLIGHT_CHARS = 36;

interface TermHit {
  segment: number;
  /** Original code point indices of the matched characters. */
  at: number[];
}

interface PreparedSegment {
  seg: SearchSegment;
  folded: Folded;
  /** Read on first need: a query without Latin letters never loads the pinyin dictionary. */
  initials?: { letters: string; at: number[] }[];
}

function prepare(seg: SearchSegment): PreparedSegment {
  return { seg, folded: fold(seg.text) };
}

function initialsFor(p: PreparedSegment): { letters: string; at: number[] }[] {
  if (!NAME_FIELDS.has(p.seg.field)) return [];
  p.initials ??= nameInitials(p.folded.source, p.seg.person === true);
  return p.initials;
}

/** Where `term` occurs in the segment, as original character indices; null when it does not. */
function findTerm(term: QueryTerm, p: PreparedSegment): number[] | null {
  const short = [...term.text].length === 1;
  // A single character or letter only counts in short fields: the index holds no single
  // characters of long texts, and a result must not depend on which key was read.
  if (short && LONG_FIELDS.has(p.seg.field)) return null;
  const { chars, origin } = p.folded;
  const needle = [...term.text];
  const originsOf = (start: number) => [...new Set(origin.slice(start, start + needle.length))];
  for (let i = 0; i + needle.length <= chars.length; i++) {
    let same = true;
    for (let j = 0; j < needle.length && same; j++) same = chars[i + j] === needle[j];
    if (!same) continue;
    // ASCII matches whole-word prefixes only (the index holds word prefixes, not infixes).
    if (term.cls === 'a' && i > 0 && classOf(chars[i - 1]!) === 'a') continue;
    return originsOf(i);
  }
  if (term.cls === 'a') {
    for (const ini of initialsFor(p)) if (ini.letters.startsWith(term.text)) return ini.at.slice(0, term.text.length);
  }
  return null;
}

/** Marks as [start, end) UTF-16 ranges of `text`, given original code point indices, merged. */
function marksOf(source: readonly string[], indices: readonly number[], from: number, to: number): [number, number][] {
  const offsets: number[] = [];
  let off = 0;
  for (let i = from; i < to; i++) {
    offsets.push(off);
    off += source[i]!.length;
  }
  const marks: [number, number][] = [];
  for (const i of [...new Set(indices)].filter((x) => x >= from && x < to).sort((a, b) => a - b)) {
    const start = offsets[i - from]!;
    const end = start + source[i]!.length;
    const last = marks[marks.length - 1];
    if (last && last[1] === start) last[1] = end;
    else marks.push([start, end]);
  }
  return marks;
}

function highlightOf(p: PreparedSegment, indices: readonly number[]): SearchHighlight {
  const { source } = p.folded;
  let from = 0;
  let to = source.length;
  if (source.length > HIGHLIGHT_CHARS) {
    const first = Math.min(...indices);
    from = Math.max(0, Math.min(first - Math.floor(HIGHLIGHT_CHARS / 3), source.length - HIGHLIGHT_CHARS));
    to = Math.min(source.length, from + HIGHLIGHT_CHARS);
  }
  const lead = from > 0 ? '…' : '';
  const body = source.slice(from, to).join('');
  const marks = marksOf(source, indices, from, to).map(([a, b]): [number, number] => [a + lead.length, b + lead.length]);
  return { field: p.seg.field, text: `${lead}${body}${to < source.length ? '…' : ''}`, marks };
}

/**
 * Whether the segments match every term of the query, and if so the highlight: the segment
 * where the longest term matched (a name or title before a summary), with every term's match
 * in it marked. null: no match — whatever keys brought the document here.
 */
export function matchSearch(query: SearchQuery, segments: readonly SearchSegment[]): SearchHighlight | null {
  const prepared = [...segments]
    .sort((a, b) => FIELD_PRIORITY.indexOf(a.field) - FIELD_PRIORITY.indexOf(b.field))
    .map(prepare);
  const hits: TermHit[] = [];
  for (const term of query.terms) {
    let hit: TermHit | null = null;
    for (let s = 0; s < prepared.length && !hit; s++) {
      const at = findTerm(term, prepared[s]!);
      if (at) hit = { segment: s, at };
    }
    if (!hit) return null;
    hits.push(hit);
  }
  let best = 0;
  query.terms.forEach((t, i) => {
    if ([...t.text].length > [...query.terms[best]!.text].length) best = i;
  });
  const segment = hits[best]!.segment;
  const indices = hits.filter((h) => h.segment === segment).flatMap((h) => h.at);
  return highlightOf(prepared[segment]!, indices);
}

/** The stored segments of a document (`searchText`), unreadable entries skipped. */
export function storedSegments(searchText: readonly string[] | undefined): SearchSegment[] {
  return (searchText ?? []).flatMap((s) => {
    const seg = decodeSegment(s);
    return seg ? [seg] : [];
  });
}

/**
 * Shorter queries worth suggesting when one finds nothing: each term alone (when there are
 * several), and the two ends of a long Chinese term (王建军同志 → 王建, 同志), longest first.
 */
export function shorterQueries(query: SearchQuery): string[] {
  const out: string[] = [];
  if (query.terms.length > 1) for (const t of query.terms) out.push(t.text);
  for (const t of query.terms) {
    const chars = [...t.text];
    if (t.cls === 'h' && chars.length >= 3) out.push(chars.slice(0, 2).join(''), chars.slice(-2).join(''));
    if (t.cls === 'a' && chars.length >= 3) out.push(chars.slice(0, chars.length - 1).join(''));
  }
  return [...new Set(out)].filter((s) => s !== query.normalized);
}
