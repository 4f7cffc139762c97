/**
 * The official-account pipeline in Chromium over the h5 build, on the local cloud with the fake
 * official account: the publisher (dev-publisher) publishes a story from 工作台 → 公众号发布 with
 * the confirmation, the job reaches 已发布, the fake account lists the article, and the story
 * page shows 已发布到公众号. Then a failure the publisher sees and retries: a one-shot 45009 at
 * draft/add injected through the fake's HTTP fault endpoint shows 发布失败 with its Chinese
 * reason; 重试 publishes, and the story links exactly one article.
 */
import { withSession, visible, actAs } from './harness';



void withSession(
  async ({ page, url, shot, check, cloud, browser }) => {
    const fake = cloud.officialAccount;
    if (!fake) throw new Error('the fake official account did not start');
    let storyId = '';
    let title = '';

    await check('the publisher opens 公众号发布 from 工作台 and sees published stories', async () => {
      await actAs(page, url('/pages/me/index'), '发布员（总队）');
      await visible(page, '.staff-entry').first().click();
      await visible(page, '[data-testid=tile-publish]').first().click();
      await visible(page, '[data-testid=publish-candidate]').first().waitFor({ timeout: 15_000 });
    });

    await check('publishing asks 确认发布到公众号？ and, confirmed, submits the story', async () => {
      const card = visible(page, '[data-testid=publish-candidate]:has-text("未发布")').first();
      title = (await card.locator('.publish__title').innerText()).trim();
      await card.locator('[data-testid=publish-button]').click();
      await visible(page, '.taro-model__confirm').first().waitFor({ timeout: 10_000 });
      const text = await visible(page, 'body').first().innerText();
      if (!text.includes('确认发布到公众号？')) throw new Error('no confirmation asked');
      const started = page.waitForResponse((r) => r.url().endsWith('/fn/publish') && (r.request().postData() ?? '').includes('"start"'), { timeout: 30_000 });
      await visible(page, '.taro-model__confirm').first().click();
      const body = (await (await started).json()) as { ok: boolean; data?: { storyId: string; state: string } };
      if (!body.ok || !body.data) throw new Error(`start answered ${JSON.stringify(body)}`);
      storyId = body.data.storyId;
      await shot('publish-submitted');
    });

    await check('the job timeline reaches 已发布 with the article link', async () => {
      const job = visible(page, `[data-testid=publish-job]:has-text("${title}")`).first();
      await job.locator('[data-testid=publish-job-state]:has-text("已发布")').waitFor({ timeout: 20_000 });
      const timeline = await job.locator('[data-testid=publish-timeline]').innerText();
      for (const step of ['排队中', '图片已上传', '草稿已创建', '已提交', '已发布']) if (!timeline.includes(step)) throw new Error(`timeline lacks ${step}: ${timeline}`);
      await job.locator('[data-testid=publish-article-link]').waitFor({ timeout: 5_000 });
      await shot('publish-published');
    });

    await check('the fake official account lists the article and serves it with its images', async () => {
      const tab = await browser.newPage();
      await tab.goto(`${fake.url}/`);
      await tab.locator(`#articles a:has-text("${title}")`).first().click();
      await tab.locator('#activity-name').waitFor({ timeout: 10_000 });
      const h1 = (await tab.locator('#activity-name').innerText()).trim();
      if (h1 !== title) throw new Error(`article title ${h1}`);
      const images = await tab.locator('#js_content img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth));
      if (images.length === 0 || images.some((w) => w === 0)) throw new Error(`article images not loaded: ${JSON.stringify(images)}`);
      await tab.screenshot({ path: 'test-results/screenshots/publish-article.png' });
      await tab.close();
    });

    await check('the story page shows 已发布到公众号', async () => {
      await page.goto(url(`/pages/story/index?id=${storyId}`));
      const link = visible(page, '[data-testid=story-article]').first();
      await link.waitFor({ timeout: 15_000 });
      const text = (await link.innerText()).trim();
      if (!text.includes('已发布到公众号')) throw new Error(`link text ${text}`);
      await shot('publish-story-link');
    });

    await check('a one-shot 45009 at the draft step shows 发布失败 with its reason; 重试 publishes it once', async () => {
      const set = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ failAt: [{ api: 'draft/add', errcode: 45009 }] }) });
      if (set.status !== 200) throw new Error(`fault endpoint answered ${set.status}`);
      await actAs(page, url('/pages/me/index'), '发布员（总队）');
      await visible(page, '.staff-entry').first().click();
      await visible(page, '[data-testid=tile-publish]').first().click();
      const card = visible(page, '[data-testid=publish-candidate]:has-text("未发布")').first();
      await card.waitFor({ timeout: 15_000 });
      const failedTitle = (await card.locator('.publish__title').innerText()).trim();
      await card.locator('[data-testid=publish-button]').click();
      await visible(page, '.taro-model__confirm').first().waitFor({ timeout: 10_000 });
      const started = page.waitForResponse((r) => r.url().endsWith('/fn/publish') && (r.request().postData() ?? '').includes('"start"'), { timeout: 30_000 });
      await visible(page, '.taro-model__confirm').first().click();
      const body = (await (await started).json()) as { ok: boolean; data?: { storyId: string; state: string } };
      if (!body.ok || body.data?.state !== 'failed') throw new Error(`start answered ${JSON.stringify(body)}`);
      const failedStory = body.data.storyId;

      const job = visible(page, `[data-testid=publish-job]:has-text("${failedTitle}")`).first();
      await job.locator('[data-testid=publish-job-state]:has-text("发布失败")').waitFor({ timeout: 15_000 });
      const reason = (await job.locator('[data-testid=publish-failure]').innerText()).trim();
      if (!reason.includes('今日接口调用次数已达上限') || !reason.includes('45009')) throw new Error(`failure reads ${reason}`);
      await shot('publish-failed');

      // The fault was one-shot; clearing the set as a person would after a manual test.
      await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: '{}' });
      const retried = page.waitForResponse((r) => r.url().endsWith('/fn/publish') && (r.request().postData() ?? '').includes('"retry"'), { timeout: 30_000 });
      await job.locator('[data-testid=publish-retry]').click();
      const retryBody = (await (await retried).json()) as { ok: boolean };
      if (!retryBody.ok) throw new Error(`retry answered ${JSON.stringify(retryBody)}`);
      await job.locator('[data-testid=publish-job-state]:has-text("已发布")').waitFor({ timeout: 20_000 });
      await shot('publish-retried');

      const articles = fake.articles().filter((a) => a.title === failedTitle);
      if (articles.length !== 1) throw new Error(`${articles.length} articles titled ${failedTitle}`);
      const linked = cloud.db.findById('stories', failedStory) as { article?: { url: string } | null } | null;
      if (linked?.article?.url !== articles[0]?.url) throw new Error(`story links ${JSON.stringify(linked?.article)} not ${articles[0]?.url}`);
    });
  },
  'publish',
  { officialAccount: true },
);
