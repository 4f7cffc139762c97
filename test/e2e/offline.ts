/**
 * Reading offline in Chromium over the h5 build on the local cloud, with demo data: browse the
 * feed (3 pages), 5 stories and 3 profiles; then with the server unreachable (the app restarted)
 * and with no network at all, the feed, those stories and profiles still read under the offline
 * banner; a like and a salute made offline wait as 待同步 (through a restart) and reach the server
 * once it answers again. With no network at all the app is reloaded cold too: the service worker
 * serves the app shell, and the feed and a story read from storage. Prints the bytes the cache
 * takes in localStorage.
 */
import type { Page } from 'playwright-core';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { withSession, visible, expectEqual, armed } from './harness';

// Playwright emulates "offline" for a service worker's own fetches only with this set (read when
// the browser is launched): without it the worker would reach the server and the cold-reload
// check below would prove nothing.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const published = demo.stories
  .filter((s) => s.state === 'published')
  .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || (a._id < b._id ? 1 : -1));
const stories = published.slice(0, 5);
const isPublic = (id: string) => {
  const e = demo.exemplars.find((x) => x._id === id);
  return !!e && e.state === 'published' && (e.kind === 'collective' || !!e.consent);
};
const profiles = [...new Set(published.flatMap((s) => s.exemplarIds))]
  .filter(isPublic)
  .slice(0, 3)
  .map((id) => demo.exemplars.find((e) => e._id === id)!);
const neverOpened = published[20]!;

async function text(page: Page, selector: string): Promise<string> {
  const el = visible(page, selector).first();
  await el.waitFor({ timeout: 15_000 });
  return (await el.innerText()).trim();
}

async function bannerText(page: Page): Promise<string> {
  return text(page, '[data-testid=offline-banner]');
}

/** What the cache occupies in localStorage (key and stored text, UTF-8), and what it counts itself. */
async function cacheBytes(page: Page): Promise<{ entries: number; storedBytes: number; countedBytes: number }> {
  return page.evaluate(() => {
    const enc = new TextEncoder();
    let entries = 0;
    let storedBytes = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (!k.startsWith('offline-cache')) continue;
      if (k !== 'offline-cache') entries++;
      storedBytes += enc.encode(k).length + enc.encode(localStorage.getItem(k) ?? '').length;
    }
    const index = JSON.parse(localStorage.getItem('offline-cache') ?? '{"data":{"entries":[]}}') as { data: { entries: [string, number][] } };
    const countedBytes = index.data.entries.reduce((s, [, b]) => s + b, 0);
    return { entries, storedBytes, countedBytes };
  });
}

async function publicCount(cloud: { invoke(name: string, event: unknown): Promise<unknown> }, fn: 'story' | 'profile', id: string): Promise<number> {
  const res = (await cloud.invoke('content', { action: fn, data: { id } })) as { ok: boolean; data: { likeCount?: number; saluteCount?: number } };
  if (!res.ok) throw new Error(`content.${fn} ${id}: ${JSON.stringify(res)}`);
  return fn === 'story' ? res.data.likeCount! : res.data.saluteCount!;
}

const isSetLike = (r: { url(): string; request(): { postData(): string | null } }) =>
  r.url().endsWith('/fn/engagement') && (r.request().postData() ?? '').includes('"setLike"');

