/** The corps' four themed campaigns (专题). storyCount is filled in from the stories. */
import type { Campaign } from '@contract';
import { localFileId } from '../env';
import { DAY } from './time';

export interface CampaignSeed {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** How long before `now` the campaign started. */
  startedDaysAgo: number;
}

export const CAMPAIGN_SEEDS: CampaignSeed[] = [
  {
    id: 'cp-pingfan',
    slug: 'pingfan',
    name: '身边典型•平凡榜样',
    description: '他们是站里的班长、炊事员、驾驶员和防火监督员，在平凡的岗位上日复一日地坚守。走近身边的典型，看见平凡里的不平凡。',
    startedDaysAgo: 760,
  },
  {
    id: 'cp-gushi',
    slug: 'gushi',
    name: '先进典型讲好消防故事',
    description: '用一线的真实故事讲述火焰蓝的担当：高层火场、化工装置、雪山沟谷、沙漠公路，每一次出警背后都有值得记住的人和事。',
    startedDaysAgo: 750,
  },
  {
    id: 'cp-xiaofangzhang',
    slug: 'xiaofangzhang',
    name: '一级消防长风采展示',
    description: '一级消防长是消防员队伍里的“老把式”，他们经验丰富、技术过硬，是班组的主心骨。本专题展示全区一级消防长的风采。',
    startedDaysAgo: 740,
  },
  {
    id: 'cp-tianshan',
    slug: 'tianshan',
    name: '天山风华•蓝焰闪耀',
    description: '从阿尔泰山到帕米尔高原，从准噶尔盆地到塔克拉玛干沙漠，天山南北的消防救援站守护着各族群众的平安。',
    startedDaysAgo: 745,
  },
];

export const CAMPAIGN_COVER_PATH = (slug: string): string => `seed/campaigns/${slug}.png`;

export function buildCampaigns(now: number, storyCounts: ReadonlyMap<string, number>): Campaign[] {
  return CAMPAIGN_SEEDS.map((c, i) => ({
    _id: c.id,
    name: c.name,
    slug: c.slug,
    description: c.description,
    cover: localFileId(CAMPAIGN_COVER_PATH(c.slug)),
    startedAt: now - c.startedDaysAgo * DAY,
    // The corps' standing campaigns: open-ended and live.
    endsAt: null,
    archived: false,
    order: i + 1,
    storyCount: storyCounts.get(c.id) ?? 0,
  }));
}
