import Taro from '@tarojs/taro';

/** Page routes in one place, so a renamed page breaks the type check rather than a tap. */
export const ROUTES = {
  feed: '/pages/feed/index',
  library: '/pages/library/index',
  me: '/pages/me/index',
  story: '/pages/story/index',
  profile: '/pages/profile/index',
  campaign: '/pages/campaign/index',
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

export function openStory(id: string): void {
  void Taro.navigateTo({ url: storyPath(id) });
}
export function openProfile(id: string): void {
  void Taro.navigateTo({ url: profilePath(id) });
}
export function openCampaign(id: string): void {
  void Taro.navigateTo({ url: campaignPath(id) });
}
