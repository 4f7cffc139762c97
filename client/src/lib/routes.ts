/**
 * Every page of the mini-program, named once. app.config.ts lists its pages and subpackages
 * from the tables below, and every navigation, share path and redirect builds its URL with
 * `routes`, so a renamed or moved page breaks the type check rather than a tap. Lint refuses a
 * page path written anywhere else in client/src.
 *
 * A new page: add its path to the table of the package it belongs in, add a builder to
 * `routes` (with its query parameters typed), and create `src/<root>/<path>.tsx` with its
 * `.config.ts` beside it. This module must stay free of Taro and React imports: Taro evaluates
 * app.config.ts, and so this file, at build time in Node.
 */

/**
 * The main package: the tab pages and the pages a shared card or link opens (story, profile,
 * campaign, 公示), which must open without downloading a subpackage first. The first entry is
 * the page the mini-program launches on.
 */
export const MAIN_PAGES = {
  feed: 'pages/feed/index',
  library: 'pages/library/index',
  me: 'pages/me/index',
  story: 'pages/story/index',
  profile: 'pages/profile/index',
  campaign: 'pages/campaign/index',
  notice: 'pages/notice/index',
} as const;

/**
 * The poster is reached only from a story or a profile, never from a shared card: a subpackage
 * keeps its canvas code (and h5's QR encoder) out of the main package.
 */
export const SHARE_PACKAGE = {
  root: 'pages-share',
  pages: {
    poster: 'poster/index',
  },
} as const;

/** Staff tools: downloaded only by staff, when they open the 工作台. */
export const STAFF_PACKAGE = {
  root: 'pages-staff',
  pages: {
    home: 'home/index',
    invites: 'invites/index',
    grants: 'grants/index',
    audit: 'audit/index',
    libraryAdmin: 'library/index',
    units: 'units/index',
    campaignsAdmin: 'campaigns/index',
    drafts: 'drafts/index',
    storyEditor: 'story-editor/index',
    storyQueue: 'story-queue/index',
    storyReview: 'story-review/index',
    exemplarEditor: 'exemplar-editor/index',
    consent: 'consent/index',
    consentChecks: 'consent-checks/index',
    newNomination: 'nominations/new/index',
    myNominations: 'nominations/mine/index',
    nominationDetail: 'nominations/detail/index',
    nominationReview: 'review/index',
    publish: 'publish/index',
    commentModeration: 'comments/index',
    figures: 'figures/index',
    planBoard: 'plan-board/index',
    planTask: 'plan-task/index',
    planEditor: 'plan-editor/index',
    selections: 'selections/index',
    selectionRound: 'selection-round/index',
    selectionScore: 'selection-score/index',
    pursuits: 'pursuits/index',
    pursuit: 'pursuit/index',
  },
} as const;

/**
 * Search: opened from the feed's and the library's search bar, never by a shared link; a
 * subpackage keeps its screen out of the main package.
 */
export const SEARCH_PACKAGE = {
  root: 'pages-search',
  pages: {
    search: 'search/index',
  },
} as const;

/**
 * 荣誉墙: the honours wall and the lists behind its figures. Reached from the library and 我的,
 * never from a shared card; a subpackage keeps its chart library (ECharts) out of the main package.
 */
export const HONOURS_PACKAGE = {
  root: 'pages-honours',
  pages: {
    wall: 'wall/index',
    honoured: 'honoured/index',
    placements: 'placements/index',
  },
} as const;

/**
 * 公示异议: the objection form a reader opens from the 公示 page. It validates with the contract's
 * schema, and that brings zod and the whole schema module (about 80 KB): in a subpackage they are
 * downloaded by the few who object, not by every reader with the main package.
 */
export const NOTICE_PACKAGE = {
  root: 'pages-notice',
  pages: {
    objection: 'objection/index',
  },
} as const;

export const SUBPACKAGES = [SHARE_PACKAGE, STAFF_PACKAGE, SEARCH_PACKAGE, HONOURS_PACKAGE, NOTICE_PACKAGE] as const;

type PackagePages<P extends { root: string; pages: Record<string, string> }> = `${P['root']}/${P['pages'][keyof P['pages']]}`;
/** A page's path as app.config.ts and WeChat name it: no leading slash, no query. */
export type PagePath = (typeof MAIN_PAGES)[keyof typeof MAIN_PAGES] | PackagePages<typeof SHARE_PACKAGE> | PackagePages<typeof STAFF_PACKAGE> | PackagePages<typeof SEARCH_PACKAGE> | PackagePages<typeof HONOURS_PACKAGE> | PackagePages<typeof NOTICE_PACKAGE>;

function share(page: keyof typeof SHARE_PACKAGE.pages): PagePath {
  return `${SHARE_PACKAGE.root}/${SHARE_PACKAGE.pages[page]}`;
}
function honours(page: keyof typeof HONOURS_PACKAGE.pages): PagePath {
  return `${HONOURS_PACKAGE.root}/${HONOURS_PACKAGE.pages[page]}`;
}
function staff(page: keyof typeof STAFF_PACKAGE.pages): PagePath {
  return `${STAFF_PACKAGE.root}/${STAFF_PACKAGE.pages[page]}`;
}

/**
 * The URL navigateTo / redirectTo / a share path takes: a leading slash, then the query with
 * each value URL-encoded. Absent or empty values are left out, so `storyEditor({})` opens a
 * new story rather than one with an empty id.
 */
export function pageUrl(path: PagePath, query: Readonly<Record<string, string | undefined>> = {}): string {
  const pairs = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return search ? `/${path}?${search}` : `/${path}`;
}

