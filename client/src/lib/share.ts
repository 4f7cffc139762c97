import type { CampaignCard, ExemplarProfile, ShareTarget, StoryDetail } from '@contract';
import { call } from './api';
import { routes } from './routes';

type ShareChannel = 'chat' | 'moments' | 'poster';

/** What `onShareAppMessage` returns: WeChat shows `imageUrl` at 5:4, cropping the cover's centre. */
export interface ChatShare {
  title: string;
  path: string;
  imageUrl?: string;
}

/** What `onShareTimeline` returns: the same page is opened with `query` in single-page mode. */
export interface TimelineShare {
  title: string;
  query: string;
  imageUrl?: string;
}

const APP_TITLE = '身边典型';

function cover(url: string | null | undefined): { imageUrl?: string } {
  return url ? { imageUrl: url } : {};
}

/**
 * Share payloads carry the target's id in the path, so a first-time user who opens the card
 * lands on that page directly (the page needs nothing but its id to load).
 */
export function storyShare(id: string, story: StoryDetail | null): { chat: ChatShare; timeline: TimelineShare } {
  const title = story ? story.title : APP_TITLE;
  return {
    chat: { title, path: routes.story({ id }), ...cover(story?.cover) },
    timeline: { title, query: `id=${encodeURIComponent(id)}`, ...cover(story?.cover) },
  };
}

export function profileShare(id: string, p: ExemplarProfile | null): { chat: ChatShare; timeline: TimelineShare } {
  return {
    chat: { title: p ? `${p.name} · ${p.title}` : APP_TITLE, path: routes.profile({ id }), ...cover(p?.photo) },
    timeline: { title: p ? `${APP_TITLE} · ${p.name}` : APP_TITLE, query: `id=${encodeURIComponent(id)}`, ...cover(p?.photo) },
  };
}

export function campaignShare(id: string, c: CampaignCard | null): { chat: ChatShare; timeline: TimelineShare } {
  const title = c ? `${APP_TITLE} · ${c.name}` : APP_TITLE;
  return {
    chat: { title, path: routes.campaign({ id }), ...cover(c?.cover) },
    timeline: { title, query: `id=${encodeURIComponent(id)}`, ...cover(c?.cover) },
  };
}

/**
 * Counts a share of a story, profile or campaign page by channel. WeChat no longer says
 * whether the user completed the share, so this records the intent (the share panel opened);
 * a failure to record it must never stand in the way of sharing.
 */
export function recordTargetShare(target: ShareTarget, channel: ShareChannel): void {
  void call('engagement', 'share', { target, channel }).catch(() => undefined);
}

/** Counts a share of a story (the story page's share sheet and the poster). */
export function recordShare(storyId: string, channel: ShareChannel): void {
  recordTargetShare({ kind: 'story', id: storyId }, channel);
}