void withSession(
  async ({ page, url, shot, check, cloud }) => {
    const context = page.context();
    const storyUrl = (id: string) => url(`/pages/story/index?id=${id}`);
    const profileUrl = (id: string) => url(`/pages/profile/index?id=${id}`);
    /** The API is down while the app itself still loads: the server does not answer. */
    const cutApi = () => page.route('**/fn/**', (route) => route.abort('internetdisconnected'));
    const restoreApi = () => page.unroute('**/fn/**');

    await check('online: the feed (3 pages), 5 stories and 3 profiles are read, and kept under 1 MB', async () => {
      await page.goto(url('/pages/feed/index'));
      await visible(page, '.feed-screen .story-card__title').first().waitFor({ timeout: 15_000 });
      for (let i = 0; i < 60 && (await visible(page, '.feed-screen .story-card').count()) < 30; i++) {
        await page.mouse.wheel(0, 1200);
        await page.waitForTimeout(150);
      }
      expectEqual((await visible(page, '.feed-screen .story-card').count()) >= 30, true, '3 feed pages loaded');
      for (const s of stories) {
        await page.goto(storyUrl(s._id));
        await page.waitForFunction((t) => [...document.querySelectorAll('.story .story__title')].some((n) => (n as HTMLElement).offsetParent && n.textContent?.trim() === t), s.title, { timeout: 15_000 });
      }
      for (const p of profiles) {
        await page.goto(profileUrl(p._id));
        await page.waitForFunction((t) => [...document.querySelectorAll('.profile .profile__name')].some((n) => (n as HTMLElement).offsetParent && n.textContent?.trim() === t), p.name, { timeout: 15_000 });
      }
      const size = await cacheBytes(page);
      console.log(`    cache after 3 feed pages, 5 stories, 3 profiles: ${size.entries} entries, ${size.storedBytes} bytes in localStorage (${size.countedBytes} counted)`);
      expectEqual(size.storedBytes < 1_000_000, true, 'under 1 MB');
      expectEqual(await visible(page, '[data-testid=offline-banner]').count(), 0, 'no banner while online');
      // The app shell is kept: the worker installed (precached) and controls the page.
      const controlled = await page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            if (navigator.serviceWorker.controller) resolve(true);
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
            setTimeout(() => resolve(!!navigator.serviceWorker.controller), 10_000);
          }),
      );
      expectEqual(controlled, true, 'the service worker controls the page');
    });

    await check('the app restarted with the server unreachable: the feed reads from storage, all 3 pages, under the banner', async () => {
      await cutApi();
      await page.goto(url('/pages/feed/index'));
      await page.reload();
      expectEqual(await text(page, '.feed-screen .story-card__title'), published[0]!.title, 'first card');
      if (!(await bannerText(page)).startsWith('暂时连不上服务器，正在显示上次加载的内容')) throw new Error(await bannerText(page));
      for (let i = 0; i < 60 && (await visible(page, '.feed-screen .story-card').count()) < 30; i++) {
        await page.mouse.wheel(0, 1200);
        await page.waitForTimeout(150);
      }
      expectEqual(await visible(page, '.feed-screen .story-card').count(), 30, 'cards from storage');
      await page.mouse.wheel(0, -100_000);
      // Opened now, so their page code is loaded before the network goes entirely.
      await page.goto(storyUrl(stories[0]!._id));
      expectEqual(await text(page, '.story .story__title'), stories[0]!.title, 'story from storage');
      await page.goto(profileUrl(profiles[0]!._id));
      expectEqual(await text(page, '.profile .profile__name'), profiles[0]!.name, 'profile from storage');
    });

    await check('with no network at all: stories and profiles read from storage under "网络已断开，正在显示上次加载的内容"', async () => {
      await context.setOffline(true);
      await page.goto(storyUrl(stories[1]!._id));
      expectEqual(await text(page, '.story .story__title'), stories[1]!.title, 'story title');
      if (!(await bannerText(page)).startsWith('网络已断开，正在显示上次加载的内容')) throw new Error(await bannerText(page));
      await page.waitForTimeout(400);
      await shot('off-01-story-offline-390');
      await page.goto(profileUrl(profiles[1]!._id));
      expectEqual(await text(page, '.profile .profile__name'), profiles[1]!.name, 'profile name');
      if (!(await bannerText(page)).startsWith('网络已断开')) throw new Error(await bannerText(page));
      await page.goto(url('/pages/feed/index'));
      expectEqual(await text(page, '.feed-screen .story-card__title'), published[0]!.title, 'feed first card');
      if (!(await bannerText(page)).startsWith('网络已断开')) throw new Error(await bannerText(page));
      await page.waitForTimeout(400);
      await shot('off-02-feed-offline-390');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(400);
      await shot('off-03-feed-offline-1280');
      await page.goto(storyUrl(stories[1]!._id));
      await text(page, '.story .story__title');
      await page.waitForTimeout(400);
      await shot('off-04-story-offline-1280');
      await page.setViewportSize({ width: 390, height: 844 });
    });

    await check('with no network, a cold reload opens the app from the service worker: the feed and a story read under the banner', async () => {
      // Any file the worker fetched from the network now would mean the reload was not offline.
      const reached: string[] = [];
      const onFinished = (r: { url(): string; serviceWorker(): unknown }) => {
        if (r.serviceWorker()) reached.push(r.url());
      };
      context.on('requestfinished', onFinished);
      try {
        await page.goto(url('/pages/feed/index'));
        const feed = await page.reload();
        expectEqual(feed?.fromServiceWorker() ?? false, true, 'the page came from the service worker');
        expectEqual(await text(page, '.feed-screen .story-card__title'), published[0]!.title, 'feed first card after a cold reload');
        if (!(await bannerText(page)).startsWith('网络已断开，正在显示上次加载的内容')) throw new Error(await bannerText(page));
        await page.goto(storyUrl(stories[3]!._id));
        await page.reload();
        expectEqual(await text(page, '.story .story__title'), stories[3]!.title, 'story after a cold reload');
        if (!(await bannerText(page)).startsWith('网络已断开')) throw new Error(await bannerText(page));
        expectEqual(await page.evaluate(() => fetch('/healthz').then(() => 'reached', () => 'offline')), 'offline', 'the page has no network');
        expectEqual(reached, [], 'files the worker fetched from the network');
        await page.waitForTimeout(300);
        await shot('off-06-story-cold-reload-390');
      } finally {
        context.off('requestfinished', onFinished);
      }
    });

    await check('a story never opened says it cannot load, and the banner says why', async () => {
      await page.goto(storyUrl(neverOpened._id));
      await visible(page, 'text=网络不给力，请稍后重试').first().waitFor({ timeout: 15_000 });
      if (!(await bannerText(page)).startsWith('网络已断开，看过的内容仍可阅读')) throw new Error(await bannerText(page));
    });

    const liked = stories[2]!;
    const likesBefore = await publicCount(cloud, 'story', liked._id);
    await check('a like made offline shows 已点赞 with 待同步, and the banner counts it', async () => {
      await page.goto(storyUrl(liked._id));
      await text(page, '.story .story__title');
      const button = visible(page, '[data-testid=like-story]').first();
      await button.click();
      await visible(page, '[data-testid=like-story] .lb-pending').first().waitFor({ timeout: 5_000 });
      expectEqual((await button.locator('.lb-label').innerText()).trim(), '已点赞', 'label');
      expectEqual(Number(await button.locator('.lb-count').innerText()), likesBefore + 1, 'count');
      await page.waitForFunction(() => document.body.innerText.includes('1 个点赞待同步，联网后自动发送'), null, { timeout: 5_000 });
      await page.waitForTimeout(300);
      await shot('off-05-like-pending-390');
    });

    await check('the like survives a restart while the server still does not answer, and still says 待同步', async () => {
      await context.setOffline(false);
      await page.waitForTimeout(500);
      await page.reload();
      expectEqual(await text(page, '.story .story__title'), liked.title, 'story after restart');
      await visible(page, '[data-testid=like-story] .lb-pending').first().waitFor({ timeout: 10_000 });
      expectEqual(await publicCount(cloud, 'story', liked._id), likesBefore, 'server count while unreachable');
    });

    await check('once the server answers again, the like reaches it exactly once and 待同步 goes', async () => {
      await restoreApi();
      const sent = armed(page.waitForResponse(isSetLike, { timeout: 15_000 }));
      await page.reload();
      await sent;
      // The outbox may send before the story's button mounts (the banner starts it); the button
      // then learns the state from engagement.status, so wait for it to say 已点赞 before judging.
      await visible(page, '[data-testid=like-story] .lb-label:text-is("已点赞")').first().waitFor({ timeout: 10_000 });
      await visible(page, '[data-testid=like-story] .lb-pending').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      expectEqual(await visible(page, '[data-testid=like-story] .lb-pending').count(), 0, 'pending hint gone');
      expectEqual(await publicCount(cloud, 'story', liked._id), likesBefore + 1, 'server like count');
      expectEqual((await visible(page, '[data-testid=like-story] .lb-label').first().innerText()).trim(), '已点赞', 'still liked');
      expectEqual(await visible(page, '[data-testid=offline-banner]').count(), 0, 'no banner');
    });

    const saluted = profiles[2]!;
    await check('a salute made with no network is sent as soon as the network comes back', async () => {
      await page.goto(profileUrl(saluted._id));
      await text(page, '.profile .profile__name');
      await page.waitForTimeout(300);
      const before = await publicCount(cloud, 'profile', saluted._id);
      await context.setOffline(true);
      await visible(page, '[data-testid=like-exemplar]').first().click();
      await visible(page, '[data-testid=like-exemplar] .lb-pending').first().waitFor({ timeout: 5_000 });
      const sent = armed(page.waitForResponse(isSetLike, { timeout: 15_000 }));
      await context.setOffline(false);
      await sent;
      await page.waitForTimeout(300);
      expectEqual(await visible(page, '[data-testid=like-exemplar] .lb-pending').count(), 0, 'pending hint gone');
      expectEqual(await publicCount(cloud, 'profile', saluted._id), before + 1, 'server salute count');
    });
  },
  'offline',
  { serviceWorkers: true },
);
