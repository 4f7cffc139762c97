/**
 * Writing and removing an honour inside the caller's transaction: the one path every honour
 * write takes (authoring.saveHonor / removeHonor, and a pursuit's outcome 已获评 or its revert).
 * honorCount, the exemplar's honours-wall tally, its search keys and the wall's summary move
 * with the honour in that transaction, so they never drift whoever wrote it.
 */
import type { Exemplar, Honor, Id } from '@contract';
import type { Cloud, Tx } from '../../adapters/cloud';
import { tallyHonour } from '../../domain/honours-wall';
import { fail, type Failure } from '../../lib/handler';
import { exemplarSearch, honorTitles, txNames } from '../../lib/search-index';
import { moveWall, wallFields } from '../../workflows/honours-wall/summary';

export type HonourFields = Omit<Honor, '_id' | 'exemplarId'>;

/** Saves honour `id` of `current` (the exemplar as read in `tx`); answers the honour as it was (null: new). */
export async function putHonour(tx: Tx, c: Cloud, now: number, current: Exemplar, id: Id, honor: HonourFields): Promise<{ before: Honor | null } | Failure<never>> {
  const before = await tx.collection('honors').get(id);
  if (before && before.exemplarId !== current._id) return fail('CONFLICT', `honor id ${id} belongs to another exemplar`);
  await tx.collection('honors').set(id, { exemplarId: current._id, ...honor });
  // The honours wall: the tally moves by the honour as it was and as it is, and the summary with it.
  const wall = tallyHonour(before ? tallyHonour(current.wall, before, -1) : current.wall, honor, 1);
  // Searched by its honours: those committed, with this one as saved.
  const titles = (await honorTitles(c, current._id)).filter((h) => h._id !== id).map((h) => h.title);
  const moved = { ...wallFields(wall), ...(await exemplarSearch(txNames(tx), current, [honor.title, ...titles])), updatedAt: now };
  if (!before) await tx.collection('exemplars').update(current._id, { honorCount: c.command.inc(1), ...moved });
  else await tx.collection('exemplars').update(current._id, moved);
  await moveWall(tx, now, current, { ...current, wall });
  return { before };
}

/** Removes honour `before` (read in `tx`) from `current` (the exemplar as read in `tx`). */
export async function dropHonour(tx: Tx, c: Cloud, now: number, current: Exemplar, before: Honor): Promise<void> {
  await tx.collection('honors').remove(before._id);
  const wall = tallyHonour(current.wall, before, -1);
  // No longer searched by the honour removed.
  const titles = (await honorTitles(c, current._id)).filter((h) => h._id !== before._id).map((h) => h.title);
  const search = await exemplarSearch(txNames(tx), current, titles);
  await tx.collection('exemplars').update(current._id, { honorCount: c.command.inc(-1), ...wallFields(wall), ...search, updatedAt: now });
  await moveWall(tx, now, current, { ...current, wall });
}
