/**
 * Story videos in Chromium over the h5 build on the local cloud with demo data: an editor inserts
 * a 6 s clip from the "album" (a file chooser on h5) — a frame of it becomes the poster, it goes
 * up in parts with a progress bar, the text box names it 视频1 and shows its poster with its
 * length — and at desk width the live preview plays it; the detachment reviewer watches it in
 * the review screen and approves the story; a reader's story page shows the video with its poster
 * and it plays. Screenshots at 390 and 1280 px of the editor and of the reader's page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { withSession, visible, actAs, root, button, field } from './harness';

const DRILL = fs.readFileSync(path.join(root, 'test/fixtures/drill-6s.mp4'));
const TITLE = `夜间拉动演练 ${Date.now() % 100000}`;

/** The authoring call `action` answered; a check that fails earlier must not leave it as an unhandled rejection. */
function authoringAnswer(page: Page, action: string) {
  const p = page.waitForResponse((r) => r.url().endsWith('/fn/authoring') && (r.request().postData() ?? '').includes(`"${action}"`), { timeout: 30_000 });
  p.catch(() => undefined);
  return p;
}

const bodyValue = (page: Page) => visible(page, field('正文')).first().inputValue();

void withSession(
  async ({ page, url, shot, check }) => {
    const meUrl = url('/pages/me/index');
    let storyId = '';

    await check('an editor inserts a 6 s video: a frame becomes its poster, it goes up in parts, and the text box reads 视频1 with the poster and 0:06', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      await page.goto(url('/pages-staff/story-editor/index'));
      const title = visible(page, field('标题')).first();
      await title.waitFor({ timeout: 15_000 });
      await title.fill(TITLE);
      await visible(page, field('署名')).first().fill('特勤站宣传员');
      const body = visible(page, field('正文')).first();
      await body.fill('凌晨两点，警铃响起，全站一分钟内出动。\n');
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
      chooser.catch(() => undefined);
      const poster = authoringAnswer(page, 'uploadImage');
      const finished = authoringAnswer(page, 'finishVideoUpload');
      await visible(page, button('视频')).first().click();
      await (await chooser).setFiles({ name: 'drill.mp4', mimeType: 'video/mp4', buffer: DRILL });
      // The frame drawn from the clip is the poster: a real JPEG of the clip's size.
      const up = (await (await poster).json()) as { ok: boolean; data?: { width: number; height: number } };
      if (!up.ok || up.data?.width !== 480 || up.data.height !== 270) throw new Error(`the poster upload answered ${JSON.stringify(up)}`);
      const fin = (await (await finished).json()) as { ok: boolean; data?: { durationMs: number; width: number; height: number } };
      if (!fin.ok || fin.data?.durationMs !== 6000 || fin.data.width !== 480) throw new Error(`finishVideoUpload answered ${JSON.stringify(fin)}`);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((t) => (t as HTMLTextAreaElement).value.includes('![](视频1)')), field('正文'), { timeout: 10_000 });
      if ((await bodyValue(page)).includes('cloud://')) throw new Error('the text box shows a cloud:// file id');
      await visible(page, '[data-testid=story-image] img').first().waitFor({ timeout: 10_000 });
      await visible(page, '.story-editor__thumb-duration:has-text("0:06")').first().waitFor({ timeout: 5_000 });
      // A caption in the brackets, as the hint under the strip says.
      await body.fill((await bodyValue(page)).replace('![](视频1)', '![出动全过程](视频1)'));
      await body.press('End');
      await body.type('这是一次不打招呼的拉动演练。');
      await visible(page, '[role=status]:has-text("已保存")').first().waitFor({ timeout: 20_000 });
      storyId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';
      if (!storyId) throw new Error(`no story id in ${page.url()}`);
      await shot('video-01-editor-390');
    });

    await check('at desk width the live preview beside the text shows the video with its poster, ready to play', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const video = visible(page, '.story-editor__side video').first();
      await video.waitFor({ timeout: 15_000 });
      const poster = await video.getAttribute('poster');
      if (!poster) throw new Error('the preview video has no poster');
      await visible(page, '.story-editor__side .blocks__caption:has-text("出动全过程 · 视频 0:06")').first().waitFor({ timeout: 5_000 });
      await page.waitForTimeout(500);
      await shot('video-02-editor-1280');
      await page.setViewportSize({ width: 390, height: 844 });
    });

    await check('submitted, the detachment reviewer watches it in the review screen and approves the story', async () => {
      const submitted = authoringAnswer(page, 'submit');
      await visible(page, button('提交审核')).first().click();
      const s = (await (await submitted).json()) as { ok: boolean };
      if (!s.ok) throw new Error(`submit answered ${JSON.stringify(s)}`);
      // The editor moves on to 我的稿件 by itself: let it, so it does not pull the next page away.
      await page.waitForURL(/drafts/, { timeout: 15_000 });
      // A fresh load for the identity switch: a hash change from a redirected page can leave the tab page hidden.
      await page.goto('about:blank');
      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      await page.goto(url('/pages-staff/story-queue/index'));
      await visible(page, `[data-testid=story-queue-item]:has-text("${TITLE}")`).first().click();
      const video = visible(page, '.blocks video').first();
      await video.waitFor({ timeout: 15_000 });
      // The reviewer is the person who looks at a video (WeChat's check takes none): it plays here.
      const played = await video.evaluate(async (v) => {
        const el = v as HTMLVideoElement;
        el.muted = true;
        await el.play();
        await new Promise((r) => setTimeout(r, 800));
        el.pause();
        return el.currentTime;
      });
      if (!(played > 0.2)) throw new Error(`the video did not play for the reviewer (currentTime ${played})`);
      const reviewed = authoringAnswer(page, 'review');
      await visible(page, button('通过并发布')).first().click();
      await visible(page, '.taro-model__confirm').first().click();
      const res = (await (await reviewed).json()) as { ok: boolean; data?: { published: boolean } };
      if (!res.ok || !res.data?.published) throw new Error(`review answered ${JSON.stringify(res)}`);
    });

    await check('a reader’s story page shows the video with its poster and length, and it plays', async () => {
      await actAs(page, meUrl, '读者（消防员）');
      await page.goto(url(`/pages/story/index?id=${storyId}`));
      const video = visible(page, '.blocks video').first();
      await video.waitFor({ timeout: 15_000 });
      const [src, poster] = [await video.getAttribute('src'), await video.getAttribute('poster')];
      if (!src?.includes('.mp4') || !poster) throw new Error(`the reader's video reads src=${src} poster=${poster}`);
      await visible(page, '.blocks__caption:has-text("出动全过程 · 视频 0:06")').first().waitFor({ timeout: 5_000 });
      await video.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await shot('video-03-reader-390');
      await page.setViewportSize({ width: 1280, height: 900 });
      await video.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await shot('video-04-reader-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      const played = await video.evaluate(async (v) => {
        const el = v as HTMLVideoElement;
        el.muted = true;
        await el.play();
        await new Promise((r) => setTimeout(r, 800));
        return el.currentTime;
      });
      if (!(played > 0.2)) throw new Error(`the video did not play for the reader (currentTime ${played})`);
    });
  },
  'video',
);
