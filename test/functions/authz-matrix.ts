import { createHash } from 'node:crypto';
/**
 * The authorization test matrix: every staff action × every dev identity × a target inside and
 * a target outside the narrowest staff subtree. Each cell asserts what the caller observes —
 * allowed (ok, and a mutating action wrote its audit entry) or PERMISSION_DENIED — and, for a
 * denial, that NOTHING was written: every collection is compared, document versions included,
 * before and after the call.
 *
 * Usage (slices add their own actions the same way):
 *
 *   let t: TestCloud;
 *   beforeAll(async () => { t = await startTestCloud('my-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV); });
 *   afterAll(() => t?.stop());
 *   describeAuthzMatrix('my actions', () => t, [
 *     { name: 'admin.createInvite', roles: ['admin'], writes: true,
 *       request: (target) => ({ role: 'editor', unitId: target.unitId, validDays: 7 }) },
 *   ]);
 *
 * The expectation is computed here from the grants the world was seeded with and the unit path
 * the request targets, independently of the functions' own access code.
 */
import type { Exemplar, FunctionName, Id, InviteRecord, NominationDoc, NominationState, ObjectionDoc, Role, RoleGrant, Unit } from '@contract';
import { INVITE_CODE_ALPHABET } from '@contract';
import { buildDemoData, buildDemoDocuments, DEV_USERS } from '../../emulator/seed';
import { inviteIdOf } from '../../cloudfunctions/src/domain/invites';
import type { DatabaseBackend } from '../../emulator/server';
import type { TestCloud } from './cloud-fixture';

/** The instant the matrix world is seeded at (documents' dates derive from it). */
export const MATRIX_NOW = Date.UTC(2025, 5, 1, 4, 0, 0);

/** The demo corps' units: the world every matrix runs in. */
const WORLD = buildDemoDocuments(MATRIX_NOW);
const UNITS = new Map<Id, Unit>(WORLD.units.map((u) => [u._id, u]));

export interface MatrixTarget {
  unitId: Id;
  /** Root → unit. */
  path: Id[];
}

function target(unitId: Id): MatrixTarget {
  const u = UNITS.get(unitId);
  if (!u) throw new Error(`matrix: no unit ${unitId} in the demo tree`);
  return { unitId, path: u.path };
}

/**
 * inside: the dev editor's station — inside every staff user's subtree.
 * outside: a station of another detachment — outside the editor's and the detachment reviewer's.
 */
export const MATRIX_TARGETS = { inside: target('u-wlmq-b1-s1'), outside: target('u-klmy-b1-s1') } as const;
export const MATRIX_ROOT: Id = WORLD.units.find((u) => u.parentId === null)?._id as Id;

/** A unit of the demo tree by id (for requests that target a parent or sibling). */
export function matrixUnit(unitId: Id): MatrixTarget {
  return target(unitId);
}

export interface MatrixUser {
  openid: string;
  label: string;
  grants: { role: Role; unitId: Id }[];
}

/**
 * Staff the dev identities lack, seeded into the matrix world: the dev admin and publisher sit
 * at the corps, so only detachment-level ones can show a refusal outside their subtree.
 */
const EXTRA_GRANTS: RoleGrant[] = [
  { _id: 'rg-mx-det-admin', openid: 'mx-det-admin', role: 'admin', unitId: 'u-wlmq', grantedBy: 'dev-admin', grantedAt: MATRIX_NOW - 86_400_000, revokedAt: null },
  { _id: 'rg-mx-det-publisher', openid: 'mx-det-publisher', role: 'publisher', unitId: 'u-wlmq', grantedBy: 'dev-admin', grantedAt: MATRIX_NOW - 86_400_000, revokedAt: null },
  // A revoked grant must count for nothing.
  { _id: 'rg-mx-revoked', openid: 'mx-revoked-admin', role: 'admin', unitId: 'u-xj', grantedBy: 'dev-admin', grantedAt: MATRIX_NOW - 86_400_000, revokedAt: MATRIX_NOW - 3_600_000 },
];
const ALL_GRANTS = [...WORLD.roles, ...EXTRA_GRANTS];

function matrixUser(openid: string, label: string): MatrixUser {
  return { openid, label, grants: ALL_GRANTS.filter((g) => g.openid === openid && g.revokedAt === null).map((g) => ({ role: g.role, unitId: g.unitId })) };
}

/**
 * Every dev identity with the grants the world seeds for it (the reader holds none), plus a
 * detachment admin, a detachment publisher and a user whose only grant was revoked.
 */
