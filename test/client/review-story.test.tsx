/**
 * The story review page shows the revision as readers will see it — cover, campaign, title,
 * byline with the unit, the text, the exemplars (saying which readers cannot see) — and says
 * when approving publishes a story that was taken down again.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { DraftView, StoryContext } from '@contract';
import { ReviewStoryScreen } from '../../client/src/features/authoring/review-story-screen';
import { ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

function draft(over: Partial<DraftView> = {}): DraftView {
  return {
    storyId: 's9',
    revision: 3,
    version: 4,
    state: 'in_review',
    title: '烈火中的逆行者',
    summary: '',
    cover: 'cloud://env.bucket/stories/cover.png',
    coverUrl: 'https://img.local/cover.png',
    imageUrls: {},
    campaignId: 'c1',
    exemplarIds: ['e1', 'e2'],
    unitId: 'u-sa',
    author: '特勤站宣传员',
    markdown: '正文',
    comment: null,
    publishedRevision: null,
    secCheck: 'pass',
    updatedAt: 1,
    ...over,
  };
}

const CONTEXT: StoryContext = {
  storyId: 's9',
  campaign: { _id: 'c1', name: '身边典型•平凡榜样' },
  exemplars: [
    { _id: 'e1', name: '王建军', kind: 'individual', shown: true },
    { _id: 'e2', name: '李小红', kind: 'individual', shown: false },
  ],
  unit: { _id: 'u-sa', name: '天山区特勤消防救援站', shortName: '特勤站', level: 'station' },
  current: null,
};

function serve(context: StoryContext) {
  return serveFunctions({
    'authoring.draft': () => ok(draft()),
    'authoring.storyContext': () => ok(context),
    'authoring.preview': () => ok({ blocks: [{ type: 'paragraph', spans: [{ text: '审核中的正文' }] }], issues: [] }),
    'authoring.review': () => ok({ storyId: 's9', decision: 'approve', revision: 3, published: true }),
  });
}

describe('the story review page', () => {
  it('shows what the reader will see: cover, campaign, title, byline with unit, text and exemplars — a hidden one flagged', async () => {
    setRouterParams({ id: 's9' });
    serve(CONTEXT);
    render(<ReviewStoryScreen />);
    const view = await screen.findByTestId('review-reader-view');
    expect(within(view).getByRole('img', { name: '封面' })).toHaveAttribute('src', 'https://img.local/cover.png');
    expect(within(view).getByTestId('review-campaign')).toHaveTextContent('身边典型•平凡榜样');
    expect(within(view).getByText('烈火中的逆行者')).toBeInTheDocument();
    expect(within(view).getByTestId('review-byline')).toHaveTextContent('天山区特勤消防救援站特勤站宣传员');
    expect(within(view).getByText('审核中的正文')).toBeInTheDocument();
    const [shown, hidden] = within(view).getAllByTestId('review-exemplar');
    expect(shown).toHaveTextContent('王建军');
    expect(shown).not.toHaveTextContent('读者看不到');
    expect(hidden).toHaveTextContent('李小红');
    expect(hidden).toHaveTextContent('未公开，读者看不到');
    expect(screen.getByText('有 1 位典型尚未公开（未发布或本人同意未生效），读者页面不会显示他们。')).toBeInTheDocument();
  });

  it('a story taken down says so with its reason, and approving says it goes back online', async () => {
    setRouterParams({ id: 's9' });
    const served = serve({ ...CONTEXT, current: { state: 'withdrawn', revision: 2, article: null, withdrawal: { reason: '事迹细节待核实', at: Date.UTC(2025, 5, 1, 2, 0) } } });
    render(<ReviewStoryScreen />);
    expect(await screen.findByTestId('review-withdrawn')).toHaveTextContent('该事迹已撤回（2025-06-01 10:00，原因：事迹细节待核实）。通过后将作为第 3 版重新发布。');
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByText('通过并发布'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/将立即对读者公开（该事迹曾被撤回，将重新上线）/);
    expect(served.calls.find((c) => c.action === 'review')?.data).toEqual({ storyId: 's9', version: 4, decision: 'approve', comment: '' });
  });

  it('a story with a video says the reviewer must watch it (WeChat checks no video), and asks again when approving; refusing the question approves nothing', async () => {
    setRouterParams({ id: 's9' });
    const served = serveFunctions({
      'authoring.draft': () => ok(draft()),
      'authoring.storyContext': () => ok({ ...CONTEXT, exemplars: [] }),
      'authoring.preview': () =>
        ok({
          blocks: [
            { type: 'paragraph', spans: [{ text: '正文' }] },
            { type: 'video', url: 'https://img.local/v.mp4', poster: 'https://img.local/p.jpg', width: 480, height: 270, durationMs: 6000 },
          ],
          issues: [],
        }),
      'authoring.review': () => ok({ storyId: 's9', decision: 'approve', revision: 3, published: true }),
    });
    render(<ReviewStoryScreen />);
    expect(await screen.findByTestId('review-video-note')).toHaveTextContent('本稿含 1 段视频。视频不经微信内容安全检测，请逐段看完再通过');
    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(screen.getByText('通过并发布'));
    });
    expect(fake.modals.at(-1)?.content).toMatch(/^稿中 1 段视频未经微信内容检测，通过即表示你已看完并确认可以公开。/);
    expect(served.calls.some((c) => c.action === 'review')).toBe(false);
  });
});
