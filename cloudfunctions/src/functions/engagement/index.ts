/** The `engagement` cloud function: likes and salutes, views, shares, poster codes, my likes. */
import { createHash } from 'node:crypto';
import { cloud } from '../../adapters/cloud';
import { engagementDb } from '../../adapters/engagement-db';
import { parseEnvVersion } from '../../domain/engagement';
import { createHandler } from '../../lib/handler';
import { engagementActions } from './actions';

export const main = createHandler(
  'engagement',
  engagementActions({
    cloud,
    db: engagementDb,
    hashHex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
    now: () => Date.now(),
    // Read per call: a misconfigured value fails the poster call loudly (INTERNAL, logged), not the build.
    envVersion: () => parseEnvVersion(process.env.POSTER_ENV_VERSION),
  }),
  {
    // A shared link or stale card with a mangled id points nowhere: "not found", not a caller bug.
    notFoundWhenInvalid: { setLike: ['target.id'], view: ['storyId'], share: ['storyId', 'target.id'], posterCode: ['storyId'] },
  },
);
