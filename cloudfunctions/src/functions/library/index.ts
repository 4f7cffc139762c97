/** The `library` cloud function: tier decisions, overdue reviews, tier history. */
import { changeTier } from '../../use-cases/library/change-tier';
import { history } from '../../use-cases/library/history';
import { overdue } from '../../use-cases/library/overdue';
import { createHandler, type ActionTable } from '../../lib/handler';

const actions: ActionTable<'library'> = { changeTier, overdue, history };

export const main = createHandler('library', actions);
