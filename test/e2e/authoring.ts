/**
 * Authoring in Chromium over the h5 build on the local cloud with demo data: an editor writes a
 * story with a heading, emphasis and an image chosen from the "album" (a file chooser on h5,
 * compressed on a canvas and uploaded; the text box names it 图1 and shows its thumbnail),
 * submits it; a new story's editor reloaded keeps the draft; a new exemplar is listed in
 * 本单位典型资料 and reopens; the detachment reviewer approves the story from the story queue;
 * the story is first in the public feed and renders its blocks.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { withSession, visible, actAs, button, field } from './harness';



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
const RELOAD_TITLE = `刷新也不丢的新稿 ${Date.now() % 100000}`;
const EXEMPLAR_NAME = `新典型${Date.now() % 100000}`;

void withSession(
  async ({ page, url, shot, check }) => {
    const meUrl = url('/pages/me/index');
    let storyId = '';

    await check('an editor writes a story with a heading, emphasis and an album image, and it autosaves', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      await page.goto(url('/pages-staff/story-editor/index'));
      const title = visible(page, field('标题')).first();
      await title.waitFor({ timeout: 15_000 });
      await title.fill(TITLE);
      await visible(page, field('署名')).first().fill('特勤站宣传员');
      const body = visible(page, field('正文')).first();
      await body.fill('## 那一夜\n\n他**第一个**冲进*浓烟*，背出了被困的老人。\n');
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
      chooser.catch(() => undefined);
      const uploaded = authoringAnswer(page, 'uploadImage');
      await visible(page, button('图片')).first().click();
      await (await chooser).setFiles({ name: 'scene.png', mimeType: 'image/png', buffer: photo() });
      const up = (await (await uploaded).json()) as { ok: boolean; data?: { fileId: string; width: number; height: number } };
      if (!up.ok || !up.data) throw new Error(`uploadImage answered ${JSON.stringify(up)}`);
      if (up.data.width !== 64 || up.data.height !== 48) throw new Error(`compressed image is ${up.data.width}x${up.data.height}`);
      // The box names the image 图1 (never its cloud:// id) and shows it as a thumbnail.
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((t) => (t as HTMLTextAreaElement).value.includes('![](图1)')), field('正文'), { timeout: 10_000 });
      const boxes = await page.locator(field('正文')).evaluateAll((ts) => ts.map((t) => (t as HTMLTextAreaElement).value));
      if (boxes.some((v) => v.includes('cloud://'))) throw new Error('the text box shows a cloud:// file id');
      await visible(page, '[data-testid=story-image] img').first().waitFor({ timeout: 10_000 });
      // What is saved is the server's Markdown: the file id with its size.
      const saved = page.waitForRequest((r) => r.url().endsWith('/fn/authoring') && (r.postData() ?? '').includes('"saveDraft"') && (r.postData() ?? '').includes(up.data!.fileId), { timeout: 20_000 });
      saved.catch(() => undefined);
      await body.press('End');
      await body.type('他说，这是每一个消防员都会做的事。');
      await saved;
      await visible(page, '[role=status]:has-text("已保存")').first().waitFor({ timeout: 20_000 });
      await shot('authoring-01-editor');
    });

    await check('the preview shows the heading, the emphasis and the image as the story page will', async () => {
      await visible(page, button('预览')).first().click();
      await visible(page, '.blocks__h--2:has-text("那一夜")').first().waitFor({ timeout: 15_000 });
      const bold = await visible(page, '.span--bold').first().innerText();
      if (bold !== '第一个') throw new Error(`bold span reads ${bold}`);
      await visible(page, '.blocks__img').first().waitFor({ timeout: 10_000 });
      await shot('authoring-02-preview');
    });

    await check('submitting sends the draft to review and lands on my drafts as 审核中', async () => {
      const submitted = authoringAnswer(page, 'submit');
      await visible(page, button('提交审核')).first().click();
      const res = (await (await submitted).json()) as { ok: boolean; data?: { storyId: string; state: string } };
      if (!res.ok || !res.data || res.data.state !== 'in_review') throw new Error(`submit answered ${JSON.stringify(res)}`);
      storyId = res.data.storyId;
      await visible(page, `[data-testid=draft-row]:has-text("${TITLE}") >> text=审核中`).first().waitFor({ timeout: 15_000 });
    });

    await check('reloading a new story’s editor keeps the draft: its id is in the URL from the start', async () => {
      await page.goto(url('/pages-staff/story-editor/index'));
      await page.waitForURL(/story-editor\/index\?id=s[0-9a-z]+/, { timeout: 15_000 });
      const address = page.url();
      const title = visible(page, field('标题')).first();
      await title.waitFor({ timeout: 15_000 });
      // Nothing typed yet: nothing is claimed to be saved.
      await visible(page, '[role=status]:has-text("新稿")').first().waitFor({ timeout: 10_000 });
      await title.fill(RELOAD_TITLE);
      await visible(page, field('正文')).first().fill('刷新之后这段话还在。');
      await visible(page, '[role=status]:has-text("已保存")').first().waitFor({ timeout: 20_000 });
      await page.reload();
      await page.waitForFunction(([sel, want]) => [...document.querySelectorAll(sel)].some((i) => (i as HTMLInputElement).value === want), [field('标题'), RELOAD_TITLE] as const, { timeout: 15_000 });
      if (page.url() !== address) throw new Error(`the reload moved to ${page.url()}`);
      const text = await visible(page, field('正文')).first().inputValue();
      if (text !== '刷新之后这段话还在。') throw new Error(`the body reads ${JSON.stringify(text)} after the reload`);
      await visible(page, '[role=status]:has-text("已保存")').first().waitFor({ timeout: 10_000 });
    });

    await check('a new exemplar is listed in 本单位典型资料 as a draft and reopens', async () => {
      await page.goto(url('/pages-staff/drafts/index'));
      await visible(page, '[role=tab]:has-text("本单位典型资料")').first().click();
      await visible(page, '[data-testid=exemplar-row]').first().waitFor({ timeout: 15_000 });
      await visible(page, button('新建典型')).first().click();
      const name = visible(page, field('名称')).first();
      await name.waitFor({ timeout: 15_000 });
      await name.fill(EXEMPLAR_NAME);
      const savedExemplar = authoringAnswer(page, 'saveExemplar');
      await visible(page, button('保存资料')).first().click();
      const res = (await (await savedExemplar).json()) as { ok: boolean; data?: { _id: string; state: string } };
      if (!res.ok || res.data?.state !== 'draft') throw new Error(`saveExemplar answered ${JSON.stringify(res)}`);
      // Back on the list (it refreshes when shown again): the draft the public library never shows is there.
      await page.goBack();
      const row = visible(page, `[data-testid=exemplar-row]:has-text("${EXEMPLAR_NAME}")`).first();
      await row.waitFor({ timeout: 15_000 });
      const rowText = await row.innerText();
      if (!rowText.includes('草稿') || !rowText.includes('未取得本人同意')) throw new Error(`the row reads ${rowText}`);
      await shot('authoring-05-unit-exemplars');
      await row.click();
      await page.waitForFunction(([sel, want]) => [...document.querySelectorAll(sel)].some((i) => (i as HTMLInputElement).value === want && (i as HTMLElement).offsetParent !== null), [field('名称'), EXEMPLAR_NAME] as const, { timeout: 15_000 });
      if (!page.url().includes(`id=${res.data._id}`)) throw new Error(`reopened ${page.url()}`);
    });

    await check('the detachment reviewer finds it in the story queue, reads it and approves it', async () => {
      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      await page.goto(url('/pages-staff/story-queue/index'));
      await visible(page, `[data-testid=story-queue-item]:has-text("${TITLE}")`).first().click();
      await visible(page, '.blocks__h--2:has-text("那一夜")').first().waitFor({ timeout: 15_000 });
      const reviewed = authoringAnswer(page, 'review');
      await visible(page, button('通过并发布')).first().click();
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
