/**
 * Engagement rules: likes (stories), salutes (exemplars), views, shares, poster codes, the
 * per-user rate limit and counter reconciliation. Pure: the clock, the hash and every read
 * arrive as arguments, so each rule is a function of its inputs.
 *
 * Why records with deterministic ids and not a counter-only design: "has this user liked this
 * story" must be answerable and idempotent, so a record per (user, target) exists anyway. Its
 * id being a function of (kind, target, user) makes the database itself the arbiter of
 * "first like": of any number of concurrent inserts exactly one succeeds, the rest fail with a
 * duplicate-key error, and only the winner increments the counter. See
 * use-cases/engagement/shared.ts for why this beats a transaction on a hot document.
 */
import type { Id } from '@contract';
import type { RatePolicy } from './rate-limit';

export type TargetKind = 'story' | 'exemplar';
export interface Target {
  kind: TargetKind;
  id: Id;
}
export type ShareChannel = 'chat' | 'moments' | 'poster';

/** A hex digest function (sha256 in production); injected because the domain does no IO or crypto binding. */
export type HashHex = (input: string) => string;

/** The counter field each kind of target carries. */
export const COUNTER_FIELD = { story: 'likeCount', exemplar: 'saluteCount' } as const satisfies Record<TargetKind, string>;
/** Collection each kind of target lives in. */
export const TARGET_COLLECTION = { story: 'stories', exemplar: 'exemplars' } as const satisfies Record<TargetKind, string>;

/** Length of the hex part of derived ids: 160 bits, collision-free for any realistic audience. */
const ID_HEX = 40;

/**
 * The one id a (user, target) like can have. The separator cannot occur in a kind or an id
 * (idSchema forbids it), so two different triples never hash the same input string.
 */
export function likeId(target: Target, openid: string, hashHex: HashHex): Id {
  return `lk_${hashHex(`like\n${target.kind}\n${target.id}\n${openid}`).slice(0, ID_HEX)}`;
}

/** China has one time zone and no daylight saving: a day there is UTC+8, always. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar day of an instant, as a day number since 1970-01-01 (local). */
export function shanghaiDay(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** One view record per (user, story, Shanghai day): a second view that day hits the same id. */
export function viewId(storyId: Id, openid: string, at: number, hashHex: HashHex): Id {
  return `vw_${shanghaiDay(at)}_${hashHex(`view\n${storyId}\n${openid}`).slice(0, ID_HEX)}`;
}

// ------------------------------------------------------------------ like transitions

/** What a setLike did to the record, and so what it must do to the counter. */
export type LikeWrite =
  /** The insert created the record: this call is the like that counts. */
  | { kind: 'inserted' }
  /** The insert hit the existing record (a retry, a double tap, a concurrent twin). */
  | { kind: 'duplicate' }
  /** The remove deleted the record: this call is the unlike that counts. */
  | { kind: 'removed' }
  /** The remove found nothing (already unliked). */
  | { kind: 'absent' };

/** The counter change a record write implies: only the call that changed the record moves it. */
export function counterDelta(write: LikeWrite): -1 | 0 | 1 {
  switch (write.kind) {
    case 'inserted':
      return 1;
    case 'removed':
      return -1;
    case 'duplicate':
    case 'absent':
      return 0;
  }
}

/**
 * The count to show after a setLike. The counter was read after our own increment, but a
 * crash elsewhere can leave it momentarily behind or below zero until reconciliation; a user
 * who likes must never see 0 and nobody sees a negative count.
 */
export function shownCount(counter: number | null | undefined, liked: boolean): number {
  const n = typeof counter === 'number' && Number.isFinite(counter) ? Math.trunc(counter) : 0;
  return Math.max(n, liked ? 1 : 0);
}

// ------------------------------------------------------------------ rate limit


/** setLike: a burst of taps is ~3–5 calls; 10 in 10 s is generous for a person and useless for a script. */
export const SET_LIKE_POLICY: RatePolicy = { limit: 10, windowMs: 10_000 };
/** share: a person shares a few times a minute at most. */
export const SHARE_POLICY: RatePolicy = { limit: 20, windowMs: 60_000 };

// ------------------------------------------------------------------ shares and posters

export function shareChannelField(channel: ShareChannel): `shareByChannel.${ShareChannel}` {
  return `shareByChannel.${channel}`;
}

/** The page a poster's mini-program code opens (wxacode.getUnlimited wants no leading slash). */
export const POSTER_PAGE = 'pages/story/index';
export type EnvVersion = 'release' | 'trial' | 'develop';

export function parseEnvVersion(raw: string | undefined): EnvVersion {
  if (raw === undefined || raw === '') return 'release';
  if (raw === 'release' || raw === 'trial' || raw === 'develop') return raw;
  throw new Error(`POSTER_ENV_VERSION must be release, trial or develop, not ${JSON.stringify(raw)}`);
}

/** WeChat's scene: at most 32 visible ASCII characters. A story code is 4–12 letters or digits. */
export function posterScene(storyCode: string): string {
  if (!/^[0-9A-Za-z]{1,32}$/.test(storyCode)) throw new Error(`story code ${JSON.stringify(storyCode)} cannot be a wxacode scene`);
  return storyCode;
}

/**
 * Where a story's poster code lives in storage: a function of what the image encodes, so the
 * same request reuses it, concurrent first requests overwrite one file instead of leaving
 * orphans, and a change of env_version makes a new image instead of serving a wrong one.
 */
export function posterCodePath(storyCode: string, envVersion: EnvVersion): string {
  return `poster-codes/${envVersion}/${posterScene(storyCode)}.png`;
}

/** The page a profile poster's mini-program code opens. */
export const PROFILE_POSTER_PAGE = 'pages/profile/index';

/**
 * A profile poster's code, the `scene` of its mini-program code: an exemplar's id may be up to 64
 * characters (ids the server makes are ~36), beyond the scene's 32, so the code is the first 16
 * hex digits of the SHA-256 of the id (`idHashHex`, computed by the caller with the context's
 * hash). Deterministic, so the same profile always gets the same code and image, and the record
 * stored under the code (collection `profile_codes`) is found from either side.
 */
export function profileCode(idHashHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(idHashHex)) throw new Error('profileCode needs a SHA-256 hex digest');
  return idHashHex.slice(0, 16);
}

