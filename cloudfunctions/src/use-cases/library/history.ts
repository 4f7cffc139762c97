/** `library.history`: tier history of one exemplar, or of the caller's first publisher subtree, newest first. */
import type { Id } from '@contract';
import { PAGE_SIZE } from '@contract';
import { firstUnitOf, isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { peopleByOpenid } from '../../lib/people';
import { readRequestedPage } from '../../lib/reads';
import { CHANGE_FIELDS, changeView } from './views';

export const history: UseCase<'library', 'history'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const anywhere = requireRoleAnywhere(who, 'publisher');
  if (anywhere) return anywhere;
  const c = ctx.cloud();
  let filter: { exemplarId: Id } | { unitPath: Id };
  if (req.exemplarId !== undefined) {
    const e = await c.collection('exemplars').doc(req.exemplarId).select(['unitPath']).get();
    if (!e) return fail('NOT_FOUND', `no exemplar ${req.exemplarId}`);
    const denied = requireRole(who, 'publisher', e.unitPath);
    if (denied) return denied;
    filter = { exemplarId: req.exemplarId };
  } else {
    filter = { unitPath: firstUnitOf(who, 'publisher') as Id };
  }
  const page = await readRequestedPage(req, PAGE_SIZE.exemplars, {
    source: () => c.collection('tier_changes').select(CHANGE_FIELDS),
    filter,
    sortField: 'at',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  const people = await peopleByOpenid(ctx, page.rows.map((t) => t.actor));
  return ok({ items: page.rows.map((t) => changeView(t, people)), next: page.next });
};
