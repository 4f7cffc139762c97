/** The workboard's selections actions, gathered for functions/workboard/index.ts. */
import type { SelectionsApi } from '@contract';
import type { ActionTable } from '../../lib/handler';
import { closeSelectionRound } from './close';
import { createSelectionRound } from './create';
import { selectionRound } from './get';
import { selectionRounds } from './list';
import { selectionPeople } from './people';
import { publishSelectionRound } from './publish';
import { putForward } from './put-forward';
import { scoreCandidate } from './score';

export const selectionActions: Pick<ActionTable<'workboard'>, keyof SelectionsApi> = {
  selectionRounds,
  selectionRound,
  selectionPeople,
  createSelectionRound,
  putForward,
  scoreCandidate,
  closeSelectionRound,
  publishSelectionRound,
};
