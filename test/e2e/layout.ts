/**
 * The layout check (issue 10): every staff page, as each role that uses it, at a phone's width
 * (390 px) and at PC WeChat's (1280 px), judged in the page itself by four rules:
 *
 *   squeezed   a text of 3+ characters rendered with at most two characters per line (a row
 *              squeezed by a full-width button: "邀\n请\n码")
 *   overflow   text wider than its box (its own, or the window): cut off or spilling out of its card
 *   raw-text   a raw id, a file id, a hex digest, an OPENID-like handle, an English code
 *              (PERMISSION_DENIED, in_review, authoring.saveDraft) or JSON shown to a person
 *   tap-target a tap target smaller than 44×44 CSS px: a button, a link, a form field, or any
 *              element with a tap handler (WCAG 2.5.8's inline exception: a link inside a
 *              sentence, i.e. an inline element whose parent has text of its own; a checkbox is
 *              as big as the label around it)
 *
 * A page is judged only once it shows its own content (each page names what that is) and has
 * settled (no call in flight, nothing loading, moving or still coming onto the screen); a page
 * that shows a failure instead (a permission refusal, a failed load) fails. What a page opens on
 * a tap (a row's detail, a decision sheet, another tab) is judged too. Every page of the staff
 * package must be in the list below, or the check fails.
 *
 * Then the same rules with the text 1.5× larger (the root font scaled, as Taro's h5 sizes text in
 * rem) over the story page's action bar, the profile's salute button and staff lists at 390 px.
 * Reader pages must stay phone-shaped and centred on a 1280 px window.
 *
 * Every screenshot judged is saved under test-results/layout/<page>-<role>-<width>.png, and
 * every failure (page, role, width, selector, text, rule) in test-results/layout/report.json.
 * The demo world gets what the pages list (a story in review, a returned one, nominations at
 * each level, an objection in 公示, signed forms to check, an invite, a reader's message), made
 * through the API as each person would.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { PNG } from 'pngjs';
import { STAFF_PACKAGE } from '../../client/src/lib/routes';
import { DEMO_CLOSED_ROUND, DEMO_OPEN_CANDIDATES, DEMO_OPEN_ROUND, demoOpenCandidateId } from '../../emulator/seed/selections';
import { buildDemoDocuments, DEFAULT_SEED_NOW, DEV_USERS } from '../../emulator/seed';
import { actAs, BUTTON, button, field, root, visible, withSession, type Session } from './harness';

const OUT = path.join(root, 'test-results', 'layout');
const STATION = 'u-wlmq-b1-s1';
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

type Rule = 'squeezed' | 'overflow' | 'raw-text' | 'tap-target' | 'phone-shape' | 'load';
interface Failure {
  page: string;
  role: string;
  width: number;
  rule: Rule;
  selector: string;
  text: string;
  detail: string;
}

type Envelope<T> = { ok: boolean; data?: T; error?: unknown };

// ------------------------------------------------------------------ the world the pages show

/** A page-sized "scan" of a signed form (grey lines and a signature), distinct per seed. */
function scan(seed: number): string {
  const w = 240;
  const h = 320;
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      let v = 248 - ((x * 7 + y * 3 + seed) % 5);
      if (y > 60 && y < 240 && y % 14 < 2 && x > 20 && x < 220 - ((y * seed) % 60)) v = 90;
      if (x > 130 && x < 210 && Math.abs(y - (270 + Math.round(9 * Math.sin((x + seed * 13) / 7)))) < 2) v = 20;
      png.data[i] = v;
      png.data[i + 1] = v;
      png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png).toString('base64');
}

interface World {
  /** A story in review at the station (for the review page). */
  inReview: string;
  /** A story returned to its editor. */
  returned: string;
  /** A nomination waiting for the detachment. */
  nomination: string;
  /** A nomination returned to its nominator (the revise form). */
  returnedNomination: string;
  /** A nomination in 公示 with an open objection. */
  objected: string;
  /** An exemplar the editor created, with a consent link out. */
  exemplar: string;
  consentCode: string;
  inviteCode: string;
  /** A reader's message waiting in 留言管理 (under a story of the 乌鲁木齐 detachment). */
  comment: string;
  /** Demo records the reader pages open. */
  story: string;
  person: string;
  campaign: string;
  /** Every id the world holds: none may be shown to a person. */
  ids: string[];
}

