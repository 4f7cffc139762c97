/**
 * lib/routes.ts is the one list of pages: app.config.ts is built from it, every page it names
 * exists as a page file, every page file is named in it, and its builders make URLs WeChat and
 * the h5 router accept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAIN_PAGES, SUBPACKAGES, pageUrl, routes } from '../../client/src/lib/routes';

const src = path.resolve(__dirname, '../../client/src');

interface AppConfig {
  resizable?: boolean;
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
}

/** app.config.ts as Taro evaluates it at build time (defineAppConfig is a build-time global). */
function appConfig(): AppConfig {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig };
  g.defineAppConfig = (c) => c;
  try {
    return (require('../../client/src/app.config') as { default: AppConfig }).default;
  } finally {
    delete g.defineAppConfig;
  }
}

/** Every `index.tsx` page under a package root, as a page path (`pages/feed/index`). */
function pageFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(src, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name === 'index.tsx') out.push(rel.replace(/\.tsx$/, ''));
    }
  };
  walk(root);
  return out.sort();
}

describe('the route table', () => {
  it('is what app.config.ts lists, main package first with the feed as the launch page', () => {
    const config = appConfig();
    expect(config.pages).toEqual(Object.values(MAIN_PAGES));
    expect(config.pages[0]).toBe('pages/feed/index');
    expect(config.subPackages).toEqual(SUBPACKAGES.map((p) => ({ root: p.root, pages: Object.values(p.pages) })));
  });

  it('puts every tab bar page in the main package, as WeChat requires', () => {
    const main: string[] = Object.values(MAIN_PAGES);
    for (const tab of appConfig().tabBar.list) expect(main).toContain(tab.pagePath);
  });

  it('names every page file, and every page it names has its component and its config', () => {
    const named = [...Object.values(MAIN_PAGES), ...SUBPACKAGES.flatMap((p) => Object.values(p.pages).map((page) => `${p.root}/${page}`))];
    const roots = ['pages', ...SUBPACKAGES.map((p) => p.root)];
    expect([...named].sort()).toEqual(roots.flatMap(pageFiles).sort());
    for (const page of named) expect(fs.existsSync(path.join(src, `${page}.config.ts`))).toBe(true);
  });

  it('builds every URL from a page it names', () => {
    const named = new Set([...Object.values(MAIN_PAGES), ...SUBPACKAGES.flatMap((p) => Object.values(p.pages).map((page) => `${p.root}/${page}`))]);
    const urls = [
      routes.feed(),
      routes.library(),
      routes.me(),
      routes.story({ id: 's1' }),
      routes.profile({ id: 'e1' }),
      routes.campaign({ id: 'c1' }),
      routes.notice(),
      routes.objection({ id: 'n1', name: '特勤站' }),
      routes.poster({ id: 's1' }),
      routes.search(),
      routes.honoursWall(),
      routes.honoured({ band: 'any', since: '2022' }),
      routes.placements({ year: '2024' }),
      routes.staffHome(),
      routes.invites(),
      routes.grants(),
      routes.audit(),
      routes.libraryAdmin(),
      routes.units(),
      routes.campaignsAdmin(),
      routes.drafts(),
      routes.storyEditor(),
      routes.storyQueue(),
      routes.storyReview({ id: 's1' }),
      routes.exemplarEditor(),
      routes.consent({ code: 'C1' }),
      routes.consentChecks(),
      routes.newNomination(),
      routes.myNominations(),
      routes.nominationDetail({ id: 'n1' }),
      routes.nominationReview(),
      routes.publish(),
      routes.commentModeration({ tab: 'featured' }),
      routes.pursuits({ year: '2026', new: '1' }),
      routes.pursuit({ id: 'pu1' }),
      routes.figures({ unitId: 'u1' }),
      routes.planBoard({ planId: 'pl1' }),
      routes.planTask({ id: 'pt1' }),
      routes.planEditor({ planId: 'pl1', id: 'pt1' }),
      routes.selections({ new: '1' }),
      routes.selectionRound({ id: 'sr1' }),
      routes.selectionScore({ roundId: 'sr1', candidateId: 'sc1' }),
    ];
    expect(urls).toHaveLength(Object.keys(routes).length);
    for (const url of urls) {
      expect(url.startsWith('/')).toBe(true);
      expect(named.has(url.slice(1).split('?')[0]!)).toBe(true);
    }
    expect(new Set(urls.map((u) => u.split('?')[0])).size).toBe(named.size);
  });
});

describe('the app config', () => {
  it('lets PC WeChat open the app in a large, resizable window (staff work at a desk)', () => {
    expect(appConfig().resizable).toBe(true);
  });
});

describe('route builders', () => {
  it('URL-encode query values', () => {
    expect(routes.story({ id: 'a b&c=d/é' })).toBe('/pages/story/index?id=a%20b%26c%3Dd%2F%C3%A9');
    expect(routes.consent({ code: 'CODE123456' })).toBe('/pages-staff/consent/index?code=CODE123456');
  });

  it('leave out absent and empty values, so an editor without an id starts a new one', () => {
    expect(routes.storyEditor()).toBe('/pages-staff/story-editor/index');
    expect(routes.storyEditor({ id: '' })).toBe('/pages-staff/story-editor/index');
    expect(routes.exemplarEditor({ id: 'e1' })).toBe('/pages-staff/exemplar-editor/index?id=e1');
    expect(routes.nominationReview()).toBe('/pages-staff/review/index');
    expect(routes.nominationReview({ tab: 'objections' })).toBe('/pages-staff/review/index?tab=objections');
    expect(routes.search({ q: '王建军' })).toBe('/pages-search/search/index?q=%E7%8E%8B%E5%BB%BA%E5%86%9B');
    expect(routes.search({ q: '' })).toBe('/pages-search/search/index');
    expect(pageUrl('pages/feed/index', { a: '1', b: undefined, c: '3' })).toBe('/pages/feed/index?a=1&c=3');
  });
});
