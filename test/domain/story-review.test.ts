/** Story review rules: every transition of a working revision, every illegal one, and what approval produces. */
import type { Story, StoryRevision } from '@contract';
import {
  ACTION_ROLE,
  approvedStory,
  countDeltas,
  storyCodeFrom,
  storyTransition,
  summaryFrom,
  takeDownCheck,
  takenDownStory,
} from '../../cloudfunctions/src/domain/story-review';

/** Every state and action, enumerated here so the test walks the whole table. */
const ALL_REVISION_STATES: readonly StoryRevision['state'][] = ['draft', 'in_review', 'returned'];
const ALL_STORY_ACTIONS = ['save', 'submit', 'withdraw', 'approve', 'return'] as const;

describe('storyTransition', () => {
  const legal: Record<string, string> = {
    'draft/save': 'draft',
    'draft/submit': 'in_review',
    'returned/save': 'returned',
    'returned/submit': 'in_review',
    'in_review/withdraw': 'draft',
    'in_review/approve': 'approved',
    'in_review/return': 'returned',
  };

  it.each(Object.entries(legal))('%s → %s', (key, next) => {
    const [state, action] = key.split('/') as [StoryRevision['state'], (typeof ALL_STORY_ACTIONS)[number]];
    expect(storyTransition(state, action)).toEqual({ ok: true, next });
  });

  const illegal = ALL_REVISION_STATES.flatMap((s) => ALL_STORY_ACTIONS.map((a) => `${s}/${a}`)).filter((k) => !(k in legal));
  it('every other (state, action) pair is refused with a reason — 8 of them', () => {
    expect(illegal.sort()).toEqual(
      ['draft/approve', 'draft/return', 'draft/withdraw', 'in_review/save', 'in_review/submit', 'returned/approve', 'returned/return', 'returned/withdraw'].sort(),
    );
    for (const key of illegal) {
      const [state, action] = key.split('/') as [StoryRevision['state'], (typeof ALL_STORY_ACTIONS)[number]];
      const r = storyTransition(state, action);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(state);
    }
  });

  it('editors write and submit, reviewers decide', () => {
    expect(ACTION_ROLE).toEqual({ save: 'editor', submit: 'editor', withdraw: 'editor', approve: 'reviewer', return: 'reviewer' });
  });
});

describe('countDeltas', () => {
  it('a first approval counts the story once for its campaign and each distinct exemplar', () => {
    const d = countDeltas(null, { campaignId: 'c1', exemplarIds: ['e1', 'e2', 'e1'] });
    expect([...d.campaigns]).toEqual([['c1', 1]]);
    expect([...d.exemplars].sort()).toEqual([['e1', 1], ['e2', 1]]);
  });
  it('re-approving with the same links changes nothing; relinking moves the counts', () => {
    const before = { campaignId: 'c1', exemplarIds: ['e1', 'e2'], state: 'published' as const };
    const same = countDeltas(before, { campaignId: 'c1', exemplarIds: ['e2', 'e1'] });
    expect(same.campaigns.size + same.exemplars.size).toBe(0);
    const moved = countDeltas(before, { campaignId: 'c2', exemplarIds: ['e2', 'e3'] });
    expect([...moved.campaigns].sort()).toEqual([['c1', -1], ['c2', 1]]);
    expect([...moved.exemplars].sort()).toEqual([['e1', -1], ['e3', 1]]);
  });
  it('a story that is not published (withdrawn) was not counted, so approval only adds', () => {
    const d = countDeltas({ campaignId: 'c1', exemplarIds: ['e1'], state: 'withdrawn' }, { campaignId: null, exemplarIds: ['e1'] });
    expect([...d.campaigns]).toEqual([]);
    expect([...d.exemplars]).toEqual([['e1', 1]]);
  });
});

const rev: StoryRevision = {
  _id: 's1',
  revision: 2,
  version: 7,
  title: '新标题',
  summary: '',
  cover: null,
  campaignId: 'c2',
  exemplarIds: ['e1', 'e1'],
  unitId: 'u1',
  unitPath: ['u0', 'u1'],
  author: '宣传员',
  authorOpenid: 'o-ed',
  markdown: '正文',
  blocks: [{ type: 'heading', level: 2, text: '小标题' }, { type: 'paragraph', spans: [{ text: '第' }, { text: '一段', bold: true }] }],
  state: 'in_review',
  secCheck: 'pass',
  history: [],
  submittedAt: 5,
  createdAt: 1,
  updatedAt: 6,
};

