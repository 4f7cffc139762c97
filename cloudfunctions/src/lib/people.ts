/**
 * People as pages show them: the one place an OPENID becomes a name. Staff pages (grants,
 * invites, the audit log, tier history) and the 我的 page read names from here, never an id.
 *
 * A staff member's profile (`staff_profiles`, name and unit) lives under an id derived from
 * their OPENID, so a page's worth of people is one batched read by id. Who has no profile reads
 * as what they are: timers and the deployment as 系统, staff who have not given their name yet as
 * 未署名人员 (with the unit of a grant), everyone else — objectors, the person confirming their
 * consent — as 读者, who stay anonymous.
 */
import type { Id, PersonRef, RoleGrant, StaffProfile, UnitRef } from '@contract';
import { PERSON_NAME } from '@contract';
import type { Tx } from '../adapters/cloud';
import { toUnitRef, UNIT_REF_FIELDS } from '../domain/projections';
import type { Deps } from './context';
import { deploymentAdmins } from './guard';
import { byIds } from './reads';
import { profileIdOf } from '../domain/people';

/** Actors that are not people: the deployment's bootstrap admin and the timers. */
export const SYSTEM_ACTORS: ReadonlySet<string> = new Set(['ADMIN_OPENIDS', 'nomination-timer', 'media-check', 'publish-timer']);


export const PROFILE_FIELDS = ['openid', 'name', 'unitId'] as const satisfies readonly (keyof StaffProfile)[];
export type ProfileRow = Pick<StaffProfile, '_id' | (typeof PROFILE_FIELDS)[number]>;

/** The SDK's `_.in` list and page: one query per this many people. */
const IN_BATCH = 100;
/** Grants read per batch of people (a person holds a handful). */
const GRANTS_PER_BATCH = 1000;

/** Units by id, as references (one batched read). */
export async function unitRefsById(deps: Pick<Deps, 'cloud'>, ids: readonly (Id | null)[]): Promise<Map<Id, UnitRef>> {
  const c = deps.cloud();
  const wanted = ids.filter((id): id is Id => id !== null);
  const rows = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, wanted);
  return new Map([...rows].map(([id, row]) => [id, toUnitRef(row)]));
}

/** The profiles of `openids` that have one, by OPENID (one batched read by derived id). */
export async function profilesByOpenid(deps: Pick<Deps, 'cloud' | 'hashHex'>, openids: readonly string[]): Promise<Map<string, ProfileRow>> {
  const c = deps.cloud();
  const rows = await byIds(() => c.collection('staff_profiles').select(PROFILE_FIELDS), c.command, openids.map((o) => profileIdOf(deps.hashHex, o)));
  const out = new Map<string, ProfileRow>();
  // Keyed by the OPENID stored in the profile, so a profile is never shown for someone else.
  for (const row of rows.values()) out.set(row.openid, row);
  return out;
}

/**
 * Everyone in `openids` who holds or held a staff grant (a revoked one still made them staff
 * when they acted), with the unit of one of their grants, an active one when there is one.
 */
async function grantUnits(deps: Pick<Deps, 'cloud'>, openids: readonly string[]): Promise<Map<string, Id>> {
  const c = deps.cloud();
  const batches: string[][] = [];
  for (let i = 0; i < openids.length; i += IN_BATCH) batches.push(openids.slice(i, i + IN_BATCH));
  const results = await Promise.all(
    batches.map((batch) => c.collection('roles').select(['openid', 'unitId', 'revokedAt']).where({ openid: c.command.in(batch) }).limit(GRANTS_PER_BATCH).get()),
  );
  const chosen = new Map<string, Pick<RoleGrant, '_id' | 'unitId' | 'revokedAt'>>();
  // Active before revoked, then by id: the same unit on every page.
  const before = (a: Pick<RoleGrant, '_id' | 'revokedAt'>, b: Pick<RoleGrant, '_id' | 'revokedAt'>) =>
    (a.revokedAt === null) !== (b.revokedAt === null) ? a.revokedAt === null : a._id < b._id;
  for (const g of results.flat()) {
    const held = chosen.get(g.openid);
    if (!held || before(g, held)) chosen.set(g.openid, g);
  }
  return new Map([...chosen].map(([openid, g]) => [openid, g.unitId]));
}

/**
 * The people behind `openids`, by OPENID: each as their profile names them, else as 系统,
 * 未署名人员 or 读者. Every OPENID asked for is in the answer. At most three batched reads
 * (profiles; grants of those without one; their units), whatever the number of people.
 */
export async function peopleByOpenid(deps: Pick<Deps, 'cloud' | 'env' | 'hashHex'>, openids: readonly string[]): Promise<Map<string, PersonRef>> {
  const people = [...new Set(openids)].filter((o) => o.length > 0 && !SYSTEM_ACTORS.has(o));
  const profiles = await profilesByOpenid(deps, people);
  const unnamed = people.filter((o) => !profiles.has(o));
  const grants = unnamed.length > 0 ? await grantUnits(deps, unnamed) : new Map<string, Id>();
  const units = await unitRefsById(deps, [...[...profiles.values()].map((p) => p.unitId), ...grants.values()]);
  const admins = new Set(deploymentAdmins(deps));
  const out = new Map<string, PersonRef>();
  for (const openid of new Set(openids)) {
    const profile = profiles.get(openid);
    if (SYSTEM_ACTORS.has(openid)) out.set(openid, { name: PERSON_NAME.system, unit: null });
    else if (profile) out.set(openid, { name: profile.name, unit: profile.unitId === null ? null : (units.get(profile.unitId) ?? null) });
    else if (grants.has(openid)) out.set(openid, { name: PERSON_NAME.unnamed, unit: units.get(grants.get(openid) as Id) ?? null });
    else if (admins.has(openid)) out.set(openid, { name: PERSON_NAME.unnamed, unit: null });
    else out.set(openid, { name: PERSON_NAME.reader, unit: null });
  }
  return out;
}

/** `openid` as `people` has them (a reader when missing: never the OPENID itself). */
export function personIn(people: ReadonlyMap<string, PersonRef>, openid: string): PersonRef {
  return people.get(openid) ?? { name: PERSON_NAME.reader, unit: null };
}

/** What a profile says about its person. */
export type ProfileFields = Pick<StaffProfile, 'name' | 'unitId'>;

/**
 * Writes `openid`'s profile inside the caller's transaction (identity.saveProfile, admin.redeem):
 * `next` makes the new fields from the current ones (null when there is no profile yet). Answers
 * both, for the audit entry.
 */
export async function writeProfile(
  tx: Tx,
  deps: Pick<Deps, 'hashHex'>,
  openid: string,
  at: number,
  next: (before: ProfileFields | null) => ProfileFields,
): Promise<{ before: ProfileFields | null; after: ProfileFields }> {
  const id = profileIdOf(deps.hashHex, openid);
  const found = await tx.collection('staff_profiles').get(id);
  const before = found ? { name: found.name, unitId: found.unitId } : null;
  const after = next(before);
  await tx.collection('staff_profiles').set(id, { openid, name: after.name, unitId: after.unitId, updatedAt: at });
  return { before, after };
}
