/**
 * 留言 in Chromium over the h5 build on the local cloud, with demo data and the dev identity
 * switcher: a reader writes a message under a published story of a station under 乌鲁木齐支队
 * and sees it as 仅自己可见; nobody else sees it; the detachment's reviewer finds the count on
 * 工作台, opens 留言管理, replies and features it; another reader (the publisher) then reads it
 * under the story with 作者回复; the writer finds it 已精选 in 我的 › 留言. Screenshots at 390
 * and 1280 px of the story's 留言, both tabs of 留言管理 (with the reply and the hide sheets
 * open) and 我的 › 留言 / 致敬.
 */
import type { Page } from 'playwright-core';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { actAs, armed, BUTTON, expectEqual, visible, withSession } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
// A published story of 天山区特勤站 (under 乌鲁木齐支队), and one of the exemplars it is about.
const story = demo.stories.find((s) => s.state === 'published' && s.unitPath.includes('u-wlmq') && s.exemplarIds.length > 0)!;
const hero = demo.exemplars.find((e) => e._id === story.exemplarIds[0])!;
const MESSAGE = '读完很受触动，向天山区特勤站的消防员们致敬！';
const REPLY = '感谢你的留言，我们会继续讲好身边的消防故事。';

const READER = '读者（消防员）';
const REVIEWER = '审核员（乌鲁木齐支队）';
const OTHER = '发布员（总队）';

/** The answer of the next `comments.<action>` call, as JSON. */
function answerOf(page: Page, action: string): Promise<{ ok: boolean; data?: unknown; error?: unknown }> {
  return armed(
    page
      .waitForResponse((r) => r.url().endsWith('/fn/comments') && (r.request().postData() ?? '').includes(`"${action}"`), { timeout: 15_000 })
      .then((r) => r.json() as Promise<{ ok: boolean; data?: unknown; error?: unknown }>),
  );
}

/** Opens the story and waits until its 留言 have been read. */
async function openStoryComments(page: Page, storyUrl: string): Promise<void> {
  const listed = answerOf(page, 'listForStory');
  await page.goto(storyUrl);
  const body = await listed;
  if (!body.ok) throw new Error(`listForStory answered ${JSON.stringify(body)}`);
  await visible(page, '[data-testid=story-comments]').first().scrollIntoViewIfNeeded();
}

/**
 * Tap targets under `root` smaller than 44×44 CSS px (WCAG 2.5.8; the layout check's rule, here
 * on this feature's own pieces so a regression shows in this script).
 */
async function smallTargets(page: Page, root: string): Promise<string[]> {
  return visible(page, root)
    .first()
    .evaluate(
      (el, targets) =>
        [...el.querySelectorAll(targets)]
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return r.width > 0 && (r.width < 43.5 || r.height < 43.5);
          })
          .map((t) => `${(t.textContent ?? '').trim().slice(0, 12)} ${Math.round(t.getBoundingClientRect().width)}×${Math.round(t.getBoundingClientRect().height)}`),
      `${BUTTON}, [role=button], [role=link], [role=tab]`,
    );
}