/** One builder per page: its URL, with the query parameters that page reads. */
export const routes = {
  // Main package
  feed: () => pageUrl(MAIN_PAGES.feed),
  library: () => pageUrl(MAIN_PAGES.library),
  me: () => pageUrl(MAIN_PAGES.me),
  story: (q: { id: string }) => pageUrl(MAIN_PAGES.story, q),
  profile: (q: { id: string }) => pageUrl(MAIN_PAGES.profile, q),
  campaign: (q: { id: string }) => pageUrl(MAIN_PAGES.campaign, q),
  notice: () => pageUrl(MAIN_PAGES.notice),
  // pages-notice
  /** The objection form for the nomination `id` in 公示 (`name`: the nominee, for the heading). */
  objection: (q: { id: string; name: string }) => pageUrl(`${NOTICE_PACKAGE.root}/${NOTICE_PACKAGE.pages.objection}`, q),
  // pages-share
  /** A story's poster; with `kind: 'exemplar'`, the poster of the profile `id` (a person or a station). */
  poster: (q: { id: string; kind?: 'exemplar' }) => pageUrl(share('poster'), q),
  // pages-search
  /** `q` starts the search with that query (empty: the recent searches). */
  search: (q: { q?: string } = {}) => pageUrl(`${SEARCH_PACKAGE.root}/${SEARCH_PACKAGE.pages.search}`, q),
  // pages-honours
  honoursWall: () => pageUrl(honours('wall')),
  /**
   * The exemplars behind a wall figure: honoured in `band` in `year`, or in any year `since` one
   * (optionally one `kind`, one unit's subtree named `unitName`); or, with `tier`, a library's size.
   */
  honoured: (q: { band?: string; year?: string; since?: string; kind?: string; unitId?: string; unitName?: string; tier?: string }) => pageUrl(honours('honoured'), q),
  /** The media placements behind a wall figure: all, one outlet `level` or one `outlet`; one `year` or `since` one. */
  placements: (q: { level?: string; outlet?: string; year?: string; since?: string }) => pageUrl(honours('placements'), q),
  // pages-staff
  staffHome: () => pageUrl(staff('home')),
  invites: () => pageUrl(staff('invites')),
  grants: () => pageUrl(staff('grants')),
  audit: () => pageUrl(staff('audit')),
  libraryAdmin: () => pageUrl(staff('libraryAdmin')),
  units: () => pageUrl(staff('units')),
  campaignsAdmin: () => pageUrl(staff('campaignsAdmin')),
  drafts: () => pageUrl(staff('drafts')),
  /** Without an id the editor starts a new story. */
  storyEditor: (q: { id?: string } = {}) => pageUrl(staff('storyEditor'), q),
  storyQueue: () => pageUrl(staff('storyQueue')),
  storyReview: (q: { id: string }) => pageUrl(staff('storyReview'), q),
  /** Without an id the editor starts a new exemplar. */
  exemplarEditor: (q: { id?: string } = {}) => pageUrl(staff('exemplarEditor'), q),
  /** Opened by the person themself from the link authoring.requestConsent answers with. */
  consent: (q: { code: string }) => pageUrl(staff('consent'), q),
  /** 同意书核对: signed consent forms waiting for the reviewer's check. */
  consentChecks: () => pageUrl(staff('consentChecks')),
  newNomination: () => pageUrl(staff('newNomination')),
  myNominations: () => pageUrl(staff('myNominations')),
  /** One nomination: its timeline and what the caller may do with it (revise, withdraw, decide). */
  nominationDetail: (q: { id: string }) => pageUrl(staff('nominationDetail'), q),
  /** `tab: 'objections'` opens the 公示异议 tab (the 工作台's objection items). */
  nominationReview: (q: { tab?: 'objections' } = {}) => pageUrl(staff('nominationReview'), q),
  publish: () => pageUrl(staff('publish')),
  /** 留言管理: readers' messages under the stories of the reviewer's subtrees (`tab: 'featured'` opens 已精选). */
  commentModeration: (q: { tab?: 'featured' } = {}) => pageUrl(staff('commentModeration'), q),
  /** 数据统计: the figures of a unit subtree (default: the caller's highest unit) and their Excel workbook. */
  figures: (q: { unitId?: string } = {}) => pageUrl(staff('figures'), q),
  /** 挂图作业: a year's boards (`year`, default this one), or one board (`planId`). */
  planBoard: (q: { planId?: string; year?: string } = {}) => pageUrl(staff('planBoard'), q),
  /** One plan task: its evidence, 对账消号 and reopening. */
  planTask: (q: { id: string }) => pageUrl(staff('planTask'), q),
  /** A new task of the plan `planId`, or the task `id` edited. */
  planEditor: (q: { planId: string; id?: string }) => pageUrl(staff('planEditor'), q),
  /** 岗位标兵评选: the rounds the caller has to do with (`new: '1'` opens the form for a new round). */
  selections: (q: { new?: '1' } = {}) => pageUrl(staff('selections'), q),
  /** One selection round: criteria, committee, candidates, and once closed its ranking. */
  selectionRound: (q: { id: string }) => pageUrl(staff('selectionRound'), q),
  /** A committee member's score sheet for one candidate of a round. */
  selectionScore: (q: { roundId: string; candidateId: string }) => pageUrl(staff('selectionScore'), q),
  /** 争创荣誉: one year's pursuits (`year`, default this one); `new: '1'` opens the form for a new one. */
  pursuits: (q: { year?: string; new?: '1' } = {}) => pageUrl(staff('pursuits'), q),
  /** One pursuit: its window, key dates, candidates and outcomes. */
  pursuit: (q: { id: string }) => pageUrl(staff('pursuit'), q),
} as const;