async function buildWorld(s: Session): Promise<World> {
  const as = async <T>(openid: string, fn: string, action: string, data: unknown): Promise<T> => {
    const res = (await s.cloud.invoke(fn, { action, data }, { openid })) as Envelope<T>;
    if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${JSON.stringify(res.error)}`);
    return res.data as T;
  };
  const writeStory = async (id: string, title: string) => {
    const saved = await as<{ version: number }>('dev-editor', 'authoring', 'saveDraft', {
      storyId: id,
      baseVersion: 0,
      title,
      summary: '暴雪封路的夜里，特勤站六名队员徒步四公里，把被困的一家人接下山。',
      cover: null,
      campaignId: null,
      exemplarIds: [],
      unitId: STATION,
      author: '王磊',
      markdown: '## 出警\n\n凌晨两点，警铃响起。\n\n## 救援\n\n积雪没过膝盖，队员们轮流开路，三个小时后找到了被困的车辆。\n',
    });
    await as('dev-editor', 'authoring', 'submit', { storyId: id, version: saved.version });
    return id;
  };
  const inReview = await writeStory('slayout0review', '雪夜驰援：六名队员徒步四公里接回被困一家');
  const returned = await writeStory('slayout0return', '天山脚下的守护者');
  const draft = await as<{ version: number }>('dev-reviewer', 'authoring', 'draft', { storyId: returned });
  await as('dev-reviewer', 'authoring', 'review', { storyId: returned, version: draft.version, decision: 'return', comment: '请补充救援时间和被困人数，并核对队员姓名。' });

  // Signed consent forms waiting for the reviewers' check, on new individual profiles.
  const people = ['王小勇', '李建国', '买买提·艾力'];
  for (const [i, name] of people.entries()) {
    const id = `elayout0${i}`;
    await as('dev-editor', 'authoring', 'saveExemplar', { id, kind: 'individual', name, unitId: STATION, category: 'rescue', title: '一级消防士', summary: '冲在最前的老班长', photo: null, biography: '' });
    const up = await as<{ fileId: string }>('dev-editor', 'authoring', 'uploadImage', { purpose: 'consent', base64: scan(i + 1) });
    await as('dev-editor', 'authoring', 'recordSignedConsent', { exemplarId: id, file: up.fileId });
  }
  const exemplar = 'elayout0link';
  await as('dev-editor', 'authoring', 'saveExemplar', { id: exemplar, kind: 'individual', name: '赵海涛', unitId: STATION, category: 'rescue', title: '消防站站长', summary: '二十年守护天山脚下', photo: null, biography: '' });
  const link = await as<{ code: string }>('dev-editor', 'authoring', 'requestConsent', { exemplarId: exemplar });

  // Nominations: one waiting for the detachment, one returned, one in 公示 with an objection.
  const nominate = async (key: string, name: string, kind: 'individual' | 'collective') => {
    const form = kind === 'individual' ? (await as<{ fileId: string }>('dev-editor', 'authoring', 'uploadImage', { purpose: 'consent', base64: scan(key.length) })).fileId : null;
    const n = await as<{ nomination: { _id: string } }>('dev-editor', 'nominations', 'submit', {
      requestKey: `layout-${key}`,
      nominatingUnitId: STATION,
      nominee: { new: { kind, name, unitId: STATION } },
      category: 'rescue',
      targetTier: 'reserve',
      deeds: '在一次夜间化工厂火灾中，带领突击组三进火场，关闭泄漏阀门，疏散群众一百二十余人，无一伤亡。',
      attachments: [],
      consentForm: form,
    });
    return n.nomination._id;
  };
  const nomination = await nominate('waiting-1', '古丽娜尔', 'individual');
  const back = await nominate('returned-1', '天山区特勤站', 'collective');
  await as('dev-reviewer', 'nominations', 'decide', { id: back, decision: 'return', comment: '请补充获奖证明材料的扫描件。' });
  const objected = await nominate('notice-1', '米东区消防救援站', 'collective');
  await as('dev-reviewer', 'nominations', 'decide', { id: objected, decision: 'approve', comment: '' });
  await as('dev-corps-reviewer', 'nominations', 'decide', { id: objected, decision: 'approve', comment: '事迹突出，同意公示' });
  await as('dev-reader', 'nominations', 'object', { id: objected, text: '事迹材料中转移群众的人数与当时新闻报道不符，请核实。' });

  const invite = await as<{ code: string }>('dev-admin', 'admin', 'createInvite', { role: 'editor', unitId: STATION, validDays: 7 });

  const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
  const commented = demo.stories.find((st) => st.state === 'published' && st.unitPath.includes('u-wlmq'));
  if (!commented) throw new Error('the demo has no published story under 乌鲁木齐支队 to write a message under');
  const posted = await as<{ comment: { _id: string } }>('dev-reader', 'comments', 'post', { storyId: commented._id, text: '读完很受触动，向雪夜里徒步救援的消防员们致敬！', requestKey: 'layout-comment-1' });
  const ids = [
    ...Object.values(demo)
      .filter((docs): docs is { _id: string }[] => Array.isArray(docs))
      .flatMap((docs) => docs.map((d) => d._id)),
    inReview,
    returned,
    nomination,
    back,
    objected,
    exemplar,
    posted.comment._id,
    ...people.map((_, i) => `elayout0${i}`),
    ...DEV_USERS.map((u) => u.openid),
  ];
  const story = demo.stories.find((st) => st.state === 'published' && st.cover)?._id ?? '';
  const person = (demo.exemplars.find((e) => e.state === 'published' && e.kind === 'individual' && e.honorCount > 0) ?? demo.exemplars[0])?._id ?? '';
  const campaign = demo.campaigns[0]?._id ?? '';
  return { inReview, returned, nomination, returnedNomination: back, objected, exemplar, consentCode: link.code, inviteCode: invite.code, comment: posted.comment._id, story, person, campaign, ids };
}

// ------------------------------------------------------------------ the pages and their people

/**
 * What a page shows after a tap (a row opened, a sheet, another tab): judged like the page, with
 * its own screenshot. It is tapped on the page as it was judged, without reloading it.
 */
interface Step {
  name: string;
  /** What a person taps (the first visible match). */
  tap: string;
  /** What shows once the tap has done its work. */
  ready: string;
  /** Only at these widths (a control that exists only on a phone, say). */
  widths?: readonly number[];
  /** Only as these roles (the page looks the same to the others). */
  roles?: readonly string[];
}

interface PageCase {
  /** File-name-safe name of the page. */
  name: string;
  route: (w: World) => string;
  /** Dev identities (labels as the switcher shows them) that use the page. */
  roles: string[];
  /** Something that shows only once the page has its content: never a loading or failure state. */
  ready: string;
  /** A reader page: on a wide window it stays phone-shaped, centred (the `phone` rule). */
  phone?: boolean;
  steps?: Step[];
}

const EDITOR = '宣传员（特勤站）';
const REVIEWER = '审核员（乌鲁木齐支队）';
const CORPS_REVIEWER = '审核员（总队）';
const PUBLISHER = '发布员（总队）';
const ADMIN = '管理员（总队）';
const READER = '读者（消防员）';
const STAFF = [EDITOR, REVIEWER, CORPS_REVIEWER, PUBLISHER, ADMIN];
const ROLE_TAG: Record<string, string> = {
  [EDITOR]: 'editor',
  [REVIEWER]: 'reviewer',
  [CORPS_REVIEWER]: 'corps-reviewer',
  [PUBLISHER]: 'publisher',
  [ADMIN]: 'admin',
  [READER]: 'reader',
};
const PHONE = [390] as const;

const PAGES: PageCase[] = [
  // 我的 is one page for every role, its staff parts (identity, 我的资料, the 工作台 entry) filled
  // from the caller: the editor (one station, a short name) and the admin (the corps, the longest
  // unit name) show its shortest and longest texts.
  { name: 'me', route: () => '/pages/me/index', roles: [EDITOR, ADMIN], ready: '[data-testid=my-profile]', steps: [{ name: 'edit', tap: '.me-profile__edit', ready: '.me-profile__save', roles: [EDITOR] }] },
  { name: 'staff-home', route: () => '/pages-staff/home/index', roles: STAFF, ready: '[data-testid^=tile-]' },
  { name: 'drafts', route: () => '/pages-staff/drafts/index', roles: [EDITOR], ready: '[data-testid=draft-row]', steps: [{ name: 'exemplars', tap: '.tabs__tab:has-text("本单位典型资料")', ready: '[data-testid=exemplar-row]' }] },
  {
    name: 'story-editor',
    route: (w) => `/pages-staff/story-editor/index?id=${w.returned}`,
    roles: [EDITOR],
    ready: field('标题'),
    // A desk-wide window shows the preview beside the text; a phone switches to it.
    steps: [{ name: 'preview', tap: '.story-editor__tool--preview', ready: '[data-testid=story-preview]', widths: PHONE }],
  },
  { name: 'story-editor-new', route: () => '/pages-staff/story-editor/index', roles: [EDITOR], ready: field('标题') },
  { name: 'exemplar-editor', route: (w) => `/pages-staff/exemplar-editor/index?id=${w.exemplar}`, roles: [EDITOR], ready: '[data-testid=consent-status]', steps: [{ name: 'consent-link', tap: button('发起本人确认'), ready: '[data-testid=consent-link]' }] },
  { name: 'exemplar-editor-new', route: () => '/pages-staff/exemplar-editor/index', roles: [EDITOR], ready: field('名称') },
  { name: 'nomination-new', route: () => '/pages-staff/nominations/new/index', roles: [EDITOR], ready: button('提交推荐') },
  { name: 'nominations-mine', route: () => '/pages-staff/nominations/mine/index', roles: [EDITOR], ready: '[data-testid=my-nomination]' },
  { name: 'nomination-detail', route: (w) => `/pages-staff/nominations/detail/index?id=${w.nomination}`, roles: [EDITOR, REVIEWER], ready: '[data-testid=nomination-page]' },
  { name: 'nomination-returned', route: (w) => `/pages-staff/nominations/detail/index?id=${w.returnedNomination}`, roles: [EDITOR], ready: '[data-testid=return-comment]', steps: [{ name: 'revise', tap: button('修改后重新提交'), ready: '[data-testid=revise-form]' }] },
  { name: 'story-queue', route: () => '/pages-staff/story-queue/index', roles: [REVIEWER, CORPS_REVIEWER], ready: '[data-testid=story-queue-item]' },
  { name: 'story-review', route: (w) => `/pages-staff/story-review/index?id=${w.inReview}`, roles: [REVIEWER], ready: '[data-testid=review-reader-view]' },
  { name: 'nomination-review', route: () => '/pages-staff/review/index', roles: [REVIEWER, CORPS_REVIEWER], ready: '[data-testid=queue-item], [data-testid=state-empty]' },
  { name: 'nomination-objections', route: () => '/pages-staff/review/index?tab=objections', roles: [CORPS_REVIEWER], ready: '[data-testid=objection-item]', steps: [{ name: 'sustain', tap: button('异议成立'), ready: '[data-testid=objection-sheet]' }] },
  { name: 'consent-checks', route: () => '/pages-staff/consent-checks/index', roles: [REVIEWER, CORPS_REVIEWER], ready: '[data-testid=consent-check-row]', steps: [{ name: 'open', tap: '[data-testid=consent-check-row]', ready: '[data-testid=consent-check-detail]', roles: [REVIEWER] }] },
  { name: 'comment-moderation', route: () => '/pages-staff/comments/index', roles: [REVIEWER], ready: '[data-testid=moderation-item]' },
  // 数据统计: the corps (every detachment a row) and a detachment (its battalions); the unit tree opens in place.
  { name: 'figures', route: () => '/pages-staff/figures/index', roles: [ADMIN, REVIEWER], ready: '[data-testid=table-honours] [data-testid=figures-total]', steps: [{ name: 'units', tap: '.figures__link[aria-expanded=false]', ready: '.figures__picker [data-testid=unit-row]' }] },
  // 争创荣誉: the seed's year (its pursuits are dated around the seed's day), and a pursuit whose outcomes are open.
  { name: 'pursuits', route: () => `/pages-staff/pursuits/index?year=${new Date(DEFAULT_SEED_NOW).getUTCFullYear()}`, roles: [ADMIN, REVIEWER], ready: '[data-testid=pursuit-row]', steps: [{ name: 'new', tap: '[data-testid=pursuit-new]', ready: '[data-testid=pursuit-form]', roles: [ADMIN] }] },
  { name: 'pursuit', route: () => '/pages-staff/pursuit/index?id=pu-demo-beautiful', roles: [ADMIN, CORPS_REVIEWER], ready: '[data-testid=pursuit-candidate]', steps: [{ name: 'pick', tap: '[data-testid=candidate-add]', ready: '[data-testid=candidate-option]', roles: [ADMIN] }] },
  // 挂图作业 in the seed's year (its tasks are dated around the seed's day): the corps (every detachment's board) and a
  // detachment's reviewer (its own board); a board by month and by state; an overdue task (the admin opens 对账消号),
  // a ticked one with its evidence (the admin opens 重新打开); the task form.
  { name: 'plans', route: () => `/pages-staff/plan-board/index?year=${new Date(DEFAULT_SEED_NOW).getUTCFullYear()}`, roles: [ADMIN, REVIEWER], ready: '[data-testid=plan-row]' },
  {
    name: 'plan-board',
    route: () => `/pages-staff/plan-board/index?planId=pl-${new Date(DEFAULT_SEED_NOW).getUTCFullYear()}-u-wlmq`,
    roles: [ADMIN, REVIEWER],
    ready: '[data-testid=plan-task]',
    steps: [{ name: 'states', tap: '.tabs__tab:has-text("按状态")', ready: '.plan-subtitle--overdue' }],
  },
  {
    name: 'plan-task',
    route: () => `/pages-staff/plan-task/index?id=pt-wlmq-${new Date(DEFAULT_SEED_NOW).getUTCFullYear()}-4`,
    roles: [ADMIN, REVIEWER],
    ready: '[data-testid=plan-task-detail]',
    steps: [{ name: 'tick', tap: '[data-testid=plan-tick]', ready: '[data-testid=plan-tick-form]', roles: [ADMIN] }],
  },
  {
    name: 'plan-task-done',
    route: () => `/pages-staff/plan-task/index?id=pt-wlmq-${new Date(DEFAULT_SEED_NOW).getUTCFullYear()}-1`,
    roles: [ADMIN],
    ready: '[data-testid=plan-evidence]',
    steps: [{ name: 'reopen', tap: '[data-testid=plan-reopen]', ready: '[data-testid=plan-reopen-sheet]' }],
  },
  {
    name: 'plan-editor',
    route: () => `/pages-staff/plan-editor/index?planId=pl-${new Date(DEFAULT_SEED_NOW).getUTCFullYear()}-u-wlmq`,
    roles: [ADMIN],
    ready: '[data-testid=plan-task-form]',
    // The picker of the plan subtree's nominations (the world's editor nominated inside 乌鲁木齐支队).
    steps: [{ name: 'link', tap: '[data-testid=plan-pick-nomination]', ready: '[data-testid=plan-link-option]' }],
  },
  { name: 'library-admin', route: () => '/pages-staff/library/index', roles: [PUBLISHER], ready: '[data-testid=library-row]', steps: [{ name: 'decision', tap: `[data-testid=library-row] ${BUTTON}`, ready: '[data-testid=decision-panel]' }] },
  { name: 'publish', route: () => '/pages-staff/publish/index', roles: [PUBLISHER], ready: '[data-testid=publish-candidate]', steps: [{ name: 'preview', tap: '[data-testid=publish-button]', ready: '[data-testid=publish-preview]' }] },
  { name: 'invites', route: () => '/pages-staff/invites/index', roles: [ADMIN], ready: '[data-testid=invite-row]' },
  { name: 'grants', route: () => '/pages-staff/grants/index', roles: [ADMIN], ready: '[data-testid=grant-row]' },
  { name: 'audit', route: () => '/pages-staff/audit/index', roles: [ADMIN], ready: '[data-testid=audit-row]', steps: [{ name: 'details', tap: '[data-testid=audit-row][role=button]', ready: '[data-testid=audit-details]' }] },
  { name: 'units', route: () => '/pages-staff/units/index', roles: [ADMIN], ready: '[data-testid=unit-row]', steps: [{ name: 'open', tap: '[data-testid=unit-row] .unit-chooser__pick', ready: '[data-testid=unit-panel]' }] },
  // 岗位标兵评选: the list (the admin's new-round form), an open round as its admin and as a committee member, a closed one's ranking, a member's score sheet.
  { name: 'selections', route: () => '/pages-staff/selections/index', roles: [ADMIN, REVIEWER], ready: '[data-testid=selection-row]', steps: [{ name: 'new', tap: '[data-testid=selection-new]', ready: '[data-testid=committee-option]', roles: [ADMIN] }] },
  { name: 'selection-round', route: () => `/pages-staff/selection-round/index?id=${DEMO_OPEN_ROUND}`, roles: [ADMIN, REVIEWER], ready: '[data-testid=candidate-row]' },
  { name: 'selection-round-closed', route: () => `/pages-staff/selection-round/index?id=${DEMO_CLOSED_ROUND}`, roles: [ADMIN], ready: '[data-testid=candidate-row]' },
  { name: 'selection-score', route: () => `/pages-staff/selection-score/index?roundId=${DEMO_OPEN_ROUND}&candidateId=${demoOpenCandidateId(DEMO_OPEN_CANDIDATES[0])}`, roles: [REVIEWER], ready: '[data-testid=score-sheet]' },
  { name: 'campaigns-admin', route: () => '/pages-staff/campaigns/index', roles: [ADMIN], ready: '[data-testid=campaign-row]', steps: [{ name: 'edit', tap: `[data-testid=campaign-row] ${button('编辑')}`, ready: '[data-testid=campaign-form]' }] },
  // The person asked for consent opens this staff-package page with their own WeChat.
  { name: 'consent', route: (w) => `/pages-staff/consent/index?code=${w.consentCode}`, roles: [READER], ready: button('我本人同意公开'), phone: true },
  // A reviewer takes a published story down from the story itself (a staff sheet on a reader page).
  { name: 'story-staff', route: (w) => `/pages/story/index?id=${w.story}`, roles: [REVIEWER], ready: '[data-testid=take-down-open]', phone: true, steps: [{ name: 'take-down', tap: '[data-testid=take-down-open]', ready: '[data-testid=take-down-sheet]' }] },
  // Reader pages (main package): the same rules, and phone-shaped on a wide window.
  { name: 'feed', route: () => '/pages/feed/index', roles: [READER], ready: '.story-card', phone: true },
  { name: 'library', route: () => '/pages/library/index', roles: [READER], ready: '.exemplar-card', phone: true },
  { name: 'story', route: (w) => `/pages/story/index?id=${w.story}`, roles: [READER], ready: '[data-testid=story-actions]', phone: true },
  { name: 'profile', route: (w) => `/pages/profile/index?id=${w.person}`, roles: [READER], ready: '.profile__stat--salute', phone: true },
  { name: 'campaign', route: (w) => `/pages/campaign/index?id=${w.campaign}`, roles: [READER], ready: '.story-card', phone: true },
  { name: 'notice', route: () => '/pages/notice/index', roles: [READER], ready: '[data-testid=notice-item]', phone: true },
  // The objection form (pages-notice subpackage), opened from 公示 with the nominee's name.
  { name: 'objection', route: (w) => `/pages-notice/objection/index?id=${w.objected}&name=${encodeURIComponent('米东区消防救援站')}`, roles: [READER], ready: '[data-testid=objection-form]', phone: true },
];

// ------------------------------------------------------------------ judging a page

/**
 * What makes an element a tap target when no tag or role says so: a click or tap handler. Taro's
 * stencil h5 components add theirs (`onClick`) with addEventListener on the element itself, so
 * every such listener is recorded on its element. React (which renders the html components of
 * `h5.useHtmlComponents`: View, Text, Button, Image… as div, span) listens once at its root and
 * keeps a handler among the props it stores on the element (`__reactProps$<id>`), where it is
 * looked up. `window.__layoutTapped(el)` answers for both; the checker's own test proves on a
 * real page of the app that it still finds a View's onClick (React's key may change).
 */
const TAP_LISTENERS = `(() => {
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const taps = ['click', 'tap'];
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (taps.includes(type) && fn && this instanceof Element) (this.__layoutTaps = this.__layoutTaps || new Set()).add(fn);
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    if (taps.includes(type) && this instanceof Element && this.__layoutTaps) this.__layoutTaps.delete(fn);
    return remove.call(this, type, fn, opts);
  };
  window.__layoutTapped = (el) => {
    if (el.__layoutTaps && el.__layoutTaps.size > 0) return true;
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    const props = key ? el[key] : null;
    return !!props && (typeof props.onClick === 'function' || typeof props.onTap === 'function');
  };
})();`;

/** Why the page is not yet what a person would read: loading, animating, images on screen still coming. */
function busyNow(): string[] {
  const out: string[] = [];
  const drawn = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  if ([...document.querySelectorAll('.skeleton, [class*=skeleton], [class*=--loading], .nom__loading')].some(drawn)) out.push('a skeleton');
  const loadingText = /加载中|正在加载|正在生成/.exec(document.body.innerText);
  if (loadingText) out.push(`"${loadingText[0]}"`);
  // Page transitions and the like (an endless spinner is a state, not a transition).
  if (document.getAnimations().some((a) => a.playState === 'running' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))) out.push('an animation');
  const vh = window.innerHeight;
  const coming = [...document.images].some((img) => {
    if (img.complete) return false;
    const r = img.getBoundingClientRect();
    return r.width > 0 && r.bottom > 0 && r.top < vh;
  });
  if (coming) out.push('an image on screen');
  return out;
}

/** How long a page must stay still (no call in flight, nothing loading or moving) to be judged. */
const QUIET_MS = 300;

/**
 * Waits until no function call has been in flight, and nothing loads or moves, for QUIET_MS. A
 * page that never gets there fails: judging it would judge a loading state.
 */
async function settle(page: Page, inFlight: Pending, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let quietSince = Date.now();
  let busy: string[] = [];
  while (Date.now() < deadline) {
    await page.waitForTimeout(60);
    busy = await page.evaluate(busyNow).catch(() => ['a navigation']);
    if (inFlight.count() > 0) busy.push(`${inFlight.count()} function call(s) in flight`);
    if (busy.length > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= QUIET_MS) return;
  }
  throw new Error(`the page did not finish loading in ${timeout / 1000} s (still ${busy.join(', ')}): not judging a loading state`);
}

/**
 * The judging, run in the page. Only what a person sees counts: elements shown on the current
 * page (Taro's h5 router keeps earlier pages in the DOM, hidden), with a size.
 */
function judge(args: { ids: string[]; allowed: string[] }): { rule: Rule; selector: string; text: string; detail: string }[] {
  const out: { rule: Rule; selector: string; text: string; detail: string }[] = [];
  const vw = document.documentElement.clientWidth;
  const shown = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
    }
    return true;
  };
  const selectorOf = (el: Element): string => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const testId = e.getAttribute('data-testid');
      const cls = [...e.classList].filter((c) => !c.startsWith('taro') && !c.startsWith('hydrated')).slice(0, 2);
      parts.unshift(`${e.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}${cls.length ? `.${cls.join('.')}` : ''}`);
      if (testId) break;
    }
    return parts.join(' > ');
  };
  const ownText = (el: Element): string =>
    [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  // The h5 shell's identity switcher is a local-cloud tool, not part of the mini-program.
  const outsideApp = (el: Element) => el.closest('[data-testid=dev-switcher]') !== null;
  // Intended horizontal scroll areas (chip rows, tables): their content may be wider than they are.
  const inScroller = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX;
      if (ox === 'auto' || ox === 'scroll') return true;
    }
    return false;
  };

  const all = [...document.body.querySelectorAll('*')].filter((el) => !outsideApp(el) && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName));
  const visibleEls = all.filter(shown);

  // --- a failure shown instead of the page (a permission refusal, a failed load) is not a page to judge
  for (const el of visibleEls) {
    const kind = el.getAttribute('data-testid');
    if (kind === 'state-error' || kind === 'state-denied') out.push({ rule: 'load', selector: selectorOf(el), text: (el.textContent ?? '').trim().slice(0, 60), detail: 'the page shows a failure instead of its content' });
  }

  // --- texts: squeezed, overflow, raw
  const rawPatterns: [RegExp, string][] = [
    [/cloud:\/\//, 'a cloud file id'],
    [/\b[0-9a-f]{32,}\b/i, 'a hex digest'],
    [/\b[a-z]{1,4}-[0-9a-z]{6,}\b/, 'an id-shaped token'],
    [/(^|[^A-Za-z0-9_-])(dev|o|mx)-[A-Za-z0-9_-]{4,}/, 'an OPENID-like handle'],
    [/\b[A-Z][A-Z_]{5,}\b/, 'an English code'],
    [/\b[a-z]+_[a-z_]+\b/, 'a snake_case code'],
    [/\b[a-z]+\.[a-z]+[A-Z][A-Za-z]*\b/, 'an action name'],
    [/\{"|"[A-Za-z_]+"\s*:/, 'JSON'],
  ];
  const idSet = args.ids.filter((id) => id.length >= 4);
  const seenBlocks = new Set<Element>();
  for (const el of visibleEls) {
    const text = ownText(el);
    if (text === '') continue;
    const selector = selectorOf(el);
    // Raw ids, codes, JSON.
    let shownText = text;
    for (const a of args.allowed) shownText = shownText.split(a).join(' ');
    for (const [re, what] of rawPatterns) {
      const m = re.exec(shownText);
      if (m) out.push({ rule: 'raw-text', selector, text, detail: `${what}: ${m[0].trim()}` });
    }
    for (const id of idSet) {
      const i = shownText.indexOf(id);
      if (i === -1) continue;
      const before = shownText[i - 1] ?? ' ';
      const after = shownText[i + id.length] ?? ' ';
      if (!/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_-]/.test(after)) out.push({ rule: 'raw-text', selector, text, detail: `a record id: ${id}` });
    }
    // Squeezed: lines from the text's own boxes (one rect per line fragment).
    const chars = [...text.replace(/\s/g, '')].length;
    if (chars >= 3) {
      const tops = new Set<number>();
      for (const n of el.childNodes) {
        if (n.nodeType !== Node.TEXT_NODE || !(n.textContent ?? '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      }
      const lines = tops.size;
      if (lines >= 2 && lines * 2 >= chars) out.push({ rule: 'squeezed', selector, text, detail: `${chars} characters on ${lines} lines` });
    }
    // Overflow: the text's block (itself, or the block an inline text sits in) is narrower than
    // its content, or the text runs past the window.
    if (inScroller(el)) continue;
    let block: Element | null = el;
    while (block && getComputedStyle(block).display.startsWith('inline') && block.parentElement) block = block.parentElement;
    if (block && !seenBlocks.has(block)) {
      seenBlocks.add(block);
      const cs = getComputedStyle(block);
      const clipsOnPurpose = cs.textOverflow === 'ellipsis' || cs.webkitLineClamp !== 'none';
      if (!clipsOnPurpose && block.scrollWidth > block.clientWidth + 1 && block.clientWidth > 0) {
        // The box is wider inside than out; what counts is text past its edge (cut off, or drawn
        // over what is beside it). A tap area widened past the box by a negative margin, with its
        // word inside, hides nothing.
        const b = block.getBoundingClientRect();
        const left = b.left + block.clientLeft;
        const right = left + block.clientWidth;
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let past = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!(n.textContent ?? '').trim() || !n.parentElement || !shown(n.parentElement)) continue;
          let scroller = false;
          for (let e: Element | null = n.parentElement; e && e !== block && !scroller; e = e.parentElement) scroller = ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
          if (scroller) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const t of range.getClientRects()) if (t.width > 0) past = Math.max(past, t.right - right, left - t.left);
        }
        if (past > 1) out.push({ rule: 'overflow', selector: selectorOf(block), text, detail: `text ${Math.round(past)} px past the edge of its box (content ${block.scrollWidth} px in ${block.clientWidth} px)` });
      }
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    const full = range.getBoundingClientRect();
    // What of the text is seen: a box that cuts it short on purpose (an ellipsis, a line clamp)
    // shows only its own part of it.
    const r = { left: full.left, right: full.right, width: full.width };
    for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const cuts = (cs.overflowX === 'hidden' || cs.overflowX === 'clip') && (cs.textOverflow === 'ellipsis' || cs.webkitLineClamp !== 'none');
      if (!cuts) continue;
      const box = a.getBoundingClientRect();
      r.left = Math.max(r.left, box.left);
      r.right = Math.min(r.right, box.right);
      r.width = Math.max(0, r.right - r.left);
    }
    if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) {
      out.push({ rule: 'overflow', selector, text, detail: `text spans ${Math.round(r.left)}–${Math.round(r.right)} px of a ${vw} px window` });
      continue;
    }
    // Spilling out of its card: the text must sit inside the nearest box around it that is drawn
    // (a background, a border) or clips, that box inside the next one, and so on up the page (a
    // pill button pushed half out of its stats card spills out as much as text would).
    let inner: { left: number; right: number } = r;
    let what = 'text';
    for (let a: Element | null = el; a && a !== document.body && r.width > 0; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const drawn = (cs.backgroundColor !== 'rgba(0, 0, 0, 0)' && cs.backgroundColor !== 'transparent') || Number.parseFloat(cs.borderLeftWidth) > 0 || Number.parseFloat(cs.borderRightWidth) > 0;
      const clips = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
      if (!drawn && !clips) continue;
      const box = a.getBoundingClientRect();
      if (inner.left < box.left - 1 || inner.right > box.right + 1) {
        out.push({ rule: 'overflow', selector, text, detail: `${what} at ${Math.round(inner.left)}–${Math.round(inner.right)} px runs out of its card ${selectorOf(a)} (${Math.round(box.left)}–${Math.round(box.right)} px)` });
        break;
      }
      inner = box;
      what = selectorOf(a);
    }
  }

  // --- tap targets: buttons, links, form fields, and anything with a tap handler (TAP_LISTENERS)
  // Taro's stencil fields (and Button) wrap the native control; with html components Input is the
  // native input and Button a div.taro-button-core.
  const FIELDS = ['taro-input-core', 'taro-textarea-core', 'taro-checkbox-core', 'taro-radio-core', 'taro-switch-core', 'taro-picker-core', 'taro-slider-core'];
  const NATIVE_FIELDS = ['input', 'textarea', 'select'];
  const WRAPPERS = ['taro-button-core', '.taro-button-core', ...FIELDS].join(', ');
  const tapped = (window as unknown as { __layoutTapped?: (el: Element) => boolean }).__layoutTapped;
  if (!tapped) throw new Error('the tap-handler probe (TAP_LISTENERS) is missing from the page');
  const tappable = (el: Element): boolean => {
    const tag = el.tagName.toLowerCase();
    // The native control inside a Taro button or field is the wrapper's: the wrapper is judged.
    if (el.parentElement?.closest(WRAPPERS)) return false;
    if (tag === 'taro-button-core' || el.classList.contains('taro-button-core') || tag === 'button' || FIELDS.includes(tag)) return true;
    if (tag === 'a' && el.hasAttribute('href')) return true;
    if ((tag === 'input' && (el as HTMLInputElement).type !== 'hidden') || tag === 'textarea' || tag === 'select') return true;
    if (el.classList.contains('weui-tabbar__item')) return true;
    const role = el.getAttribute('role');
    if (role && ['button', 'link', 'tab', 'radio', 'checkbox', 'switch', 'menuitem', 'option'].includes(role)) return true;
    return tapped(el);
  };
  const targets = visibleEls.filter(tappable);
  for (const el of targets) {
    // A container of other targets (a row with its buttons, a wrapper that stops a tap) is not a target itself.
    if (targets.some((t) => t !== el && el.contains(t))) continue;
    // A control inside a label is tapped anywhere on the label (a checkbox and its sentence).
    const label = el.closest('taro-label-core, label');
    const hit = label ?? el;
    const r = hit.getBoundingClientRect();
    if (r.width >= 44 - 0.5 && r.height >= 44 - 0.5) continue;
    // The inline exception: a link inside a sentence is as tall as the sentence's line.
    const cs = getComputedStyle(hit);
    if (cs.display.startsWith('inline') && ![...FIELDS, ...NATIVE_FIELDS].includes(hit.tagName.toLowerCase()) && hit.parentElement && ownText(hit.parentElement) !== '') continue;
    out.push({ rule: 'tap-target', selector: selectorOf(hit), text: (hit.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40) || (hit.getAttribute('aria-label') ?? ''), detail: `${Math.round(r.width)}×${Math.round(r.height)} px` });
  }
  return out;
}

// ------------------------------------------------------------------ running it

interface Pending {
  /** Function calls sent and not yet answered. */
  count(): number;
  /** Forget calls of the page being left (a navigation may cut them off without a failure event). */
  reset(): void;
}

async function newPage(s: Session, width: number, height: number): Promise<{ context: BrowserContext; page: Page; inFlight: Pending }> {
  // No service worker: each context would install (and download) the whole app shell for nothing.
  const context = await s.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'zh-CN', hasTouch: width < 768, serviceWorkers: 'block' });
  // tsx compiles this file with esbuild's keepNames, which wraps the named functions inside the
  // functions handed to the page in a `__name` helper the page does not have.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  await context.addInitScript({ content: TAP_LISTENERS });
  const page = await context.newPage();
  const pending = new Set<Request>();
  page.on('request', (r) => {
    if (r.url().includes('/fn/')) pending.add(r);
  });
  const done = (r: Request) => pending.delete(r);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { context, page, inFlight: { count: () => pending.size, reset: () => pending.clear() } };
}

/** Opens `route` afresh (a full load: no earlier page kept in the DOM), waits for its content and for it to settle. */
async function open(page: Page, s: Session, route: string, inFlight: Pending, ready: string): Promise<void> {
  const t0 = Date.now();
  await page.goto('about:blank');
  inFlight.reset();
  await page.goto(s.url(route));
  const t1 = Date.now();
  await visible(page, ready).first().waitFor({ timeout: 20_000 });
  const t2 = Date.now();
  await settle(page, inFlight);
  if (process.env.LAYOUT_DEBUG) console.log(`    ${route}: load ${t1 - t0} ms, content ${t2 - t1} ms, settle ${Date.now() - t2} ms`);
}

/**
 * The whole page in one picture: Taro's h5 page scrolls inside its own container, so the window
 * is made as tall as the longest scrolled content for the picture, then put back. A box sized
 * from the window's height (a writing box a screen tall) keeps the height it had, or it would
 * grow with the picture and push what is under it out of it.
 */
async function screenshotAll(page: Page, file: string): Promise<void> {
  const size = page.viewportSize();
  const content = await page.evaluate(() => {
    let h = document.documentElement.scrollHeight;
    for (const el of document.querySelectorAll('body *')) {
      const oy = getComputedStyle(el).overflowY;
      if ((oy === 'auto' || oy === 'scroll') && el.scrollHeight > el.clientHeight && (el as HTMLElement).offsetParent !== null) h = Math.max(h, el.scrollHeight + el.getBoundingClientRect().top);
    }
    (window as unknown as { __layoutMinHeights: [HTMLElement, string][] }).__layoutMinHeights = [...document.body.querySelectorAll<HTMLElement>('*')].map((el) => [el, getComputedStyle(el).minHeight]);
    return Math.ceil(h);
  });
  const taller = size !== null && content > size.height;
  if (taller) {
    await page.setViewportSize({ width: size.width, height: Math.min(content, 6000) });
    await page.evaluate(() => {
      const w = window as unknown as { __layoutMinHeights: [HTMLElement, string][]; __layoutPinned: HTMLElement[] };
      w.__layoutPinned = [];
      for (const [el, minHeight] of w.__layoutMinHeights) {
        if (getComputedStyle(el).minHeight === minHeight) continue;
        el.style.setProperty('min-height', minHeight, 'important');
        w.__layoutPinned.push(el);
      }
    });
    // Images scrolled into the taller window load before the picture (not waited for past 2 s).
    await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 2_000 }).catch(() => undefined);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  await page.screenshot({ path: file });
  if (taller) {
    await page.setViewportSize(size);
    await page.evaluate(() => {
      for (const el of (window as unknown as { __layoutPinned: HTMLElement[] }).__layoutPinned) el.style.removeProperty('min-height');
    });
  }
}

/** LAYOUT_ONLY=name,name runs only those pages (while fixing one); the suite runs them all. */
const only = (process.env.LAYOUT_ONLY ?? '').split(',').filter(Boolean);
const wanted = (name: string) => only.length === 0 || only.includes(name);

const failures: Failure[] = [];
const judged: string[] = [];

function fail(sentence: string, found: Failure[]): void {
  if (found.length === 0) return;
  const lines = found.slice(0, 8).map((f) => `${f.rule}: ${f.detail} — ${f.selector} «${f.text.slice(0, 30)}»`);
  throw new Error(`${sentence}: ${found.length} failure(s)\n${lines.join('\n')}`);
}

/**
 * A reader page on a wide window stays phone-shaped: every text it shows sits in one centred
 * column as wide as the phone canvas it was drawn on, 750 design px (Taro's h5 shell turns design
 * px into CSS px at root font size / 40, so 750 design px is 750 CSS px at most).
 */
async function phoneShaped(page: Page, where: { page: string; role: string; width: number }): Promise<Failure[]> {
  const found = await page.evaluate(() => {
    const col = (750 * Number.parseFloat(getComputedStyle(document.documentElement).fontSize)) / 40;
    const vw = document.documentElement.clientWidth;
    const lo = (vw - col) / 2 - 2;
    const hi = (vw + col) / 2 + 2;
    const out: { selector: string; text: string; detail: string }[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      // The h5 shell's tab bar is the window's, as WeChat's own is.
      if (el.closest('.weui-tabbar, .taro-tabbar__tabbar')) continue;
      // What a horizontal scroller holds beyond its edge is scrolled out of view, not shown outside the column.
      let scrolled = false;
      for (let e = el.parentElement; e && !scrolled; e = e.parentElement) scrolled = ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
      if (scrolled) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim()).map((n) => n.textContent).join('').trim();
      if (!own || (el as HTMLElement).offsetParent === null) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.bottom < 0) continue;
      if (r.left < lo || r.right > hi) {
        out.push({ selector: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ').slice(0, 2).join('.')}` : ''), text: own.slice(0, 40), detail: `text at ${Math.round(r.left)}–${Math.round(r.right)} px, outside the centred ${Math.round(col)} px column` });
      }
      if (out.length >= 10) break;
    }
    return out;
  });
  const failed = found.map((f) => ({ ...where, rule: 'phone-shape' as Rule, ...f }));
  failures.push(...failed);
  return failed;
}

