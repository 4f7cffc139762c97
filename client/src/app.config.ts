import { MAIN_PAGES, SUBPACKAGES } from './lib/routes';

export default defineAppConfig({
  // The page lists come from lib/routes.ts, where each package says why its pages live there.
  // Taro evaluates this file in Node at build time (esbuild bundles its imports), so routes.ts
  // stays free of Taro and React.
  pages: Object.values(MAIN_PAGES),
  subPackages: SUBPACKAGES.map((p) => ({ root: p.root, pages: Object.values(p.pages) })),
  lazyCodeLoading: 'requiredComponents',
  // h5 only: no slide between pages. Taro's router hides the page left behind on a timer when it
  // animates, and a back within that time (a quick tap, or timers running late on a slow phone)
  // let the timer hide the page just shown again: a blank page (NervJS/taro #12455, #15516).
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // PC WeChat (Windows, Mac) opens the mini-program in a large, freely resizable window instead of
  // a phone-sized one (base library 2.21.3+), and an iPad rotates it: staff write and review at a
  // desk. Pages lay out for the width they get (media queries at 768 px; reader pages stay
  // phone-shaped and centred).
  resizable: true,
  // Saving a poster writes to the album, a privacy API: WeChat checks the privacy guide
  // (declared in the admin console) before it, and requirePrivacyAuthorize asks first.
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: '身边典型',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    // #5f6577: AA contrast (5.8:1) for the 10 px tab labels on white.
    color: '#5f6577',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: MAIN_PAGES.feed, text: '动态', iconPath: 'assets/tab/feed.png', selectedIconPath: 'assets/tab/feed-active.png' },
      { pagePath: MAIN_PAGES.library, text: '典型库', iconPath: 'assets/tab/library.png', selectedIconPath: 'assets/tab/library-active.png' },
      { pagePath: MAIN_PAGES.me, text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
