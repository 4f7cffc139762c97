/**
 * `admin.renameUnit`: a unit's full and short names. Everything at or under the unit is searched
 * by its names: once the rename commits (with its audit entry), their search keys are rewritten
 * (lib/search-index.ts rekeyUnder; renaming again with the same names completes a walk cut short).
 */
import { fail, ok, type UseCase } from '../../lib/handler';
import { isFailure, staffCaller, unitInScope } from '../../lib/guard';
import { rekeyUnder } from '../../lib/search-index';
import { transact } from '../../lib/transaction';
import { toNode } from './views';

export const renameUnit: UseCase<'admin', 'renameUnit'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const scoped = await unitInScope(ctx.cloud(), who, 'admin', req.unitId);
  if (isFailure(scoped)) return scoped;
  const renamed = await transact(ctx, async ({ tx, audit }) => {
    const u = await tx.collection('units').get(scoped._id);
    if (!u) return fail('NOT_FOUND', `no unit ${scoped._id}`);
    await tx.collection('units').update(scoped._id, { name: req.name, shortName: req.shortName });
    audit({
      actor: who.openid,
      action: 'admin.renameUnit',
      subject: { kind: 'unit', id: scoped._id },
      before: { name: u.name, shortName: u.shortName },
      after: { name: req.name, shortName: req.shortName },
    });
    return { ...u, _id: scoped._id, name: req.name, shortName: req.shortName };
  });
  if (isFailure(renamed)) return renamed;
  await rekeyUnder(ctx.cloud(), renamed._id);
  return ok(toNode(renamed));
};
