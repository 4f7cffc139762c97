/**
 * Screenshots of the h5 build as served by the local cloud, on a phone-sized viewport.
 * Usage: npx tsx client/tools/screenshots.ts [baseUrl=http://127.0.0.1:8790] [outDir=/tmp/shots]
 * Needs /usr/bin/chromium (playwright-core drives it; nothing is downloaded).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8790';
const out = process.argv[3] ?? '/tmp/shots';

async function main(): Promise<void> {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    const shot = async (name: string, hash: string, waitFor: string, full = false) => {
      await page.goto(`${base}/#${hash}`);
      await page.waitForSelector(waitFor, { timeout: 15000 });
      await page.waitForTimeout(900);
      const file = path.join(out, `${name}.png`);
      await page.screenshot({ path: file, fullPage: full });
      console.log(file);
    };

    await shot('feed', '/pages/feed/index', '.story-card');
    const storyId = await page.evaluate(async () => {
      const r = await fetch('/fn/content', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'feed', data: { limit: 1 } }) });
      return ((await r.json()) as { data: { items: { _id: string; exemplars: { _id: string }[]; campaign: { _id: string } | null }[] } }).data.items[0];
    });
    if (!storyId) throw new Error('feed is empty');
    // Infinite scroll on h5: scrolling to the bottom must bring the next page, to the end.
    let cards = await page.locator('.story-card').count();
    // Scroll in finger-sized steps, as a reader does.
    for (let i = 0; i < 200 && !(await page.getByText('没有更多了').isVisible()); i++) {
      await page.mouse.wheel(0, 800);
      await page.waitForTimeout(120);
    }
    const after = await page.locator('.story-card').count();
    const titles = await page.locator('.story-card__title').allTextContents();
    console.log(`feed: ${cards} cards at first, ${after} after scrolling; ${new Set(titles).size} distinct titles; end reached: ${await page.getByText('没有更多了').isVisible()}`);
    cards = after;
    await page.screenshot({ path: path.join(out, 'feed-end.png') });
    await shot('library', '/pages/library/index', '.exemplar-card');
    await shot('story', `/pages/story/index?id=${storyId._id}`, '.blocks', true);
    if (storyId.exemplars[0]) await shot('profile', `/pages/profile/index?id=${storyId.exemplars[0]._id}`, '.hl', true);
    await page.locator('.hl').screenshot({ path: path.join(out, 'profile-honors.png') });
    console.log(path.join(out, 'profile-honors.png'));
    // Taro h5 keeps earlier pages in the DOM (hidden): wait for something only this page has.
    if (storyId.campaign) await shot('campaign', `/pages/campaign/index?id=${storyId.campaign._id}`, '.campaign__head');
    await shot('story-missing', '/pages/story/index?id=nope', 'text=该事迹不存在或已下线');

    await shot('me-reader', '/pages/me/index', '.dev-switcher__item');
    await page.locator('.dev-switcher__item', { hasText: '审核员（乌鲁木齐支队）' }).click();
    await page.waitForSelector('.me__role', { state: 'visible' });
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(out, 'me-reviewer.png'), fullPage: true });
    console.log(path.join(out, 'me-reviewer.png'));

    if (errors.length) console.log(`page errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
