import Taro from '@tarojs/taro';
import { routes } from './routes';
import { isMomentsSinglePage, showMomentsTip } from './scene';

/**
 * Moments opens a shared page in single-page mode, where navigateTo fails: the reader gets
 * a tip pointing at WeChat's own "前往小程序" bar instead of a tap that does nothing.
 */
function go(url: string): void {
  if (isMomentsSinglePage()) {
    showMomentsTip('查看');
    return;
  }
  void Taro.navigateTo({ url });
}

/** Reader navigation from pages a shared card may open (URLs from lib/routes). */
export function openStory(id: string): void {
  go(routes.story({ id }));
}
export function openProfile(id: string): void {
  go(routes.profile({ id }));
}
export function openCampaign(id: string): void {
  go(routes.campaign({ id }));
}
export function openPoster(storyId: string): void {
  go(routes.poster({ id: storyId }));
}
/** The poster of a profile (a person or a station). */
export function openProfilePoster(exemplarId: string): void {
  go(routes.poster({ id: exemplarId, kind: 'exemplar' }));
}
export function openNotice(): void {
  go(routes.notice());
}
/** The objection form for a nomination in 公示 (a small subpackage: it carries the contract's validation). */
export function openObjection(id: string, nomineeName: string): void {
  go(routes.objection({ id, name: nomineeName }));
}
/** The search page, from the feed's and the library's search bar; `q` starts it with a query. */
export function openSearch(q?: string): void {
  go(routes.search(q ? { q } : {}));
}
/** 荣誉墙, from the library's header and 我的. */
export function openHonoursWall(): void {
  go(routes.honoursWall());
}
