/**
 * The tiles of the 工作台 (staff home), one per job, shown to callers holding one of its roles.
 * Other staff features add their tile here (their page's URL from lib/routes, or null while
 * the page does not exist yet: the tile then shows as not yet open, never as a fake page).
 */
import type { Role } from '@contract';
import { routes } from '../../lib/routes';

export interface StaffTile {
  key: string;
  title: string;
  /** One line under the title. */
  hint: string;
  roles: readonly Role[];
  route: string | null;
}

export const STAFF_TILES: StaffTile[] = [
  { key: 'author', title: '事迹与典型', hint: '撰写事迹、维护典型资料', roles: ['editor'], route: routes.drafts() },
  { key: 'story-review', title: '事迹审核', hint: '审核本单位及下级提交的事迹', roles: ['reviewer'], route: routes.storyQueue() },
  { key: 'nominate', title: '推荐典型', hint: '提交推荐材料，查看进度', roles: ['editor'], route: routes.myNominations() },
  { key: 'review', title: '审核', hint: '审核本单位及下级的推荐与公示异议', roles: ['reviewer'], route: routes.nominationReview() },
  { key: 'consent-check', title: '同意书核对', hint: '核对宣传员上传的本人签字同意书', roles: ['reviewer'], route: routes.consentChecks() },
  { key: 'library', title: '典型库管理', hint: '升级、调整、退出与定期复核', roles: ['publisher'], route: routes.libraryAdmin() },
  { key: 'publish', title: '公众号发布', hint: '将事迹发布到公众号', roles: ['publisher'], route: routes.publish() },
  { key: 'invites', title: '邀请与授权', hint: '生成邀请码，管理人员角色', roles: ['admin'], route: routes.invites() },
  { key: 'units', title: '单位管理', hint: '新增、更名、调整隶属', roles: ['admin'], route: routes.units() },
  { key: 'campaigns', title: '专题管理', hint: '新建与编辑专题', roles: ['admin'], route: routes.campaignsAdmin() },
  { key: 'audit', title: '审计日志', hint: '谁在何时做了什么', roles: ['admin'], route: routes.audit() },
];

export function tilesFor(roles: readonly Role[]): StaffTile[] {
  return STAFF_TILES.filter((t) => t.roles.some((r) => roles.includes(r)));
}
