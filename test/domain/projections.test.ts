import type { Story, StoryCard } from '@contract';
import {
  blockFileIds,
  renderBlocks,
  storyCardNeeds,
  STORY_CARD_FIELDS,
  STORY_DETAIL_FIELDS,
  EXEMPLAR_CARD_FIELDS,
  toCampaignCard,
  toExemplarCard,
  toStoryCard,
  toStoryDetail,
  type Joins,
  type StoryDetailRow,
} from '../../cloudfunctions/src/domain/projections';

const fullStory: Story = {
  _id: 's1',
  code: 'AB12',
  title: '火场逆行',
  summary: '摘要',
  cover: 'cloud://env/cover.png',
  campaignId: 'c1',
  exemplarIds: ['e1', 'e-hidden', 'e2'],
  unitId: 'u1',
  unitPath: ['root', 'u1'],
  author: '宣传员甲',
  blocks: [
    { type: 'heading', level: 2, text: '起' },
    { type: 'image', file: 'cloud://env/a.png', width: 750, height: 500, caption: '现场' },
    { type: 'paragraph', spans: [{ text: '正文' }] },
    { type: 'image', file: 'cloud://env/gone.png', width: 10, height: 10 },
  ],
  state: 'published',
  revision: 3,
  publishedAt: 1700000000000,
  createdAt: 1,
  updatedAt: 2,
  likeCount: 5,
  viewCount: 50,
  shareCount: 7,
  article: null,
};

const joins: Joins = {
  campaigns: new Map([['c1', { _id: 'c1', name: '身边典型•平凡榜样' }]]),
  units: new Map([['u1', { _id: 'u1', name: '乌鲁木齐支队特勤站', shortName: '特勤站', level: 'station' as const }]]),
  exemplars: new Map([
    ['e1', { _id: 'e1', name: '张三', kind: 'individual' as const }],
    ['e2', { _id: 'e2', name: '特勤站', kind: 'collective' as const }],
  ]),
  urls: new Map([
    ['cloud://env/cover.png', 'https://tmp/cover.png'],
    ['cloud://env/a.png', 'https://tmp/a.png'],
  ]),
};

