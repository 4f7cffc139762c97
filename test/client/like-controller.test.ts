/** The like controller alone: what it sends, and what it shows, in the corners a page rarely hits. */
import { LikeController, type ViewCause } from '../../client/src/components/like-button/controller';
import type { LikeView } from '../../client/src/components/like-button/model';
import { ApiFailure } from '../../client/src/lib/api';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function setup(initial: LikeView, answer: (liked: boolean) => Promise<LikeView>) {
  const sent: boolean[] = [];
  const views: [LikeView, ViewCause][] = [];
  const notices: string[] = [];
  const c = new LikeController({
    kind: 'story',
    initial,
    send: (liked) => {
      sent.push(liked);
      return answer(liked);
    },
    onView: (v, cause) => views.push([v, cause]),
    onNotice: (t) => notices.push(t),
  });
  return { c, sent, views, notices };
}

describe('the like controller', () => {
  it('a tap before engagement.status answers converges on the server state without a request or a double count', async () => {
    // The page's count (12) already includes this reader's like, which the page cannot know yet.
    const { c, sent } = setup({ liked: false, count: 12 }, async (liked) => ({ liked, count: 12 }));
    c.toggle();
    c.confirm({ liked: true, count: 12 });
    expect(c.view).toEqual({ liked: true, count: 12 });
    await jest.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
    expect(c.view).toEqual({ liked: true, count: 12 });
  });

  it('sends a wish still waiting for its quiet period when the page goes away', async () => {
    const { c, sent } = setup({ liked: false, count: 3 }, async (liked) => ({ liked, count: 4 }));
    c.toggle();
    c.dispose();
    expect(sent).toEqual([true]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([true]);
  });

  it('sends nothing on leaving when the wish already equals the confirmed state', async () => {
    const { c, sent } = setup({ liked: false, count: 3 }, async (liked) => ({ liked, count: 3 }));
    c.toggle();
    c.toggle();
    c.dispose();
    expect(sent).toEqual([]);
  });

  it('treats anything a transport throws as a failure: rolls back with the like failure text', async () => {
    const { c, views, notices } = setup({ liked: false, count: 3 }, () => Promise.reject(new Error('socket hang up')));
    c.toggle();
    await jest.advanceTimersByTimeAsync(400);
    expect(c.view).toEqual({ liked: false, count: 3 });
    expect(views.at(-1)).toEqual([{ liked: false, count: 3 }, 'server']);
    expect(notices).toEqual(['点赞失败，请稍后重试']);
  });

  it('keeps its words for a salute and for a login problem', async () => {
    const sent: boolean[] = [];
    const notices: string[] = [];
    const c = new LikeController({
      kind: 'exemplar',
      initial: { liked: false, count: 0 },
      send: (l) => {
        sent.push(l);
        return Promise.reject(sent.length === 1 ? new ApiFailure('UNAVAILABLE') : new ApiFailure('UNAUTHENTICATED'));
      },
      onView: () => undefined,
      onNotice: (t) => notices.push(t),
    });
    c.toggle();
    await jest.advanceTimersByTimeAsync(400);
    c.toggle();
    await jest.advanceTimersByTimeAsync(400);
    expect(notices).toEqual(['致敬失败，请稍后重试', '请先登录后再操作']);
    expect(c.view).toEqual({ liked: false, count: 0 });
  });
});