describe('taking a story down', () => {
  it('counts one less for its campaign and each distinct exemplar; a story not published moves nothing', () => {
    const d = countDeltas({ campaignId: 'c1', exemplarIds: ['e1', 'e2', 'e1'], state: 'published' }, null);
    expect([...d.campaigns]).toEqual([['c1', -1]]);
    expect([...d.exemplars]).toEqual([['e1', -1], ['e2', -1]]);
    const none = countDeltas({ campaignId: 'c1', exemplarIds: ['e1'], state: 'withdrawn' }, null);
    expect([none.campaigns.size, none.exemplars.size]).toEqual([0, 0]);
  });

  it('only a published story can be taken down, once', () => {
    expect(takeDownCheck({ state: 'published' })).toEqual({ ok: true });
    expect(takeDownCheck({ state: 'withdrawn' })).toMatchObject({ ok: false, reason: 'story_already_withdrawn' });
  });

  it('keeps everything but the state (withdrawn, with who, when and why); approving a new revision later drops the withdrawal and counts it again', () => {
    const s: Story = { ...approvedStory(null, { ...rev, revision: 1 }, 'CODE1234', 100), _id: 's1', likeCount: 4 };
    const down = takenDownStory(s, { reason: '核实有误', by: 'o-rev', at: 500, deleteArticle: true });
    expect(down).toMatchObject({ state: 'withdrawn', likeCount: 4, publishedAt: 100, updatedAt: 500, withdrawal: { reason: '核实有误', by: 'o-rev', at: 500, deleteArticle: true } });
    const again = approvedStory({ ...down, _id: 's1' }, { ...rev, revision: s.revision + 1 }, 'NEWCODE1', 900);
    expect(again.state).toBe('published');
    expect(again.publishedAt).toBe(100);
    expect('withdrawal' in again).toBe(false);
    const counts = countDeltas({ ...down }, again);
    expect([...counts.campaigns].every(([, by]) => by === 1)).toBe(true);
  });
});

describe('approvedStory', () => {
  it('a first approval publishes now with zero counters, the summary taken from the first paragraph', () => {
    const s = approvedStory(null, { ...rev, revision: 1 }, 'CODE1234', 100);
    expect(s).toMatchObject({ code: 'CODE1234', state: 'published', revision: 1, publishedAt: 100, createdAt: 1, updatedAt: 100, likeCount: 0, viewCount: 0, shareCount: 0, article: null, summary: '第一段', exemplarIds: ['e1'] });
  });
  it('a later revision keeps code, publishedAt, counters and the article; content and links come from the revision', () => {
    const before = { _id: 's1', code: 'OLDCODE1', publishedAt: 50, createdAt: 10, likeCount: 3, viewCount: 9, shareCount: 2, shareByChannel: { chat: 2 }, article: { url: 'https://mp/x', publishedAt: 60 } } as Story;
    const s = approvedStory(before, { ...rev, summary: '自己的摘要' }, 'NEWCODE1', 100);
    expect(s).toMatchObject({ code: 'OLDCODE1', publishedAt: 50, createdAt: 10, likeCount: 3, viewCount: 9, shareCount: 2, shareByChannel: { chat: 2 }, article: before.article, title: '新标题', summary: '自己的摘要', revision: 2, campaignId: 'c2', blocks: rev.blocks });
  });
});

describe('helpers', () => {
  it('summaryFrom cuts long first paragraphs with an ellipsis and skips empty ones', () => {
    expect(summaryFrom([{ type: 'paragraph', spans: [{ text: '  ' }] }, { type: 'paragraph', spans: [{ text: '火'.repeat(100) }] }], 10)).toBe(`${'火'.repeat(9)}…`);
    expect(summaryFrom([{ type: 'divider' }])).toBe('');
  });
  it('storyCodeFrom is 8 characters of the story-code alphabet and stable for a hash', () => {
    const a = storyCodeFrom('00ff10203040506070');
    expect(a).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(storyCodeFrom('00ff10203040506070')).toBe(a);
    expect(storyCodeFrom('01ff10203040506070')).not.toBe(a);
  });
});
