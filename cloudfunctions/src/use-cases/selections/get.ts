/** `workboard.selectionRound`: one round as the caller may see it (selections/shared.ts roundView). */
import { fail, ok, type UseCase } from '../../lib/handler';
import { isFailure, staffCaller } from '../../lib/guard';
import { heldUnitPaths, roundView, seesRound } from './shared';

export const selectionRound: UseCase<'workboard', 'selectionRound'> = async (req, ctx) => {
  // A reader (no role) is answered like anyone outside the round: it does not exist for them.
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const round = await ctx.cloud().collection('selection_rounds').doc(req.id).get();
  const unitPaths = await heldUnitPaths(ctx, who);
  // A round the caller has nothing to do with reads as absent: its existence is not theirs to learn.
  if (!round || !seesRound(who, round, unitPaths)) return fail('NOT_FOUND', `no selection round ${req.id}`);
  return ok(await roundView(ctx, who, round, { unitPaths }));
};
