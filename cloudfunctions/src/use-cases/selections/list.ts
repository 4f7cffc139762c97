/**
 * `workboard.selectionRounds`: the rounds the caller has to do with, newest first — those of
 * their subtrees, those of the units above them (their units put candidates forward into
 * those), and those on whose committee they sit.
 */
import type { Id, SelectionRoundDoc } from '@contract';
import { isFailure, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { unitRefsById } from '../../lib/people';
import { heldUnitPaths, roundCard, selectionRoundsAwaiting } from './shared';

/** Rounds listed at most: a few a year per unit. */
const LIST_MAX = 100;

export const selectionRounds: UseCase<'workboard', 'selectionRounds'> = async (_req, ctx) => {
  const who = await staffWith(ctx, ['admin', 'editor', 'reviewer', 'publisher']);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const rounds = c.collection('selection_rounds');
  const unitPaths = await heldUnitPaths(ctx, who);
  const held = [...unitPaths.keys()];
  const above = [...new Set([...unitPaths.values()].flat())];
  const [inside, overhead, seats] = await Promise.all([
    Promise.all(held.map((u) => rounds.where({ unitPath: u }).orderBy('createdAt', 'desc').limit(LIST_MAX).get())),
    // The units above are a handful (a station has three): one equality read each.
    Promise.all(above.map((u) => rounds.where({ unitId: u }).orderBy('createdAt', 'desc').limit(LIST_MAX).get())),
    rounds.where({ committee: who.openid }).orderBy('createdAt', 'desc').limit(LIST_MAX).get(),
  ]);
  const byId = new Map<Id, SelectionRoundDoc>();
  for (const r of [...inside.flat(), ...overhead.flat(), ...seats]) byId.set(r._id, r);
  const list = [...byId.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, LIST_MAX);
  // Whether the caller's scores are still awaited: only open rounds they sit on need their candidates and sheet.
  const awaiting = new Set((await selectionRoundsAwaiting(ctx, who.openid, list.filter((r) => r.state === 'open' && r.committee.includes(who.openid)))).map((r) => r._id));
  const units = await unitRefsById(ctx, list.map((r) => r.unitId));
  return ok({ items: list.map((r) => roundCard(r, units.get(r.unitId) ?? null, who, awaiting.has(r._id))) });
};
