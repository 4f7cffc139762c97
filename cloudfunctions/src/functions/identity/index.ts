/** The `identity` cloud function: the caller's staff roles and profile (name and unit). */
import { me } from '../../use-cases/identity/me';
import { saveProfile } from '../../use-cases/identity/save-profile';
import { createHandler, type ActionTable } from '../../lib/handler';

const actions: ActionTable<'identity'> = { me, saveProfile };

export const main = createHandler('identity', actions);
