/**
 * The official-account pipeline in Chromium over the h5 build, on the local cloud with the fake
 * official account: the publisher (dev-publisher) opens 工作台 → 公众号发布, looks at the preview
 * of the article (the message card and the page, in a sandboxed frame), confirms, the job reaches
 * 已发布, the fake account lists the article, and the story page shows 已发布到公众号; the story
 * then reads 已发布 with its link and no second 发布. A failure the publisher sees and retries: a
 * one-shot 45009 at draft/add injected through the fake's HTTP fault endpoint shows 发布失败 with
 * its Chinese reason; 重试 publishes, and the story links exactly one article.
 * Then the admin takes the published story down from its page with its article: it leaves the
 * feed at once, its share link shows 该事迹已撤回, publish-timer deletes the article (the fake no
 * longer lists it, freepublish/delete called once) and 发布记录 says 公众号文章已删除.
 */
import { actAs, armed, button, visible, withSession } from './harness';

void withSession(
  async ({ page, url, shot, check, cloud, browser }) => {
    const fake = cloud.officialAccount;
    if (!fake) throw new Error('the fake official account did not start');
    let storyId = '';
    let title = '';
    let articleUrl = '';

    const openPublish = async () => {
      await actAs(page, url('/pages/me/index'), '发布员（总队）');
      await visible(page, '.staff-entry').first().click();
      await visible(page, '[data-testid=tile-publish]').first().click();
      await visible(page, '[data-testid=publish-candidate]').first().waitFor({ timeout: 15_000 });
    };

    await check('the publisher opens 公众号发布 from 工作台 and sees published stories', async () => {
      await openPublish();
    });

    await check('发布到公众号 first shows the article as the account will — card and page, in a sandboxed frame with its images', async () => {
      const card = visible(page, '[data-testid=publish-candidate]:has-text("未发布")').first();
      title = (await card.locator('.list-row__title').innerText()).trim();
      const preview = armed(page.waitForResponse((r) => r.url().endsWith('/fn/publish') && (r.request().postData() ?? '').includes('"preview"'), { timeout: 30_000 }));
      await card.locator('[data-testid=publish-button]').click();
      const body = (await (await preview).json()) as { ok: boolean; data?: { html: string | null } };
      if (!body.ok || !body.data?.html) throw new Error(`preview answered ${JSON.stringify(body).slice(0, 300)}`);
      const sheet = visible(page, '[data-testid=publish-preview]').first();
      await sheet.locator('[data-testid=publish-preview-card]').waitFor({ timeout: 10_000 });
      if (!(await sheet.innerText()).includes(title)) throw new Error('the preview does not show the title');
      const frame = sheet.locator('iframe[data-testid=publish-preview-frame]');
      if ((await frame.getAttribute('sandbox')) !== 'allow-same-origin') throw new Error('the article frame is not sandboxed');
      const inner = page.frameLocator('iframe[data-testid=publish-preview-frame] >> visible=true');
      await inner.locator('p').first().waitFor({ timeout: 10_000 });
      const widths = await inner.locator('img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth));
      if (widths.length === 0 || widths.some((w) => w === 0)) throw new Error(`preview images not loaded: ${JSON.stringify(widths)}`);
      await shot('publish-preview');
    });

    await check('确认发布 asks 确认发布到公众号？ and, confirmed, submits the story', async () => {
      await visible(page, '[data-testid=publish-preview-confirm]').first().click();
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
      await job.locator('.list-row__badge:has-text("已发布")').waitFor({ timeout: 20_000 });
      const timeline = await job.locator('[data-testid=publish-timeline]').innerText();
      for (const step of ['排队中', '图片已上传', '草稿已创建', '已提交', '已发布']) if (!timeline.includes(step)) throw new Error(`timeline lacks ${step}: ${timeline}`);
      await job.locator('[data-testid=publish-article-link]').waitFor({ timeout: 5_000 });
      await shot('publish-published');
    });

    await check('the published story reads 已发布 with its article, and offers no second 发布 of the same revision', async () => {
      await visible(page, '[data-testid=publish-tab-stories]').first().click();
      const row = visible(page, `[data-testid=publish-candidate]:has-text("${title}")`).first();
      await row.waitFor({ timeout: 15_000 });
      // The tab may first show the list as it was loaded before the job ended, then its refresh:
      // the row must come to read 已发布 (checked until it does, or 15 s), never stay 已提交.
      const reads = (t: string) => t.includes('已发布') && /已发布第 \d+ 版（当前版本）/.test(t);
      let text = await row.innerText();
      for (const until = Date.now() + 15_000; !reads(text) && Date.now() < until; text = await row.innerText()) await page.waitForTimeout(250);
      if (!reads(text)) throw new Error(`row reads ${text}`);
      if ((await row.locator('[data-testid=publish-button], [data-testid=publish-republish]').count()) > 0) throw new Error('the same revision is offered again');
      await row.locator('[data-testid=publish-article-open]').waitFor({ timeout: 5_000 });
    });

    await check('the fake official account lists the article and serves it with its images', async () => {
      const tab = await browser.newPage();
      await tab.goto(`${fake.url}/`);
      await tab.locator(`#articles a:has-text("${title}")`).first().click();
      await tab.locator('#activity-name').waitFor({ timeout: 10_000 });
      articleUrl = tab.url();
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
      await openPublish();
      const card = visible(page, '[data-testid=publish-candidate]:has-text("未发布")').first();
      await card.waitFor({ timeout: 15_000 });
      const failedTitle = (await card.locator('.list-row__title').innerText()).trim();
      await card.locator('[data-testid=publish-button]').click();
      await visible(page, '[data-testid=publish-preview-article]').first().waitFor({ timeout: 15_000 });
      await visible(page, '[data-testid=publish-preview-confirm]').first().click();
      await visible(page, '.taro-model__confirm').first().waitFor({ timeout: 10_000 });
      const started = page.waitForResponse((r) => r.url().endsWith('/fn/publish') && (r.request().postData() ?? '').includes('"start"'), { timeout: 30_000 });
      await visible(page, '.taro-model__confirm').first().click();
      const body = (await (await started).json()) as { ok: boolean; data?: { storyId: string; state: string } };
      if (!body.ok || body.data?.state !== 'failed') throw new Error(`start answered ${JSON.stringify(body)}`);
      const failedStory = body.data.storyId;

      const job = visible(page, `[data-testid=publish-job]:has-text("${failedTitle}")`).first();
      await job.locator('.list-row__badge:has-text("发布失败")').waitFor({ timeout: 15_000 });
      const reason = (await job.locator('[data-testid=publish-failure]').innerText()).trim();
      if (!reason.includes('今日接口调用次数已达上限') || !reason.includes('45009')) throw new Error(`failure reads ${reason}`);
      await shot('publish-failed');

      // The fault was one-shot; clearing the set as a person would after a manual test.
      await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: '{}' });
      const retried = page.waitForResponse((r) => r.url().endsWith('/fn/publish') && (r.request().postData() ?? '').includes('"retry"'), { timeout: 30_000 });
      await job.locator('[data-testid=publish-retry]').click();
      const retryBody = (await (await retried).json()) as { ok: boolean };
      if (!retryBody.ok) throw new Error(`retry answered ${JSON.stringify(retryBody)}`);
      await job.locator('.list-row__badge:has-text("已发布")').waitFor({ timeout: 20_000 });
      await shot('publish-retried');

      const articles = fake.articles().filter((a) => a.title === failedTitle);
      if (articles.length !== 1) throw new Error(`${articles.length} articles titled ${failedTitle}`);
      const linked = cloud.db.findById('stories', failedStory) as { article?: { url: string } | null } | null;
      if (linked?.article?.url !== articles[0]?.url) throw new Error(`story links ${JSON.stringify(linked?.article)} not ${articles[0]?.url}`);
    });

    await check('the admin takes the published story down from its page, with its article: a reason, 同时删除公众号文章, a confirmation, then 该事迹已撤回', async () => {
      await actAs(page, url('/pages/me/index'), '管理员（总队）');
      await page.goto(url(`/pages/story/index?id=${storyId}`));
      await visible(page, '[data-testid=take-down-open]').first().click();
      const sheet = visible(page, '[data-testid=take-down-sheet]').first();
      await sheet.waitFor({ timeout: 10_000 });
      const option = sheet.locator('[data-testid=take-down-delete-article]');
      if ((await option.getAttribute('aria-checked')) !== 'true') throw new Error('the article option is not offered ticked');
      await sheet.locator('.reason-sheet__preset:has-text("事迹内容有误，需核实")').click();
      await sheet.locator(button('确认撤回')).first().click();
      await visible(page, '.taro-model__confirm').first().waitFor({ timeout: 10_000 });
      const asked = await visible(page, 'body').first().innerText();
      if (!asked.includes('公众号上的文章也将删除')) throw new Error('the confirmation does not say the article goes too');
      const done = page.waitForResponse((r) => r.url().endsWith('/fn/authoring') && (r.request().postData() ?? '').includes('"takeDown"'), { timeout: 30_000 });
      await visible(page, '.taro-model__confirm').first().click();
      const body = (await (await done).json()) as { ok: boolean; data?: { articleJobs: string[] } };
      if (!body.ok || body.data?.articleJobs.length !== 1) throw new Error(`takeDown answered ${JSON.stringify(body)}`);
      await visible(page, 'text=该事迹已撤回').first().waitFor({ timeout: 15_000 });
      await shot('takedown-withdrawn-page');
    });

    await check('readers lose it at once: not in the feed; its share link, opened by a reader, shows 该事迹已撤回', async () => {
      const feed = (await cloud.invoke('content', { action: 'feed', data: { limit: 50 } }, { openid: 'dev-reader' })) as { ok: boolean; data: { items: { _id: string }[] } };
      if (!feed.ok || feed.data.items.some((s) => s._id === storyId)) throw new Error('the story is still in the feed');
      await actAs(page, url('/pages/me/index'), '读者（消防员）');
      await page.goto(url('/pages/feed/index'));
      await visible(page, '.story-card').first().waitFor({ timeout: 15_000 });
      if ((await visible(page, `.story-card:has-text("${title}")`).count()) > 0) throw new Error('the feed page still shows it');
      await page.goto(url(`/pages/story/index?id=${storyId}`));
      await visible(page, 'text=该事迹已撤回').first().waitFor({ timeout: 15_000 });
      if ((await visible(page, `text=${title}`).count()) > 0) throw new Error('the withdrawn page shows the story');
    });

    await check('publish-timer deletes the article once: the fake account no longer lists it, and 发布记录 says 公众号文章已删除', async () => {
      const before = fake.calls().filter((c) => c.api === 'freepublish/delete').length;
      const run = (await cloud.invoke('publish-timer', { Type: 'Timer', TriggerName: 'publish-timer', Time: new Date().toISOString() })) as { ok: boolean; data?: { deleting: string[] } };
      if (!run.ok || run.data?.deleting.length !== 1) throw new Error(`timer answered ${JSON.stringify(run)}`);
      const calls = fake.calls().filter((c) => c.api === 'freepublish/delete');
      if (calls.length - before !== 1 || calls.at(-1)?.errcode !== 0) throw new Error(`freepublish/delete calls: ${JSON.stringify(calls)}`);
      if (fake.articles().some((a) => a.title === title)) throw new Error('the fake account still lists the article');
      const tab = await browser.newPage();
      await tab.goto(`${fake.url}/`);
      if ((await tab.locator(`#articles a:has-text("${title}")`).count()) > 0) throw new Error('the account page still lists the article');
      await tab.goto(articleUrl);
      await tab.locator('#deleted').waitFor({ timeout: 10_000 });
      await tab.close();
      const story = cloud.db.findById('stories', storyId) as { state: string; article: unknown } | null;
      if (story?.state !== 'withdrawn' || story.article !== null) throw new Error(`story is ${JSON.stringify(story)}`);
      await openPublish();
      await visible(page, '[data-testid=publish-tab-jobs]').first().click();
      const job = visible(page, `[data-testid=publish-job]:has-text("${title}")`).first();
      await job.locator('.list-row__badge:has-text("公众号文章已删除")').waitFor({ timeout: 15_000 });
      await shot('takedown-job-deleted');
    });
  },
  'publish',
  { officialAccount: true },
);
