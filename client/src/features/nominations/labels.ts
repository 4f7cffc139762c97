/** Chinese names of the nomination workflow's states and steps, shared by every nomination page. */
import { REVIEW_LEVEL_LABEL, type NominationState, type NominationView, type TimelineEntry } from '@contract';

export const STATE_LABEL: Record<NominationState, string> = {
  submitted: '待支队审核',
  detachment_approved: '待总队审核',
  returned: '已退回修改',
  rejected: '未通过',
  in_notice: '公示中',
  objection_review: '异议处理中',
  enrolled: '已入库',
  withdrawn: '已撤回',
};

/** How each state reads at a glance (the badge's colour): waiting, needs the nominator, good, over. */
export const STATE_TONE: Record<NominationState, 'neutral' | 'warn' | 'ok' | 'danger'> = {
  submitted: 'neutral',
  detachment_approved: 'neutral',
  returned: 'warn',
  rejected: 'danger',
  in_notice: 'ok',
  objection_review: 'warn',
  enrolled: 'ok',
  withdrawn: 'neutral',
};

/** The nominee's consent as reviewers and the nominator need to know it; null for a collective (none needed). */
export function consentText(n: Pick<NominationView, 'nominee' | 'hasConsent' | 'consentAwaitsCheck'>): { text: string; warn: boolean } | null {
  if (n.nominee.kind === 'collective') return null;
  if (!n.hasConsent) return { text: '缺少本人同意书', warn: true };
  if (n.consentAwaitsCheck) return { text: '本人签字同意书待审核员核对', warn: true };
  return { text: '已取得本人同意', warn: false };
}

/** The latest return with its reason, if the nomination was ever returned. */
export function lastReturn(n: { timeline: readonly TimelineEntry[] }): TimelineEntry | null {
  for (let i = n.timeline.length - 1; i >= 0; i--) if (n.timeline[i]?.event === 'return') return n.timeline[i] ?? null;
  return null;
}

/** The step a list row shows: the latest one, with its comment. */
export function latestStep(n: { timeline: readonly TimelineEntry[] }): TimelineEntry | null {
  return n.timeline[n.timeline.length - 1] ?? null;
}

export function timelineText(e: TimelineEntry): string {
  const who = e.level ? REVIEW_LEVEL_LABEL[e.level] : '';
  switch (e.event) {
    case 'submitted':
      return '提交推荐';
    case 'resubmitted':
      return '修改后重新提交';
    case 'approve':
      return `${who}审核通过`;
    case 'reject':
      return `${who}审核未通过`;
    case 'return':
      return `${who}退回修改`;
    case 'objection_sustained':
      return '公示异议成立';
    case 'objection_dismissed':
      return '公示异议不成立';
    case 'held_for_objection':
      return '公示期满，异议待处理';
    case 'enrolled':
      return '公示期满，已入库';
    case 'superseded':
      return '公示期间库别已调整，未入库';
    case 'withdrawn':
      return '已撤回';
  }
}