/** Both widths of one view; `prepare` brings the page back to what is shot after the resize. */
async function shotBoth(page: Page, shot: (name: string) => Promise<void>, name: string, prepare?: () => Promise<void>): Promise<void> {
  // The h5 router slides a new page in: shoot once it has arrived.
  await page.waitForTimeout(450);
  await shot(`${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await prepare?.();
  await page.waitForTimeout(250);
  await shot(`${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
}

void withSession(
  async ({ page, url, shot, check }) => {
    const meUrl = url('/pages/me/index');
    const storyUrl = url(`/pages/story/index?id=${story._id}`);
    const section = () => visible(page, '[data-testid=story-comments]').first();

    await check('a reader writes a message under a story and sees it at once as their own, 仅自己可见', async () => {
      await actAs(page, meUrl, READER);
      await openStoryComments(page, storyUrl);
      await section().locator('[data-testid=comment-write]').click();
      await section().locator('.story-comments__field textarea').fill(MESSAGE);
      const centre = () => section().locator('[data-testid=comment-composer]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await centre();
      await shotBoth(page, shot, 'c-00-story-composer', centre);
      const posted = answerOf(page, 'post');
      await section().locator('[data-testid=comment-send]').click();
      const body = (await posted) as { ok: boolean; data?: { comment: { state: string } } };
      expectEqual([body.ok, body.data?.comment.state], [true, 'pending'], 'post answer');
      const own = section().locator(`[data-testid=comment-own]:has-text("${MESSAGE}")`);
      await own.waitFor({ timeout: 10_000 });
      expectEqual((await own.locator('.comment-card__note').innerText()).trim(), '仅自己可见，精选后公开', 'note under the own message');
      expectEqual((await own.locator('.comment-card__by').innerText()).trim(), '我', 'byline');
      await own.scrollIntoViewIfNeeded();
      expectEqual(await smallTargets(page, '[data-testid=story-comments]'), [], 'tap targets under 44 px in 留言');
      await shotBoth(page, shot, 'c-01-story-own-pending', () => own.scrollIntoViewIfNeeded());
    });

    await check('nobody else sees it before it is featured', async () => {
      await actAs(page, meUrl, OTHER);
      await openStoryComments(page, storyUrl);
      await section().locator('.story-comments__hint:has-text("还没有精选留言")').waitFor({ timeout: 10_000 });
      if ((await section().locator(`text=${MESSAGE}`).count()) !== 0) throw new Error('another reader sees the pending message');
    });

    await check('the reviewer of 乌鲁木齐支队 sees 1 条待精选 on 工作台 and the message in 留言管理 › 待精选', async () => {
      await actAs(page, meUrl, REVIEWER);
      await visible(page, '.staff-entry').first().click();
      const count = visible(page, '[data-testid=comments-count]').first();
      await count.waitFor({ timeout: 15_000 });
      expectEqual((await count.innerText()).trim(), '1 条待精选', 'tile count');
      const queued = answerOf(page, 'queue');
      await visible(page, '[data-testid=tile-comments]').first().click();
      expectEqual((await queued).ok, true, 'queue answered');
      await visible(page, `[data-testid=moderation-item]:has-text("${MESSAGE}")`).first().waitFor({ timeout: 10_000 });
      expectEqual((await visible(page, '[role=tab][aria-selected=true]').first().innerText()).trim(), '待精选 1', 'pending tab label');
      await visible(page, `[data-testid=moderation-item]:has-text("${story.title}")`).first().waitFor({ timeout: 5_000 });
      expectEqual(await smallTargets(page, '.moderation'), [], 'tap targets under 44 px in 留言管理');
      await shotBoth(page, shot, 'c-02-moderation-pending');
    });

    await check('the reviewer writes the 作者回复, then features the message: it leaves 待精选 and shows in 已精选 with the reply', async () => {
      const card = visible(page, `[data-testid=moderation-item]:has-text("${MESSAGE}")`).first();
      // The hide sheet, looked at and left.
      await card.locator('[data-testid=moderation-hide]').click();
      const hideSheet = visible(page, '[data-testid=moderation-hide-sheet]').first();
      await hideSheet.waitFor({ timeout: 5_000 });
      await hideSheet.locator('.reason-sheet__preset').first().click();
      await shotBoth(page, shot, 'c-03-moderation-hide-sheet');
      await hideSheet.locator('.reason-sheet__button:has-text("取消")').click();

      await card.locator('[data-testid=moderation-reply-open]').click();
      const sheet = visible(page, '[data-testid=moderation-reply-sheet]').first();
      await sheet.locator('.reason-sheet__field textarea').fill(REPLY);
      await shotBoth(page, shot, 'c-04-moderation-reply-sheet');
      const replied = answerOf(page, 'reply');
      await sheet.locator('.reason-sheet__button:has-text("发送")').click();
      expectEqual((await replied).ok, true, 'reply answered');
      await card.locator(`[data-testid=moderation-reply]:has-text("${REPLY}")`).waitFor({ timeout: 10_000 });

      const featured = answerOf(page, 'feature');
      await card.locator('[data-testid=moderation-feature]').click();
      const body = (await featured) as { ok: boolean; data?: { comment: { state: string } } };
      expectEqual([body.ok, body.data?.comment.state], [true, 'featured'], 'feature answer');
      await visible(page, '[role=tab]:has-text("待精选 0")').first().waitFor({ timeout: 10_000 });
      await visible(page, '[data-testid=state-empty]:has-text("没有待精选的留言")').first().waitFor({ timeout: 10_000 });

      await visible(page, '[role=tab]:has-text("已精选")').first().click();
      const shown = visible(page, `[data-testid=moderation-item]:has-text("${MESSAGE}")`).first();
      await shown.waitFor({ timeout: 10_000 });
      await shown.locator('.moderation-card__meta:has-text("李明 于")').waitFor({ timeout: 5_000 });
      await shown.locator(`[data-testid=moderation-reply]:has-text("${REPLY}")`).waitFor({ timeout: 5_000 });
      expectEqual((await visible(page, '[role=tab][aria-selected=true]').first().innerText()).trim(), '已精选 1', 'featured tab label');
      await shotBoth(page, shot, 'c-05-moderation-featured');
    });

    await check('another reader now reads it under the story with the 作者回复, under a reader tag, without a delete', async () => {
      await actAs(page, meUrl, OTHER);
      await openStoryComments(page, storyUrl);
      const shown = section().locator(`[data-testid=comment]:has-text("${MESSAGE}")`);
      await shown.waitFor({ timeout: 10_000 });
      expectEqual((await shown.locator('[data-testid=comment-reply] .comment-card__reply-text').innerText()).trim(), REPLY, 'reply under it');
      await shown.locator('.comment-card__reply-label:has-text("作者回复")').waitFor({ timeout: 5_000 });
      const by = (await shown.locator('.comment-card__by').innerText()).trim();
      if (!/^读者 [0-9a-f]{4}$/.test(by)) throw new Error(`byline reads ${by}`);
      if ((await shown.locator('text=删除').count()) !== 0) throw new Error('another reader is offered 删除');
      await shown.scrollIntoViewIfNeeded();
      await shotBoth(page, shot, 'c-06-story-featured', () => shown.scrollIntoViewIfNeeded());
    });

    await check('the writer finds it 已精选 with the reply in 我的 › 留言, and a salute in 我的 › 致敬', async () => {
      await actAs(page, meUrl, READER);
      const activity = visible(page, '[data-testid=my-activity]').first();
      const mine = answerOf(page, 'mine');
      await activity.locator('[role=tab]:has-text("留言")').click();
      expectEqual((await mine).ok, true, 'mine answered');
      const card = activity.locator(`[data-testid=my-comment]:has-text("${MESSAGE}")`);
      await card.waitFor({ timeout: 10_000 });
      expectEqual((await card.locator('.comment-card__note').innerText()).trim(), '已精选，所有读者可见', 'note in 我的留言');
      await card.locator(`[data-testid=comment-reply]:has-text("${REPLY}")`).waitFor({ timeout: 5_000 });
      await activity.locator(`.me__comment-story:has-text("${story.title}")`).waitFor({ timeout: 5_000 });
      await activity.scrollIntoViewIfNeeded();
      expectEqual(await smallTargets(page, '[data-testid=my-activity]'), [], 'tap targets under 44 px in 我的 › 留言');
      await shotBoth(page, shot, 'c-07-me-comments', () => activity.scrollIntoViewIfNeeded());

      // A salute, so 致敬 has something to list.
      const status = armed(page.waitForResponse((r) => r.url().endsWith('/fn/engagement') && (r.request().postData() ?? '').includes('"status"'), { timeout: 15_000 }));
      await page.goto(url(`/pages/profile/index?id=${hero._id}`));
      await status;
      const salute = visible(page, '[data-testid=like-exemplar]').first();
      await salute.waitFor({ timeout: 10_000 });
      if ((await salute.getAttribute('aria-pressed')) !== 'true') {
        const saluted = armed(page.waitForResponse((r) => r.url().endsWith('/fn/engagement') && (r.request().postData() ?? '').includes('"setLike"'), { timeout: 15_000 }));
        await salute.click();
        await saluted;
      }
      await page.goto(meUrl);
      const again = visible(page, '[data-testid=my-activity]').first();
      await again.locator('[role=tab]:has-text("致敬")').click();
      await again.locator(`[data-testid=my-salutes] [data-testid=exemplar-card]:has-text("${hero.name}")`).waitFor({ timeout: 10_000 });
      await again.scrollIntoViewIfNeeded();
      await shotBoth(page, shot, 'c-08-me-salutes', () => again.scrollIntoViewIfNeeded());
    });
  },
  'comments',
);
