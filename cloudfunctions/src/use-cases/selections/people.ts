/**
 * `workboard.selectionPeople`: the staff an admin may seat on a committee for a round at their
 * unit — everyone holding an active grant in its subtree, once each, by name. Each is named by
 * one of their grants' ids (`ref`), so no OPENID reaches the client.
 */
import type { Id, SelectionPersonOption } from '@contract';
import { isFailure, staffCaller, unitInScope } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { peopleByOpenid, personIn } from '../../lib/people';
import { subtreeGrants } from './committee';

export const selectionPeople: UseCase<'workboard', 'selectionPeople'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const unit = await unitInScope(ctx.cloud(), who, 'admin', req.unitId);
  if (isFailure(unit)) return unit;
  const grants = await subtreeGrants(ctx, unit._id);
  const byPerson = new Map<string, Id>();
  for (const g of grants) if (!byPerson.has(g.openid)) byPerson.set(g.openid, g._id);
  const people = await peopleByOpenid(ctx, [...byPerson.keys()]);
  const items: SelectionPersonOption[] = [...byPerson].map(([openid, ref]) => ({ ref, person: personIn(people, openid) }));
  items.sort((a, b) => a.person.name.localeCompare(b.person.name, 'zh-CN'));
  return ok({ items });
};
