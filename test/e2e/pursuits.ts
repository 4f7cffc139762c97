/**
 * 争创荣誉 in Chromium over the h5 build on the local cloud with demo data: the corps admin opens
 * an award whose nomination window has closed (新疆最美应急人, a station put forward), marks the
 * station 已获评, and the honour appears on its public profile while the honours wall's figure for
 * that year and level goes up by one — the expected change counted from the seed independently.
 * Screenshots of the list and the pursuit at 390 and 1280 px. Run:
 * E2E_H5_DIR=<an h5 build> npx tsx test/e2e/pursuits.ts
 */
import type { Page } from 'playwright-core';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { buildPursuits } from '../../emulator/seed/pursuits';
import { actAs, armed, expectEqual, visible, withSession } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const pursuit = buildPursuits(DEFAULT_SEED_NOW, demo.units, demo.exemplars).find((p) => p._id === 'pu-demo-beautiful')!;
const station = pursuit.candidates.find((c) => c.kind === 'collective')!;
// The award is dated its result date (passed): the wall's pill for that year and level counts it.
const year = Number(pursuit.resultOn.slice(0, 4));
const pill = `year-${year}-${pursuit.level}`;
// Independently: the station held no honour of this level that year, so the pill must go up by one.
const heldBefore = demo.honors.some((h) => h.exemplarId === station.exemplarId && h.level === pursuit.level && h.date.startsWith(String(year)));

async function pillValue(page: Page, wallUrl: string): Promise<number> {
  await page.goto(wallUrl);
  const el = visible(page, `[data-testid=${pill}]`).first();
  await el.waitFor({ timeout: 15_000 });
  return Number((await el.innerText()).replace(/\D+/g, ' ').trim().split(' ').at(-1));
}

async function both(page: Page, shot: (n: string) => Promise<void>, name: string): Promise<void> {
  await page.waitForTimeout(450);
  await shot(`${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
  await shot(`${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
}

void withSession(
  async ({ cloud, page, url, shot, check }) => {
    const wallUrl = url('/pages-honours/wall/index');
    let before = 0;

    await check('the corps admin sees the award, its dates and its candidates, with outcomes open', async () => {
      expectEqual(heldBefore, false, 'the station held no such honour that year in the seed');
      before = await pillValue(page, wallUrl);
      await actAs(page, url('/pages/me/index'), '管理员（总队）');
      await page.goto(url(`/pages-staff/pursuits/index?year=${pursuit.year}`));
      await visible(page, `[data-testid=pursuit-row]:has-text("${pursuit.name}")`).first().waitFor({ timeout: 15_000 });
      await both(page, shot, 'pursuits-01-list');
      await page.goto(url(`/pages-staff/pursuit/index?id=${pursuit._id}`));
      await visible(page, `[data-testid=pursuit-candidate]:has-text("${station.name}")`).first().waitFor({ timeout: 15_000 });
      await both(page, shot, 'pursuits-02-pursuit');
    });

    await check('marking the station 已获评 records it once', async () => {
      const row = visible(page, `[data-testid=pursuit-candidate]:has-text("${station.name}")`).first();
      const answered = armed(page.waitForResponse((r) => r.url().endsWith('/fn/workboard') && (r.request().postData() ?? '').includes('"setPursuitOutcome"'), { timeout: 15_000 }));
      await row.locator('[data-testid=outcome-awarded]').click();
      expectEqual(((await (await answered).json()) as { ok: boolean }).ok, true, 'workboard.setPursuitOutcome answered');
      await row.locator('text=已获评').first().waitFor({ timeout: 10_000 });
      const honours = Object.values(cloud.db.snapshot().honors ?? {}).filter((v) => v.includes(pursuit.name) && v.includes(station.exemplarId));
      expectEqual(honours.length, 1, 'honours written for the award');
      await both(page, shot, 'pursuits-03-awarded');
    });

    await check('the honour appears on the public profile, and the honours wall’s figure goes up by one', async () => {
      await actAs(page, url('/pages/me/index'), '读者（消防员）');
      await page.goto(url(`/pages/profile/index?id=${station.exemplarId}`));
      await visible(page, `[data-testid=honor-group]:has-text("${pursuit.name}")`).first().waitFor({ timeout: 15_000 });
      expectEqual(await pillValue(page, wallUrl), before + 1, `${pill} on the honours wall`);
    });
  },
  'pursuits',
);
