/** The `identity` cloud function: the caller's staff roles and profile (name and unit), and the work waiting for them. */
import { me } from '../../use-cases/identity/me';
import { saveProfile } from '../../use-cases/identity/save-profile';
import { todo } from '../../use-cases/identity/todo';
import { createHandler, type ActionTable } from '../../lib/handler';

const actions: ActionTable<'identity'> = { me, saveProfile, todo };

export const main = createHandler('identity', actions);
