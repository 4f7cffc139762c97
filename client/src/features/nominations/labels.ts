/** Chinese names of the nomination workflow's states and steps, shared by every nomination page. */
import type { NominationState, TimelineEntry } from '@contract';

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

const LEVEL: Record<'detachment' | 'corps', string> = { detachment: '支队', corps: '总队' };

export function timelineText(e: TimelineEntry): string {
  const who = e.level ? LEVEL[e.level] : '';
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
