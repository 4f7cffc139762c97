/**
 * 岗位标兵评选 in Chromium over the h5 build on the local cloud with demo data: the demo's open
 * 灭火救援尖兵 round is scored by its three named committee members in turn (the first finds it
 * waiting on the 工作台), each on their own sheet; the corps admin closes it, publishes the
 * results, and the results campaign lists the winners in the order the scores and the stated
 * tie rule give, each opening their profile.
 */
import type { Page } from 'playwright-core';
import { DEMO_OPEN_CANDIDATES, DEMO_OPEN_ROUND, demoOpenCandidateId } from '../../emulator/seed/selections';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { actAs, armed, expectEqual, visible, withSession } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const NAMES = DEMO_OPEN_CANDIDATES.map((id) => demo.exemplars.find((e) => e._id === id)?.name as string);
const CRITERIA = 3;

/**
 * One member's sheets, candidate after candidate as the sheet moves on: every criterion at full
 * marks, then the k-th candidate loses k points on the first criterion (totals 100, 96, 92).
 */
async function scoreAll(page: Page): Promise<void> {
  for (let k = 0; k < NAMES.length; k++) {
    const sheet = visible(page, `[data-testid=score-sheet]:has-text("${NAMES[k]}")`).first();
    await sheet.waitFor({ timeout: 15_000 });
    for (let i = 0; i < CRITERIA; i++) await sheet.locator('[data-testid=score-criterion]').nth(i).locator('[aria-label$="满分"]').click();
    for (let j = 0; j < k; j++) await sheet.locator('[data-testid=score-criterion]').first().locator('[aria-label$="减一分"]').click();
    const saved = armed(page.waitForResponse((r) => r.url().endsWith('/fn/workboard') && (r.request().postData() ?? '').includes('"scoreCandidate"'), { timeout: 15_000 }));
    await sheet.locator('[data-testid=save-score]').click();
    // The sheet moves on once the server has the scores (the page leaves, so its answer is read from the move).
    expectEqual((await saved).status(), 200, `the score for ${NAMES[k]} was sent`);
    const next = NAMES[k + 1];
    if (next) await visible(page, `[data-testid=score-sheet]:has-text("${next}")`).first().waitFor({ timeout: 15_000 });
  }
  // After the last sheet the app opens the round on its own, however the member reached the
  // sheets: wait until it has, so the next step's navigation cannot race the app's.
  await page.waitForURL(/selection-round/, { timeout: 15_000 });
  await visible(page, '[data-testid=my-progress]').first().waitFor({ timeout: 15_000 });
}

async function confirmModal(page: Page): Promise<void> {
  const confirm = visible(page, '.taro-model__confirm').first();
  await confirm.waitFor({ timeout: 10_000 });
  await confirm.click();
}

void withSession(
  async ({ page, url, shot, check }) => {
    const meUrl = url('/pages/me/index');
    const firstSheet = url(`/pages-staff/selection-score/index?roundId=${DEMO_OPEN_ROUND}&candidateId=${demoOpenCandidateId(DEMO_OPEN_CANDIDATES[0])}`);

    await check('a committee member finds the round waiting on the 工作台 and scores every candidate on their own sheet', async () => {
      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      await visible(page, '.staff-entry').first().click();
      const count = await visible(page, '[data-testid=tile-selections] [data-testid=selections-count]').first().innerText({ timeout: 15_000 });
      expectEqual(count.trim(), '1 项待评分', 'the 评选 tile count');
      await visible(page, '[data-testid=tile-selections]').first().click();
      await visible(page, '[data-testid=selection-row]:has-text("待我评分")').first().click();
      await visible(page, '[data-testid=tie-rule]').first().waitFor({ timeout: 15_000 });
      await visible(page, '[data-testid=candidate-row]').first().click();
      await scoreAll(page);
      // Back on the round: their own scores, nobody else's.
      await visible(page, '[data-testid=my-progress]:has-text("我已评 3 / 3 名")').first().waitFor({ timeout: 15_000 });
      await shot('selections-01-member-scored');
    });

    for (const [label, who] of [['审核员（总队）', '张华'], ['发布员（总队）', '周洋']] as const) {
      await check(`${who} scores too, without seeing the earlier member's scores`, async () => {
        await actAs(page, meUrl, label);
        await page.goto(firstSheet);
        const first = visible(page, '[data-testid=score-sheet]').first();
        await first.waitFor({ timeout: 15_000 });
        expectEqual(await first.locator('[data-testid=score-value]').first().innerText(), '—', 'a fresh sheet shows no score');
        await scoreAll(page);
      });
    }

    await check('the admin closes the round and the ranking follows the scores', async () => {
      await actAs(page, meUrl, '管理员（总队）');
      await page.goto(url(`/pages-staff/selection-round/index?id=${DEMO_OPEN_ROUND}`));
      const committee = visible(page, '[data-testid=committee]').first();
      await committee.waitFor({ timeout: 15_000 });
      // Progress, never content: each of the three members has scored all three candidates.
      expectEqual(((await committee.innerText()).match(/已评 3/g) ?? []).length, 3, 'members who scored all three');
      await visible(page, '[data-testid=close-round]').first().click();
      await confirmModal(page);
      await visible(page, '[data-testid=candidate-row]:has-text("第 1 名")').first().waitFor({ timeout: 15_000 });
      const rows = await visible(page, '[data-testid=candidate-row]').allInnerTexts();
      expectEqual(
        rows.map((r) => NAMES.find((n) => r.includes(n))),
        NAMES,
        'the ranking',
      );
      if (!rows[0]?.includes('100.00') || !rows[1]?.includes('96.00')) throw new Error(`totals: ${rows.join(' | ')}`);
    });

    await check('the admin publishes the results and the campaign lists the winners, each opening their profile', async () => {
      await visible(page, '[data-testid=publish-round]').first().click();
      await confirmModal(page);
      await visible(page, '[data-testid=results-campaign]').first().click();
      await visible(page, '[data-testid=campaign-roll]').first().waitFor({ timeout: 15_000 });
      const winners = await visible(page, '[data-testid=campaign-winner]').allInnerTexts();
      expectEqual(winners.length, 2, 'winners listed');
      if (!winners[0]?.includes(NAMES[0] as string) || !winners[1]?.includes(NAMES[1] as string)) throw new Error(`roll: ${winners.join(' | ')}`);
      await shot('selections-02-results-campaign');
      await visible(page, '[data-testid=campaign-winner]').first().click();
      await visible(page, `text=${NAMES[0]}`).first().waitFor({ timeout: 15_000 });
      if (!page.url().includes('/pages/profile/index')) throw new Error(`the winner opened ${page.url()}`);
    });
  },
  'selections',
);
