/** The `authoring` cloud function: exemplar and story editors, story review, consent. */
import { createHash, randomBytes } from 'node:crypto';
import { cloud } from '../../adapters/cloud';
import { createHandler } from '../../lib/handler';
import { authoringActions } from './actions';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export const main = createHandler(
  'authoring',
  authoringActions({
    cloud,
    adminOpenids: () => process.env.ADMIN_OPENIDS,
    now: () => Date.now(),
    hashHex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
    // 16 characters from 56 symbols ≈ 93 bits: a consent link cannot be guessed.
    randomCode: () => [...randomBytes(16)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join(''),
  }),
);
