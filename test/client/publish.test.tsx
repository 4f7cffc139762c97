/**
 * The publisher's page: a preview of the article before publishing, then a confirmation; the job
 * timeline, retry of a failed job, the article link; a published story says so and offers
 * 重新发布 only for a newer revision, with the difference said.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { PublishCandidate, PublishJobView, PublishPreview } from '@contract';
import { PublishScreen } from '../../client/src/features/publish/publish-screen';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake } from './support/taro-fake';

const STORY: PublishCandidate = { _id: 'st-1', title: '逆火而行的王建军', revision: 2, publishedAt: 1, article: null, job: null };

const PREVIEW: PublishPreview = {
  storyId: 'st-1',
  revision: 2,
  title: STORY.title,
  author: '特勤站宣传员',
  digest: '那天凌晨，三十七名群众被安全转移。',
  cover: 'https://img.local/cover.jpg',
  html: '<section style="padding:0 8px;"><p style="margin:0 0 16px;">那天凌晨，三十七名群众被安全转移。</p></section>',
  problem: null,
};

/** Open the preview of the row's action and confirm it there (the modal answers with fake.modalAnswer). */
async function previewAndConfirm(testId = 'publish-button') {
  const open = await screen.findByTestId(testId);
  await act(async () => {
    fireEvent.click(open);
  });
  const confirm = await screen.findByTestId('publish-preview-confirm');
  await screen.findByTestId('publish-preview-article');
  await act(async () => {
    fireEvent.click(confirm);
  });
}

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
  it('shows the article as the account will (card and page) before publishing, asks 确认发布到公众号？ and publishes only after confirmation, then shows the job timeline', async () => {
    let jobs: PublishJobView[] = [];
    const served = serveFunctions({
      'publish.candidates': () => ok({ items: [STORY], next: null }),
      'publish.jobs': () => ok({ items: jobs, next: null }),
      'publish.preview': () => ok(PREVIEW),
      'publish.start': () => {
        jobs = [job({})];
        return ok(jobs[0]);
      },
    });
    render(<PublishScreen />);

    fake.modalAnswer = false;
    await previewAndConfirm();
    expect(served.calls.filter((c) => c.action === 'preview').map((c) => c.data)).toEqual([{ storyId: 'st-1' }]);
    const messageCard = screen.getByTestId('publish-preview-card');
    expect(messageCard).toHaveTextContent(PREVIEW.title);
    expect(messageCard).toHaveTextContent(PREVIEW.digest);
    expect(within(screen.getByTestId('publish-preview-article')).getByText('特勤站宣传员')).toBeInTheDocument();
    expect(within(screen.getByTestId('publish-preview-article')).getByText('火焰蓝e党建')).toBeInTheDocument();
    // The article's markup runs in a sandboxed frame, never in the page itself.
    const frame = screen.getByTestId('publish-preview-frame');
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(frame.getAttribute('srcdoc')).toContain('三十七名群众被安全转移');
    expect(fake.modals.at(-1)?.title).toBe('确认发布到公众号？');
    expect(served.calls.filter((c) => c.action === 'start')).toHaveLength(0);

    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByTestId('publish-preview-confirm'));
    });
    expect(served.calls.filter((c) => c.action === 'start').map((c) => c.data)).toEqual([{ storyId: 'st-1' }]);
    const card = await screen.findByTestId('publish-job');
    expect(card.querySelector('.list-row__badge')).toHaveTextContent('已提交，等待发布结果');
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
    expect(await screen.findByTestId('publish-article-link')).toHaveTextContent('查看文章');
    expect(screen.queryByTestId('publish-retry')).toBeNull();
  });

  it('a refusal from the server is shown as a toast and nothing else changes', async () => {
    serveFunctions({
      'publish.candidates': () => ok({ items: [STORY], next: null }),
      'publish.jobs': () => ok({ items: [], next: null }),
      'publish.preview': () => ok(PREVIEW),
      'publish.start': () => err('PERMISSION_DENIED'),
    });
    render(<PublishScreen />);
    fake.modalAnswer = true;
    await previewAndConfirm();
    expect(fake.toasts.length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('publish-candidate')).toHaveLength(1);
  });

  it('an account not configured reads 公众号尚未配置 rather than the generic precondition text', async () => {
    serveFunctions({
      'publish.candidates': () => ok({ items: [STORY], next: null }),
      'publish.jobs': () => ok({ items: [], next: null }),
      'publish.preview': () => ok(PREVIEW),
      'publish.start': () => ({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', reason: 'oa_not_configured', message: 'not configured', fields: [{ path: 'officialAccount', message: 'not_configured', reason: 'oa_not_configured' }] },
      }),
    });
    render(<PublishScreen />);
    fake.modalAnswer = true;
    await previewAndConfirm();
    expect(fake.toasts.at(-1)?.title).toBe('公众号尚未配置，请联系管理员');
  });

  it('a story the account cannot take yet says why in the preview, and 确认发布 stays off', async () => {
    const served = serveFunctions({
      'publish.candidates': () => ok({ items: [STORY], next: null }),
      'publish.jobs': () => ok({ items: [], next: null }),
      'publish.preview': () => ok({ ...PREVIEW, html: null, problem: '标题 40 字，公众号标题不能超过 32 字，请先修改标题' }),
    });
    render(<PublishScreen />);
    const open = await screen.findByTestId('publish-button');
    await act(async () => {
      fireEvent.click(open);
    });
    expect(await screen.findByTestId('publish-preview-problem')).toHaveTextContent('公众号标题不能超过 32 字');
    // Nothing to confirm: the button asks nothing and starts nothing.
    const modals = fake.modals.length;
    await act(async () => {
      fireEvent.click(screen.getByTestId('publish-preview-confirm'));
    });
    expect(fake.modals).toHaveLength(modals);
    expect(served.calls.some((c) => c.action === 'start')).toBe(false);
    fireEvent.click(screen.getByTestId('publish-preview-close'));
    expect(screen.queryByTestId('publish-preview')).toBeNull();
  });

  it('a published story shows 已发布 with its article; a newer revision gets a distinct 重新发布 that says the difference and asks first', async () => {
    const current: PublishCandidate = { ...STORY, _id: 'st-cur', title: '当前版本已发布', revision: 2, article: { url: 'https://mp.weixin.qq.com/s/cur', publishedAt: Date.UTC(2025, 5, 1, 2, 0), revision: 2 } };
    const older: PublishCandidate = { ...STORY, _id: 'st-old', title: '有新版本', revision: 3, article: { url: 'https://mp.weixin.qq.com/s/old', publishedAt: Date.UTC(2025, 5, 1, 2, 0), revision: 2 } };
    const served = serveFunctions({
      'publish.candidates': () => ok({ items: [current, older], next: null }),
      'publish.jobs': () => ok({ items: [], next: null }),
      'publish.preview': (d) => ok({ ...PREVIEW, storyId: (d as { storyId: string }).storyId, revision: 3 }),
      'publish.start': () => ok(job({ _id: 'st-old-r3', storyId: 'st-old', revision: 3 })),
    });
    render(<PublishScreen />);
    const [cur, old] = await screen.findAllByTestId('publish-candidate');
    expect(cur).toHaveTextContent('已发布');
    expect(cur).toHaveTextContent('已发布第 2 版（当前版本） · 2025-06-01 10:00');
    expect(within(cur!).queryByTestId('publish-button')).toBeNull();
    expect(within(cur!).queryByTestId('publish-republish')).toBeNull();
    expect(within(cur!).getByTestId('publish-article-open')).toHaveTextContent('打开文章');
    expect(old).toHaveTextContent('已发布第 2 版，当前第 3 版');
    expect(within(old!).queryByTestId('publish-button')).toBeNull();

    fake.modalAnswer = false;
    await previewAndConfirm('publish-republish');
    expect(screen.getByTestId('publish-preview-revisions')).toHaveTextContent('已发布第 2 版，当前第 3 版');
    expect(fake.modals.at(-1)).toMatchObject({ title: '确认重新发布？' });
    expect(fake.modals.at(-1)?.content).toMatch(/新发一篇第 3 版的文章，已发布的第 2 版仍会保留/);
    expect(served.calls.filter((c) => c.action === 'start')).toHaveLength(0);
    fake.modalAnswer = true;
    await act(async () => {
      fireEvent.click(screen.getByTestId('publish-preview-confirm'));
    });
    expect(served.calls.filter((c) => c.action === 'start').map((c) => c.data)).toEqual([{ storyId: 'st-old' }]);
  });

  it('coming back to 可发布事迹 shows the stories as they are now (a job that finished meanwhile)', async () => {
    let published = false;
    serveFunctions({
      'publish.candidates': () =>
        ok({ items: [published ? { ...STORY, article: { url: 'https://mp.weixin.qq.com/s/x', publishedAt: 1, revision: 2 }, job: { _id: 'st-1-r2', state: 'published' as const } } : STORY], next: null }),
      'publish.jobs': () => ok({ items: [], next: null }),
    });
    render(<PublishScreen />);
    expect(await screen.findByTestId('publish-button')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('publish-tab-jobs'));
    published = true;
    fireEvent.click(screen.getByTestId('publish-tab-stories'));
    expect(await screen.findByTestId('publish-article-open')).toBeInTheDocument();
    expect(screen.queryByTestId('publish-button')).toBeNull();
  });

  it('a job deleting the article of a story taken down says so, 已删除 when done, and 删除文章失败 with a retry when WeChat refused', async () => {
    serveFunctions({
      'publish.candidates': () => ok({ items: [], next: null }),
      'publish.jobs': () =>
        ok({
          items: [
            job({ _id: 'a-r1', state: 'deleting', articleUrl: 'https://mp.weixin.qq.com/s/a' }),
            job({ _id: 'b-r1', state: 'deleted', articleUrl: 'https://mp.weixin.qq.com/s/b' }),
            job({
              _id: 'c-r1',
              state: 'failed',
              articleUrl: 'https://mp.weixin.qq.com/s/c',
              failure: { code: 48001, message: '公众号没有发布接口权限，请确认公众号已认证并开通发布能力' },
              canRetry: true,
              history: [
                { state: 'published', at: 1 },
                { state: 'deleting', at: 2, note: '事迹已撤回' },
                { state: 'failed', at: 3 },
              ],
            }),
          ],
          next: null,
        }),
    });
    render(<PublishScreen />);
    fireEvent.click(screen.getByTestId('publish-tab-jobs'));
    const [deleting, deleted, failed] = await screen.findAllByTestId('publish-job');
    expect(deleting!.querySelector('.list-row__badge')).toHaveTextContent('正在删除公众号文章');
    expect(deleted!.querySelector('.list-row__badge')).toHaveTextContent('公众号文章已删除');
    // A delete that failed says so (not 发布失败), with WeChat's reason, and offers 重试.
    expect(failed!.querySelector('.list-row__badge')).toHaveTextContent('删除文章失败');
    expect(within(failed!).getByTestId('publish-failure')).toHaveTextContent('公众号没有发布接口权限');
    expect(within(failed!).getByTestId('publish-retry')).toBeInTheDocument();
    // A deleted article is not offered as a link.
    expect(screen.queryByTestId('publish-article-link')).toBeNull();
  });
});
