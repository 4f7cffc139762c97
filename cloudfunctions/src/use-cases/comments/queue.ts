/**
 * `comments.queue`: the messages under stories of the caller's reviewer subtrees — the pending
 * tab oldest first (work is done in the order it came), the featured tab newest first — one
 * page at a time, with both counts. A reviewer over a corps and one of its detachments reads
 * and counts each subtree once, from the outermost unit; each subtree is a keyset read on the
 * queue index, and the page is their merge (lib/reads.ts readMergedPage).
 */
import { COMMENT_LIMITS } from '@contract';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds, readMergedPage } from '../../lib/reads';
import { moderationItems } from './shared';

export const queue: UseCase<'comments', 'queue'> = async (req, ctx) => {
  const who = await staffWith(ctx, 'reviewer');
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const held = unitsWhereHeld(who, 'reviewer');
  const units = await byIds(() => c.collection('units').select(['path']), c.command, held);
  const outer = [...units.values()].filter((u) => !u.path.some((p) => p !== u._id && units.has(p))).map((u) => u._id);
  const comments = c.collection('comments');
  const [pending, featured] = await Promise.all(
    (['pending', 'featured'] as const).map(async (state) => (await Promise.all(outer.map((u) => comments.count({ unitPath: u, state })))).reduce((a, b) => a + b, 0)),
  );
  const page = await readMergedPage(req, COMMENT_LIMITS.listPage, {
    source: () => comments,
    filters: outer.map((u) => ({ unitPath: u, state: req.tab })),
    sortField: 'createdAt',
    order: req.tab === 'pending' ? 'asc' : 'desc',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  return ok({ counts: { pending: pending ?? 0, featured: featured ?? 0 }, items: await moderationItems(ctx, page.rows), next: page.next });
};
