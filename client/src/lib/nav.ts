import Taro from '@tarojs/taro';
import { isMomentsSinglePage, showMomentsTip } from './scene';

/** Page routes in one place, so a renamed page breaks the type check rather than a tap. */
export const ROUTES = {
  feed: '/pages/feed/index',
  library: '/pages/library/index',
  me: '/pages/me/index',
  story: '/pages/story/index',
  profile: '/pages/profile/index',
  campaign: '/pages/campaign/index',
  poster: '/pages-share/poster/index',
  notice: '/pages/notice/index',
} as const;

export function storyPath(id: string): string {
  return `${ROUTES.story}?id=${encodeURIComponent(id)}`;
}
export function profilePath(id: string): string {
  return `${ROUTES.profile}?id=${encodeURIComponent(id)}`;
}
export function campaignPath(id: string): string {
  return `${ROUTES.campaign}?id=${encodeURIComponent(id)}`;
}

export function posterPath(storyId: string): string {
  return `${ROUTES.poster}?id=${encodeURIComponent(storyId)}`;
}

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

export function openStory(id: string): void {
  go(storyPath(id));
}
export function openProfile(id: string): void {
  go(profilePath(id));
}
export function openCampaign(id: string): void {
  go(campaignPath(id));
}
export function openPoster(storyId: string): void {
  go(posterPath(storyId));
}
export function openNotice(): void {
  go(ROUTES.notice);
}