/** What the profile code is the hash of: namespaced, so it never equals another kind of code's digest input. */
export function profileCodeInput(exemplarId: string): string {
  return `profile-poster:${exemplarId}`;
}

/** Where a profile poster's code image lives in storage (beside the stories', never the same name: story codes are ≤ 12 characters). */
export function profileCodePath(code: string, envVersion: EnvVersion): string {
  return `poster-codes/${envVersion}/p-${code}.png`;
}

// ------------------------------------------------------------------ reconciliation

export interface CounterObservation {
  id: Id;
  /** The counter as stored (null/absent counts as 0). */
  counter: number | null | undefined;
  /** Records counted for this target. */
  records: number;
}

export interface Repair {
  kind: TargetKind;
  id: Id;
  was: number;
  now: number;
}

/** A counter that differs from its record count; `missing` when it is absent or not a number. */
export interface Drift extends Repair {
  missing: boolean;
}

/** Targets whose stored counter differs from their record count, with the value to set. */
export function driftedCounters(kind: TargetKind, observations: readonly CounterObservation[]): Drift[] {
  const out: Drift[] = [];
  for (const o of observations) {
    const missing = typeof o.counter !== 'number' || !Number.isFinite(o.counter);
    const was = missing ? 0 : (o.counter as number);
    if (missing || was !== o.records) out.push({ kind, id: o.id, was, now: o.records, missing });
  }
  return out;
}

/**
 * A drift is repaired only when a second look, taken after in-flight calls had time to land,
 * finds the same counter and the same record count: a like between its insert and its `_.inc`
 * looks exactly like a crash there for a few milliseconds, and "repairing" it would make the
 * increment that then arrives a real drift. The second look's values are the ones to use.
 */
export function confirmedRepairs(first: readonly Drift[], second: readonly Drift[]): Drift[] {
  const seen = new Map(first.map((r) => [`${r.kind}\n${r.id}`, r]));
  return second.filter((r) => {
    const f = seen.get(`${r.kind}\n${r.id}`);
    return f !== undefined && f.was === r.was && f.now === r.now && f.missing === r.missing;
  });
}

/** The report line of a repair: what the counter was and what it is now. */
export function reportOf(d: Drift): Repair {
  return { kind: d.kind, id: d.id, was: d.was, now: d.now };
}
