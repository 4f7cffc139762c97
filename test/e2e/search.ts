/**
 * Search in Chromium over the h5 build on the local cloud, with demo data: from the feed's
 * search bar, type part of a person's name and see them as you type, find them again by the
 * pinyin initials of their name, open their profile; back on the search page the query is a
 * recent search; a query that finds nothing says 没有找到 and offers suggestions that do find
 * something. Run: E2E_H5_DIR=<an h5 build> npx tsx test/e2e/search.ts
 */
import { pinyin } from 'pinyin-pro';
import type { Page } from 'playwright-core';
import { consentHolds } from '../../cloudfunctions/src/domain/consent';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { armed, expectEqual, field, visible, withSession } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
/** A published person the public may see, with a three-character name (a common shape). */
const person = demo.exemplars.find((e) => e.kind === 'individual' && e.state === 'published' && consentHolds(e.consent, e) && [...e.name].length === 3);
if (!person) throw new Error('the demo has no public person with a three-character name');
const initials = (pinyin(person.name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }) as string[]).join('').toLowerCase();
const givenName = [...person.name].slice(1).join('');

const box = (page: Page) => visible(page, field('搜索内容')).first();

/** Types like a person (one key at a time) and waits for the search the settled text sends. */
async function typeAndWait(page: Page, text: string): Promise<unknown> {
  const answered = armed(page.waitForResponse((r) => r.url().endsWith('/fn/content') && (r.request().postData() ?? '').includes('"search"') && (r.request().postData() ?? '').includes(JSON.stringify(text).slice(1, -1)), { timeout: 15_000 }));
  await box(page).fill('');
  await box(page).pressSequentially(text, { delay: 40 });
  const res = await answered;
  return ((await res.json()) as { data?: unknown }).data;
}

const exemplarNames = async (page: Page) => visible(page, '[data-testid=search-group-exemplar] .exemplar-card__name').allInnerTexts();

void withSession(
  async ({ page, url, shot, check }) => {
    await check('the feed’s search bar opens the search page, with the recent searches (none yet) and tips', async () => {
      await page.goto(url('/pages/feed/index'));
      await visible(page, '[data-testid=search-entry]').first().click();
      await page.waitForURL(/pages-search\/search\/index/, { timeout: 15_000 });
      await box(page).waitFor({ timeout: 15_000 });
      await visible(page, 'text=可以这样搜').first().waitFor({ timeout: 5_000 });
      expectEqual(await visible(page, '[data-testid=recent-searches]').count(), 0, 'recent searches on a fresh device');
    });

    await check(`typing part of a name (${givenName}) shows ${person.name} as you type, the match marked`, async () => {
      await typeAndWait(page, givenName);
      await visible(page, '[data-testid=search-group-exemplar]').first().waitFor({ timeout: 15_000 });
      const names = await exemplarNames(page);
      if (!names.includes(person.name)) throw new Error(`${person.name} not among ${JSON.stringify(names)}`);
      const mark = await visible(page, '[data-testid=search-group-exemplar] .search-hit__mark').first().innerText();
      expectEqual(mark, givenName, 'the marked part');
      await shot('search-01-results');
    });

    await check(`the pinyin initials ${initials} find ${person.name} too`, async () => {
      await typeAndWait(page, initials);
      await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid=search-group-exemplar] .exemplar-card__name')].some((n) => n.textContent === name), person.name, { timeout: 15_000 });
      await shot('search-02-initials');
    });

    await check(`tapping ${person.name} opens their profile`, async () => {
      const card = visible(page, `[data-testid=search-group-exemplar] [data-testid=exemplar-card]:has(.exemplar-card__name:text-is("${person.name}"))`).first();
      const profile = armed(page.waitForResponse((r) => r.url().endsWith('/fn/content') && (r.request().postData() ?? '').includes('"profile"'), { timeout: 15_000 }));
      await card.click();
      await page.waitForURL(new RegExp(`pages/profile/index\\?id=${person._id}`), { timeout: 15_000 });
      expectEqual(((await (await profile).json()) as { ok: boolean }).ok, true, 'content.profile answered');
      expectEqual(await visible(page, '.profile__name').first().innerText(), person.name, 'the profile shown');
    });

    await check('back on the search page, the results are still there; cleared, the query is a recent search that searches again', async () => {
      await page.goBack();
      await page.waitForURL(/pages-search\/search\/index/, { timeout: 15_000 });
      await visible(page, '[data-testid=search-group-exemplar]').first().waitFor({ timeout: 15_000 });
      await visible(page, '[aria-label=清空]').first().click();
      const recent = visible(page, '[data-testid=recent-searches]').first();
      await recent.waitFor({ timeout: 15_000 });
      expectEqual(await recent.locator('.search__chip').allInnerTexts(), [initials], 'recent searches');
      await shot('search-03-recent');
      await recent.locator(`.search__chip:has-text("${initials}")`).click();
      await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid=search-group-exemplar] .exemplar-card__name')].some((n) => n.textContent === name), person.name, { timeout: 15_000 });
    });

    await check('a query that finds nothing says 没有找到 and its suggestions find something', async () => {
      await typeAndWait(page, '不存在的名字');
      const empty = visible(page, '[data-testid=search-empty]').first();
      await empty.waitFor({ timeout: 15_000 });
      const chips = visible(page, '[data-testid=search-suggestions] .search__chip');
      if ((await chips.count()) === 0) throw new Error('no suggestions');
      await shot('search-04-nothing');
      await chips.first().click();
      await visible(page, '[data-testid=search-group-exemplar], [data-testid=search-group-story]').first().waitFor({ timeout: 15_000 });
    });
  },
  'search',
);