export const DEV_MATRIX_USERS: MatrixUser[] = [
  ...DEV_USERS.map((u) => matrixUser(u.openid, u.label)),
  matrixUser('mx-det-admin', '管理员（乌鲁木齐支队）'),
  matrixUser('mx-det-publisher', '发布员（乌鲁木齐支队）'),
  matrixUser('mx-revoked-admin', '已撤销的管理员'),
];

/** ADMIN_OPENIDS as the local cloud sets it: dev-admin is the deployment admin too. */
export const MATRIX_FUNCTION_ENV = { ADMIN_OPENIDS: 'dev-admin' };

/** Seeds the demo corps (units, exemplars, honors, campaigns, stories, role grants), without files. */
export function seedMatrixWorld(db: DatabaseBackend): void {
  for (const [name, rows] of Object.entries(buildDemoData(MATRIX_NOW).collections)) db.insertMany(name, rows);
  db.insertMany('roles', EXTRA_GRANTS as unknown as Record<string, unknown>[]);
}

export interface MatrixContext {
  t: TestCloud;
  /** Unique per cell: requests use it for fresh ids, names and slugs. */
  seq: number;
  /**
   * Who makes the call, in matrix cells (a request may seed what the caller owns, e.g. their own
   * nomination); absent when a test builds a request outside the matrix.
   */
  caller?: MatrixUser;
}

export interface StaffAction {
  /** `<function>.<action>`, e.g. 'admin.createInvite'. */
  name: `${FunctionName}.${string}`;
  /** Tells apart two entries of the same action in test titles (e.g. a review level). */
  label?: string;
  /** Any of these roles allows the action (over the scope below). */
  roles: readonly Role[];
  /**
   * Where the role must be held: over the targeted unit (default), over the corps root
   * (corps-wide actions), anywhere (lists scoped to the caller's own subtree), or over exactly
   * the acted unit and not an ancestor of it (a review level: the corps reviewer does not decide
   * for a detachment — `targetOf` names the level's unit).
   */
  scope?: 'unit' | 'root' | 'anywhere' | 'exact';
  /** A mutating action: an allowed call must write one audit entry by the caller. */
  writes: boolean;
  /** The audit `action` an allowed call writes (default: `name`). */
  auditAction?: string;
  /**
   * A fresh valid request aimed at `target` (or at the unit `targetOf` names). It may seed what
   * it needs (ctx.t.cloud.db.insertMany) — the "nothing written" snapshot is taken afterwards.
   */
  request(target: MatrixTarget, ctx: MatrixContext): unknown | Promise<unknown>;
  /** The unit the request actually acts on, when it is not the target itself (e.g. its parent). */
  targetOf?: (target: MatrixTarget) => MatrixTarget;
  /**
   * What a refused caller is answered (default PERMISSION_DENIED): NOT_FOUND for a subject that
   * does not exist for whoever may not see it (another person's nomination).
   */
  refusal?: 'PERMISSION_DENIED' | 'NOT_FOUND';
}

/** Independent oracle: does `user` hold one of `action.roles` where the action needs it? */
export function expectedAllowed(action: StaffAction, user: MatrixUser, acted: MatrixTarget): boolean {
  const scope = action.scope ?? 'unit';
  return user.grants.some((g) => {
    if (!action.roles.includes(g.role)) return false;
    if (scope === 'anywhere') return true;
    if (scope === 'root') return g.unitId === MATRIX_ROOT;
    if (scope === 'exact') return g.unitId === acted.unitId;
    return acted.path.includes(g.unitId);
  });
}

function auditEntries(snapshot: Record<string, Record<string, string>>): Record<string, unknown>[] {
  return Object.values(snapshot.audit ?? {}).map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as Record<string, unknown>);
}

let cellSeq = 0;

const titleOf = (action: StaffAction): string => (action.label ? `${action.name} (${action.label})` : action.name);

