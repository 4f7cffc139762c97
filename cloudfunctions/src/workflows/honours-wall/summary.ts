/**
 * Keeping the honours wall's summary current (domain/honours-wall.ts says what counts). Every
 * write that can change what an exemplar contributes — its honours and placements, whether it is
 * public (publish, consent, renaming), its kind, library or unit — calls `moveWall` inside its own
 * transaction with the exemplar as it was and as it will be. The summary is read and rewritten in
 * that transaction, so the figures and the write commit together or not at all, and two writes
 * at once conflict on the summary document and the SDK runs the later one again on fresh data.
 *
 * A write that moves no figure (a new summary line, a story count) leaves the summary alone, so
 * everyday edits never contend for it. While no summary exists yet (a deployment before its first
 * reconcile run) nothing is written: the reconcile timer builds it from the data.
 */
import type { ExemplarWall } from '@contract';
import type { Tx } from '../../adapters/cloud';
import { honourKeysOf, summaryAfter, WALL_SUMMARY_ID, wallDelta, type WallSubject } from '../../domain/honours-wall';

/** Moves the summary by what the write changes; true when it wrote the summary. */
export async function moveWall(tx: Tx, now: number, before: WallSubject | null, after: WallSubject | null): Promise<boolean> {
  const delta = wallDelta(before, after);
  if (!delta) return false;
  const summary = await tx.collection('honours_summary').get(WALL_SUMMARY_ID);
  if (!summary) return false;
  await tx.collection('honours_summary').set(WALL_SUMMARY_ID, summaryAfter(summary, delta, now));
  return true;
}

/** The exemplar fields a new tally writes: the tally and the keys the lists behind the figures read. */
export function wallFields(wall: ExemplarWall): { wall: ExemplarWall; honourKeys: string[] } {
  return { wall, honourKeys: honourKeysOf(wall) };
}

