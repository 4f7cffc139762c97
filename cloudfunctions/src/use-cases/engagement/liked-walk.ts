/**
 * The walk 我的点赞 and 我的致敬 share: the caller's like records of one kind, newest first,
 * joined to their targets, keeping only targets the public may still see. Records of targets
 * unpublished since are skipped and reading goes on after them, bounded so one page never walks
 * a whole history (a page may then hold fewer items and still have `next`).
 */
import type { Id } from '@contract';
import { decodeCursor, encodeCursor, type Cursor } from '../../domain/cursor';
import type { TargetKind } from '../../domain/engagement';
import type { Deps } from '../../lib/context';
import { requestCursor } from '../../lib/cursor';
import { isFailure, type Failure } from '../../lib/handler';
import { readKeysetPage } from '../../lib/reads';

/** A page reads at most this many like records, whatever was unpublished meanwhile. */
const MY_LIKES_SCAN = 200;

export async function likedTargets<R>(
  ctx: Pick<Deps, 'cloud'>,
  openid: string,
  kind: TargetKind,
  req: { cursor?: string | null; limit?: number },
  defaultLimit: number,
  /** The targets by id, already judged: only the ones the public may see. */
  visible: (ids: Id[]) => Promise<Map<Id, R>>,
): Promise<{ rows: R[]; next: string | null } | Failure<never>> {
  const requested = requestCursor(req.cursor);
  if (isFailure(requested)) return requested;
  let cursor: Cursor | null = requested;
  const limit = req.limit ?? defaultLimit;
  const want = limit + 1;
  const c = ctx.cloud();
  const kept: { at: number; likeId: Id; row: R }[] = [];
  let scanned = 0;
  let lastScanned: { at: number; id: Id } | null = null;
  let exhausted = false;
  for (;;) {
    const page = await readKeysetPage({
      source: () => c.collection('likes'),
      filter: { openid, 'target.kind': kind },
      sortField: 'at',
      cursor,
      limit: Math.min(want - kept.length, MY_LIKES_SCAN),
      cmd: c.command,
    });
    const targets = await visible(page.rows.map((r) => r.target.id));
    for (const like of page.rows) {
      scanned++;
      lastScanned = { at: like.at, id: like._id };
      const row = targets.get(like.target.id);
      if (row) kept.push({ at: like.at, likeId: like._id, row });
    }
    if (!page.next) {
      exhausted = true;
      break;
    }
    if (kept.length >= want || scanned >= MY_LIKES_SCAN) break;
    cursor = decodeCursor(page.next);
  }
  const shown = kept.slice(0, limit);
  const last = shown[shown.length - 1];
  let next: string | null = null;
  if (kept.length > limit && last) next = encodeCursor(last.at, last.likeId);
  else if (!exhausted && lastScanned) next = encodeCursor(lastScanned.at, lastScanned.id);
  return { rows: shown.map((k) => k.row), next };
}
