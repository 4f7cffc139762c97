/**
 * The `nomination-timer` function: enrols nominations whose public notice is over
 * (workflows/nominations/enrol.ts). Runs from its timer trigger only (lib/timer.ts refuses a
 * call carrying a user's OPENID) and never throws at WeChat.
 */
import { timerFunction } from '../../lib/timer';
import { enrolDue } from '../../workflows/nominations/enrol';

export const main = timerFunction('nomination-timer', enrolDue);
