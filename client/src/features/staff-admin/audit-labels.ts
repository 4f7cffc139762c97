import type { AuditView } from '@contract';
import { ROLE_LABEL, TIER_LABEL } from '../../lib/contract-values';

/** What each audited action is called on the audit page; unknown actions show their code. */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  'admin.createInvite': '生成邀请码',
  'admin.revokeInvite': '撤销邀请码',
  'admin.redeem': '使用邀请码',
  'admin.revokeGrant': '撤销授权',
  'admin.addUnit': '新增单位',
  'admin.renameUnit': '单位更名',
  'admin.moveUnit': '调整单位隶属',
  'admin.saveCampaign': '保存专题',
  'library.promote': '升入重大典型库',
  'library.demote': '调入后备典型库',
  'library.retire': '退出典型库',
  'library.reinstate': '恢复入后备库',
  'library.keep': '复核保留',
};

/** A short, readable line for an entry's before → after (roles, tiers and names in Chinese). */
export function auditSummary(entry: Pick<AuditView, 'before' | 'after'>): string {
  const describe = (v: unknown): string => {
    if (v === null || v === undefined) return '无';
    if (typeof v !== 'object') return String(v);
    const o = v as Record<string, unknown>;
    const parts: string[] = [];
    if (typeof o.role === 'string' && o.role in ROLE_LABEL) parts.push(ROLE_LABEL[o.role as keyof typeof ROLE_LABEL]);
    if (typeof o.tier === 'string' && o.tier in TIER_LABEL) parts.push(TIER_LABEL[o.tier as keyof typeof TIER_LABEL]);
    if (typeof o.name === 'string') parts.push(o.name);
    if (typeof o.unitId === 'string') parts.push(`单位 ${o.unitId}`);
    if (typeof o.reason === 'string') parts.push(`理由：${o.reason}`);
    if ('revokedAt' in o) parts.push(o.revokedAt === null ? '有效' : '已撤销');
    return parts.length > 0 ? parts.join(' · ') : JSON.stringify(v).slice(0, 80);
  };
  return `${describe(entry.before)} → ${describe(entry.after)}`;
}
