/** 事迹审核 (the story review queue): one page at a time, oldest submission first, each row opening the story's review. */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DraftCard } from '@contract';
import { ReviewQueueScreen } from '../../client/src/features/authoring/review-queue-screen';
import { ok, serveFunctions } from './support/local-cloud';
import { fake, fireDidShow, fireReachBottom } from './support/taro-fake';

const UNIT = { _id: 'u-st', name: '天山区特勤消防救援站', shortName: '特勤站', level: 'station' as const };
/** 2025-06-01 04:00 UTC: 12:00 in Beijing time. */
const T0 = Date.UTC(2025, 5, 1, 4, 0, 0);

function card(i: number, over: Partial<DraftCard> = {}): DraftCard {
  return { storyId: `s-${i}`, title: `事迹${i}`, state: 'in_review', revision: 1, published: false, unit: UNIT, secCheck: 'pass', updatedAt: T0, submittedAt: T0 + i * 60_000, ...over };
}

describe('the story review queue', () => {
  it('shows each story with its unit, kind and submission time in Beijing time; a row opens its review', async () => {
    serveFunctions({ 'authoring.reviewQueue': () => ok({ items: [card(0), card(1, { published: true, revision: 3, secCheck: 'review' })], next: null }) });
    render(<ReviewQueueScreen />);
    const [first, second] = await screen.findAllByTestId('story-queue-item');
    expect(first).toHaveTextContent('事迹0');
    expect(first).toHaveTextContent('新稿');
    expect(first).toHaveTextContent('天山区特勤消防救援站');
    expect(first).toHaveTextContent('提交于 2025-06-01 12:00');
    expect(second).toHaveTextContent('内容需人工复核');
    expect(second).toHaveTextContent('修改稿（第 3 版）');
    fireEvent.click(second!);
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-staff/story-review/index?id=s-1' });
  });

  it('loads the next page at the end of the list, never shows a story twice, and reloads when the reviewer comes back', async () => {
    const served = serveFunctions({
      'authoring.reviewQueue': (d) =>
        (d as { cursor?: string | null }).cursor === 'c-1'
          ? ok({ items: [card(49), card(50), card(51)], next: null })
          : ok({ items: Array.from({ length: 50 }, (_, i) => card(i)), next: 'c-1' }),
    });
    render(<ReviewQueueScreen />);
    expect(await screen.findAllByTestId('story-queue-item')).toHaveLength(50);
    await act(async () => fireReachBottom());
    await waitFor(() => expect(screen.getAllByTestId('story-queue-item')).toHaveLength(52));
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    // The first show is the first load; coming back reloads from the first page.
    await act(async () => fireDidShow());
    await act(async () => fireDidShow());
    expect(served.calls.map((c) => (c.data as { cursor?: string | null }).cursor ?? null)).toEqual([null, 'c-1', null]);
  });

  it('says so when nothing waits', async () => {
    serveFunctions({ 'authoring.reviewQueue': () => ok({ items: [], next: null }) });
    render(<ReviewQueueScreen />);
    expect(await screen.findByText('没有待审核的事迹')).toBeInTheDocument();
  });
});
