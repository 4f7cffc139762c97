/**
 * The `workboard` cloud function: 推优树典 as planned work — the plan board, honour pursuits,
 * 岗位标兵 selections and the figures reported upward. Each area's use cases live under
 * use-cases/<area>/ and are gathered in that area's actions.ts.
 */
import { createHandler, type ActionTable } from '../../lib/handler';
import { planActions } from '../../use-cases/plans/actions';
import { pursuitActions } from '../../use-cases/pursuits/actions';
import { selectionActions } from '../../use-cases/selections/actions';
import { figureActions } from '../../use-cases/figures/actions';

const actions: ActionTable<'workboard'> = { ...planActions, ...pursuitActions, ...selectionActions, ...figureActions };

export const main = createHandler('workboard', actions, {
  // A stale page or a shared link with a mangled id points nowhere: "not found", not a caller bug.
  notFoundWhenInvalid: {},
});
