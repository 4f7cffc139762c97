/**
 * Engagement in Chromium over the h5 build on the local cloud, with demo data: like a story,
 * reload and find it still liked with the count one higher; unlike and find it back; see it
 * in 我的点赞; make the poster and find a drawn image whose QR code opens the story.
 */
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { CODE_BOX, POSTER_HEIGHT, POSTER_WIDTH } from '../../client/src/features/poster/poster-layout';
import { withSession, visible, expectEqual } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const published = demo.stories.filter((s) => s.state === 'published').sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || (a._id < b._id ? 1 : -1));
const story = published[0]!;
const hero = demo.exemplars.find((e) => e._id === story.exemplarIds[0])!;



/** The like button once the reader's own state has arrived from engagement.status. */
async function likeButton(page: Page): Promise<{ liked: boolean; count: number; label: string }> {
  const button = visible(page, '[data-testid=like-story]').first();
  await button.waitFor({ timeout: 15_000 });
  const label = (await button.locator('.lb-label').innerText()).trim();
  const count = Number((await button.locator('.lb-count').innerText()).trim());
  return { liked: (await button.getAttribute('aria-pressed')) === 'true', count, label };
}

/** Opens the story and waits until engagement.status has answered, so the button shows the server's state. */
async function openStory(page: Page, url: string): Promise<void> {
  const status = page.waitForResponse((r) => r.url().endsWith('/fn/engagement') && (r.request().postData() ?? '').includes('"status"'), { timeout: 15_000 });
  await page.goto(url);
  await status;
  await page.waitForTimeout(100);
}

/** Taps the button and waits for the single setLike the debounced burst sends. */
async function tapAndSettle(page: Page): Promise<void> {
  const sent = page.waitForResponse((r) => r.url().endsWith('/fn/engagement') && (r.request().postData() ?? '').includes('"setLike"'), { timeout: 15_000 });
  await visible(page, '[data-testid=like-story]').first().click();
  const res = await sent;
  const body = (await res.json()) as { ok: boolean };
  if (!body.ok) throw new Error(`setLike answered ${JSON.stringify(body)}`);
}

