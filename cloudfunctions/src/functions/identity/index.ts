/** The `identity` cloud function: the caller's handle and staff roles. */
import { me } from '../../use-cases/identity/me';
import { createHandler, type ActionTable } from '../../lib/handler';

const actions: ActionTable<'identity'> = { me };

export const main = createHandler('identity', actions);
