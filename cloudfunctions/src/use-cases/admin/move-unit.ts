/**
 * `admin.moveUnit`: re-parent a unit. Every document under a unit carries a copy of its unit's
 * path (the unit subtree scopes every staff query), so the move rewrites the subtree's paths and
 * every copy: exemplars, stories, story revisions, invites, tier history, nominations and their
 * objections, readers' messages — a copy left behind would leave it with the old detachment's staff (its reviewer
 * would still queue and approve it) — and, last, the subtree's search keys (it is searched by
 * the names of the units above it).
 */
import type { Id, Unit, UnitMoveResult } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { planMove } from '../../domain/unit-tree';
import { isFailure, staffCaller, unitInScope } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { rekeyUnder } from '../../lib/search-index';
import { transact } from '../../lib/transaction';
import { MAX_UNITS, toNode } from './views';

/** The documents under the moved subtree, counted for the answer and the audit entry. */
async function countUnder(c: Cloud, unitId: Id) {
  const [exemplars, stories, storyRevisions, nominations] = await Promise.all([
    c.collection('exemplars').count({ unitPath: unitId }),
    c.collection('stories').count({ unitPath: unitId }),
    c.collection('story_revisions').count({ unitPath: unitId }),
    c.collection('nominations').count({ unitPath: unitId }),
  ]);
  return { exemplars, stories, storyRevisions, nominations };
}

/** The unitPath copies of the documents of one unit (not of its sub-units: each unit rewrites its own). */
async function rewriteCopies(c: Cloud, u: { _id: Id; path: Id[] }): Promise<void> {
  const within = { unitPath: u._id, unitId: u._id };
  const nominating = { unitPath: u._id, nominatingUnitId: u._id };
  const unitPath = u.path;
  await Promise.all([
    c.collection('exemplars').updateWhere(within, { unitPath }),
    c.collection('stories').updateWhere(within, { unitPath }),
    c.collection('story_revisions').updateWhere(within, { unitPath }),
    c.collection('invites').updateWhere(within, { unitPath }),
    c.collection('tier_changes').updateWhere(within, { unitPath }),
    c.collection('nominations').updateWhere(nominating, { unitPath }),
    c.collection('objections').updateWhere(nominating, { unitPath }),
    // 留言 under the unit's stories: comments.queue and the 工作台 count read them by unitPath.
    c.collection('comments').updateWhere(within, { unitPath }),
    // Plan tasks the unit owns (the figures count a subtree's tasks by unitPath), and its plans.
    c.collection('plan_tasks').updateWhere(within, { unitPath }),
    c.collection('plans').updateWhere(within, { unitPath }),
  ]);
}

const samePath = (a: readonly Id[], b: readonly Id[]) => a.length === b.length && a.every((id, i) => b[i] === id);

export const moveUnit: UseCase<'admin', 'moveUnit'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const moving = await unitInScope(c, who, 'admin', req.unitId);
  if (isFailure(moving)) return moving;
  const target = await unitInScope(c, who, 'admin', req.parentId);
  if (isFailure(target)) return target;
  const subtree = await c.collection('units').select(['path']).where({ path: moving._id }).limit(MAX_UNITS).get();
  const plan = planMove(moving, target, subtree);
  if (!plan.ok) return refuse('FAILED_PRECONDITION', 'unit_move_invalid', plan.reason, [{ path: 'parentId', message: plan.reason, reason: 'unit_move_invalid' }]);
  const counts = await countUnder(c, moving._id);

  // The move itself — the unit's new parent and path — commits with its audit entry, so the log
  // says a move happened exactly when it did. The rest cannot join that transaction: a
  // transaction holds single-document operations only, and the copies are multi-document
  // updates over collections of any size. Each step below sets absolute values, so running the
  // same move again after a failure part-way completes it.
  const moved = await transact(ctx, async ({ tx, audit }) => {
    const u = await tx.collection('units').get(moving._id);
    if (!u) return fail('NOT_FOUND', `no unit ${moving._id}`);
    // Moved by someone else since the plan was made: the plan's paths are stale.
    if (u.parentId !== moving.parentId || !samePath(u.path, moving.path)) return fail('CONFLICT', `unit ${moving._id} moved meanwhile; try again`);
    await tx.collection('units').update(moving._id, { parentId: target._id, path: plan.movedPath });
    audit({
      actor: who.openid,
      action: 'admin.moveUnit',
      subject: { kind: 'unit', id: moving._id },
      before: { parentId: moving.parentId, path: moving.path },
      after: { parentId: target._id, path: plan.movedPath, units: plan.units.length, ...counts },
    });
    return { ...u, _id: moving._id, parentId: target._id, path: plan.movedPath } satisfies Unit;
  });
  if (isFailure(moved)) return moved;

  // Units first (the subtree's paths decide every permission), then the copies, unit by unit.
  const units = c.collection('units');
  for (const u of plan.units) if (u._id !== moving._id) await units.doc(u._id).update({ path: u.path });
  for (const u of plan.units) await rewriteCopies(c, u);
  // Last: the subtree is searched by the names of the units above it, which the move changed.
  await rekeyUnder(c, moving._id);
  const result: UnitMoveResult = { unit: toNode(moved), units: plan.units.length, exemplars: counts.exemplars, stories: counts.stories };
  return ok(result);
};
