/**
 * Keeping search keys current (domain/search.ts cuts them): every write that changes what a
 * story or an exemplar is searched by rewrites its `searchKeys` and `searchText`.
 *
 * - Writes of one document (a story approved, an exemplar or honour saved, an enrolment) compute
 *   the keys inside their own transaction, reading the names they need through it (`txNames`),
 *   so the keys commit with the change and a concurrent rename makes the commit conflict.
 * - Renames that reach many documents (a unit renamed or moved, a campaign renamed) cannot join
 *   one transaction (single-document operations only). After the rename commits they walk the
 *   documents concerned (`rekeyUnder`, `rekeyCampaign`) and rewrite each stale one with a
 *   compare-and-set on its `updatedAt` (re-read and retried when another write got there
 *   first), so a concurrent approval is never overwritten with keys cut from its old text.
 *   Each walk skips documents whose keys are already current, so running the rename again
 *   after a failure part-way completes it.
 */
import type { Campaign, Exemplar, ExemplarKind, Id, Story } from '@contract';
import type { Cloud, Tx } from '../adapters/cloud';
import { exemplarSearchIndex, storySearchIndex, type SearchIndex, type UnitNames } from '../domain/search';
import { readKeysetPage } from './reads';

/** The names search keys need, read through a transaction or straight from the database. */
export interface NameReader {
  unit(id: Id): Promise<UnitNames | null>;
  campaign(id: Id): Promise<Pick<Campaign, 'name'> | null>;
  exemplar(id: Id): Promise<{ name: string; kind: ExemplarKind } | null>;
}

function memo<T>(load: (id: Id) => Promise<T | null>): (id: Id) => Promise<T | null> {
  const seen = new Map<Id, Promise<T | null>>();
  return (id) => {
    let p = seen.get(id);
    if (!p) seen.set(id, (p = load(id)));
    return p;
  };
}

/** Names as the transaction sees them (its own writes included), each document read once. */
export function txNames(tx: Tx): NameReader {
  return {
    unit: memo(async (id) => tx.collection('units').get(id)),
    campaign: memo(async (id) => tx.collection('campaigns').get(id)),
    exemplar: memo(async (id) => tx.collection('exemplars').get(id)),
  };
}

/** Names as committed, each document read once. */
export function cloudNames(c: Cloud): NameReader {
  return {
    unit: memo((id) => c.collection('units').doc(id).select(['name', 'shortName']).get()),
    campaign: memo((id) => c.collection('campaigns').doc(id).select(['name']).get()),
    exemplar: memo((id) => c.collection('exemplars').doc(id).select(['name', 'kind']).get()),
  };
}

async function unitPathNames(names: NameReader, path: readonly Id[]): Promise<UnitNames[]> {
  const units = await Promise.all(path.map((id) => names.unit(id)));
  return units.filter((u): u is UnitNames => u !== null);
}

export type StorySearchFields = Pick<Story, 'title' | 'summary' | 'author' | 'unitPath' | 'campaignId' | 'exemplarIds'>;

export async function storySearch(names: NameReader, s: StorySearchFields): Promise<SearchIndex> {
  const [unitPath, campaign, exemplars] = await Promise.all([
    unitPathNames(names, s.unitPath),
    s.campaignId ? names.campaign(s.campaignId) : Promise.resolve(null),
    Promise.all([...new Set(s.exemplarIds)].map((id) => names.exemplar(id))),
  ]);
  return storySearchIndex({
    title: s.title,
    summary: s.summary,
    author: s.author,
    unitPath,
    campaign: campaign?.name ?? null,
    exemplars: exemplars.filter((e): e is { name: string; kind: ExemplarKind } => e !== null),
  });
}

export type ExemplarSearchFields = Pick<Exemplar, 'name' | 'kind' | 'title' | 'unitPath'>;

