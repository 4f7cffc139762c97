/** The publisher's page: confirm before publishing, the job timeline, retry of a failed job, the article link. */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { PublishCandidate, PublishJobView } from '@contract';
import { PublishScreen } from '../../client/src/features/publish/publish-screen';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake } from './support/taro-fake';

const STORY: PublishCandidate = { _id: 'st-1', title: '逆火而行的王建军', revision: 2, publishedAt: 1, article: null, job: null };

function job(over: Partial<PublishJobView>): PublishJobView {
  return {
    _id: 'st-1-r2',
    storyId: 'st-1',
    revision: 2,
    title: STORY.title,
    state: 'submitted',
    history: [
      { state: 'queued', at: Date.UTC(2025, 5, 1, 1, 0, 0) },
      { state: 'submitted', at: Date.UTC(2025, 5, 1, 1, 0, 2) },
    ],
    failure: null,
    lastError: null,
    articleUrl: null,
    canRetry: false,
    createdAt: 1,
    updatedAt: 2,
    ...over,
  };
}

describe('the publish page', () => {
  it('asks 确认发布到公众号？ and publishes only after confirmation, then shows the job timeline', async () => {
    let jobs: PublishJobView[] = [];
    const served = serveFunctions({
      'publish.candidates': () => ok({ items: [STORY], next: null }),
      'publish.jobs': () => ok({ items: jobs, next: null }),
      'publish.start': () => {
        jobs = [job({})];
        return ok(jobs[0]);
      },
    });
    render(<PublishScreen />);
    const button = await screen.findByTestId('publish-button');

    fake.modalAnswer = false;
    await act(async () => {
      fireEvent.click(button);
    });
    expect(fake.modals.at(-1)?.title).toBe('确认发布到公众号？');
    expect(served.calls.filter((c) => c.action === 'start')).toHaveLength(0);

    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(button);
    });
    expect(served.calls.filter((c) => c.action === 'start').map((c) => c.data)).toEqual([{ storyId: 'st-1' }]);
    const card = await screen.findByTestId('publish-job');
    expect(within(card).getByTestId('publish-job-state')).toHaveTextContent('已提交，等待发布结果');
    expect(within(card).getByTestId('publish-timeline')).toHaveTextContent('排队中');
    expect(within(card).getByTestId('publish-timeline')).toHaveTextContent('已提交，等待发布结果');
  });

  it('a failed job shows the WeChat code and the reason, and retry resumes it', async () => {
    let current = job({ state: 'failed', failure: { code: 45009, message: '今日接口调用次数已达上限，请明天再试' }, canRetry: true });
    const served = serveFunctions({
      'publish.candidates': () => ok({ items: [], next: null }),
      'publish.jobs': () => ok({ items: [current], next: null }),
      'publish.retry': () => {
        current = job({ state: 'published', articleUrl: 'https://mp.weixin.qq.com/s/abc', canRetry: false });
        return ok(current);
      },
    });
    render(<PublishScreen />);
    fireEvent.click(screen.getByTestId('publish-tab-jobs'));
    expect(await screen.findByTestId('publish-failure')).toHaveTextContent('今日接口调用次数已达上限，请明天再试（代码 45009）');
    await act(async () => {
      fireEvent.click(screen.getByTestId('publish-retry'));
    });
    expect(served.calls.filter((c) => c.action === 'retry').map((c) => c.data)).toEqual([{ id: 'st-1-r2' }]);
    expect(await screen.findByTestId('publish-article-link')).toHaveTextContent('查看公众号文章');
    expect(screen.queryByTestId('publish-retry')).toBeNull();
  });

  it('a refusal from the server is shown as a toast and nothing else changes', async () => {
    serveFunctions({
      'publish.candidates': () => ok({ items: [STORY], next: null }),
      'publish.jobs': () => ok({ items: [], next: null }),
      'publish.start': () => err('PERMISSION_DENIED'),
    });
    render(<PublishScreen />);
    fake.modalAnswer = true;
    const button = await screen.findByTestId('publish-button');
    await act(async () => {
      fireEvent.click(button);
    });
    expect(fake.toasts.length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('publish-candidate')).toHaveLength(1);
  });

  it('an account not configured reads 公众号尚未配置 rather than the generic precondition text', async () => {
    serveFunctions({
      'publish.candidates': () => ok({ items: [STORY], next: null }),
      'publish.jobs': () => ok({ items: [], next: null }),
      'publish.start': () => ({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', reason: 'oa_not_configured', message: 'not configured', fields: [{ path: 'officialAccount', message: 'not_configured', reason: 'oa_not_configured' }] },
      }),
    });
    render(<PublishScreen />);
    fake.modalAnswer = true;
    const button = await screen.findByTestId('publish-button');
    await act(async () => {
      fireEvent.click(button);
    });
    expect(fake.toasts.at(-1)?.title).toBe('公众号尚未配置，请联系管理员');
  });
});
