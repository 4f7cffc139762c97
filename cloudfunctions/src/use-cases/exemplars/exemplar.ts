/** `authoring.exemplar`: a profile as its editors see it (every state, consent status, honors, placements). */
import { isFailure, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { exemplarFor, exemplarView } from './shared';

export const exemplar: UseCase<'authoring', 'exemplar'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const ex = await exemplarFor(ctx.cloud(), who, req.id);
  if (isFailure(ex)) return ex;
  return ok(await exemplarView(ctx, ex));
};
