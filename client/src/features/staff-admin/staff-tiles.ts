/**
 * The tiles of the 工作台 (staff home), one per job, shown to callers holding one of its roles.
 * Other staff features add their tile here (their page's URL from lib/routes, or null while
 * the page does not exist yet: the tile then shows as not yet open, never as a fake page), with
 * the kinds of waiting work (identity.todo) its count adds up.
 */
import type { Role, TodoKind } from '@contract';
import { routes } from '../../lib/routes';

export interface StaffTile {
  key: string;
  title: string;
  /** One line under the title. */
  hint: string;
  roles: readonly Role[];
  route: string | null;
  /** The waiting work this tile's page deals with: its count is theirs added up. */
  todo?: readonly TodoKind[];
  /** The count as the tile says it ("3 篇待审核"). */
  countText?: (n: number) => string;
}

export const STAFF_TILES: StaffTile[] = [
  { key: 'author', title: '事迹与典型', hint: '撰写事迹、维护典型资料', roles: ['editor'], route: routes.drafts(), todo: ['returned_story'], countText: (n) => `${n} 篇被退回` },
  { key: 'story-review', title: '事迹审核', hint: '审核本单位及下级提交的事迹', roles: ['reviewer'], route: routes.storyQueue(), todo: ['story_review'], countText: (n) => `${n} 篇待审核` },
  { key: 'nominate', title: '推荐典型', hint: '提交推荐材料，查看进度', roles: ['editor'], route: routes.myNominations(), todo: ['returned_nomination'], countText: (n) => `${n} 份被退回` },
  { key: 'review', title: '推荐审核', hint: '审核本单位及下级的推荐与公示异议', roles: ['reviewer'], route: routes.nominationReview(), todo: ['nomination_review', 'objection'], countText: (n) => `${n} 项待处理` },
  { key: 'consent-check', title: '同意书核对', hint: '核对宣传员上传的本人签字同意书', roles: ['reviewer'], route: routes.consentChecks(), todo: ['consent_check'], countText: (n) => `${n} 份待核对` },
  { key: 'comments', title: '留言管理', hint: '精选、回复读者在事迹下的留言', roles: ['reviewer'], route: routes.commentModeration(), todo: ['comment_review'], countText: (n) => `${n} 条待精选` },
  { key: 'library', title: '典型库管理', hint: '升级、调整、退出与定期复核', roles: ['publisher'], route: routes.libraryAdmin(), todo: ['library_overdue'], countText: (n) => `${n} 项待复核` },
  { key: 'publish', title: '公众号发布', hint: '将事迹发布到公众号', roles: ['publisher'], route: routes.publish(), todo: ['publish_failed'], countText: (n) => `${n} 项发布失败` },
  // Any staff member may put candidates forward or sit on a committee; admins open rounds.
  { key: 'selections', title: '岗位标兵评选', hint: '推荐候选人、评委评分、公布结果', roles: ['admin', 'editor', 'reviewer', 'publisher'], route: routes.selections(), todo: ['selection_score'], countText: (n) => `${n} 项待评分` },
  { key: 'figures', title: '数据统计', hint: '荣誉、刊发、典型库与任务完成，导出 Excel', roles: ['admin', 'publisher', 'reviewer', 'editor'], route: routes.figures() },
  { key: 'invites', title: '邀请与授权', hint: '生成邀请码，管理人员角色', roles: ['admin'], route: routes.invites() },
  { key: 'units', title: '单位管理', hint: '新增、更名、调整隶属', roles: ['admin'], route: routes.units() },
  { key: 'pursuits', title: '争创荣誉', hint: '争创项目、推荐候选、评选结果', roles: ['admin'], route: routes.pursuits(), todo: ['pursuit_deadline'], countText: (n) => `${n} 个节点临近` },
  { key: 'plans', title: '挂图作业', hint: '年度工作计划、对账消号、各支队完成率', roles: ['admin', 'reviewer', 'publisher'], route: routes.planBoard(), todo: ['plan_due'], countText: (n) => `${n} 项任务到期` },
  { key: 'campaigns', title: '专题管理', hint: '新建与编辑专题', roles: ['admin'], route: routes.campaignsAdmin() },
  { key: 'audit', title: '审计日志', hint: '谁在何时做了什么', roles: ['admin'], route: routes.audit() },
];

export function tilesFor(roles: readonly Role[]): StaffTile[] {
  return STAFF_TILES.filter((t) => t.roles.some((r) => roles.includes(r)));
}

/** A tile's count from identity.todo's counts: null when none of its kinds is the caller's, or none was loaded. */
export function tileCount(tile: StaffTile, counts: Partial<Record<TodoKind, number>> | null): number | null {
  if (!counts || !tile.todo) return null;
  const mine = tile.todo.filter((k) => counts[k] !== undefined);
  return mine.length === 0 ? null : mine.reduce((n, k) => n + (counts[k] ?? 0), 0);
}
