/** `admin.auditLog`: every staff action, newest first, for corps admins: people by name, never OPENIDs. */
import { PAGE_SIZE } from '@contract';
import { isFailure, requireCorpsRole, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { auditViews } from './audit-view';

export const auditLog: UseCase<'admin', 'auditLog'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const root = await requireCorpsRole(c, who, 'admin');
  if (isFailure(root)) return root;
  const page = await readRequestedPage(req, PAGE_SIZE.exemplars, {
    source: () => c.collection('audit').select(['actor', 'action', 'subject', 'before', 'after', 'at']),
    filter: {},
    sortField: 'at',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  return ok({ items: await auditViews(ctx, page.rows), next: page.next });
};
