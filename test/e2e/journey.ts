/**
 * The reading journey in Chromium over the h5 build on the local cloud, with demo data:
 * feed → story → profile → (back) → library (both tiers) → profile → back.
 * Expected values come from the demo data itself, so the checks say what a reader should see.
 */
import type { Page, Request } from 'playwright-core';
import { HONOR_LEVEL_LABEL, HONOR_LEVELS } from '../../types';
import { EARLY_CALLS, EARLY_CALLS_GLOBAL } from '../../client/src/lib/api/early-calls';
import { MAIN_PAGES } from '../../client/src/lib/routes';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { withSession, visible, expectEqual } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const published = demo.stories.filter((s) => s.state === 'published').sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || (a._id < b._id ? 1 : -1));
const newest = published[0]!;
const hero = demo.exemplars.find((e) => e._id === newest.exemplarIds[0])!;
const heroLevels = HONOR_LEVELS.filter((l) => demo.honors.some((h) => h.exemplarId === hero._id && h.level === l)).map((l) => HONOR_LEVEL_LABEL[l]);
const library = (tier: 'major' | 'reserve') =>
  demo.exemplars
    .filter((e) => e.state === 'published' && e.tier === tier && (e.kind === 'collective' || e.consent))
    .sort((a, b) => b.rank - a.rank || (a._id < b._id ? 1 : -1));

async function text(page: Page, selector: string): Promise<string> {
  const el = visible(page, selector).first();
  await el.waitFor({ timeout: 15_000 });
  return (await el.innerText()).trim();
}


/**
 * The cloud calls a cold load of `route` makes until the page settles, as `fn body`, and the
 * early calls index.html started that the app did not take (`null`: it started none).
 */
async function coldLoad(page: Page, route: string, ready: string): Promise<{ asked: string[]; untaken: string[] | null }> {
  const asked: string[] = [];
  const onRequest = (r: Request) => {
    if (r.url().includes('/fn/')) asked.push(`${r.url().split('/fn/')[1]} ${r.postData()}`);
  };
  // From another document: a goto that changes only the hash would not load index.html again.
  await page.goto('about:blank');
  page.on('request', onRequest);
  try {
    await page.goto(route);
    await text(page, ready);
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('request', onRequest);
  }
  const untaken = await page.evaluate((g) => {
    const started = (window as unknown as Record<string, Record<string, unknown> | undefined>)[g];
    return started ? Object.keys(started) : null;
  }, EARLY_CALLS_GLOBAL);
  return { asked, untaken };
}

/** What index.html starts for a page (early-calls.ts), with the query's fields filled in. */
function earlyBodies(page: string, query: Record<string, string> = {}): string[] {
  return (EARLY_CALLS[page] ?? []).map((c) => {
    const data: Record<string, unknown> = { ...c.data };
    for (const [field, param] of Object.entries(c.query ?? {})) data[field] = query[param];
    return `${c.fn} ${JSON.stringify({ action: c.action, data })}`;
  });
}

void withSession(async ({ page, url, shot, check }) => {
  await check('the feed opens with the newest published story first, its data asked for once (index.html starts it, the app takes it)', async () => {
    const { asked, untaken } = await coldLoad(page, url('/pages/feed/index'), '.story-card__title');
    expectEqual(await text(page, '.story-card__title'), newest.title, 'first card');
    const early = earlyBodies(MAIN_PAGES.feed);
    expectEqual(asked.filter((a) => early.includes(a)).sort(), [...early].sort(), 'each early call sent exactly once');
    expectEqual(untaken, [], 'early calls the app did not take');
    await page.waitForTimeout(600);
    await shot('01-feed');
  });

  await check('scrolling the feed loads the next page without duplicates', async () => {
    const before = await visible(page, '.story-card').count();
    for (let i = 0; i < 30 && (await visible(page, '.story-card').count()) <= before; i++) {
      await page.mouse.wheel(0, 900);
      await page.waitForTimeout(150);
    }
    const titles = await visible(page, '.story-card__title').allInnerTexts();
    if (titles.length <= before) throw new Error(`still ${titles.length} cards after scrolling`);
    expectEqual(new Set(titles).size, titles.length, 'distinct titles');
    await page.mouse.wheel(0, -100_000);
  });

  await check('tapping a story card opens the story with its content blocks and images', async () => {
    await visible(page, '.story-card').first().click();
    expectEqual(await text(page, '.story__title'), newest.title, 'story title');
    const firstHeading = newest.blocks.find((b) => b.type === 'heading');
    if (firstHeading && firstHeading.type === 'heading') await visible(page, `text=${firstHeading.text}`).first().waitFor();
    const images = newest.blocks.filter((b) => b.type === 'image').length;
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('.story img')].filter((i) => (i as HTMLImageElement).offsetParent && (i as HTMLImageElement).naturalWidth > 0).length >= n,
      images,
      { timeout: 15_000 },
    );
    await page.waitForTimeout(500);
    await shot('02-story');
  });

  await check("the story's exemplar opens the profile with honors grouped by level, highest first", async () => {
    await visible(page, '[data-testid=story-exemplar]').first().click();
    expectEqual(await text(page, '.profile__name'), hero.name, 'profile name');
    await visible(page, '.hl-level').first().waitFor();
    expectEqual(await visible(page, '.hl-level').allInnerTexts(), heroLevels, 'honor groups');
    await page.waitForTimeout(500);
    await shot('03-profile');
  });

  await check('back returns to the story, and back again to the feed', async () => {
    await page.goBack();
    expectEqual(await text(page, '.story__title'), newest.title, 'story after back');
    await page.goBack();
    expectEqual(await text(page, '.story-card__title'), newest.title, 'feed after back');
  });

  await check('the library tab lists the major library, highest ranked first', async () => {
    await visible(page, '.weui-tabbar__item >> text=典型库').first().click();
    expectEqual(await text(page, '.exemplar-card__name'), library('major')[0]!.name, 'first major exemplar');
    await page.waitForTimeout(500);
    await shot('04-library-major');
  });

  await check('switching to the reserve library lists reserve exemplars', async () => {
    await visible(page, '.tabs__tab >> text=后备典型库').first().click();
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('.exemplar-card__name')].some((n) => (n as HTMLElement).offsetParent && n.textContent?.trim() === name),
      library('reserve')[0]!.name,
      { timeout: 15_000 },
    );
    const names = await visible(page, '.exemplar-card__name').allInnerTexts();
    const major = new Set(library('major').map((e) => e.name));
    if (names.some((n) => major.has(n.trim()))) throw new Error(`a major exemplar shows in the reserve tab: ${names.join(',')}`);
    await page.waitForTimeout(400);
    await shot('05-library-reserve');
  });

  await check('a library card opens its profile, and back keeps the reserve tab', async () => {
    const target = library('reserve')[0]!;
    await visible(page, `.exemplar-card >> text=${target.name}`).first().click();
    expectEqual(await text(page, '.profile__name'), target.name, 'profile name');
    await page.goBack();
    await visible(page, '.tabs__tab--active >> text=后备典型库').first().waitFor({ timeout: 15_000 });
    await shot('06-library-back');
  });

  await check('a shared story link opened cold asks for the story once', async () => {
    const { asked, untaken } = await coldLoad(page, url(`/pages/story/index?id=${newest._id}`), '.story__title');
    expectEqual(await text(page, '.story__title'), newest.title, 'story title');
    const early = earlyBodies(MAIN_PAGES.story, { id: newest._id });
    expectEqual(asked.filter((a) => a.includes('"action":"story"')), early, 'the story asked for once');
    expectEqual(untaken, [], 'early calls the app did not take');
  });
});
