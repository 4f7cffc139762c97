/** How the pursuits screens say a phase, an outcome and a distance in days. */
import type { PursuitOutcome, PursuitPhase } from '@contract';
import { PURSUIT_OUTCOME_LABEL, PURSUIT_PHASE_LABEL } from '../../lib/contract-values';

export function phaseBadge(phase: PursuitPhase): { text: string; tone: 'neutral' | 'warn' | 'ok' } {
  return { text: PURSUIT_PHASE_LABEL[phase], tone: phase === 'open' ? 'ok' : phase === 'awaiting_result' ? 'warn' : 'neutral' };
}

export function outcomeBadge(outcome: PursuitOutcome): { text: string; tone: 'neutral' | 'ok' | 'warn' } {
  return { text: PURSUIT_OUTCOME_LABEL[outcome], tone: outcome === 'awarded' ? 'ok' : outcome === 'not_awarded' ? 'neutral' : 'warn' };
}

/** 今天 · 明天 · 还有 5 天 · 已过 */
export function daysText(daysLeft: number): string {
  if (daysLeft < 0) return '已过';
  if (daysLeft === 0) return '今天';
  if (daysLeft === 1) return '明天';
  return `还有 ${daysLeft} 天`;
}

/** 2026-03-15 → 2026年3月15日 */
export function dateText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
