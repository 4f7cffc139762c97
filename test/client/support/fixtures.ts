/** View objects as the content function sends them; each test overrides what it is about. */
import type { CampaignCard, ExemplarCard, ExemplarProfile, StoryCard, StoryDetail } from '@contract';

export const NOW = Date.UTC(2024, 5, 1, 4, 0, 0);
const HOUR = 3600 * 1000;

export function storyCard(i: number, over: Partial<StoryCard> = {}): StoryCard {
  return {
    _id: `s${i}`,
    code: `code${i}`,
    title: `事迹标题${i}`,
    summary: `事迹摘要${i}`,
    cover: null,
    campaign: { _id: 'c1', name: '身边典型•平凡榜样' },
    exemplars: [{ _id: `e${i}`, name: `典型${i}`, kind: 'individual' }],
    unit: { _id: 'u1', name: '乌鲁木齐支队特勤站', shortName: '特勤站', level: 'station' },
    publishedAt: NOW - (i + 1) * HOUR,
    likeCount: 10 + i,
    viewCount: 100 + i,
    ...over,
  };
}

export function campaign(i: number, over: Partial<CampaignCard> = {}): CampaignCard {
  return {
    _id: `c${i}`,
    name: ['身边典型•平凡榜样', '先进典型讲好消防故事', '天山风华•蓝焰闪耀'][i % 3]!,
    slug: `c${i}`,
    description: '专题介绍',
    cover: null,
    storyCount: 3 + i,
    startedAt: NOW - 400 * 24 * HOUR,
    endsAt: null,
    archived: false,
    ...over,
  };
}

export function exemplarCard(i: number, over: Partial<ExemplarCard> = {}): ExemplarCard {
  return {
    _id: `e${i}`,
    kind: 'individual',
    tier: 'major',
    name: `典型${i}`,
    title: '一级消防士 · 特勤站班长',
    category: 'rescue',
    photo: null,
    summary: '摘要',
    unit: { _id: 'u1', name: '乌鲁木齐支队特勤站', shortName: '特勤站', level: 'station' },
    honorCount: 3,
    storyCount: 2,
    saluteCount: 5,
    ...over,
  };
}

export function storyDetail(over: Partial<StoryDetail> = {}): StoryDetail {
  return {
    ...storyCard(1),
    author: '宣传员 李明',
    revision: 2,
    shareCount: 0,
    article: null,
    blocks: [],
    ...over,
  };
}

export function profile(over: Partial<ExemplarProfile> = {}): ExemplarProfile {
  return {
    ...exemplarCard(1),
    biography: '扎根基层十余年。',
    honorGroups: [],
    stories: [],
    ...over,
  };
}
