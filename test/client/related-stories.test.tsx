/**
 * 相关事迹 at the end of a story: what the server relates, as rows that open their story; and a
 * story that ends without them when there is nothing (or nothing could be loaded).
 */
import { act, render, screen } from '@testing-library/react';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { NOW, storyCard, storyDetail } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  setRouterParams({ id: 's7' });
});
afterEach(() => jest.restoreAllMocks());

describe('related stories', () => {
  it('end the story with the stories the server relates, each row opening its story', async () => {
    const served = serveFunctions({
      'content.story': () => ok(storyDetail({ _id: 's7', title: '烈火中的逆行者' })),
      'content.related': () => ok({ items: [storyCard(2, { title: '雪夜里的三十公里' }), storyCard(3, { title: '守护天山的眼睛', exemplars: [] })] }),
    });
    render(<StoryScreen />);
    const section = await screen.findByTestId('related-stories');
    expect(section).toHaveTextContent('相关事迹');
    const rows = screen.getAllByTestId('related-story');
    expect(rows.map((r) => r.querySelector('.related__title')?.textContent)).toEqual(['雪夜里的三十公里', '守护天山的眼睛']);
    // Who it is about, or else where it is from; and when.
    const meta = (row: HTMLElement) => [row.querySelector('.related__who')?.textContent, row.querySelector('.related__when')?.textContent];
    expect(meta(rows[0]!)).toEqual(['典型2', '3 小时前']);
    expect(meta(rows[1]!)).toEqual(['特勤站', '4 小时前']);
    expect(served.calls.filter((c) => c.action === 'related').map((c) => c.data)).toEqual([{ storyId: 's7' }]);
    rows[1]!.click();
    await settle();
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/story/index?id=s3' }]);
  });

  it('come after the story itself, before its end matter', async () => {
    serveFunctions({
      'content.story': () => ok(storyDetail({ _id: 's7', title: '烈火中的逆行者' })),
      'content.related': () => ok({ items: [storyCard(2)] }),
    });
    render(<StoryScreen footer={() => <div data-testid='footer'>留言</div>} />);
    const section = await screen.findByTestId('related-stories');
    const views = screen.getByTestId('story-views');
    const footer = screen.getByTestId('footer');
    expect(views.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(section.compareDocumentPosition(footer) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it.each([
    ['there is nothing related', () => ok({ items: [] })],
    ['they cannot be loaded', () => err('UNAVAILABLE')],
  ])('leave no trace when %s: the story just ends', async (_what, answer) => {
    serveFunctions({ 'content.story': () => ok(storyDetail({ _id: 's7', title: '烈火中的逆行者' })), 'content.related': answer });
    render(<StoryScreen />);
    await screen.findByText('烈火中的逆行者');
    await settle();
    expect(screen.queryByTestId('related-stories')).toBeNull();
    expect(screen.queryByText('相关事迹')).toBeNull();
    expect(screen.queryByText(/加载失败/)).toBeNull();
  });
});
