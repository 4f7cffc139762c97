export default defineAppConfig({
  // Tab pages and share landing pages (story, profile, campaign) stay in the main package:
  // a shared card must open without downloading a subpackage first.
  pages: [
    'pages/feed/index',
    'pages/library/index',
    'pages/me/index',
    'pages/story/index',
    'pages/profile/index',
    'pages/campaign/index',
    // 公示 is public: a shared notice link must open without the staff subpackage.
    'pages/notice/index',
  ],
  // The poster is reached only from a story, never from a shared card: a subpackage keeps
  // its canvas code (and h5's QR encoder) out of the main package.
  subPackages: [
    { root: 'pages-share', pages: ['poster/index'] },
    // Staff tools: downloaded only by staff, when they open the 工作台.
    { root: 'pages-staff', pages: ['home/index', 'invites/index', 'grants/index', 'audit/index', 'library/index', 'units/index', 'campaigns/index', 'drafts/index', 'story-editor/index', 'story-queue/index', 'story-review/index', 'exemplar-editor/index', 'consent/index', 'nominations/new/index', 'nominations/mine/index', 'review/index', 'publish/index'] },
  ],
  lazyCodeLoading: 'requiredComponents',
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
    color: '#7a8194',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/feed/index', text: '动态', iconPath: 'assets/tab/feed.png', selectedIconPath: 'assets/tab/feed-active.png' },
      { pagePath: 'pages/library/index', text: '典型库', iconPath: 'assets/tab/library.png', selectedIconPath: 'assets/tab/library-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
