/**
 * Subscribe-message payloads of the nomination workflow, pure. WeChat rejects a whole message
 * (47003) when one keyword value breaks its type's rule, so values are fitted here: `thing`
 * ≤ 20 characters, `phrase` ≤ 5 Chinese characters, `time` a 24-hour time with its date.
 */
import type { ReviewDecision, ReviewLevel } from '@contract';
import { REVIEW_LADDER } from './review-ladder';

const SHANGHAI_OFFSET = 8 * 3_600_000;

/** Cut to `max` characters (code points), marking the cut. */
export function fitThing(text: string, max = 20): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  if (chars.length === 0) return '无';
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}

/** `2026年12月1日 15:01` in Asia/Shanghai: the `time` keyword's date-and-time form. */
export function formatTime(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The decision as a `phrase` (≤ 5 Chinese characters). */
export const DECISION_PHRASE: Record<ReviewDecision | 'enrolled' | 'objection_sustained' | 'superseded', string> = {
  approve: '审核通过',
  reject: '未通过',
  return: '退回修改',
  enrolled: '已入库',
  objection_sustained: '异议成立',
  superseded: '未入库',
};

export interface DecisionMessage {
  nomineeName: string;
  outcome: keyof typeof DECISION_PHRASE;
  level: ReviewLevel | null;
  comment: string;
  at: number;
}

/** 审核结果通知 to the nominator: nominee, outcome, the reviewer's comment, when. */
export function decisionData(m: DecisionMessage): Record<string, { value: string }> {
  const note = m.comment.trim() || (m.outcome === 'approve' && m.level ? `${REVIEW_LADDER.label(m.level)}审核通过` : DECISION_PHRASE[m.outcome]);
  return {
    thing1: { value: fitThing(m.nomineeName) },
    phrase2: { value: DECISION_PHRASE[m.outcome] },
    thing3: { value: fitThing(note) },
    time4: { value: formatTime(m.at) },
  };
}

/** 待审核提醒 to reviewers: whose nomination, from which unit, submitted when. */
export function taskData(nomineeName: string, unitName: string, at: number): Record<string, { value: string }> {
  return {
    thing1: { value: fitThing(`推荐：${nomineeName}`) },
    thing2: { value: fitThing(unitName) },
    time3: { value: formatTime(at) },
  };
}
