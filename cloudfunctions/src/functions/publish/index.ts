/** The `publish` cloud function: publishers send stories to the official account. */
import { cloud } from '../../adapters/cloud';
import { createHandler } from '../../lib/handler';
import { publishActions } from './actions';
import { INSTANCE_ID, miniProgramAppid, numberEnv, officialAccount } from './env';

export const main = createHandler(
  'publish',
  publishActions({
    cloud,
    adminOpenids: () => process.env.ADMIN_OPENIDS,
    oa: officialAccount,
    appid: miniProgramAppid,
    now: Date.now,
    owner: INSTANCE_ID,
    staleMs: () => numberEnv('PUBLISH_STALE_MS', 120_000),
  }),
);
