/**
 * The `nominations` cloud function: nominate (submit, revise, withdraw, mine), review at each
 * level of the review ladder (queue, decide, consentScan, resolveObjection), the public notice
 * and objections (notice, object); one nomination's detail page (get). Enrolment after the notice runs in `nomination-timer`
 * (workflows/nominations/enrol.ts). Each action is a use case in use-cases/nominations/.
 */
import { consentScan } from '../../use-cases/nominations/consent-scan';
import { decide } from '../../use-cases/nominations/decide';
import { get } from '../../use-cases/nominations/get';
import { mine } from '../../use-cases/nominations/mine';
import { notice } from '../../use-cases/nominations/notice';
import { object } from '../../use-cases/nominations/object';
import { queue } from '../../use-cases/nominations/queue';
import { resolveObjection } from '../../use-cases/nominations/resolve-objection';
import { revise } from '../../use-cases/nominations/revise';
import { submit } from '../../use-cases/nominations/submit';
import { withdraw } from '../../use-cases/nominations/withdraw';
import { createHandler, type ActionTable } from '../../lib/handler';

const actions: ActionTable<'nominations'> = { submit, revise, withdraw, mine, get, queue, decide, notice, object, resolveObjection, consentScan };

export const main = createHandler('nominations', actions, {
  // A shared notice link with a mangled id points nowhere.
  notFoundWhenInvalid: { object: ['id'], get: ['id'] },
});
