/** The `identity` cloud function: the caller's handle and staff roles. */
import { createHash } from 'node:crypto';
import { cloud } from '../../adapters/cloud';
import { createHandler } from '../../lib/handler';
import { identityActions } from './actions';

export const main = createHandler(
  'identity',
  identityActions({
    cloud,
    adminOpenids: () => process.env.ADMIN_OPENIDS,
    hashHex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
  }),
);
