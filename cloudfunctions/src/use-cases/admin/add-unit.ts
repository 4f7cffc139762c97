/** `admin.addUnit`: a new unit under one the caller administers, at the level below it. */
import { childOf } from '../../domain/unit-tree';
import { newId } from '../../lib/context';
import { isFailure, staffCaller, unitInScope } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { toNode } from './views';

export const addUnit: UseCase<'admin', 'addUnit'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const parent = await unitInScope(c, who, 'admin', req.parentId);
  if (isFailure(parent)) return parent;
  const siblings = await c.collection('units').count({ parentId: parent._id });
  const child = childOf(parent, newId(ctx, 'u'), req.name, req.shortName, siblings);
  if (!child.ok) return refuse('FAILED_PRECONDITION', 'unit_no_sub_units', child.reason, [{ path: 'parentId', message: child.reason, reason: 'unit_no_sub_units' }]);
  const { _id, ...doc } = child.unit;
  const added = await transact(ctx, async ({ tx, audit }) => {
    await tx.collection('units').set(_id, doc);
    audit({ actor: who.openid, action: 'admin.addUnit', subject: { kind: 'unit', id: _id }, before: null, after: toNode(child.unit) });
    return child.unit;
  });
  if (isFailure(added)) return added;
  return ok(toNode(added));
};
