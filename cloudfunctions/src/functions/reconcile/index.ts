/**
 * The `reconcile` timer function (03:00): recounts likes and salutes, repairs drifted counters,
 * drops expired rate windows and old views. A call carrying a user's OPENID is refused by the
 * timer wrapper: a full recount is the most expensive thing the backend does.
 */
import { timerFunction } from '../../lib/timer';
import { reconcile } from '../../use-cases/reconcile/run';

export const main = timerFunction('reconcile', reconcile);
