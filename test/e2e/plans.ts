/**
 * 挂图作业 in Chromium over the h5 build on the local cloud with demo data (seeded a year or more
 * ago, so the seed year's unfinished tasks are past due): the corps admin sees 乌鲁木齐支队's
 * board of that year with its overdue tasks in red; makes this year's corps plan, adds a task
 * through the form and ticks it off with a note as evidence (对账消号) — the task reads 已完成 with
 * its evidence and the board's completion moves to 100%.
 */
import type { Page } from 'playwright-core';
import { DEFAULT_SEED_NOW } from '../../emulator/seed';
import { actAs, armed, button, expectEqual, field, visible, withSession } from './harness';

const ADMIN = '管理员（总队）';
const SEED_YEAR = new Date(DEFAULT_SEED_NOW).getUTCFullYear();
const TASK = '组织“天山风华•蓝焰闪耀”专题采写';
const NOTE = '专题采写完成，6 篇稿件已报送政治部。';

/** The answer of the next `workboard.<action>` call. */
function answerOf(page: Page, action: string): Promise<{ ok: boolean; data?: unknown; error?: unknown }> {
  return armed(
    page
      .waitForResponse((r) => r.url().endsWith('/fn/workboard') && (r.request().postData() ?? '').includes(`"action":"${action}"`), { timeout: 15_000 })
      .then((r) => r.json() as Promise<{ ok: boolean; data?: unknown; error?: unknown }>),
  );
}

void withSession(
  async (s) => {
    const { page } = s;
    const t0 = Date.now();
    await actAs(page, s.url('/pages/me/index'), ADMIN);

    await s.check('an overdue task shows in red on a detachment’s board', async () => {
      await page.goto(s.url(`/pages-staff/plan-board/index?planId=pl-${SEED_YEAR}-u-wlmq`));
      const late = visible(page, '[data-testid=plan-task][data-state=overdue]').first();
      await late.waitFor({ timeout: 15_000 });
      const colours = await late.evaluate((el) => ({
        edge: getComputedStyle(el).borderLeftColor,
        chip: getComputedStyle(el.querySelector('.list-row__badge') as Element).color,
        chipText: el.querySelector('.list-row__badge')?.textContent ?? '',
      }));
      expectEqual(colours, { edge: 'rgb(200, 16, 46)', chip: colours.chip, chipText: '逾期' }, 'the overdue row');
      if (!/^rgb\((1[5-9]\d|2\d\d), ([0-6]?\d), ([0-6]?\d)\)$/.test(colours.chip)) throw new Error(`the 逾期 chip is not red: ${colours.chip}`);
      await s.shot('plans-board-overdue-390');
    });

    let planId = '';
    await s.check('the corps admin makes this year’s corps plan and lands on its board', async () => {
      const listed = answerOf(page, 'plans');
      await page.goto(s.url('/pages-staff/plan-board/index'));
      await listed;
      const made = answerOf(page, 'createPlan');
      await visible(page, button('建立新疆总队计划')).first().click();
      const body = (await made) as { ok: boolean; data?: { plan: { _id: string } } };
      if (!body.ok || !body.data) throw new Error(`createPlan answered ${JSON.stringify(body)}`);
      planId = body.data.plan._id;
      await visible(page, '[data-testid=plan-head]').first().waitFor({ timeout: 15_000 });
      await visible(page, '[data-testid=state-empty]').first().waitFor({ timeout: 15_000 });
    });

    await s.check('a task is added through the form and shows on the board', async () => {
      await visible(page, '[data-testid=plan-add-task]').first().click();
      await visible(page, '[data-testid=plan-task-form]').first().waitFor({ timeout: 15_000 });
      await visible(page, field('任务内容')).first().fill(TASK);
      await visible(page, field('责任人')).first().fill('周洋');
      const saved = answerOf(page, 'saveTask');
      await visible(page, '[data-testid=plan-task-save]').first().click();
      const body = await saved;
      if (!body.ok) throw new Error(`saveTask answered ${JSON.stringify(body)}`);
      await visible(page, `[data-testid=plan-task]:has-text("${TASK}")`).first().waitFor({ timeout: 15_000 });
    });

    await s.check('the task is ticked off with a note as evidence: 已完成, the evidence shown, the board at 100%', async () => {
      await visible(page, `[data-testid=plan-task]:has-text("${TASK}") .list-row`).first().click();
      await visible(page, '[data-testid=plan-tick]').first().click();
      await visible(page, field('完成情况说明')).first().fill(NOTE);
      const ticked = answerOf(page, 'tickTask');
      await visible(page, '[data-testid=plan-tick-submit]').first().click();
      const body = await ticked;
      if (!body.ok) throw new Error(`tickTask answered ${JSON.stringify(body)}`);
      await visible(page, `[data-testid=plan-evidence]:has-text("${NOTE}")`).first().waitFor({ timeout: 15_000 });
      expectEqual(await visible(page, '[data-testid=plan-task-state]').first().textContent(), '已完成', 'the task state');
      await s.shot('plans-task-ticked-390');
      await page.goto(s.url(`/pages-staff/plan-board/index?planId=${planId}`));
      await visible(page, '[data-testid=plan-completion]:has-text("100%")').first().waitFor({ timeout: 15_000 });
    });

    console.log(`plans e2e took ${Date.now() - t0} ms`);
  },
  'plans',
);