describe('story projections', () => {
  it('a card shows resolved media, joined refs and the counters, and nothing else', () => {
    const card = toStoryCard(fullStory, joins);
    const expected: StoryCard = {
      _id: 's1',
      code: 'AB12',
      title: '火场逆行',
      summary: '摘要',
      cover: 'https://tmp/cover.png',
      campaign: { _id: 'c1', name: '身边典型•平凡榜样' },
      exemplars: [
        { _id: 'e1', name: '张三', kind: 'individual' },
        { _id: 'e2', name: '特勤站', kind: 'collective' },
      ],
      unit: { _id: 'u1', name: '乌鲁木齐支队特勤站', shortName: '特勤站', level: 'station' },
      publishedAt: 1700000000000,
      likeCount: 5,
      viewCount: 50,
    };
    expect(card).toEqual(expected);
  });

  it('a card omits the body, the author, the unit path and internal state', () => {
    const card = toStoryCard(fullStory, joins) as unknown as Record<string, unknown>;
    for (const hidden of ['blocks', 'author', 'unitPath', 'state', 'revision', 'createdAt', 'exemplarIds', 'campaignId', 'unitId']) {
      expect(card).not.toHaveProperty(hidden);
    }
  });

  it('a reference to an exemplar the public may not see is left out', () => {
    expect(toStoryCard(fullStory, joins).exemplars.map((e) => e._id)).not.toContain('e-hidden');
  });

  it('a cover that does not resolve is shown as no cover, not a broken link', () => {
    expect(toStoryCard({ ...fullStory, cover: 'cloud://env/missing.png' }, joins).cover).toBeNull();
  });

  it('a story outside any campaign has no campaign', () => {
    expect(toStoryCard({ ...fullStory, campaignId: null }, joins).campaign).toBeNull();
  });

  it('a story without a publication instant cannot become a card', () => {
    expect(() => toStoryCard({ ...fullStory, publishedAt: null }, joins)).toThrow();
  });

  it('the detail renders image blocks with URLs and drops images whose file is gone', () => {
    const detail = toStoryDetail(fullStory as StoryDetailRow, joins);
    expect(detail.blocks).toEqual([
      { type: 'heading', level: 2, text: '起' },
      { type: 'image', url: 'https://tmp/a.png', width: 750, height: 500, caption: '现场' },
      { type: 'paragraph', spans: [{ text: '正文' }] },
    ]);
    expect(detail.author).toBe('宣传员甲');
    expect(detail.shareCount).toBe(7);
    expect(detail.revision).toBe(3);
    expect(detail).not.toHaveProperty('unitPath');
  });

  it('an image without a caption renders without a caption key', () => {
    const [img] = renderBlocks([{ type: 'image', file: 'f', width: 1, height: 2 }], new Map([['f', 'u']]));
    expect(img).toEqual({ type: 'image', url: 'u', width: 1, height: 2 });
  });

  it('lists what to join once per id, and the image files of a body', () => {
    const needs = storyCardNeeds([fullStory, { ...fullStory, _id: 's2', cover: null }]);
    expect(needs.campaignIds).toEqual(['c1']);
    expect(needs.unitIds).toEqual(['u1']);
    expect(needs.exemplarIds).toEqual(['e1', 'e-hidden', 'e2']);
    expect(needs.fileIds).toEqual(['cloud://env/cover.png']);
    expect(blockFileIds(fullStory.blocks)).toEqual(['cloud://env/a.png', 'cloud://env/gone.png']);
  });

  it('the card field list leaves the body in the database; only the detail asks for it', () => {
    expect(STORY_CARD_FIELDS).not.toContain('blocks');
    expect(STORY_DETAIL_FIELDS).toContain('blocks');
    expect(EXEMPLAR_CARD_FIELDS).not.toContain('biography');
  });
});

describe('library projections', () => {
  it('an exemplar card shows the photo URL and the unit, not the consent record or the rank', () => {
    const card = toExemplarCard(
      {
        _id: 'e1',
        kind: 'individual',
        tier: 'major',
        name: '张三',
        title: '一级消防士',
        category: 'rescue',
        photo: 'cloud://env/a.png',
        summary: '一句话',
        unitId: 'u1',
        honorCount: 3,
        storyCount: 2,
        saluteCount: 9,
        rank: 90,
        state: 'published',
        consent: { method: 'in_app', evidence: 'oX', recordedAt: 1, recordedBy: 'oX', name: 'n', verifiedBy: 'oX', verifiedAt: 1 },
      },
      joins.units,
      joins.urls,
    );
    expect(card.photo).toBe('https://tmp/a.png');
    expect(card.unit?.shortName).toBe('特勤站');
    for (const hidden of ['consent', 'rank', 'state', 'unitId']) expect(card).not.toHaveProperty(hidden);
  });

  it('a campaign card resolves its cover and carries its period and archive state', () => {
    const card = toCampaignCard({ _id: 'c1', name: 'n', slug: 's', description: 'd', cover: 'cloud://env/cover.png', storyCount: 4, startedAt: 10, endsAt: 20, archived: true }, joins.urls);
    expect(card).toEqual({ _id: 'c1', name: 'n', slug: 's', description: 'd', cover: 'https://tmp/cover.png', storyCount: 4, startedAt: 10, endsAt: 20, archived: true });
  });

  it('a campaign saved before periods and archiving existed reads as open-ended and live', () => {
    const card = toCampaignCard({ _id: 'c1', name: 'n', slug: 's', description: 'd', cover: null, storyCount: 4, startedAt: 10 }, joins.urls);
    expect(card).toMatchObject({ startedAt: 10, endsAt: null, archived: false });
  });
});
