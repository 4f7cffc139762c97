/**
 * `admin`: invites, role grants, the audit log, the unit tree and campaigns. Every action
 * trusts only WeChat's OPENID and the role records (lib/caller.ts); every change writes the
 * audit log. Redeeming an invite is the one action open to any signed-in user.
 */
import type { AuditView, CampaignCard, GrantView, Id, InviteRecord, InviteView, RoleGrant, RoleView, Unit, UnitNode, UnitRef } from '@contract';
import { PAGE_SIZE } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { grantIdOfInvite, canRevoke, inviteExpiry, inviteIdOf, inviteStatus, makeInviteCode, redeemRefusal } from '../../domain/invites';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { childOf, planMove } from '../../domain/unit-tree';
import { audit } from '../../lib/audit';
import { loadCaller, denyUnless, type Caller } from '../../lib/caller';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';
import { cursorFrom, firstUnitOf, handleOf, requireAnywhere, rootUnit, unitInScope } from '../../lib/staff';

export interface AdminDeps {
  cloud: () => Cloud;
  /** The deployment's ADMIN_OPENIDS, read per call. */
  adminOpenids: () => string | undefined;
  hashHex: (input: string) => string;
  now: () => number;
  /** n cryptographically random bytes. */
  random: (n: number) => Uint8Array;
}

/** Units are few (a corps has hundreds); one query of at most this many covers a subtree. */
const MAX_UNITS = 1000;
const INVITE_FIELDS = ['code', 'role', 'unitId', 'unitPath', 'createdAt', 'expiresAt', 'redeemedBy', 'redeemedAt', 'revokedAt', 'createdBy'] as const;
const GRANT_FIELDS = ['openid', 'role', 'unitId', 'grantedAt', 'grantedBy', 'revokedAt'] as const;

function toNode(u: Pick<Unit, '_id' | 'name' | 'shortName' | 'level' | 'parentId' | 'order'>): UnitNode {
  return { _id: u._id, name: u.name, shortName: u.shortName, level: u.level, parentId: u.parentId, order: u.order };
}

/** A unit that has vanished still needs a label on an old invite or grant. */
function refOr(units: Map<Id, UnitRef>, id: Id): UnitRef {
  return units.get(id) ?? { _id: id, name: '（已删除的单位）', shortName: '已删除', level: 'station' };
}

