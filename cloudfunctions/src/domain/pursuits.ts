/**
 * Honour pursuits (争创荣誉): the rules, pure. A pursuit's dates are calendar days (YYYY-MM-DD,
 * Asia/Shanghai); "today" is passed in, never read from a clock.
 *
 * - Its window runs opens ≤ nomination deadline ≤ result.
 * - Outcomes are recorded from the nomination deadline on: before it, the list of candidates is
 *   still being made and nobody can have been awarded.
 * - A candidate is an exemplar of the organising unit's subtree whose profile is public and which
 *   is in a library (the award names a person or a station the corps shows; PIPL art. 25: a
 *   person is put forward only with consent that counts).
 * - 已获评 writes one honour per (pursuit, candidate), under an id derived from both: a retry or a
 *   second tap finds it and writes nothing more. The honour carries the pursuit's name, level and
 *   awarding body, so those stay as they are while an award stands.
 */
import type { Exemplar, Honor, IsoDate, PursuitCandidate, PursuitDateKind, PursuitDoc, PursuitOutcome, PursuitPhase } from '@contract';
import { isPublicExemplar } from './visibility';

const DAY_MS = 86_400_000;
/** China has one time zone and no daylight saving. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(at: number): IsoDate {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A date as a number that orders like it (2026-03-15 → 20260315). */
export function dayNumber(date: IsoDate): number {
  return Number(date.replace(/-/g, ''));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
function daysFrom(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export type PursuitDates = Pick<PursuitDoc, 'opensOn' | 'nominationDeadline' | 'resultOn' | 'keyDates'>;

export function datesInOrder(p: Pick<PursuitDoc, 'opensOn' | 'nominationDeadline' | 'resultOn'>): boolean {
  return p.opensOn <= p.nominationDeadline && p.nominationDeadline <= p.resultOn;
}

/** Every date of a pursuit, in date order (the window's own first on a tie). */
function pursuitDates(p: PursuitDates): { kind: PursuitDateKind; label: string; date: IsoDate }[] {
  const own: { kind: PursuitDateKind; label: string; date: IsoDate }[] = [
    { kind: 'opens', label: '开始推荐', date: p.opensOn },
    { kind: 'nomination', label: '推荐截止', date: p.nominationDeadline },
    { kind: 'result', label: '结果公布', date: p.resultOn },
  ];
  const keys = p.keyDates.map((k) => ({ kind: 'key' as const, label: k.label, date: k.date }));
  return [...own, ...keys].map((d, i) => ({ d, i })).sort((a, b) => (a.d.date < b.d.date ? -1 : a.d.date > b.d.date ? 1 : a.i - b.i)).map(({ d }) => d);
}

/** The fields derived from the dates, stored for the reads: the list's year and order, the deadline reads' cut-off. */
export function dateFields(p: PursuitDates): Pick<PursuitDoc, 'year' | 'deadlineDay' | 'lastDay'> {
  const last = pursuitDates(p).reduce((max, d) => (d.date > max ? d.date : max), p.resultOn);
  return { year: Number(p.nominationDeadline.slice(0, 4)), deadlineDay: dayNumber(p.nominationDeadline), lastDay: dayNumber(last) };
}

/** The dates from `today` on within `days` days (today included), soonest first. */
export function upcomingDates(p: PursuitDates, today: IsoDate, days: number): { kind: PursuitDateKind; label: string; date: IsoDate; daysLeft: number }[] {
  return pursuitDates(p)
    .map((d) => ({ ...d, daysLeft: daysFrom(today, d.date) }))
    .filter((d) => d.daysLeft >= 0 && d.daysLeft < days);
}

/** Its next date from today on (any distance), or null when all have passed. */
export function nextDate(p: PursuitDates, today: IsoDate): { label: string; date: IsoDate; daysLeft: number } | null {
  const next = pursuitDates(p).find((d) => d.date >= today);
  return next ? { label: next.label, date: next.date, daysLeft: daysFrom(today, next.date) } : null;
}

export function outcomesOpen(p: Pick<PursuitDoc, 'nominationDeadline'>, today: IsoDate): boolean {
  return today >= p.nominationDeadline;
}

export function phaseOf(p: Pick<PursuitDoc, 'opensOn' | 'nominationDeadline' | 'resultOn' | 'candidates'>, today: IsoDate): PursuitPhase {
  if (today < p.opensOn) return 'upcoming';
  if (today < p.nominationDeadline) return 'open';
  const undecided = p.candidates.some((c) => c.outcome === 'pending');
  return undecided || today < p.resultOn ? 'awaiting_result' : 'decided';
}

/** The id of the honour an award writes: one per (pursuit, candidate), whoever taps how often. */
export function pursuitHonourId(pursuitId: string, exemplarId: string, hashHex: (s: string) => string): string {
  return `hn-pu-${hashHex(`pursuit-honour\n${pursuitId}\n${exemplarId}`).slice(0, 32)}`;
}

/** The honour an award writes: the pursuit's name, level and awarding body, dated the day it was made. */
export function awardHonour(p: Pick<PursuitDoc, 'name' | 'level' | 'awardedBy'>, awardedOn: IsoDate): Omit<Honor, '_id' | 'exemplarId'> {
  return { title: p.name, level: p.level, date: awardedOn, awardedBy: p.awardedBy };
}

/** The award's date: the one asked for, else the result date, or today while the result date is still ahead. */
export function awardDate(p: Pick<PursuitDoc, 'resultOn'>, today: IsoDate, asked: IsoDate | undefined): IsoDate {
  if (asked) return asked;
  return p.resultOn <= today ? p.resultOn : today;
}

/** Why an exemplar cannot be put forward for a pursuit organised by `unitId`, or null. */
export function candidateRefusal(ex: Pick<Exemplar, 'unitPath' | 'tier' | 'state' | 'kind' | 'consent' | 'name'>, unitId: string): 'candidate_outside_pursuit' | 'candidate_retired' | 'candidate_not_public' | null {
  if (!ex.unitPath.includes(unitId)) return 'candidate_outside_pursuit';
  if (ex.tier === 'retired') return 'candidate_retired';
  if (!isPublicExemplar(ex)) return 'candidate_not_public';
  return null;
}

/** Whether an edit changes what a standing award's honour carries (its name, level, awarding body) or the unit. */
export function changesAwardedFields(before: Pick<PursuitDoc, 'name' | 'level' | 'awardedBy' | 'unitId' | 'candidates'>, after: Pick<PursuitDoc, 'name' | 'level' | 'awardedBy' | 'unitId'>): boolean {
  if (!before.candidates.some((c) => c.outcome === 'awarded')) return false;
  return before.name !== after.name || before.level !== after.level || before.awardedBy !== after.awardedBy || before.unitId !== after.unitId;
}

/** What an outcome change does to the honour: write it, remove it, or nothing. */
export function honourMove(from: PursuitOutcome, to: PursuitOutcome): 'write' | 'remove' | 'none' {
  if (from === to) return 'none';
  if (to === 'awarded') return 'write';
  if (from === 'awarded') return 'remove';
  return 'none';
}

/** The candidate after an outcome is recorded. */
export function decided(c: PursuitCandidate, to: PursuitOutcome, honourId: string | null, awardedOn: IsoDate | null, by: string, at: number): PursuitCandidate {
  return { ...c, outcome: to, honourId: to === 'awarded' ? honourId : null, awardedOn: to === 'awarded' ? awardedOn : null, decidedBy: to === 'pending' ? null : by, decidedAt: to === 'pending' ? null : at };
}
