/**
 * Staff administration in Chromium over the h5 build on the local cloud, with demo data and
 * the dev identity switcher: the admin corrects their name and creates an invite in the app, a
 * reader redeems it with their name and their me page shows the role; invites, grants and the
 * audit log show both by name; the publisher promotes a reserve exemplar and it shows in the
 * major library.
 */
import type { Page } from 'playwright-core';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { withSession, visible, actAs, expectEqual, field } from './harness';

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

  await check('the admin, shown in 我的 by the name they gave, corrects it there and is shown by the new one', async () => {
    await actAs(page, meUrl, '管理员（总队）');
    await visible(page, '[data-testid=me-card]:has-text("陈刚")').first().waitFor({ timeout: 15_000 });
    const form = visible(page, '[data-testid=my-profile]').first();
    await form.locator('.me-profile__edit').click();
    await form.locator(field('你的姓名')).fill('陈志刚');
    const saved = page.waitForResponse((r) => r.url().endsWith('/fn/identity') && (r.request().postData() ?? '').includes('"saveProfile"'), { timeout: 15_000 });
    await form.locator('.me-profile__save').click();
    expectEqual(((await (await saved).json()) as { ok: boolean }).ok, true, 'saveProfile answered');
    await visible(page, '[data-testid=me-card]:has-text("陈志刚")').first().waitFor({ timeout: 15_000 });
    await visible(page, '[data-testid=my-profile]:has-text("新疆维吾尔自治区消防救援总队")').first().waitFor({ timeout: 5_000 });
  });

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
    await visible(page, 'input.redeem__input, .redeem__input input').first().fill(code.toLowerCase());
    await visible(page, 'input.redeem__name-input, .redeem__name-input input').first().fill('李娜');
    await visible(page, '.redeem__submit').first().click();
    const role = visible(page, '[data-testid=me-role]').first();
    await role.waitFor({ timeout: 15_000 });
    const text = (await role.innerText()).replace(/\s+/g, '');
    if (!text.includes('宣传员') || !text.includes(STATION.name)) throw new Error(`role shows ${text}`);
    await visible(page, '.staff-entry').first().waitFor({ timeout: 5_000 });
    await visible(page, `[data-testid=me-card]:has-text("李娜")`).first().waitFor({ timeout: 5_000 });
    await shot('s1-02-redeemed');
  });

  await check('the admin sees the invite used by 李娜, her grant by name, and the audit log as Chinese sentences', async () => {
    await actAs(page, meUrl, '管理员（总队）');
    await visible(page, '.staff-entry').first().click();
    await visible(page, '[data-testid=tile-invites]').first().click();
    await visible(page, `[data-testid=invite-row]:has-text("${code}"):has-text("已由 李娜 使用")`).first().waitFor({ timeout: 15_000 });
    await visible(page, '.staff__link:has-text("查看已授权人员")').first().click();
    await visible(page, `[data-testid=grant-row]:has-text("李娜"):has-text("${STATION.name}")`).first().waitFor({ timeout: 15_000 });
    await page.goBack();
    await page.goBack();
    await visible(page, '[data-testid=tile-audit]').first().click();
    const redeemed = visible(page, '[data-testid=audit-row]:has-text("李娜 使用邀请码，成为 天山区特勤站 宣传员")').first();
    await redeemed.waitFor({ timeout: 15_000 });
    await visible(page, '[data-testid=audit-row]:has-text("陈志刚 生成了 天山区特勤站 宣传员 的邀请码")').first().waitFor({ timeout: 5_000 });
    await redeemed.click();
    const details = (await redeemed.locator('[data-testid=audit-details]').innerText()).replace(/\s+/g, ' ');
    if (!details.includes('角色：宣传员') || !details.includes(`单位：${STATION.name}`)) throw new Error(`details read ${details}`);
    const all = await visible(page, '.page').first().innerText();
    if (/[{}"]|dev-|admin\.|inv-/.test(all)) throw new Error(`the audit log shows a code, an id or JSON: ${all.slice(0, 300)}`);
    await shot('s1-02b-audit');
  });

  await check('the same code cannot be redeemed again: the reason is shown', async () => {
    await actAs(page, meUrl, '审核员（总队）');
    await visible(page, '.redeem__entry').first().click();
    await visible(page, 'input.redeem__input, .redeem__input input').first().fill(code);
    // Staff who gave their name (张华) are not asked for it again with a code.
    if ((await visible(page, 'input.redeem__name-input, .redeem__name-input input').count()) !== 0) throw new Error('a named staff member is asked for their name');
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
    promoted = ((await row.locator('.list-row__title').innerText()).split(' · ')[0] ?? '').trim();
    await row.locator('.staff__secondary:has-text("调整")').click();
    const panel = visible(page, '[data-testid=decision-panel]').first();
    await panel.locator('[role=radio]:has-text("升入重大典型库")').click();
    await panel.locator('.reason-sheet__field textarea').fill('获评全国青年岗位能手，事迹突出');
    const changed = page.waitForResponse((r) => r.url().endsWith('/fn/library') && (r.request().postData() ?? '').includes('"changeTier"'), { timeout: 15_000 });
    await panel.locator('.reason-sheet__button:has-text("提交")').click();
    await confirmModal(page);
    const body = (await (await changed).json()) as { ok: boolean; data?: { exemplar: { tier: string; name: string } } };
    expectEqual([body.ok, body.data?.exemplar.tier, body.data?.exemplar.name], [true, 'major', promoted], 'changeTier answer');
    await visible(page, '[role=tab]:has-text("调整记录")').first().click();
    await visible(page, `[data-testid=history-row]:has-text("将 ${promoted} 升入重大先进典型库")`).first().waitFor({ timeout: 15_000 });
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

  const archived = demo.campaigns.find((c) => c.slug === 'tianshan')!;
  await check('the admin finds a station in the unit tree by opening its branches', async () => {
    await actAs(page, meUrl, '管理员（总队）');
    await page.goto(url('/pages-staff/units/index'));
    await visible(page, '[aria-label="展开乌鲁木齐市消防救援支队"]').first().click();
    await visible(page, '[aria-label="展开天山区消防救援大队"]').first().click();
    await visible(page, `[role=radio]:has-text("${STATION.name}")`).first().click();
    await visible(page, `[data-testid=unit-panel]:has-text("${STATION.name}")`).first().waitFor({ timeout: 15_000 });
    await shot('s1-05-unit-panel');
  });

  await check('the admin archives a campaign after confirming: readers no longer find it on the feed, and its old link says 专题已结束', async () => {
    await page.goto(url('/pages-staff/campaigns/index'));
    const row = visible(page, `[data-testid=campaign-row]:has-text("${archived.name}")`).first();
    await row.waitFor({ timeout: 15_000 });
    const saved = page.waitForResponse((r) => r.url().endsWith('/fn/admin') && (r.request().postData() ?? '').includes('"saveCampaign"'), { timeout: 15_000 });
    await row.locator('.staff__secondary:has-text("归档")').click();
    await confirmModal(page);
    const body = (await (await saved).json()) as { ok: boolean; data?: { archived: boolean } };
    expectEqual([body.ok, body.data?.archived], [true, true], 'saveCampaign answer');
    await visible(page, `[data-testid=campaign-row]:has-text("${archived.name}"):has-text("已归档")`).first().waitFor({ timeout: 15_000 });
    await actAs(page, meUrl, '读者（消防员）');
    await page.goto(url('/pages/feed/index'));
    await visible(page, '[data-testid=campaign-chip]').first().waitFor({ timeout: 15_000 });
    const chips = await visible(page, '[data-testid=campaign-chip]').allInnerTexts();
    if (chips.some((t) => t.includes(archived.name))) throw new Error(`the feed still offers ${archived.name}: ${chips.join(' | ')}`);
    await page.goto(url(`/pages/campaign/index?id=${archived._id}`));
    await visible(page, '[data-testid=campaign-ended]').first().waitFor({ timeout: 15_000 });
    await visible(page, '.story-card').first().waitFor({ timeout: 15_000 });
    await shot('s1-06-campaign-ended');
  });
}, 'staff-admin');