/** Defines one jest test per action × user × (inside, outside). */
export function describeAuthzMatrix(title: string, cloud: () => TestCloud, actions: readonly StaffAction[], users: readonly MatrixUser[] = DEV_MATRIX_USERS): void {
  describe(`authorization matrix: ${title}`, () => {
    it('every action has allowed and refused cells (a matrix of one outcome proves nothing)', () => {
      for (const action of actions) {
        const outcomes = new Set<boolean>();
        for (const user of users) {
          for (const where of ['inside', 'outside'] as const) {
            outcomes.add(expectedAllowed(action, user, action.targetOf ? action.targetOf(MATRIX_TARGETS[where]) : MATRIX_TARGETS[where]));
          }
        }
        expect([titleOf(action), [...outcomes].sort()]).toEqual([titleOf(action), [false, true]]);
      }
    });

    it('every unit-scoped action has a user allowed inside the subtree and refused outside it', () => {
      for (const action of actions.filter((a) => (a.scope ?? 'unit') === 'unit')) {
        const split = users.some((user) => {
          const at = (where: 'inside' | 'outside') => (action.targetOf ? action.targetOf(MATRIX_TARGETS[where]) : MATRIX_TARGETS[where]);
          return expectedAllowed(action, user, at('inside')) && !expectedAllowed(action, user, at('outside'));
        });
        expect([titleOf(action), split]).toEqual([titleOf(action), true]);
      }
    });

    for (const action of actions) {
      const [fn, act] = action.name.split('.') as [FunctionName, string];
      for (const user of users) {
        for (const where of ['inside', 'outside'] as const) {
          const acted = action.targetOf ? action.targetOf(MATRIX_TARGETS[where]) : MATRIX_TARGETS[where];
          const allowed = expectedAllowed(action, user, acted);
          const refusal = action.refusal ?? 'PERMISSION_DENIED';
          it(`${titleOf(action)}: ${user.openid} ${where} the subtree → ${allowed ? 'allowed' : `${refusal}, nothing written`}`, async () => {
            const t = cloud();
            const seq = ++cellSeq;
            const data = await action.request(MATRIX_TARGETS[where], { t, seq, caller: user });
            // WeChat's image-check verdicts arrive later (an upload's push): let earlier cells' land first.
            await t.cloud.mediaChecks.settled();
            const before = t.cloud.db.snapshot();
            const res = (await t.raw(fn, { action: act, data }, user.openid)) as { ok: boolean; error?: { code: string } };
            await t.cloud.mediaChecks.settled();
            const after = t.cloud.db.snapshot();
            if (allowed) {
              expect(res).toMatchObject({ ok: true });
              if (action.writes) {
                const added = auditEntries(after).length - auditEntries(before).length;
                expect(added).toBe(1);
                const known = new Set(Object.keys(before.audit ?? {}));
                const [id] = Object.keys(after.audit ?? {}).filter((k) => !known.has(k));
                const raw = (after.audit ?? {})[id as string] as string;
                const entry = JSON.parse(raw.slice(raw.indexOf(':') + 1)) as { actor: string; action: string };
                expect(entry).toMatchObject({ actor: user.openid, action: action.auditAction ?? action.name });
              } else {
                expect(after).toEqual(before);
              }
            } else {
              expect(res).toMatchObject({ ok: false, error: { code: refusal } });
              expect(after).toEqual(before);
            }
          });
        }
      }
    }
  });
}

// ------------------------------------------------------------------ seeding helpers for requests

/** Inserts an open invite over `unitId` and answers its id and code. */
export function seedInvite(db: DatabaseBackend, unitId: Id, seq: number, over: Partial<InviteRecord> = {}): { id: Id; code: string } {
  const u = target(unitId);
  // seq written in the code alphabet (base 31), so every cell's code is distinct and valid.
  let n = seq;
  let digits = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / INVITE_CODE_ALPHABET.length)) digits = INVITE_CODE_ALPHABET[n % INVITE_CODE_ALPHABET.length] + digits;
  const code = `MX${digits}`;
  const invite: InviteRecord = {
    _id: inviteIdOf(code, (s) => createHash('sha256').update(s, 'utf8').digest('hex')),
    code,
    role: 'editor',
    unitId,
    unitPath: u.path,
    createdBy: 'dev-admin',
    createdAt: Date.now() - 1000,
    expiresAt: Date.now() + 7 * 86_400_000,
    redeemedBy: null,
    redeemedAt: null,
    revokedAt: null,
    ...over,
  };
  db.insertMany('invites', [invite as unknown as Record<string, unknown>]);
  return { id: invite._id, code };
}

/** Inserts an active grant and answers its id. */
export function seedGrant(db: DatabaseBackend, unitId: Id, seq: number, over: Partial<RoleGrant> = {}): Id {
  const grant: RoleGrant = { _id: `rg-mx-${seq}`, openid: `o-mx-${seq}`, role: 'editor', unitId, grantedBy: 'dev-admin', grantedAt: Date.now() - 1000, revokedAt: null, ...over };
  db.insertMany('roles', [grant as unknown as Record<string, unknown>]);
  return grant._id;
}

