/** The `publish` cloud function: publishers send stories to the official account. */
import { createHandler, type ActionTable } from '../../lib/handler';
import { candidates } from '../../use-cases/publish/candidates';
import { job } from '../../use-cases/publish/job';
import { jobs } from '../../use-cases/publish/jobs';
import { preview } from '../../use-cases/publish/preview';
import { retry } from '../../use-cases/publish/retry';
import { start } from '../../use-cases/publish/start';

const actions: ActionTable<'publish'> = { candidates, start, jobs, job, retry, preview };

export const main = createHandler('publish', actions);
