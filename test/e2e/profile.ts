/**
 * Reading around a profile, in Chromium over the h5 build on the local cloud with demo data: the
 * library narrowed to a unit with the counts of the unit tree (the sticky header never more than
 * a quarter of the screen, a tab switch starting at the top); a station's profile with its people
 * who are exemplars and its stories paged on at the bottom; a person's profile and its poster,
 * whose QR code opens that profile; the end of a story with related stories that open.
 * Screenshots at 390 and 1280 px. Run: E2E_H5_DIR=<an h5 build> npx tsx test/e2e/profile.ts
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import type { Exemplar, Story } from '@contract';
import { consentHolds } from '../../cloudfunctions/src/domain/consent';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { expectEqual, visible, withSession } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const isPublic = (e: Exemplar) => e.state === 'published' && consentHolds(e.consent, e);
const unitOf = new Map(demo.units.map((u) => [u._id, u]));
const inLibrary = (e: Exemplar) => isPublic(e) && e.tier !== 'retired';

/** A public station (a collective of a 消防救援站) with a public person of its own, and that person. */
const station = demo.exemplars.find(
  (e) => e.kind === 'collective' && isPublic(e) && unitOf.get(e.unitId)?.level === 'station' && demo.exemplars.some((m) => m.kind === 'individual' && inLibrary(m) && m.unitPath.includes(e.unitId)),
);
if (!station) throw new Error('the demo has no public station with a public person of its own');
const members = demo.exemplars.filter((m) => m.kind === 'individual' && inLibrary(m) && m.unitPath.includes(station.unitId));
const member = members[0]!;
/** The station's detachment, and what the major library lists under it. */
const detachment = unitOf.get(station.unitPath[1]!)!;
const majorUnder = (unitId: string) => demo.exemplars.filter((e) => inLibrary(e) && e.tier === 'major' && e.unitPath.includes(unitId));
const majorSize = demo.exemplars.filter((e) => inLibrary(e) && e.tier === 'major').length;

/** More stories about the station than a profile's first page holds (10), older than the demo's: the page's bottom brings them. */
const baseStory = demo.stories.find((s) => s.state === 'published' && s.exemplarIds.includes(station._id))!;
const oldest = Math.min(...demo.stories.map((s) => s.publishedAt ?? Infinity));
const extraStories: Story[] = Array.from({ length: 12 }, (_, i) => ({
  ...baseStory,
  _id: `e2e-more-${i}`,
  code: `E2EMORE${String(i).padStart(2, '0')}`,
  title: `${station.name}的第${i + 1}个故事`,
  publishedAt: oldest - (i + 1) * 86_400_000,
  searchKeys: [],
  searchText: [],
  likeCount: 0,
  viewCount: 0,
  shareCount: 0,
  article: null,
}));
const stationStories = [...demo.stories.filter((s) => s.state === 'published' && s.exemplarIds.includes(station._id)), ...extraStories];

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

async function bothWidths(page: Page, shot: (name: string) => Promise<void>, name: string, before?: () => Promise<void>): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    // Images lazily loaded above the part shown move it: let them settle, then bring it in view.
    await page.waitForTimeout(600);
    if (before) await before();
    await page.waitForTimeout(250);
    if (before) await before();
    await shot(`${name}-${size.width}`);
  }
  await page.setViewportSize(WIDTHS[0]);
}

const cardCount = (page: Page, selector: string) => visible(page, selector).count();

/** How far the shown page is scrolled: the window, or Taro's page element when it is the one that scrolls. */
function scrollTop(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(window.scrollY, ...[...document.querySelectorAll('.taro_page')].filter((p) => (p as HTMLElement).offsetParent !== null || getComputedStyle(p).display !== 'none').map((p) => p.scrollTop)));
}

/** Scrolls as a person does, with the wheel over the page. */
async function wheel(page: Page, dy: number): Promise<void> {
  const size = page.viewportSize()!;
  await page.mouse.move(size.width / 2, size.height / 2);
  await page.mouse.wheel(0, dy);
  await page.waitForTimeout(150);
}

