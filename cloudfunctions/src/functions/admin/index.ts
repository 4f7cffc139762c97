/** The `admin` cloud function: invites, role grants, the audit log, the unit tree, campaigns. */
import { createHash, randomBytes } from 'node:crypto';
import { cloud } from '../../adapters/cloud';
import { createHandler } from '../../lib/handler';
import { adminActions } from './actions';

export const main = createHandler(
  'admin',
  adminActions({
    cloud,
    adminOpenids: () => process.env.ADMIN_OPENIDS,
    hashHex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
    now: () => Date.now(),
    random: (n) => randomBytes(n),
  }),
);
