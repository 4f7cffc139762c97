/** The `nominations` cloud function: nominate, review at three levels, public notice and objections. */
import { createHash } from 'node:crypto';
import { cloud } from '../../adapters/cloud';
import { createHandler } from '../../lib/handler';
import { nominationActions } from './actions';
import { miniprogramState, noticeDays, templates } from './config';

export const main = createHandler(
  'nominations',
  nominationActions({
    cloud,
    adminOpenids: () => process.env.ADMIN_OPENIDS,
    hashHex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
    now: () => Date.now(),
    noticeDays,
    templates,
    miniprogramState,
    log: (entry) => console.log(JSON.stringify(entry)),
  }),
  {
    // A shared notice link with a mangled id points nowhere.
    notFoundWhenInvalid: { object: ['id'] },
  },
);