void withSession(
  async ({ cloud, page, url, shot, check }) => {
    cloud.db.insertMany('stories', extraStories as unknown as Record<string, unknown>[]);

    await check(`the unit filter shows the corps’ detachments with counts, the whole library ${majorSize}`, async () => {
      await page.goto(url('/pages/library/index'));
      await visible(page, '.exemplar-card').first().waitFor({ timeout: 15_000 });
      await visible(page, '[data-testid=unit-filter]').first().click();
      await visible(page, '[data-testid=unit-row]').first().waitFor({ timeout: 15_000 });
      const rows = await visible(page, '[data-testid=unit-row]').allInnerTexts();
      expectEqual(rows[0]!.replace(/\s+/g, ''), `全部单位${majorSize}`, 'the first row');
      const own = rows.find((r) => r.startsWith(detachment.name));
      if (!own) throw new Error(`${detachment.name} not offered: ${JSON.stringify(rows)}`);
      expectEqual(own.replace(/[\s›]+/g, ''), `${detachment.name}${majorUnder(detachment._id).length}`, 'the detachment row');
      // The sheet ends where h5's tab bar begins: no choice hides under it.
      const [panelBottom, tabbarTop] = await page.evaluate(() => [
        [...document.querySelectorAll('.filter-sheet__panel')].map((p) => p.getBoundingClientRect().bottom)[0] ?? NaN,
        [...document.querySelectorAll('.taro-tabbar__tabbar')].map((t) => t.getBoundingClientRect().top).find((top) => top > 0) ?? innerHeight,
      ]);
      if (!(panelBottom <= tabbarTop + 0.5)) throw new Error(`the sheet ends at ${panelBottom}, under the tab bar at ${tabbarTop}`);
      await bothWidths(page, shot, 'profile-01-unit-filter');
    });

    await check(`picking ${detachment.name} lists exactly its ${majorUnder(detachment._id).length} major exemplars`, async () => {
      await visible(page, `[data-testid=unit-row] >> text=${detachment.name}`).first().click();
      await visible(page, `[data-testid=unit-row] >> text=${detachment.name}（全部）`).first().waitFor();
      await shot('profile-01b-unit-filter-drilled');
      await visible(page, `[data-testid=unit-row] >> text=${detachment.name}（全部）`).first().click();
      await page.waitForFunction(() => !document.querySelector('.unit-sheet'), null, { timeout: 10_000 });
      await page.waitForFunction(
        (n) => [...document.querySelectorAll('.exemplar-card')].filter((c) => (c as HTMLElement).offsetParent).length === n,
        majorUnder(detachment._id).length,
        { timeout: 15_000 },
      );
      const names = (await visible(page, '.exemplar-card__name').allInnerTexts()).map((n) => n.trim()).sort();
      expectEqual(names, majorUnder(detachment._id).map((e) => e.name).sort(), 'the listed exemplars');
      expectEqual((await visible(page, '[data-testid=unit-filter]').first().innerText()).replace(/[\s▾]+/g, ''), detachment.shortName, 'the button names the unit');
      await shot('profile-02-library-narrowed');
    });

    await check('the sticky header takes at most a quarter of the screen at 390×844 and at 1280×800', async () => {
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        const h = await visible(page, '.library__sticky').first().evaluate((el) => el.getBoundingClientRect().height);
        await shot(`profile-02b-library-header-${size.width}`);
        if (h > size.height / 4) throw new Error(`the header is ${h} px of ${size.height} at ${size.width} wide`);
        console.log(`      header ${Math.round(h)} px of ${size.height} (${Math.round((h / size.height) * 100)}%) at ${size.width}`);
      }
      await page.setViewportSize(WIDTHS[0]);
    });

    await check('switching the library tab starts the list at the top', async () => {
      // The whole library again, long enough to scroll.
      await visible(page, '[data-testid=unit-filter]').first().click();
      await visible(page, '[data-testid=unit-row]').first().click();
      await page.waitForFunction(() => !document.querySelector('.unit-sheet'), null, { timeout: 10_000 });
      await page.waitForFunction((n) => [...document.querySelectorAll('.exemplar-card')].filter((c) => (c as HTMLElement).offsetParent).length === n, Math.min(majorSize, 20), { timeout: 15_000 });
      for (let i = 0; i < 5; i++) await wheel(page, 300);
      const scrolled = await scrollTop(page);
      if (scrolled < 300) throw new Error(`the library did not scroll (${scrolled})`);
      await visible(page, '.tabs__tab >> text=后备典型库').first().click();
      for (let i = 0; i < 20 && (await scrollTop(page)) > 0; i++) await page.waitForTimeout(100);
      expectEqual(await scrollTop(page), 0, 'scrolled after the switch');
    });

    await check(`${station.name}’s profile lists its people who are exemplars (${members.map((m) => m.name).join('、')})`, async () => {
      await page.goto(url(`/pages/profile/index?id=${station._id}`));
      await visible(page, '[data-testid=station-members]').first().waitFor({ timeout: 15_000 });
      const names = await visible(page, '[data-testid=station-member] .member-tile__name').allInnerTexts();
      expectEqual(names.map((n) => n.trim()).sort(), members.map((m) => m.name).sort(), 'members');
      await bothWidths(page, shot, 'profile-03-station', async () => {
        await page.waitForTimeout(300);
        await visible(page, '[data-testid=station-members]').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
      });
    });

    await check(`its stories show 10, then the rest (${stationStories.length}) at the bottom of the page, newest first`, async () => {
      expectEqual(await cardCount(page, '[data-testid=profile-stories] [data-testid=story-card]'), 10, 'the first page');
      for (let i = 0; i < 60 && (await cardCount(page, '[data-testid=profile-stories] [data-testid=story-card]')) < stationStories.length; i++) await wheel(page, 900);
      const titles = await visible(page, '[data-testid=profile-stories] .story-card__title').allInnerTexts();
      const expected = [...stationStories].sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || (a._id < b._id ? 1 : -1)).map((s) => s.title);
      expectEqual(titles.map((t) => t.trim()), expected, 'the stories, all, once each');
      await visible(page, '[data-testid=profile-stories] >> text=没有更多了').first().waitFor({ timeout: 5_000 });
    });

    await check(`a member opens ${member.name}’s profile`, async () => {
      await wheel(page, -100_000);
      await visible(page, `[data-testid=station-member] >> text=${member.name}`).first().click();
      await page.waitForFunction((name) => [...document.querySelectorAll('.profile__name')].some((n) => (n as HTMLElement).offsetParent && n.textContent?.trim() === name), member.name, { timeout: 15_000 });
      await visible(page, '[data-testid=profile-actions]').first().waitFor();
      await bothWidths(page, shot, 'profile-04-person');
    });

    await check(`${member.name}’s poster shows the person and its QR code opens their profile`, async () => {
      await visible(page, '[data-testid=profile-poster]').first().click();
      await page.waitForURL(/pages-share\/poster\/index\?id=.*kind=exemplar/, { timeout: 15_000 });
      const img = visible(page, '[data-testid=poster-image]').first();
      await img.waitFor({ timeout: 15_000 });
      expectEqual(await img.getAttribute('alt'), `${member.name} 海报`, 'alt text');
      expectEqual(await visible(page, '[data-testid=poster-download]').first().getAttribute('download'), `身边典型-${member.name}.png`, 'file name');
      const src = (await img.getAttribute('src'))!;
      const png = PNG.sync.read(Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64'));
      const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      if (!qr) throw new Error('no QR code found on the poster');
      if (!qr.data.endsWith(`#/pages/profile/index?id=${member._id}`)) throw new Error(`the QR code reads ${qr.data}`);
      await bothWidths(page, shot, 'profile-05-poster');
      await page.goto(qr.data);
      await page.waitForFunction((name) => [...document.querySelectorAll('.profile__name')].some((n) => (n as HTMLElement).offsetParent && n.textContent?.trim() === name), member.name, { timeout: 15_000 });
    });

    const story = [...stationStories].sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0))[0]!;
    await check(`the end of “${story.title}” offers related stories, never itself, and they open`, async () => {
      await page.goto(url(`/pages/story/index?id=${story._id}`));
      const related = visible(page, '[data-testid=related-stories]').first();
      await related.waitFor({ timeout: 15_000 });
      const titles = (await visible(page, '[data-testid=related-story] .related__title').allInnerTexts()).map((t) => t.trim());
      if (titles.length < 1 || titles.length > 4) throw new Error(`${titles.length} related stories`);
      if (titles.includes(story.title)) throw new Error('the story relates itself');
      await bothWidths(page, shot, 'profile-06-related', async () => {
        await page.waitForTimeout(300);
        await related.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        const top = await related.evaluate((el) => el.getBoundingClientRect().top);
        const height = page.viewportSize()!.height;
        if (top < -1 || top > height / 2) throw new Error(`the related stories are at ${top} px of a ${height} px window after scrolling to them`);
      });
      await visible(page, '[data-testid=related-story]').first().click();
      await page.waitForFunction((t) => [...document.querySelectorAll('.story__title')].some((n) => (n as HTMLElement).offsetParent && n.textContent?.trim() === t), titles[0]!, { timeout: 15_000 });
    });
  },
  'profile',
);