export function adminActions(deps: AdminDeps): ActionTable<'admin'> {
  const handle = (openid: string) => handleOf(openid, deps.hashHex);

  async function caller(c: Cloud): Promise<Caller | null> {
    return loadCaller(c, deps.adminOpenids());
  }

  async function unitRefs(c: Cloud, ids: readonly Id[]): Promise<Map<Id, UnitRef>> {
    const rows = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, ids);
    const out = new Map<Id, UnitRef>();
    for (const [id, row] of rows) out.set(id, toUnitRef(row));
    return out;
  }

  function inviteView(inv: Omit<InviteRecord, '_id'> & { _id: Id }, unit: UnitRef, now: number): InviteView {
    return {
      _id: inv._id,
      code: inv.code,
      role: inv.role,
      unit,
      status: inviteStatus(inv, now),
      expiresAt: inv.expiresAt,
      createdAt: inv.createdAt,
      redeemedBy: inv.redeemedBy === null ? null : handle(inv.redeemedBy),
      redeemedAt: inv.redeemedAt,
    };
  }

  /** The unit a list is scoped to: the one asked for (the caller must administer it) or the caller's first. */
  async function listScope(c: Cloud, who: Caller | null, unitId: Id | undefined) {
    if (unitId !== undefined) {
      const scoped = await unitInScope(c, who, 'admin', unitId);
      if (!scoped.ok) return scoped;
      return { ok: true as const, caller: scoped.caller, unitId: scoped.unit._id };
    }
    const any = requireAnywhere(who, ['admin']);
    if (!any.ok) return any;
    return { ok: true as const, caller: any.caller, unitId: firstUnitOf(any.caller, 'admin') as Id };
  }

  /** Corps-wide actions (audit log, campaigns) require admin over the root. */
  async function corpsAdmin(c: Cloud, who: Caller | null) {
    const any = requireAnywhere(who, ['admin']);
    if (!any.ok) return any;
    const root = await rootUnit(c);
    if (!root) return fail('FAILED_PRECONDITION', 'the unit tree has no root');
    const denied = denyUnless(any.caller, 'admin', root.path);
    if (denied) return denied;
    return { ok: true as const, caller: any.caller, root };
  }

  return {
    async createInvite(req) {
      const c = deps.cloud();
      const scoped = await unitInScope(c, await caller(c), 'admin', req.unitId);
      if (!scoped.ok) return scoped;
      const now = deps.now();
      // A clash of random codes is astronomically rare; addOnce makes it harmless, and a few
      // fresh draws settle it.
      for (let attempt = 0; attempt < 4; attempt++) {
        const code = makeInviteCode(deps.random);
        const invite: InviteRecord = {
          _id: inviteIdOf(code),
          code,
          role: req.role,
          unitId: scoped.unit._id,
          unitPath: scoped.unit.path,
          createdBy: scoped.caller.openid,
          createdAt: now,
          expiresAt: inviteExpiry(now, req.validDays),
          redeemedBy: null,
          redeemedAt: null,
          revokedAt: null,
        };
        if ((await c.collection('invites').addOnce(invite)) === 'duplicate') continue;
        await audit(c, {
          actor: scoped.caller.openid,
          action: 'admin.createInvite',
          subject: { kind: 'invite', id: invite._id },
          before: null,
          // The code itself stays out of the log: the log is read more widely than invites are handed out.
          after: { role: invite.role, unitId: invite.unitId, expiresAt: invite.expiresAt },
          at: now,
        });
        return ok(inviteView(invite, toUnitRef(scoped.unit), now));
      }
      throw new Error('could not draw an unused invite code');
    },

    async listInvites(req) {
      const c = deps.cloud();
      const scope = await listScope(c, await caller(c), req.unitId);
      if (!scope.ok) return scope;
      const cursor = cursorFrom(req.cursor);
      if (!cursor.ok) return cursor;
      const page = await readKeysetPage({
        source: () => c.collection('invites').select(INVITE_FIELDS),
        filter: { unitPath: scope.unitId },
        sortField: 'createdAt',
        cursor: cursor.cursor,
        limit: req.limit ?? PAGE_SIZE.exemplars,
        cmd: c.command,
      });
      const units = await unitRefs(c, page.rows.map((r) => r.unitId));
      const now = deps.now();
      return ok({ items: page.rows.map((r) => inviteView(r, refOr(units, r.unitId), now)), next: page.next });
    },

    async revokeInvite(req) {
      const c = deps.cloud();
      const who = requireAnywhere(await caller(c), ['admin']);
      if (!who.ok) return who;
      const found = await c.collection('invites').doc(req.inviteId).get();
      if (!found) return fail('NOT_FOUND', `no invite ${req.inviteId}`);
      const denied = denyUnless(who.caller, 'admin', found.unitPath);
      if (denied) return denied;
      const now = deps.now();
      // In a transaction with redeem: a code cannot be both revoked and redeemed.
      const outcome = await c.transaction(async (tx) => {
        const inv = await tx.collection('invites').get(req.inviteId);
        if (!inv) return { ok: false as const, status: 'missing' as const };
        if (!canRevoke(inv, now)) return { ok: false as const, status: inviteStatus(inv, now) };
        await tx.collection('invites').update(req.inviteId, { revokedAt: now });
        return { ok: true as const, invite: { ...inv, _id: req.inviteId, revokedAt: now } };
      });
      if (!outcome.ok) {
        if (outcome.status === 'missing') return fail('NOT_FOUND', `no invite ${req.inviteId}`);
        return fail('FAILED_PRECONDITION', `the invite is ${outcome.status}`, [{ path: 'inviteId', message: outcome.status }]);
      }
      await audit(c, {
        actor: who.caller.openid,
        action: 'admin.revokeInvite',
        subject: { kind: 'invite', id: req.inviteId },
        before: { revokedAt: null },
        after: { revokedAt: now },
        at: now,
      });
      const units = await unitRefs(c, [outcome.invite.unitId]);
      return ok(inviteView(outcome.invite, refOr(units, outcome.invite.unitId), now));
    },

    async redeem(req) {
      const c = deps.cloud();
      const { openid } = c.identity();
      if (!openid) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const now = deps.now();
      const inviteId = inviteIdOf(req.code);
      const grantId = grantIdOfInvite(inviteId);
      // One transaction reads the invite and writes both the grant and the redemption: two
      // people racing for one code conflict at commit, and the retry sees it used.
      const outcome = await c.transaction(async (tx) => {
        const inv = await tx.collection('invites').get(inviteId);
        if (!inv) return { kind: 'missing' as const };
        const refusal = redeemRefusal(inv, now);
        if (refusal) return { kind: 'refused' as const, refusal };
        const grant: Omit<RoleGrant, '_id'> = { openid, role: inv.role, unitId: inv.unitId, grantedBy: inv.createdBy, grantedAt: now, revokedAt: null };
        await tx.collection('roles').set(grantId, grant);
        await tx.collection('invites').update(inviteId, { redeemedBy: openid, redeemedAt: now });
        return { kind: 'granted' as const, grant };
      });
      if (outcome.kind === 'missing') return fail('NOT_FOUND', 'no invite has that code', [{ path: 'code', message: 'unknown' }]);
      if (outcome.kind === 'refused') {
        return fail(outcome.refusal.code, `the invite is ${outcome.refusal.reason}`, [{ path: 'code', message: outcome.refusal.reason }]);
      }
      await audit(c, {
        actor: openid,
        action: 'admin.redeem',
        subject: { kind: 'grant', id: grantId },
        before: null,
        after: { role: outcome.grant.role, unitId: outcome.grant.unitId, invite: inviteId },
        at: now,
      });
      const units = await unitRefs(c, [outcome.grant.unitId]);
      const view: RoleView = { role: outcome.grant.role, unit: refOr(units, outcome.grant.unitId) };
      return ok(view);
    },

    async listGrants(req) {
      const c = deps.cloud();
      const scope = await listScope(c, await caller(c), req.unitId);
      if (!scope.ok) return scope;
      const cursor = cursorFrom(req.cursor);
      if (!cursor.ok) return cursor;
      const subtree = await c.collection('units').select(['_id']).where({ path: scope.unitId }).limit(MAX_UNITS).get();
      const inside = new Set(subtree.map((u) => u._id));
      const page = await readKeysetPage({
        source: () => c.collection('roles').select(GRANT_FIELDS),
        filter: { revokedAt: null },
        sortField: 'grantedAt',
        cursor: cursor.cursor,
        limit: req.limit ?? PAGE_SIZE.exemplars,
        cmd: c.command,
        keep: (g) => inside.has(g.unitId),
      });
      const units = await unitRefs(c, page.rows.map((r) => r.unitId));
      const items: GrantView[] = page.rows.map((g) => ({
        _id: g._id,
        role: g.role,
        unit: refOr(units, g.unitId),
        holder: handle(g.openid),
        grantedAt: g.grantedAt,
        self: g.openid === scope.caller.openid,
      }));
      return ok({ items, next: page.next });
    },

    async revokeGrant(req) {
      const c = deps.cloud();
      const who = requireAnywhere(await caller(c), ['admin']);
      if (!who.ok) return who;
      const found = await c.collection('roles').doc(req.grantId).get();
      if (!found) return fail('NOT_FOUND', `no grant ${req.grantId}`);
      const unit = await c.collection('units').doc(found.unitId).get();
      // A grant over a unit that no longer exists covers nothing; only a corps admin may clear it.
      const root = unit ? null : await rootUnit(c);
      const denied = denyUnless(who.caller, 'admin', unit ? unit.path : root ? root.path : []);
      if (denied) return denied;
      if (found.openid === who.caller.openid && found.role === 'admin') {
        return fail('FAILED_PRECONDITION', 'an admin cannot revoke their own admin grant; ask another admin', [{ path: 'grantId', message: 'self' }]);
      }
      const now = deps.now();
      const outcome = await c.transaction(async (tx) => {
        const g = await tx.collection('roles').get(req.grantId);
        if (!g) return null;
        if (g.revokedAt !== null) return 'revoked' as const;
        await tx.collection('roles').update(req.grantId, { revokedAt: now });
        return g;
      });
      if (outcome === null) return fail('NOT_FOUND', `no grant ${req.grantId}`);
      if (outcome === 'revoked') return fail('FAILED_PRECONDITION', 'the grant is already revoked', [{ path: 'grantId', message: 'revoked' }]);
      await audit(c, {
        actor: who.caller.openid,
        action: 'admin.revokeGrant',
        subject: { kind: 'grant', id: req.grantId },
        before: { role: outcome.role, unitId: outcome.unitId, revokedAt: null },
        after: { role: outcome.role, unitId: outcome.unitId, revokedAt: now },
        at: now,
      });
      const units = await unitRefs(c, [outcome.unitId]);
      return ok({ _id: req.grantId, role: outcome.role, unit: refOr(units, outcome.unitId), holder: handle(outcome.openid), grantedAt: outcome.grantedAt, self: false });
    },

    async auditLog(req) {
      const c = deps.cloud();
      const scope = await corpsAdmin(c, await caller(c));
      if (!scope.ok) return scope;
      const cursor = cursorFrom(req.cursor);
      if (!cursor.ok) return cursor;
      const page = await readKeysetPage({
        source: () => c.collection('audit').select(['actor', 'action', 'subject', 'before', 'after', 'at']),
        filter: {},
        sortField: 'at',
        cursor: cursor.cursor,
        limit: req.limit ?? PAGE_SIZE.exemplars,
        cmd: c.command,
      });
      const items: AuditView[] = page.rows.map((e) => ({ _id: e._id, actor: handle(e.actor), action: e.action, subject: e.subject, before: e.before, after: e.after, at: e.at }));
      return ok({ items, next: page.next });
    },

    async unitTree() {
      const c = deps.cloud();
      const who = requireAnywhere(await caller(c), ['admin']);
      if (!who.ok) return who;
      const roots = [...new Set(who.caller.held.filter((h) => h.role === 'admin').map((h) => h.unitId))];
      const lists = await Promise.all(
        roots.map((id) => c.collection('units').select(['name', 'shortName', 'level', 'parentId', 'order', 'path']).where({ path: id }).limit(MAX_UNITS).get()),
      );
      const byId = new Map<Id, UnitNode & { depth: number }>();
      for (const rows of lists) for (const u of rows) byId.set(u._id, { ...toNode(u), depth: u.path.length });
      const items = [...byId.values()].sort((a, b) => a.depth - b.depth || a.order - b.order).map(({ depth: _depth, ...node }) => node);
      return ok({ items });
    },

    async addUnit(req) {
      const c = deps.cloud();
      const scoped = await unitInScope(c, await caller(c), 'admin', req.parentId);
      if (!scoped.ok) return scoped;
      const siblings = await c.collection('units').count({ parentId: scoped.unit._id });
      const id = `u-${Buffer.from(deps.random(6)).toString('hex')}`;
      const child = childOf(scoped.unit, id, req.name, req.shortName, siblings);
      if (!child.ok) return fail('FAILED_PRECONDITION', child.reason, [{ path: 'parentId', message: child.reason }]);
      const { _id, ...doc } = child.unit;
      await c.collection('units').add({ _id, ...doc });
      const now = deps.now();
      await audit(c, { actor: scoped.caller.openid, action: 'admin.addUnit', subject: { kind: 'unit', id: _id }, before: null, after: toNode(child.unit), at: now });
      return ok(toNode(child.unit));
    },

    async renameUnit(req) {
      const c = deps.cloud();
      const scoped = await unitInScope(c, await caller(c), 'admin', req.unitId);
      if (!scoped.ok) return scoped;
      const u = scoped.unit;
      await c.collection('units').doc(u._id).update({ name: req.name, shortName: req.shortName });
      await audit(c, {
        actor: scoped.caller.openid,
        action: 'admin.renameUnit',
        subject: { kind: 'unit', id: u._id },
        before: { name: u.name, shortName: u.shortName },
        after: { name: req.name, shortName: req.shortName },
        at: deps.now(),
      });
      return ok(toNode({ ...u, name: req.name, shortName: req.shortName }));
    },

    async moveUnit(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const moving = await unitInScope(c, who, 'admin', req.unitId);
      if (!moving.ok) return moving;
      const target = await unitInScope(c, who, 'admin', req.parentId);
      if (!target.ok) return target;
      const subtree = await c.collection('units').select(['path']).where({ path: moving.unit._id }).limit(MAX_UNITS).get();
      const plan = planMove(moving.unit, target.unit, subtree);
      if (!plan.ok) return fail('FAILED_PRECONDITION', plan.reason, [{ path: 'parentId', message: plan.reason }]);
      // Units first (parent, then the paths), then the copies, one batch per unit. Each step sets
      // absolute values, so running the same move again after a failure completes it.
      const units = c.collection('units');
      await units.doc(moving.unit._id).update({ parentId: target.unit._id });
      for (const u of plan.units) await units.doc(u._id).update({ path: u.path });
      let exemplars = 0;
      let stories = 0;
      let nominations = 0;
      for (const u of plan.units) {
        const within = { unitPath: u._id, unitId: u._id };
        exemplars += await c.collection('exemplars').updateWhere(within, { unitPath: u.path });
        stories += await c.collection('stories').updateWhere(within, { unitPath: u.path });
        await c.collection('invites').updateWhere(within, { unitPath: u.path });
        await c.collection('tier_changes').updateWhere(within, { unitPath: u.path });
        // Nominations and their objections follow their unit: queues and objection lists are
        // read by unitPath, so a stale copy would leave them with the old detachment's reviewer.
        const nominating = { unitPath: u._id, nominatingUnitId: u._id };
        nominations += await c.collection('nominations').updateWhere(nominating, { unitPath: u.path });
        await c.collection('objections').updateWhere(nominating, { unitPath: u.path });
      }
      const result = { unit: toNode({ ...moving.unit, parentId: target.unit._id }), units: plan.units.length, exemplars, stories };
      await audit(c, {
        actor: moving.caller.openid,
        action: 'admin.moveUnit',
        subject: { kind: 'unit', id: moving.unit._id },
        before: { parentId: moving.unit.parentId, path: moving.unit.path },
        after: { parentId: target.unit._id, path: plan.movedPath, units: result.units, exemplars, stories, nominations },
        at: deps.now(),
      });
      return ok(result);
    },

    async listCampaigns() {
      const c = deps.cloud();
      const scope = await corpsAdmin(c, await caller(c));
      if (!scope.ok) return scope;
      const rows = await c.collection('campaigns').select(['name', 'slug', 'description', 'order', 'storyCount']).orderBy('order', 'asc').limit(MAX_UNITS).get();
      return ok({ items: rows.map((r) => ({ _id: r._id, name: r.name, slug: r.slug, description: r.description, order: r.order, storyCount: r.storyCount })) });
    },

    async saveCampaign(req) {
      const c = deps.cloud();
      const scope = await corpsAdmin(c, await caller(c));
      if (!scope.ok) return scope;
      const campaigns = c.collection('campaigns');
      const all = await campaigns.select(['slug']).orderBy('order', 'asc').limit(MAX_UNITS).get();
      if (all.some((k) => k.slug === req.slug && k._id !== req.id)) {
        return fail('CONFLICT', `slug ${req.slug} is taken`, [{ path: 'slug', message: 'taken' }]);
      }
      const now = deps.now();
      const fields = { name: req.name, slug: req.slug, description: req.description, order: req.order };
      let card: CampaignCard;
      if (req.id !== undefined) {
        const before = await campaigns.doc(req.id).get();
        if (!before) return fail('NOT_FOUND', `no campaign ${req.id}`);
        await campaigns.doc(req.id).update(fields);
        await audit(c, {
          actor: scope.caller.openid,
          action: 'admin.saveCampaign',
          subject: { kind: 'campaign', id: req.id },
          before: { name: before.name, slug: before.slug, description: before.description, order: before.order },
          after: fields,
          at: now,
        });
        const cover = before.cover ? ((await c.tempUrls([before.cover])).get(before.cover) ?? null) : null;
        card = { _id: req.id, name: req.name, slug: req.slug, description: req.description, cover, storyCount: before.storyCount };
      } else {
        const id = await campaigns.add({ ...fields, cover: null, startedAt: now, storyCount: 0 });
        await audit(c, { actor: scope.caller.openid, action: 'admin.saveCampaign', subject: { kind: 'campaign', id }, before: null, after: fields, at: now });
        card = { _id: id, name: req.name, slug: req.slug, description: req.description, cover: null, storyCount: 0 };
      }
      return ok(card);
    },
  };
}
