/** The `library` cloud function: tier decisions, overdue reviews, tier history. */
import { createHash, randomBytes } from 'node:crypto';
import { cloud } from '../../adapters/cloud';
import { createHandler } from '../../lib/handler';
import { libraryActions } from './actions';

export const main = createHandler(
  'library',
  libraryActions({
    cloud,
    adminOpenids: () => process.env.ADMIN_OPENIDS,
    hashHex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
    now: () => Date.now(),
    random: (n) => randomBytes(n),
  }),
);