async function judgePage(page: Page, world: World, where: { page: string; role: string; width: number; file: string }): Promise<Failure[]> {
  const t0 = Date.now();
  const found = (await page.evaluate(judge, { ids: world.ids, allowed: [world.inviteCode] })).map((f) => ({ page: where.page, role: where.role, width: where.width, ...f }));
  const t1 = Date.now();
  await screenshotAll(page, path.join(OUT, where.file));
  if (process.env.LAYOUT_DEBUG) console.log(`    ${where.file}: judge ${t1 - t0} ms, screenshot ${Date.now() - t1} ms`);
  judged.push(where.file);
  failures.push(...found);
  return found;
}

/** The checker's own test: a page made to have each kind of failure, and the exceptions it must allow. */
async function checkTheChecker(s: Session): Promise<void> {
  const { context, page } = await newPage(s, 390, 844);
  try {
    await page.setContent(`<body style="margin:0;font-size:16px">
      <div id="squeezed" style="width:34px"><span>邀请码管理</span></div>
      <div id="overflow" style="width:120px;white-space:nowrap;background:#fff">一段不会换行的很长很长的文字内容</div>
      <div style="width:200px;background:#eee"><div id="spill" style="width:260px;background:#fff">按钮比卡片还宽</div></div>
      <p id="raw">编号 st-001 原因 PERMISSION_DENIED 内容 {"a":1} 文件 cloud://env/x.png</p>
      <button id="small" style="width:30px;height:20px;padding:0">删</button>
      <div id="tapped" style="width:60px;height:30px">选择</div>
      <div id="reacted" style="width:60px;height:30px">展开</div>
      <div class="taro-button-core" style="width:40px;height:40px">改</div>
      <input id="field" aria-label="姓名" style="width:200px;height:30px">
      <p id="sentence">请<a href="#x">点此</a>查看说明</p>
      <label style="display:flex;align-items:center;height:48px"><input id="agree" type="checkbox" style="width:20px;height:20px">已核对同意书</label>
      <div style="width:200px;display:flex;justify-content:space-between"><span>我的留言</span><span id="widened" role="button" style="display:block;margin:0 -16px 0 0;padding:0 16px;height:44px;line-height:44px">删除</span></div>
      <div style="width:150px;background:#fff"><span style="display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">一段故意截断的很长很长很长的省略文字</span></div>
      <div data-testid="state-denied">无权查看</div>
    </body>`);
    await page.evaluate(() => {
      document.getElementById('tapped')?.addEventListener('click', () => undefined);
      // As React keeps an onClick on the element it rendered (its listener is at its root).
      Object.assign(document.getElementById('reacted') ?? {}, { __reactProps$checker: { onClick: () => undefined } });
    });
    const found = await page.evaluate(judge, { ids: ['st-001'], allowed: [] });
    const rules = new Set(found.map((f) => f.rule));
    for (const rule of ['squeezed', 'overflow', 'raw-text', 'tap-target', 'load'] as const) if (!rules.has(rule)) throw new Error(`the checker missed ${rule}: ${JSON.stringify(found)}`);
    const spill = found.some((f) => f.rule === 'overflow' && f.text === '按钮比卡片还宽');
    if (!spill) throw new Error('the checker missed a box spilling out of its card');
    const raw = found.filter((f) => f.rule === 'raw-text').map((f) => f.detail.split(':')[0]);
    for (const what of ['a record id', 'an English code', 'JSON', 'a cloud file id']) if (!raw.includes(what)) throw new Error(`the checker missed ${what}: ${raw.join(', ')}`);
    const small = found.filter((f) => f.rule === 'tap-target').map((f) => f.text);
    for (const what of ['删', '选择', '展开', '改', '姓名']) if (!small.includes(what)) throw new Error(`the checker missed the small tap target «${what}»: ${small.join(', ')}`);
    if (small.includes('点此')) throw new Error('an inline link inside a sentence was judged as a tap target');
    if (small.some((t) => t.includes('已核对同意书'))) throw new Error('a checkbox inside a full-height label was judged on its own size');
    if (found.some((f) => f.rule === 'overflow' && f.text.includes('故意截断'))) throw new Error('a text cut short with an ellipsis on purpose was judged as overflowing');
    if (found.some((f) => f.rule === 'overflow' && f.text.includes('删除'))) throw new Error('a tap area widened past its row by a negative margin, its word inside the row, was judged as overflowing text');
    // The app's own tap handlers are found where the app's React keeps them: a story card (a View
    // with onClick and no role) in the feed.
    await page.goto(s.url('/pages/feed/index'));
    await visible(page, '.story-card').first().waitFor({ timeout: 20_000 });
    const cards = await page.evaluate(() => {
      const tapped = (window as unknown as { __layoutTapped: (el: Element) => boolean }).__layoutTapped;
      return [...document.querySelectorAll('.story-card')].map(tapped);
    });
    if (!cards.some(Boolean)) throw new Error('the checker finds no tap handler on the feed\'s story cards: tap targets without a role go unjudged');
  } finally {
    await context.close();
  }
}

