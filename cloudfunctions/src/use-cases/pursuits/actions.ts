/** The workboard's pursuits actions, gathered for functions/workboard/index.ts. */
import type { PursuitsApi } from '@contract';
import type { ActionTable } from '../../lib/handler';
import { addPursuitCandidate } from './add-candidate';
import { pursuit } from './pursuit';
import { pursuitDeadlines } from './pursuit-deadlines';
import { pursuitOptions } from './pursuit-options';
import { pursuits } from './pursuits';
import { removePursuitCandidate } from './remove-candidate';
import { savePursuit } from './save-pursuit';
import { setPursuitOutcome } from './set-outcome';

export const pursuitActions: Pick<ActionTable<'workboard'>, keyof PursuitsApi> = {
  pursuits,
  pursuit,
  savePursuit,
  pursuitOptions,
  addPursuitCandidate,
  removePursuitCandidate,
  setPursuitOutcome,
  pursuitDeadlines,
};
