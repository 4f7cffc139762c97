/**
 * Development identities for the local cloud: one per staff level plus a plain reader, so a
 * developer can switch users in the h5 shell and see each role's view. Grants for every staff
 * user are seeded into `roles`; dev-admin is also the deployment's first admin (ADMIN_OPENIDS),
 * mirroring how production bootstraps its first administrator.
 */
import { createHash } from 'node:crypto';
import type { RoleGrant, StaffProfile } from '@contract';
import { profileIdOf } from '../../cloudfunctions/src/domain/people';
import { CORPS_ID } from './units';

export type DevRole = 'reader' | 'editor' | 'reviewer' | 'publisher' | 'admin';

export interface DevUser {
  openid: string;
  /** The staff member's name in the app (their profile); the reader has none. */
  name: string | null;
  label: string;
  role: DevRole;
  unitId: string | null;
  unitName: string;
}

export const DEV_USERS: DevUser[] = [
  { openid: 'dev-reader', name: null, label: '读者（消防员）', role: 'reader', unitId: null, unitName: '' },
  { openid: 'dev-editor', name: '王磊', label: '宣传员（特勤站）', role: 'editor', unitId: 'u-wlmq-b1-s1', unitName: '天山区特勤消防救援站' },
  { openid: 'dev-reviewer', name: '李明', label: '审核员（乌鲁木齐支队）', role: 'reviewer', unitId: 'u-wlmq', unitName: '乌鲁木齐市消防救援支队' },
  { openid: 'dev-corps-reviewer', name: '张华', label: '审核员（总队）', role: 'reviewer', unitId: CORPS_ID, unitName: '新疆维吾尔自治区消防救援总队' },
  { openid: 'dev-publisher', name: '周洋', label: '发布员（总队）', role: 'publisher', unitId: CORPS_ID, unitName: '新疆维吾尔自治区消防救援总队' },
  { openid: 'dev-admin', name: '陈刚', label: '管理员（总队）', role: 'admin', unitId: CORPS_ID, unitName: '新疆维吾尔自治区消防救援总队' },
];

/** The value the local cloud puts in the functions' ADMIN_OPENIDS variable. */
export const DEV_ADMIN_OPENIDS = ['dev-admin'];

/** Role grants of every dev user but the reader; granted by the bootstrap admin a year before `now`. */
export function buildDevRoleGrants(now: number): RoleGrant[] {
  const grantedAt = now - 365 * 86_400_000;
  const grants: RoleGrant[] = [];
  for (const u of DEV_USERS) {
    if (u.role === 'reader' || u.unitId === null) continue;
    grants.push({
      _id: `rg-${u.openid}`,
      openid: u.openid,
      role: u.role,
      unitId: u.unitId,
      // The first admin is granted by deployment configuration, not by a person.
      grantedBy: u.openid === 'dev-admin' ? 'ADMIN_OPENIDS' : 'dev-admin',
      grantedAt,
      revokedAt: null,
    });
  }
  return grants;
}

/** The staff profiles of the dev users (their names and the unit they show), as saving 我的资料 writes them. */
export function buildDevProfiles(now: number): StaffProfile[] {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  return DEV_USERS.filter((u) => u.name !== null).map((u) => ({ _id: profileIdOf(sha, u.openid), openid: u.openid, name: u.name as string, unitId: u.unitId, updatedAt: now - 300 * 86_400_000 }));
}
