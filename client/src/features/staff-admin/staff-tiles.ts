/**
 * The tiles of the 工作台 (staff home), one per job, shown to callers holding one of its roles.
 * Other staff features add their tile here (a route in the pages-staff subpackage, or null
 * while the page does not exist yet: the tile then shows as not yet open, never as a fake page).
 */
import type { Role } from '@contract';
import { STAFF_ROUTES } from './routes';

export interface StaffTile {
  key: string;
  title: string;
  /** One line under the title. */
  hint: string;
  roles: readonly Role[];
  route: string | null;
}

export const STAFF_TILES: StaffTile[] = [
  { key: 'author', title: '事迹与典型', hint: '撰写事迹、维护典型资料', roles: ['editor'], route: '/pages-staff/drafts/index' },
  { key: 'story-review', title: '事迹审核', hint: '审核本单位及下级提交的事迹', roles: ['reviewer'], route: '/pages-staff/story-queue/index' },
  { key: 'nominate', title: '推荐典型', hint: '提交推荐材料，查看进度', roles: ['editor'], route: '/pages-staff/nominations/mine/index' },
  { key: 'review', title: '审核', hint: '审核本单位及下级的推荐与公示异议', roles: ['reviewer'], route: '/pages-staff/review/index' },
  { key: 'library', title: '典型库管理', hint: '升级、调整、退出与定期复核', roles: ['publisher'], route: STAFF_ROUTES.library },
  { key: 'publish', title: '公众号发布', hint: '将事迹发布到公众号', roles: ['publisher'], route: '/pages-staff/publish/index' },
  { key: 'invites', title: '邀请与授权', hint: '生成邀请码，管理人员角色', roles: ['admin'], route: STAFF_ROUTES.invites },
  { key: 'units', title: '单位管理', hint: '新增、更名、调整隶属', roles: ['admin'], route: STAFF_ROUTES.units },
  { key: 'campaigns', title: '专题管理', hint: '新建与编辑专题', roles: ['admin'], route: STAFF_ROUTES.campaigns },
  { key: 'audit', title: '审计日志', hint: '谁在何时做了什么', roles: ['admin'], route: STAFF_ROUTES.audit },
];

export function tilesFor(roles: readonly Role[]): StaffTile[] {
  return STAFF_TILES.filter((t) => t.roles.some((r) => roles.includes(r)));
}
