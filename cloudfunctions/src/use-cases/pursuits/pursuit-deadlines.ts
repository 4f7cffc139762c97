/**
 * `workboard.pursuitDeadlines`: the dates of the pursuits the caller reads (any staff role, their
 * subtrees) that fall within the next PURSUIT_LIMITS.deadlineDays days — nomination deadlines,
 * the key dates (a report to the awarding body), results — soonest first. The 工作台 and the
 * plan board show them.
 */
import { isFailure, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { outermostUnits, READ_ROLES, todayOf, upcomingDeadlines } from './shared';

export const pursuitDeadlines: UseCase<'workboard', 'pursuitDeadlines'> = async (_req, ctx) => {
  const who = await staffWith(ctx, READ_ROLES);
  if (isFailure(who)) return who;
  const today = todayOf(ctx);
  const items = await upcomingDeadlines(ctx, await outermostUnits(ctx, who, READ_ROLES), today);
  return ok({ today, items });
};
