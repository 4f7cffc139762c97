/**
 * Authoring in Chromium over the h5 build on the local cloud with demo data: an editor writes a
 * story with a heading, emphasis and an image chosen from the "album" (a file chooser on h5,
 * compressed on a canvas and uploaded), submits it; the detachment reviewer approves it from
 * the story queue; the story is first in the public feed and renders its blocks.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { withSession, visible, actAs } from './harness';



/** A 64×48 picture with a red band: something real for the canvas to compress. */
function photo(): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < png.data.length; i += 4) {
    const y = Math.floor(i / 4 / 64);
    png.data[i] = y < 24 ? 200 : 40;
    png.data[i + 1] = 40;
    png.data[i + 2] = y < 24 ? 40 : 160;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** The authoring call `action` answered; a check that fails earlier must not leave it as an unhandled rejection. */
function authoringAnswer(page: Page, action: string) {
  const p = page.waitForResponse((r) => r.url().endsWith('/fn/authoring') && (r.request().postData() ?? '').includes(`"${action}"`), { timeout: 20_000 });
  p.catch(() => undefined);
  return p;
}

const TITLE = `烈火中的逆行者 ${Date.now() % 100000}`;

void withSession(
  async ({ page, url, shot, check }) => {
    const meUrl = url('/pages/me/index');
    let storyId = '';

    await check('an editor writes a story with a heading, emphasis and an album image, and it autosaves', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      await page.goto(url('/pages-staff/story-editor/index'));
      const title = visible(page, 'taro-input-core[aria-label=标题] input').first();
      await title.waitFor({ timeout: 15_000 });
      await title.fill(TITLE);
      await visible(page, 'taro-input-core[aria-label=署名] input').first().fill('特勤站宣传员');
      const body = visible(page, 'taro-textarea-core[aria-label=正文] textarea').first();
      await body.fill('## 那一夜\n\n他**第一个**冲进*浓烟*，背出了被困的老人。\n');
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
      chooser.catch(() => undefined);
      const uploaded = authoringAnswer(page, 'uploadImage');
      await visible(page, 'taro-button-core:has-text("图片")').first().click();
      await (await chooser).setFiles({ name: 'scene.png', mimeType: 'image/png', buffer: photo() });
      const up = (await (await uploaded).json()) as { ok: boolean; data?: { fileId: string; width: number; height: number } };
      if (!up.ok || !up.data) throw new Error(`uploadImage answered ${JSON.stringify(up)}`);
      if (up.data.width !== 64 || up.data.height !== 48) throw new Error(`compressed image is ${up.data.width}x${up.data.height}`);
      await page.waitForFunction((id) => (document.querySelector('taro-textarea-core[aria-label=正文] textarea') as HTMLTextAreaElement | null)?.value.includes(id), up.data.fileId, { timeout: 10_000 });
      await visible(page, '[role=status]:has-text("已保存")').first().waitFor({ timeout: 20_000 });
      await shot('authoring-01-editor');
    });

    await check('the preview shows the heading, the emphasis and the image as the story page will', async () => {
      await visible(page, 'taro-button-core:has-text("预览")').first().click();
      await visible(page, '.blocks__h--2:has-text("那一夜")').first().waitFor({ timeout: 15_000 });
      const bold = await visible(page, '.span--bold').first().innerText();
      if (bold !== '第一个') throw new Error(`bold span reads ${bold}`);
      await visible(page, '.blocks__img').first().waitFor({ timeout: 10_000 });
      await shot('authoring-02-preview');
    });

    await check('submitting sends the draft to review and lands on my drafts as 审核中', async () => {
      const submitted = authoringAnswer(page, 'submit');
      await visible(page, 'taro-button-core:has-text("提交审核")').first().click();
      const res = (await (await submitted).json()) as { ok: boolean; data?: { storyId: string; state: string } };
      if (!res.ok || !res.data || res.data.state !== 'in_review') throw new Error(`submit answered ${JSON.stringify(res)}`);
      storyId = res.data.storyId;
      await visible(page, `.authoring__card:has-text("${TITLE}") >> text=审核中`).first().waitFor({ timeout: 15_000 });
    });

    await check('the detachment reviewer finds it in the story queue, reads it and approves it', async () => {
      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      await page.goto(url('/pages-staff/story-queue/index'));
      await visible(page, `.authoring__card:has-text("${TITLE}")`).first().click();
      await visible(page, '.blocks__h--2:has-text("那一夜")').first().waitFor({ timeout: 15_000 });
      const reviewed = authoringAnswer(page, 'review');
      await visible(page, 'taro-button-core:has-text("通过并发布")').first().click();
      // Approving publishes at once: the page asks first.
      await visible(page, '.taro-model__confirm').first().click();
      const res = (await (await reviewed).json()) as { ok: boolean; data?: { published: boolean } };
      if (!res.ok || !res.data?.published) throw new Error(`review answered ${JSON.stringify(res)}`);
      await shot('authoring-03-approved');
    });

    await check('the story is at the top of the public feed and opens with its blocks', async () => {
      await actAs(page, meUrl, '读者（消防员）');
      await page.goto(url('/pages/feed/index'));
      const first = visible(page, '.story-card').first();
      await first.waitFor({ timeout: 15_000 });
      const text = await first.innerText();
      if (!text.includes(TITLE)) throw new Error(`the first card reads ${text.slice(0, 80)}`);
      await page.goto(url(`/pages/story/index?id=${storyId}`));
      await visible(page, '.blocks__h--2:has-text("那一夜")').first().waitFor({ timeout: 15_000 });
      await visible(page, '.span--italic:has-text("浓烟")').first().waitFor({ timeout: 5_000 });
      await visible(page, '.blocks__img').first().waitFor({ timeout: 5_000 });
      await shot('authoring-04-published');
    });
  },
  'authoring',
);
