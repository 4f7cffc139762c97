/**
 * Staff administration in Chromium over the h5 build on the local cloud, with demo data and
 * the dev identity switcher: the admin creates an invite in the app, a reader redeems it and
 * their me page shows the role; the publisher promotes a reserve exemplar and it shows in the
 * major library.
 */
import type { Page } from 'playwright-core';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { withSession, visible, actAs, expectEqual } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const STATION = demo.units.find((u) => u._id === 'u-wlmq-b1-s1')!;




/** Confirms Taro's h5 modal (showModal) with its confirm button. */
async function confirmModal(page: Page): Promise<void> {
  const confirm = visible(page, '.taro-model__confirm').first();
  await confirm.waitFor({ timeout: 10_000 });
  await confirm.click();
}

void withSession(async ({ page, url, shot, check }) => {
  const meUrl = url('/pages/me/index');
  let code = '';

  await check('the admin opens 工作台 from the me page and creates an editor invite for a station', async () => {
    await actAs(page, meUrl, '管理员（总队）');
    await visible(page, '.staff-entry').first().click();
    await visible(page, '[data-testid=tile-invites]').first().click();
    await visible(page, '[role=radio]:has-text("宣传员")').first().click();
    await visible(page, '.unit-chooser input').first().fill('特勤');
    await visible(page, `[role=radio]:has-text("${STATION.name}")`).first().click();
    const created = page.waitForResponse((r) => r.url().endsWith('/fn/admin') && (r.request().postData() ?? '').includes('"createInvite"'), { timeout: 15_000 });
    await visible(page, '.staff__primary:has-text("生成邀请码")').first().click();
    const body = (await (await created).json()) as { ok: boolean; data?: { code: string } };
    if (!body.ok || !body.data) throw new Error(`createInvite answered ${JSON.stringify(body)}`);
    code = body.data.code;
    const shown = (await visible(page, '.invite-created__code').first().innerText()).trim();
    expectEqual(shown, code, 'the code on screen');
    await visible(page, `[data-testid=invite-row]:has-text("${code}")`).first().waitFor({ timeout: 15_000 });
    await shot('s1-01-invite-created');
  });

  await check('a reader redeems the code on the me page and the page shows the role and the 工作台 entry', async () => {
    await actAs(page, meUrl, '读者（消防员）');
    if ((await visible(page, '[data-testid=me-role]').count()) !== 0) throw new Error('the reader already shows a role');
    await visible(page, '.redeem__entry').first().click();
    await visible(page, '.redeem__input input').first().fill(code.toLowerCase());
    await visible(page, '.redeem__submit').first().click();
    const role = visible(page, '[data-testid=me-role]').first();
    await role.waitFor({ timeout: 15_000 });
    const text = (await role.innerText()).replace(/\s+/g, '');
    if (!text.includes('宣传员') || !text.includes(STATION.name)) throw new Error(`role shows ${text}`);
    await visible(page, '.staff-entry').first().waitFor({ timeout: 5_000 });
    await shot('s1-02-redeemed');
  });

  await check('the same code cannot be redeemed again: the reason is shown', async () => {
    await actAs(page, meUrl, '审核员（总队）');
    await visible(page, '.redeem__entry').first().click();
    await visible(page, '.redeem__input input').first().fill(code);
    await visible(page, '.redeem__submit').first().click();
    const alert = visible(page, '.redeem__error').first();
    await alert.waitFor({ timeout: 15_000 });
    expectEqual((await alert.innerText()).trim(), '该邀请码已被使用', 'refusal');
  });

  let promoted = '';
  await check('the publisher promotes the top reserve exemplar with a reason and confirms', async () => {
    await actAs(page, meUrl, '发布员（总队）');
    await visible(page, '.staff-entry').first().click();
    await visible(page, '[data-testid=tile-library]').first().click();
    await visible(page, '[role=tab]:has-text("后备库")').first().click();
    const row = visible(page, '[data-testid=library-row]').first();
    await row.waitFor({ timeout: 15_000 });
    promoted = ((await row.locator('.staff__item-title').innerText()).split(' · ')[0] ?? '').trim();
    await row.locator('.staff__secondary:has-text("调整")').click();
    const panel = visible(page, '[data-testid=decision-panel]').first();
    await panel.locator('[role=radio]:has-text("升入重大典型库")').click();
    await panel.locator('.field__textarea textarea').fill('获评全国青年岗位能手，事迹突出');
    const changed = page.waitForResponse((r) => r.url().endsWith('/fn/library') && (r.request().postData() ?? '').includes('"changeTier"'), { timeout: 15_000 });
    await panel.locator('.staff__primary:has-text("提交")').click();
    await confirmModal(page);
    const body = (await (await changed).json()) as { ok: boolean; data?: { exemplar: { tier: string; name: string } } };
    expectEqual([body.ok, body.data?.exemplar.tier, body.data?.exemplar.name], [true, 'major', promoted], 'changeTier answer');
    await visible(page, '[role=tab]:has-text("调整记录")').first().click();
    await visible(page, `[data-testid=history-row]:has-text("${promoted}")`).first().waitFor({ timeout: 15_000 });
    await shot('s1-03-history');
  });

  await check('the promoted exemplar shows in the major library and no longer in the reserve', async () => {
    await page.goto(url('/pages/library/index'));
    await visible(page, `[data-testid=exemplar-card]:has-text("${promoted}")`).first().waitFor({ timeout: 15_000 });
    await shot('s1-04-major-library');
    await visible(page, '[role=tab]:has-text("后备典型库")').first().click();
    await visible(page, '[data-testid=exemplar-card]').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    const reserveNames = await visible(page, '[data-testid=exemplar-card]').allInnerTexts();
    if (reserveNames.some((t) => t.includes(promoted))) throw new Error(`${promoted} is still in the reserve library`);
  });
}, 'staff-admin');