/** Every page of the staff package must be in PAGES: a new page is judged from the day it exists. */
function uncoveredStaffPages(): string[] {
  const placeholder = new Proxy({}, { get: () => 'x' }) as unknown as World;
  const covered = new Set(PAGES.map((p) => p.route(placeholder).split('?')[0]));
  return Object.values(STAFF_PACKAGE.pages)
    .map((p) => `/${STAFF_PACKAGE.root}/${p}`)
    .filter((p) => !covered.has(p));
}

void withSession(
  async (s) => {
    const t0 = Date.now();
    // A run over a few pages (LAYOUT_ONLY) keeps the other pages' pictures.
    if (only.length === 0) fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    await s.check('the checker itself finds each kind of failure on a page made to have them (tap handlers as the stencil and the React components keep them), allows an inline link in a sentence and a checkbox in its label, and finds the app\'s own tap handlers', () => checkTheChecker(s));
    await s.check('every page of the staff package is judged, as a role that uses it', async () => {
      const missing = uncoveredStaffPages();
      if (missing.length > 0) throw new Error(`not judged: ${missing.join(', ')}`);
    });

    let world: World | null = null;
    await s.check('the demo world gets waiting work on every staff page (made through the API as each person would)', async () => {
      world = await buildWorld(s);
    });
    if (!world) return;
    const w: World = world;

    // The two widths run side by side, each in its own window: most of a page's time is waiting for it to settle.
    const runWidth = async (width: number, height: number): Promise<void> => {
      const { context, page, inFlight } = await newPage(s, width, height);
      try {
        const meUrl = s.url('/pages/me/index');
        for (const role of [...STAFF, READER]) {
          const cases = PAGES.filter((p) => p.roles.includes(role) && wanted(p.name));
          if (cases.length === 0) continue;
          await actAs(page, meUrl, role);
          const tag = ROLE_TAG[role] as string;
          for (const c of cases) {
            const sentence = `${c.name} as ${tag} at ${width} px: no squeezed or overflowing text, raw ids or codes, or small tap targets`;
            let opened = false;
            await s.check(sentence, async () => {
              await open(page, s, c.route(w), inFlight, c.ready).catch(async (err: unknown) => {
                // What the page showed instead of its content, for the person reading the failure.
                await page.screenshot({ path: path.join(OUT, `FAILED-${c.name}-${tag}-${width}.png`) }).catch(() => undefined);
                throw err;
              });
              opened = true;
              const found = await judgePage(page, w, { page: c.name, role: tag, width, file: `${c.name}-${tag}-${width}.png` });
              if (c.phone && width >= 768) found.push(...(await phoneShaped(page, { page: c.name, role: tag, width })));
              fail(sentence, found);
            });
            for (const step of c.steps ?? []) {
              if ((step.widths && !step.widths.includes(width)) || (step.roles && !step.roles.includes(role))) continue;
              const name = `${c.name}-${step.name}`;
              const stepSentence = `${name} as ${tag} at ${width} px (after tapping ${step.tap}): the same rules`;
              await s.check(stepSentence, async () => {
                if (!opened) throw new Error(`${c.name} did not open`);
                await visible(page, step.tap).first().click();
                await visible(page, step.ready).first().waitFor({ timeout: 15_000 });
                await settle(page, inFlight);
                const found = await judgePage(page, w, { page: name, role: tag, width, file: `${name}-${tag}-${width}.png` });
                if (c.phone && width >= 768) found.push(...(await phoneShaped(page, { page: name, role: tag, width })));
                fail(stepSentence, found);
              });
            }
          }
        }
      } finally {
        await context.close();
      }
    };
    await Promise.all(WIDTHS.map(({ width, height }) => runWidth(width, height)));

    // Large text: the root font 1.5× (Taro's h5 sizes text and spacing in rem from it).
    const { context, page, inFlight } = await newPage(s, 390, 844);
    try {
      await page.addInitScript(() => {
        // Taro's h5 shell sets the root size inline from the window's size as the page loads; this
        // scales what it set, once. The window's width never changes here (only its height, for a
        // whole-page picture), and the shell's recomputation on that resize must not be scaled again.
        document.addEventListener('DOMContentLoaded', () => {
          const el = document.createElement('style');
          const base = Number.parseFloat(document.documentElement.style.fontSize) || 16;
          el.textContent = `html { font-size: ${base * 1.5}px !important; }`;
          document.head.appendChild(el);
        });
      });
      const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
      const story = demo.stories.find((st) => st.state === 'published');
      const person = demo.exemplars.find((e) => e.state === 'published' && e.kind === 'individual' && e.consent) ?? demo.exemplars.find((e) => e.state === 'published');
      const large: { name: string; route: string; role: string; ready: string }[] = [
        { name: 'story', route: `/pages/story/index?id=${story?._id ?? ''}`, role: READER, ready: '[data-testid=story-actions]' },
        { name: 'profile', route: `/pages/profile/index?id=${person?._id ?? ''}`, role: READER, ready: '.profile__stat--salute' },
        { name: 'story-queue', route: '/pages-staff/story-queue/index', role: REVIEWER, ready: '[data-testid=story-queue-item]' },
        { name: 'nominations-mine', route: '/pages-staff/nominations/mine/index', role: EDITOR, ready: '[data-testid=my-nomination]' },
      ];
      let actingAs = '';
      for (const c of large.filter((l) => wanted(l.name))) {
        const tag = ROLE_TAG[c.role] as string;
        const sentence = `with 1.5× text, ${c.name} as ${tag} at 390 px keeps its action bar, buttons and titles whole`;
        await s.check(sentence, async () => {
          if (actingAs !== c.role) await actAs(page, s.url('/pages/me/index'), c.role);
          actingAs = c.role;
          await open(page, s, c.route, inFlight, c.ready);
          const root = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
          // 1.5× the shell's size for a 390 px window (40 × 390 / 750 px).
          if (Math.abs(root - 1.5 * ((40 * 390) / 750)) > 0.5) throw new Error(`the root font is ${root} px: the text was not made 1.5× larger`);
          fail(sentence, await judgePage(page, w, { page: `${c.name}-large-text`, role: tag, width: 390, file: `${c.name}-large-text-${tag}-390.png` }));
        });
      }
    } finally {
      await context.close();
      const byRule: Record<string, number> = {};
      for (const f of failures) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
      fs.writeFileSync(path.join(OUT, 'report.json'), JSON.stringify({ judged: judged.length, failures: failures.length, byRule, items: failures, screenshots: judged }, null, 2));
      console.log(`layout: ${judged.length} screenshots judged in ${Math.round((Date.now() - t0) / 1000)} s, ${failures.length} failures ${JSON.stringify(byRule)} → test-results/layout/report.json`);
    }
  },
  'layout',
);
