/** `workboard.pursuit`: one pursuit with its candidates and outcomes, for any staff role whose subtree contains its unit. */
import { isFailure } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { pursuitInScope, pursuitView, READ_ROLES } from './shared';

export const pursuit: UseCase<'workboard', 'pursuit'> = async (req, ctx) => {
  const found = await pursuitInScope(ctx, req.id, READ_ROLES);
  if (isFailure(found)) return found;
  return ok(await pursuitView(ctx, found.who, found.pursuit));
};
