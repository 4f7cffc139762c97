/**
 * 荣誉墙 in Chromium over the h5 build on the local cloud, with demo data: from the library's
 * header, open the wall and see the corps' figures (checked against an independent count of the
 * demo documents), tap a figure and see exactly the exemplars it counts, tap a bar of the chart
 * and see that year's list, tap a media figure and see its placements, and come back to pick
 * another period. Run: E2E_H5_DIR=<an h5 build> npx tsx test/e2e/honours.ts
 */
import type { Page } from 'playwright-core';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { independentWall } from '../functions/honours-independent';
import { armed, expectEqual, visible, withSession } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const docs = { exemplars: demo.exemplars, honors: demo.honors, placements: demo.placements, units: demo.units };
const wall = independentWall(docs);
const since = wall.since!;
const top = wall.honoured.find((b) => b.band === 'national_regional')!;
const latestYear = wall.byYear.at(-1)!;
const national = latestYear.levels.find((l) => l.level === 'national')!;

const number = async (page: Page, testId: string) => Number(await visible(page, `[data-testid=${testId}] .honours-wall__figure-number`).first().innerText());
const cards = (page: Page) => visible(page, '.honours-list [data-testid=exemplar-card]');

async function waitForList(page: Page, action: 'honoured' | 'placements'): Promise<void> {
  await page.waitForURL(new RegExp(`pages-honours/${action}/index`), { timeout: 15_000 });
  await visible(page, '[data-testid=list-heading]').first().waitFor({ timeout: 15_000 });
  await visible(page, `.honours-list ${action === 'honoured' ? '[data-testid=exemplar-card]' : '[data-testid=placement-row]'}`).first().waitFor({ timeout: 15_000 });
}

void withSession(
  async ({ page, url, shot, check }) => {
    await check('the library’s header opens the honours wall', async () => {
      await page.goto(url('/pages/library/index'));
      const answered = armed(page.waitForResponse((r) => r.url().endsWith('/fn/content') && (r.request().postData() ?? '').includes('"honoursWall"'), { timeout: 15_000 }));
      await visible(page, '[data-testid=honours-link]').first().click();
      await page.waitForURL(/pages-honours\/wall\/index/, { timeout: 15_000 });
      expectEqual(((await (await answered).json()) as { ok: boolean }).ok, true, 'content.honoursWall answered');
      await visible(page, '[data-testid=figure-national_regional-collective]').first().waitFor({ timeout: 15_000 });
      // The charts draw on canvases once the page has its width.
      await visible(page, '[data-testid=chart-by-year] canvas').first().waitFor({ timeout: 15_000 });
      await shot('honours-01-wall');
    });

    await check(`the figures are the demo data counted independently (since ${since}: ${top.collectives} collectives and ${top.individuals} individuals at national or regional level)`, async () => {
      expectEqual(await number(page, 'figure-national_regional-collective'), top.collectives, 'national-or-regional collectives');
      expectEqual(await number(page, 'figure-national_regional-individual'), top.individuals, 'national-or-regional individuals');
      const prefecture = wall.honoured.find((b) => b.band === 'prefecture')!;
      expectEqual(await number(page, 'figure-prefecture-individual'), prefecture.individuals, 'prefecture individuals');
      const merit = wall.honoured.find((b) => b.band === 'merit')!;
      expectEqual(await number(page, 'figure-merit-collective'), merit.collectives, 'units cited for merit');
    });

    await check('tapping a figure lists exactly the exemplars it counts, and a card opens the profile', async () => {
      await visible(page, '[data-testid=figure-national_regional-collective]').first().click();
      await waitForList(page, 'honoured');
      expectEqual(await visible(page, '[data-testid=list-heading]').first().innerText(), `自${since}年以来 · 国家级和自治区（兵团）级荣誉 · 集体`, 'the list’s heading');
      expectEqual(await cards(page).count(), top.collectives, 'cards listed');
      await page.waitForTimeout(800);
      await shot('honours-02-list');
      const first = await cards(page).first().locator('.exemplar-card__name').innerText();
      await cards(page).first().click();
      await page.waitForURL(/pages\/profile\/index\?id=/, { timeout: 15_000 });
      await page.waitForFunction((name) => [...document.querySelectorAll('.profile__name')].some((n) => n.textContent === name), first, { timeout: 15_000 });
      await page.goBack();
      await page.goBack();
      await page.waitForURL(/pages-honours\/wall\/index/, { timeout: 15_000 });
    });

    await check(`tapping ${latestYear.year}’s national segment of the chart lists the ${national.individuals + national.collectives} exemplars honoured nationally that year`, async () => {
      const chart = visible(page, '[data-testid=chart-by-year]').first();
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      if (!box) throw new Error('the chart has no box');
      // byYearOption's grid at this width: left 36·s, right 12·s, bottom 28·s, s = width / 340 (at least 1).
      const s = Math.min(2, Math.max(1, box.width / 340));
      const plot = { left: 36 * s, right: 12 * s, bottom: 28 * s };
      const slot = (box.width - plot.left - plot.right) / wall.byYear.length;
      const x = box.x + plot.left + slot * (wall.byYear.length - 0.5);
      const y = box.y + box.height - plot.bottom - 3;
      await page.mouse.click(x, y);
      await waitForList(page, 'honoured');
      expectEqual(await visible(page, '[data-testid=list-heading]').first().innerText(), `${latestYear.year}年 · 国家级荣誉`, 'the list’s heading');
      expectEqual(await cards(page).count(), national.individuals + national.collectives, 'cards listed');
      await page.goBack();
      await page.waitForURL(/pages-honours\/wall\/index/, { timeout: 15_000 });
    });

    await check('tapping a media level lists its placements, newest first, each naming the exemplar it reports on', async () => {
      const central = wall.placements.byLevel.find((l) => l.level === 'central')!;
      await visible(page, '[data-testid=outlet-level-central]').first().click();
      await waitForList(page, 'placements');
      const rows = visible(page, '.honours-list [data-testid=placement-row]');
      expectEqual(await rows.count(), Math.min(central.n, 20), 'placements listed');
      const texts = await rows.allInnerTexts();
      if (!texts.every((t) => t.includes('中央媒体') && t.includes('报道对象'))) throw new Error(`unexpected rows ${JSON.stringify(texts.slice(0, 2))}`);
      await page.waitForTimeout(800);
      await shot('honours-03-placements');
      await page.goBack();
      await page.waitForURL(/pages-honours\/wall\/index/, { timeout: 15_000 });
    });

    await check('picking a later start year shows the figures since then', async () => {
      const later = wall.years.at(-1)!;
      const expected = independentWall(docs, later).honoured.find((b) => b.band === 'any')!;
      const answered = armed(page.waitForResponse((r) => r.url().endsWith('/fn/content') && (r.request().postData() ?? '').includes(`"since":${later}`), { timeout: 15_000 }));
      await visible(page, `[role=radio]:has-text("自${later}年")`).first().click();
      await answered;
      await page.waitForFunction((y) => [...document.querySelectorAll('.honours-wall__period')].some((n) => n.textContent?.startsWith(`自${y}年以来`)), later, { timeout: 15_000 });
      const total = Number(await visible(page, '.honours-wall__total-number').first().innerText());
      expectEqual(total, expected.individuals + expected.collectives, `exemplars honoured since ${later}`);
      await shot('honours-04-later');
    });
  },
  'honours',
);
