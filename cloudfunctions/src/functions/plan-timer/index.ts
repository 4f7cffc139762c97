/**
 * The `plan-timer` function: the plan board's due-soon reminder (use-cases/plans/remind.ts).
 * Runs from its timer trigger only (lib/timer.ts refuses a call carrying a user's OPENID) and
 * never throws at WeChat. A function of its own, like the other timers, so the workboard's
 * client-facing entry takes action calls only.
 */
import { timerFunction } from '../../lib/timer';
import { remindDueSoon } from '../../use-cases/plans/remind';

export const main = timerFunction('plan-timer', remindDueSoon);
