/** `admin.auditLog`: every staff action, newest first, for corps admins (handles, never OPENIDs). */
import type { AuditView } from '@contract';
import { PAGE_SIZE } from '@contract';
import { handleOf, isFailure, requireCorpsRole, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';

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
  const items: AuditView[] = page.rows.map((e) => ({ _id: e._id, actor: handleOf(e.actor, ctx.hashHex), action: e.action, subject: e.subject, before: e.before, after: e.after, at: e.at }));
  return ok({ items, next: page.next });
};