void withSession(async ({ page, url, shot, check }) => {
  const storyUrl = url(`/pages/story/index?id=${story._id}`);
  let before = { liked: false, count: 0, label: '' };

  await check('a story opens with its like button showing the reader as not having liked it', async () => {
    await openStory(page, storyUrl);
    before = await likeButton(page);
    expectEqual(before.liked, false, 'liked before');
    expectEqual(before.label, '点赞', 'label before');
    expectEqual(before.count, story.likeCount, 'count before (the demo count)');
  });

  await check('a tap likes at once; after a reload the story is still liked and counted once', async () => {
    await tapAndSettle(page);
    const now = await likeButton(page);
    expectEqual([now.liked, now.count], [true, before.count + 1], 'after tap');
    await openStory(page, storyUrl);
    const reloaded = await likeButton(page);
    expectEqual([reloaded.liked, reloaded.label, reloaded.count], [true, '已点赞', before.count + 1], 'after reload');
    await visible(page, '.story__title').first().scrollIntoViewIfNeeded();
    await shot('e2-01-story-liked');
  });

  await check('the liked story shows in 我的点赞 on the me tab', async () => {
    await page.goto(url('/pages/me/index'));
    const likes = visible(page, '[data-testid=my-likes]').first();
    await likes.waitFor({ timeout: 15_000 });
    await likes.locator(`.story-card__title >> text=${story.title}`).first().waitFor({ timeout: 15_000 });
    await shot('e2-02-my-likes');
  });

  await check('a second tap unlikes; after a reload the count is back where it was', async () => {
    await openStory(page, storyUrl);
    await tapAndSettle(page);
    await openStory(page, storyUrl);
    const after = await likeButton(page);
    expectEqual([after.liked, after.label, after.count], [false, '点赞', before.count], 'after unlike and reload');
  });

  await check('a burst of five taps sends one request and ends liked, counted once', async () => {
    await openStory(page, storyUrl);
    const setLikes: string[] = [];
    const listener = (req: { url(): string; postData(): string | null }) => {
      if (req.url().endsWith('/fn/engagement') && (req.postData() ?? '').includes('"setLike"')) setLikes.push(req.postData() ?? '');
    };
    page.on('request', listener);
    const button = visible(page, '[data-testid=like-story]').first();
    for (let i = 0; i < 5; i++) await button.click();
    await page.waitForTimeout(1500);
    page.off('request', listener);
    expectEqual(setLikes.length, 1, 'setLike requests');
    await openStory(page, storyUrl);
    const after = await likeButton(page);
    expectEqual([after.liked, after.count], [true, before.count + 1], 'after burst and reload');
  });

  await check('致敬 on a profile salutes at once and is still saluted, counted once, after a reload', async () => {
    const profileUrl = url(`/pages/profile/index?id=${hero._id}`);
    const read = async () => {
      const b = visible(page, '[data-testid=like-exemplar]').first();
      await b.waitFor({ timeout: 15_000 });
      return [(await b.getAttribute('aria-pressed')) === 'true', (await b.locator('.lb-label').innerText()).trim(), Number(await b.locator('.lb-count').innerText())] as const;
    };
    const opened = async () => {
      const status = page.waitForResponse((r) => r.url().endsWith('/fn/engagement') && (r.request().postData() ?? '').includes('"status"'), { timeout: 15_000 });
      await page.goto(profileUrl);
      await status;
      await page.waitForTimeout(100);
    };
    await opened();
    const [liked0, label0, count0] = await read();
    expectEqual([liked0, label0, count0], [false, '致敬', hero.saluteCount], 'before salute');
    const sent = page.waitForResponse((r) => r.url().endsWith('/fn/engagement') && (r.request().postData() ?? '').includes('"setLike"'), { timeout: 15_000 });
    await visible(page, '[data-testid=like-exemplar]').first().click();
    await sent;
    await opened();
    expectEqual(await read(), [true, '已致敬', hero.saluteCount + 1] as const, 'after salute and reload');
    await shot('e2-04-profile-saluted');
    await page.goto(storyUrl);
    await visible(page, '.story__title').first().waitFor({ timeout: 15_000 });
  });

  await check('生成海报 draws the poster: a visible image with real pixels and a QR code that opens the story', async () => {
    await visible(page, '[data-testid=make-poster]').first().click();
    const img = visible(page, '[data-testid=poster-image]').first();
    await img.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => {
      const i = [...document.querySelectorAll('[data-testid=poster-image]')].find((n) => (n as HTMLElement).offsetParent) as HTMLImageElement | undefined;
      return !!i && i.complete && i.naturalWidth > 0;
    });
    const probe = await page.evaluate(
      ({ box, w, h }) => {
        const i = [...document.querySelectorAll('[data-testid=poster-image]')].find((n) => (n as HTMLElement).offsetParent) as HTMLImageElement;
        const c = document.createElement('canvas');
        c.width = i.naturalWidth;
        c.height = i.naturalHeight;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(i, 0, 0);
        const all = ctx.getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        const colours = new Set<number>();
        for (let p = 0; p < all.length; p += 4 * 7) {
          if (all[p]! < 240 || all[p + 1]! < 240 || all[p + 2]! < 240) inked++;
          colours.add((all[p]! >> 4) * 256 + (all[p + 1]! >> 4) * 16 + (all[p + 2]! >> 4));
        }
        const sx = c.width / w;
        const code = ctx.getImageData(Math.round(box.x * sx), Math.round(box.y * sx), Math.round(box.size * sx), Math.round(box.size * sx));
        return {
          size: [c.width, c.height, h],
          inkedShare: inked / (all.length / (4 * 7)),
          colours: colours.size,
          code: { width: code.width, height: code.height, data: Array.from(code.data) },
        };
      },
      { box: CODE_BOX, w: POSTER_WIDTH, h: POSTER_HEIGHT },
    );
    expectEqual([probe.size[0], probe.size[1]], [POSTER_WIDTH, POSTER_HEIGHT], 'poster size');
    if (probe.inkedShare < 0.2) throw new Error(`poster is mostly blank: ${(probe.inkedShare * 100).toFixed(1)}% inked`);
    if (probe.colours < 20) throw new Error(`poster has only ${probe.colours} colours: no cover drawn?`);
    const qr = jsQR(Uint8ClampedArray.from(probe.code.data), probe.code.width, probe.code.height);
    if (!qr) throw new Error('the QR code on the poster does not decode');
    if (!qr.data.endsWith(`#/pages/story/index?id=${story._id}`)) throw new Error(`QR code points at ${qr.data}`);
    const href = await visible(page, '[data-testid=poster-download]').first().getAttribute('href');
    if (!href?.startsWith('data:image/png;base64,')) throw new Error(`download link is ${href?.slice(0, 40)}`);
    await page.waitForTimeout(300);
    await shot('e2-03-poster');
  });
}, 'engagement');