/** Inserts an exemplar at `unitId` (reserve, published, review due in a month) and answers its id. */
export function seedExemplar(db: DatabaseBackend, unitId: Id, seq: number, over: Partial<Exemplar> = {}): Id {
  const u = target(unitId);
  const now = Date.now();
  const e: Exemplar = {
    _id: `ex-mx-${seq}`,
    kind: 'collective',
    tier: 'reserve',
    name: `矩阵典型${seq}`,
    title: '特勤站',
    unitId,
    unitPath: u.path,
    category: 'rescue',
    photo: null,
    summary: '一句话',
    biography: '事迹',
    consent: null,
    state: 'published',
    honorCount: 0,
    storyCount: 0,
    saluteCount: 0,
    enteredTierAt: now - 86_400_000,
    nextReviewAt: now + 30 * 86_400_000,
    createdAt: now - 86_400_000,
    updatedAt: now - 86_400_000,
    rank: 0,
    ...over,
  };
  db.insertMany('exemplars', [e as unknown as Record<string, unknown>]);
  return e._id;
}

/** Inserts a station under the target's battalion and answers it. */
export function seedStation(db: DatabaseBackend, battalionId: Id, seq: number): MatrixTarget {
  const parent = target(battalionId);
  const id = `u-mx-${seq}`;
  const unit: Unit = { _id: id, name: `矩阵站${seq}`, shortName: `矩阵站${seq}`, level: 'station', parentId: battalionId, path: [...parent.path, id], order: 90 + seq };
  db.insertMany('units', [unit as unknown as Record<string, unknown>]);
  UNITS.set(id, unit);
  return { unitId: id, path: unit.path };
}

// ------------------------------------------------------------------ nominations

const DAY = 86_400_000;
/** Deeds long enough for the nomination form (≥ 30 characters). */
export const MATRIX_DEEDS = '在天山山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡，受到当地群众高度赞扬。';
/** A staff member outside the dev identities who nominated what reviewers decide on. */
export const MATRIX_NOMINATOR = 'mx-nominator';

/** A nomination of a new station at `unitId`, as the workflow stores it, in `state`. */
export function seedNomination(db: DatabaseBackend, unitId: string, seq: number, state: NominationState, over: Partial<NominationDoc> = {}): NominationDoc {
  const now = Date.now();
  const doc: NominationDoc = {
    _id: `nom-mx-${seq}`,
    requestKey: `mxseeded-${seq}`,
    nominee: { new: { kind: 'collective', name: `矩阵推荐站${seq}`, unitId } },
    category: 'rescue',
    targetTier: 'reserve',
    deeds: MATRIX_DEEDS,
    attachments: [],
    consent: null,
    nominatingUnitId: unitId,
    unitPath: matrixUnit(unitId).path,
    nominatedBy: MATRIX_NOMINATOR,
    state,
    noticeEndsAt: state === 'in_notice' ? now + 7 * DAY : null,
    createdAt: now - 2 * DAY,
    updatedAt: now - DAY,
    nomineeName: `矩阵推荐站${seq}`,
    nomineeKind: 'collective',
    contentHeld: false,
    objections: { open: 0, sustained: 0 },
    enrolledExemplarId: null,
    timeline: [{ event: 'submitted', level: null, comment: '', at: now - 2 * DAY }],
    ...over,
  };
  db.insertMany('nominations', [doc as unknown as Record<string, unknown>]);
  return doc;
}

/** An open objection (by a reader) to a nomination in 公示 at `unitId`; answers the objection id. */
export function seedObjection(db: DatabaseBackend, unitId: string, seq: number): string {
  const nom = seedNomination(db, unitId, seq, 'in_notice', { objections: { open: 1, sustained: 0 } });
  const o: ObjectionDoc = {
    _id: `obj-mx-${seq}`,
    nominationId: nom._id,
    text: '该站事迹材料中转移人数与实际不符，请核实。',
    filedBy: 'dev-reader',
    at: Date.now() - 1000,
    state: 'open',
    unitPath: nom.unitPath,
    nominatingUnitId: nom.nominatingUnitId,
    nomineeName: nom.nomineeName,
    contentHeld: false,
    resolvedBy: null,
    resolvedAt: null,
    resolution: null,
  };
  db.insertMany('objections', [o as unknown as Record<string, unknown>]);
  return o._id;
}