export async function exemplarSearch(names: NameReader, e: ExemplarSearchFields, honors: readonly string[]): Promise<SearchIndex> {
  return exemplarSearchIndex({ name: e.name, kind: e.kind, title: e.title, unitPath: await unitPathNames(names, e.unitPath), honors });
}

/** An exemplar's honours are few (the editor's view lists up to 200); more are not searched by. */
const MAX_HONORS = 200;

/**
 * The honour titles an exemplar is searched by, as committed (served by honors.exemplar_date).
 * Read inside a transaction's work on purpose: when a concurrent honour write makes the commit
 * conflict, the re-run reads the list again.
 */
export async function honorTitles(c: Cloud, exemplarId: Id): Promise<{ _id: Id; title: string }[]> {
  return c.collection('honors').select(['title']).where({ exemplarId }).orderBy('date', 'desc').limit(MAX_HONORS).get();
}

const sameIndex = (a: SearchIndex, b: Partial<SearchIndex>): boolean =>
  !!b.searchKeys && !!b.searchText && a.searchKeys.length === b.searchKeys.length && a.searchKeys.every((k, i) => b.searchKeys![i] === k) && a.searchText.length === b.searchText.length && a.searchText.every((t, i) => b.searchText![i] === t);

/** Stories re-keyed with a renamed exemplar, at most. */
const MAX_LINKED = 100;

/**
 * In a transaction that renamed an exemplar: its published stories are searched by its name
 * too. `storyIds` were listed before (a transaction reads single documents); each is re-read
 * through the transaction. A person has few stories; beyond `MAX_LINKED` the rest keep their
 * keys until their next approval.
 */
export async function rekeyLinkedStories(tx: Tx, storyIds: readonly Id[]): Promise<void> {
  const names = txNames(tx);
  for (const id of storyIds.slice(0, MAX_LINKED)) {
    const s = await tx.collection('stories').get(id);
    if (!s) continue;
    const next = await storySearch(names, s);
    if (!sameIndex(next, s)) await tx.collection('stories').update(id, { ...next });
  }
}

/** The published stories an exemplar appears in (served by stories.exemplar_feed). */
export async function linkedStoryIds(c: Cloud, exemplarId: Id): Promise<Id[]> {
  const rows = await c.collection('stories').select(['_id']).where({ exemplarIds: exemplarId, state: 'published' }).limit(MAX_LINKED).get();
  return rows.map((r) => r._id);
}

// ------------------------------------------------------------------ walks after a rename

const WALK_BATCH = 100;
/** How often one document is re-read and re-keyed when other writes keep getting there first. */
const CAS_TRIES = 3;

export interface RekeyReport {
  /** Documents looked at. */
  seen: number;
  /** Documents whose keys were rewritten. */
  rekeyed: number;
}

type StoryRow = StorySearchFields & Pick<Story, '_id' | 'updatedAt' | 'searchKeys' | 'searchText'>;
type ExemplarRow = ExemplarSearchFields & Pick<Exemplar, '_id' | 'updatedAt' | 'searchKeys' | 'searchText'>;

const STORY_WALK_FIELDS = ['title', 'summary', 'author', 'unitPath', 'campaignId', 'exemplarIds', 'updatedAt', 'searchKeys', 'searchText'] as const;
const EXEMPLAR_WALK_FIELDS = ['name', 'kind', 'title', 'unitPath', 'updatedAt', 'searchKeys', 'searchText'] as const;

/** Rewrite one document's keys unless they are current; compare-and-set on `updatedAt`. */
async function rekeyOne<R extends { _id: Id; updatedAt: number; searchKeys?: string[]; searchText?: string[] }>(
  row: R,
  compute: (row: R) => Promise<SearchIndex>,
  cas: (id: Id, updatedAt: number, index: SearchIndex) => Promise<number>,
  reread: (id: Id) => Promise<R | null>,
): Promise<boolean> {
  let current: R | null = row;
  for (let i = 0; i < CAS_TRIES && current; i++) {
    const next = await compute(current);
    if (sameIndex(next, current)) return false;
    if ((await cas(current._id, current.updatedAt, next)) > 0) return true;
    current = await reread(current._id);
  }
  if (current) throw new Error(`search keys of ${current._id}: still changing after ${CAS_TRIES} tries`);
  return false;
}

