/**
 * The local cloud's demo data: a corps-shaped unit tree, ~30 exemplars with honors and media
 * placements, four campaigns, ~80 stories with pictures, role grants for the dev users, and the
 * honours wall's summary.
 *
 * Deterministic: the same `now` gives byte-identical documents and files (seeded PRNG, no wall
 * clock inside). Every count stored on a document (honorCount, storyCount) is computed here
 * from the documents themselves, so the demo obeys the same invariants production data must.
 */
import type { Campaign, Exemplar, Honor, HonoursSummary, MediaPlacement, RoleGrant, StaffProfile, Story, Unit } from '@contract';
import { countsOf, honourKeysOf, summaryAfter, wallOf, WALL_SUMMARY_ID } from '../../cloudfunctions/src/domain/honours-wall';
import { buildCampaigns } from './campaigns';
import { buildDevProfiles, buildDevRoleGrants } from './dev-users';
import { buildExemplars, buildHonors } from './exemplars';
import { buildFiles, type SeedFile } from './files';
import { buildPlacements } from './placements';
import { planCollections } from './plans';
import { pursuitCollections } from './pursuits';
import { createRng } from './prng';
import { indexForSearch } from './search';
import { buildStories } from './stories';
import { selectionCollections } from './selections';
import { buildUnits, unitIndex } from './units';

export { DEV_USERS, DEV_ADMIN_OPENIDS, type DevUser, type DevRole } from './dev-users';

export interface DemoData {
  collections: Record<string, Record<string, unknown>[]>;
  files: { cloudPath: string; bytes: Buffer }[];
}

/** Typed view of the same data, for tests and tools that want the entity types. */
export interface DemoDocuments {
  units: Unit[];
  exemplars: Exemplar[];
  honors: Honor[];
  placements: MediaPlacement[];
  /** The honours wall's figures, counted from the documents above by the wall's own rules. */
  honoursSummary: HonoursSummary;
  campaigns: Campaign[];
  stories: Story[];
  roles: RoleGrant[];
  staffProfiles: StaffProfile[];
}

/** The instant seedDemo uses when the caller gives none: a fixed date, so a bare call is reproducible too. */
export const DEFAULT_SEED_NOW = Date.UTC(2025, 5, 1, 4, 0, 0);

const SEED = 0x5eed_2022;

export function buildDemoDocuments(now: number): DemoDocuments {
  if (!Number.isSafeInteger(now) || now <= 0) throw new RangeError(`buildDemoData: now must be epoch milliseconds, got ${now}`);
  const rng = createRng(SEED);
  const units = buildUnits();
  const get = unitIndex(units);
  const honors = buildHonors(rng.fork('honors'), now, get, units);
  const { exemplars } = buildExemplars(rng.fork('exemplars'), now, get, units, honors);
  const stories = buildStories(rng.fork('stories'), now, get, honors);
  const placements = buildPlacements(rng.fork('placements'), now, get, units);
  // Each exemplar's honours-wall tally and list keys, and the summary, as the writes keep them.
  for (const e of exemplars) {
    e.wall = wallOf(
      honors.filter((h) => h.exemplarId === e._id),
      placements.filter((p) => p.exemplarId === e._id),
    );
    e.honourKeys = honourKeysOf(e.wall);
  }
  const honoursSummary: HonoursSummary = { _id: WALL_SUMMARY_ID, ...summaryAfter(null, countsOf(exemplars), now) };

  const published = stories.filter((s) => s.state === 'published');
  for (const e of exemplars) e.storyCount = published.filter((s) => s.exemplarIds.includes(e._id)).length;
  const perCampaign = new Map<string, number>();
  for (const s of published) if (s.campaignId) perCampaign.set(s.campaignId, (perCampaign.get(s.campaignId) ?? 0) + 1);
  const campaigns = buildCampaigns(now, perCampaign);
  indexForSearch(get, exemplars, honors, campaigns, stories);

  return { units, exemplars, honors, placements, honoursSummary, campaigns, stories, roles: buildDevRoleGrants(now), staffProfiles: buildDevProfiles(now) };
}

export function buildDemoData(now: number): DemoData {
  const docs = buildDemoDocuments(now);
  const consentForms = docs.exemplars.filter((e) => e.consent?.method === 'signed_form').map((e) => e._id);
  const files: SeedFile[] = buildFiles(docs.exemplars, consentForms);
  return {
    collections: {
      units: docs.units as unknown as Record<string, unknown>[],
      exemplars: docs.exemplars as unknown as Record<string, unknown>[],
      honors: docs.honors as unknown as Record<string, unknown>[],
      placements: docs.placements as unknown as Record<string, unknown>[],
      honours_summary: [docs.honoursSummary] as unknown as Record<string, unknown>[],
      campaigns: docs.campaigns as unknown as Record<string, unknown>[],
      stories: docs.stories as unknown as Record<string, unknown>[],
      roles: docs.roles as unknown as Record<string, unknown>[],
      staff_profiles: docs.staffProfiles as unknown as Record<string, unknown>[],
      ...selectionCollections(now, docs.units, docs.exemplars),
      ...planCollections(now, docs),
      ...pursuitCollections(now, docs),
    },
    files,
  };
}

/**
 * Apply once: db.insertMany per collection + storage.put per file. The server calls it only on
 * an unseeded data dir; inserting into a seeded one fails on duplicate `_id`s, which is the
 * database refusing to double-seed rather than silently duplicating the demo.
 */
export function seedDemo(
  db: { insertMany(c: string, docs: Record<string, unknown>[]): void },
  storage: { put(cloudPath: string, bytes: Buffer): void },
  now: number = DEFAULT_SEED_NOW,
): void {
  const data = buildDemoData(now);
  for (const [name, docs] of Object.entries(data.collections)) db.insertMany(name, docs);
  for (const f of data.files) storage.put(f.cloudPath, f.bytes);
}