/** Re-keys one story row read by a walk (see rekeyOne). */
function storyRekeyer(c: Cloud, names: ReturnType<typeof cloudNames>): (row: StoryRow) => Promise<boolean> {
  return (row) =>
    rekeyOne<StoryRow>(
      row,
      (r) => storySearch(names, r),
      (id, updatedAt, index) => c.collection('stories').updateWhere({ _id: id, updatedAt }, { ...index }),
      (id) => c.collection('stories').doc(id).select(STORY_WALK_FIELDS).get(),
    );
}

/** Re-keys one exemplar row read by a walk (its honours' titles are searched by too). */
function exemplarRekeyer(c: Cloud, names: ReturnType<typeof cloudNames>): (row: ExemplarRow) => Promise<boolean> {
  return (row) =>
    rekeyOne<ExemplarRow>(
      row,
      async (r) => exemplarSearch(names, r, (await honorTitles(c, r._id)).map((h) => h.title)),
      (id, updatedAt, index) => c.collection('exemplars').updateWhere({ _id: id, updatedAt }, { ...index }),
      (id) => c.collection('exemplars').doc(id).select(EXEMPLAR_WALK_FIELDS).get(),
    );
}

/** Walks a subtree's rows by _id in batches (served by the collection's unit_path index), re-keying each. */
async function rekeySubtree<R extends { _id: Id }>(read: (after: Id) => Promise<R[]>, rekey: (row: R) => Promise<boolean>, report: RekeyReport): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await read(after);
    for (const row of rows) {
      report.seen++;
      if (await rekey(row)) report.rekeyed++;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < WALK_BATCH) break;
    after = last._id;
  }
}

/** Every story and exemplar at or under a unit, re-keyed (after the unit was renamed or moved). */
export async function rekeyUnder(c: Cloud, unitId: Id): Promise<RekeyReport> {
  const _ = c.command;
  const names = cloudNames(c);
  const report: RekeyReport = { seen: 0, rekeyed: 0 };
  await rekeySubtree<StoryRow>(
    (after) => c.collection('stories').select(STORY_WALK_FIELDS).where({ unitPath: unitId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(WALK_BATCH).get(),
    storyRekeyer(c, names),
    report,
  );
  await rekeySubtree<ExemplarRow>(
    (after) => c.collection('exemplars').select(EXEMPLAR_WALK_FIELDS).where({ unitPath: unitId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(WALK_BATCH).get(),
    exemplarRekeyer(c, names),
    report,
  );
  return report;
}

/**
 * A campaign's published stories, re-keyed (after it was saved: a rename changes what they are
 * searched by). A story taken down is re-keyed when it is approved again.
 */
export async function rekeyCampaign(c: Cloud, campaignId: Id): Promise<RekeyReport> {
  const rekey = storyRekeyer(c, cloudNames(c));
  const report: RekeyReport = { seen: 0, rekeyed: 0 };
  let cursor: { sortValue: number; id: Id } | null = null;
  for (;;) {
    // Served by stories.campaign_feed, in keyset pages.
    const page: { rows: (StoryRow & { publishedAt: number | null })[]; next: string | null } = await readKeysetPage({
      source: () => c.collection('stories').select([...STORY_WALK_FIELDS, 'publishedAt']),
      filter: { campaignId, state: 'published' },
      sortField: 'publishedAt',
      cursor,
      limit: WALK_BATCH,
      cmd: c.command,
    });
    for (const row of page.rows) {
      report.seen++;
      if (await rekey(row)) report.rekeyed++;
    }
    const last = page.rows[page.rows.length - 1];
    if (!page.next || !last || last.publishedAt === null) break;
    cursor = { sortValue: last.publishedAt, id: last._id };
  }
  return report;
}
