/**
 * Nominations in Chromium over the h5 build on the local cloud with demo data, each step taken
 * by the dev identity a user would switch to on the me page:
 *   the station editor nominates a new person from the form (consent form uploaded through the
 *   album chooser) → the detachment reviewer opens the signed form, ticks that it matches the
 *   nominee and approves → the corps reviewer approves → the notice
 *   shows on the public 公示 page → the notice period is over (the cloud runs with NOTICE_DAYS=0)
 *   and the nomination-timer function enrols → the person is in the reserve library;
 *   and a rejected nomination whose reason the nominator reads in 我的推荐; a returned one the
 *   nominator opens from 我的推荐, revises (a new picture) and resubmits, approved by both levels
 *   the second time; a withdrawal that asks first; the reviewer reaches
 *   the queue from the 工作台 tile with its count, readers reach 公示 from the library header, and
 *   the editor nominates the enrolled person onward with the exemplar picker (a second nomination
 *   of them is refused with its reason).
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { withSession, visible, actAs, armed, button, field } from './harness';

/** Confirms Taro's h5 modal (showModal) with its confirm button. */
async function confirmModal(page: Page): Promise<void> {
  const confirm = visible(page, '.taro-model__confirm').first();
  await confirm.waitFor({ timeout: 10_000 });
  await confirm.click();
}

/**
 * A small scanned-looking page: something real for the canvas to compress. Each person's form
 * differs (`seed` moves the lines): uploads are stored by content, and one signed form proves
 * one person's consent only, so the same bytes for a second person are refused. The name is
 * written as a row of marks (one block per character code bit) under the ruled lines.
 */
function scan(name: string): Buffer {
  const code = [...name].reduce((n, ch) => (n * 31 + ch.charCodeAt(0)) >>> 0, 7);
  const png = new PNG({ width: 60, height: 80 });
  for (let i = 0; i < png.data.length; i += 4) {
    const x = (i / 4) % 60;
    const y = Math.floor(i / 4 / 60);
    const mark = y >= 70 && y < 76 && (code >>> Math.floor(x / 2)) & 1;
    const ink = y % 10 === 0 || mark ? 60 : 245;
    png.data[i] = ink;
    png.data[i + 1] = ink;
    png.data[i + 2] = ink;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

const tag = (Date.now() % 10000).toString().padStart(4, '0');
const NOMINEE = `艾力${tag}`;
const REJECTED = `古丽${tag}`;
const DEEDS = '在一次夜间化工厂火灾中，他带领突击组三进火场，关闭泄漏阀门，疏散群众一百二十余人，无一伤亡。';
const REASON = '事迹材料缺少具体时间与佐证，暂不推荐';
const RETURNED = `阿依${tag}`;
const RETURN_REASON = '请补充火灾发生的具体时间和现场照片';
const REVISED = '火灾发生于2024年8月12日凌晨，现场照片附后。';
const WITHDRAWN = `热依${tag}`;

type Envelope<T> = { ok: boolean; data?: T; error?: { code: string; message: string } };

/** Fill and send the nomination form for a new individual with a signed consent form. */
async function nominate(page: Page, newUrl: string, name: string): Promise<string> {
  await page.goto(newUrl);
  const nameInput = visible(page, field('推荐对象名称')).first();
  await nameInput.waitFor({ timeout: 15_000 });
  await nameInput.fill(name);
  await visible(page, field('事迹材料')).first().fill(DEEDS);
  await visible(page, '[role=checkbox]:has-text("本人同意")').first().click();
  const chooser = armed(page.waitForEvent('filechooser', { timeout: 10_000 }));
  const uploaded = armed(page.waitForResponse((r) => r.url().endsWith('/fn/authoring') && (r.request().postData() ?? '').includes('"uploadImage"'), { timeout: 20_000 }));
  await visible(page, button('上传签字同意书')).first().click();
  await (await chooser).setFiles({ name: 'consent.png', mimeType: 'image/png', buffer: scan(name) });
  const up = (await (await uploaded).json()) as Envelope<{ fileId: string }>;
  if (!up.ok) throw new Error(`uploadImage answered ${JSON.stringify(up)}`);
  await visible(page, button('已上传同意书')).first().waitFor({ timeout: 10_000 });
  const submitted = armed(page.waitForResponse((r) => r.url().endsWith('/fn/nominations') && (r.request().postData() ?? '').includes('"submit"'), { timeout: 20_000 }));
  await visible(page, button('提交推荐')).first().click();
  const res = (await (await submitted).json()) as Envelope<{ nomination: { _id: string; state: string }; created: boolean }>;
  if (!res.ok || !res.data?.created || res.data.nomination.state !== 'submitted') throw new Error(`submit answered ${JSON.stringify(res)}`);
  // The form hands over to 我的推荐, where the new nomination waits for the detachment.
  await visible(page, `[data-testid=my-nomination]:has-text("${name}") >> text=待支队审核`).first().waitFor({ timeout: 15_000 });
  return res.data.nomination._id;
}

/** As the current reviewer, open the queue, open `name`'s detail page, take `decision` with `comment`, confirm. */
async function decide(page: Page, reviewUrl: string | null, name: string, decision: '通过' | '不通过' | '退回修改', comment: string): Promise<{ state: string }> {
  // null: the queue is already open (reached from the 工作台 as a reviewer does).
  if (reviewUrl) await page.goto(reviewUrl);
  const row = visible(page, `[data-testid=queue-item]:has-text("${name}")`).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  const detail = visible(page, '[data-testid=nomination-page]').first();
  await detail.locator(`[data-testid=nomination-facts]:has-text("${name}")`).waitFor({ timeout: 15_000 });
  const sheet = detail.locator('[data-testid=decision-sheet]');
  await sheet.locator(`[role=radio]:text-is("${decision}")`).first().click();
  // A signed consent form nobody has checked yet: open it, look, and tick that it is this person's.
  const consent = detail.locator('[data-testid=consent-check]');
  if (decision === '通过' && (await consent.count()) > 0) {
    const scanned = armed(page.waitForResponse((r) => r.url().endsWith('/fn/nominations') && (r.request().postData() ?? '').includes('"consentScan"'), { timeout: 20_000 }));
    await consent.locator(button('查看同意书')).first().click();
    const scan = (await (await scanned).json()) as Envelope<{ url: string }>;
    if (!scan.ok) throw new Error(`consentScan answered ${JSON.stringify(scan)}`);
    await consent.locator('img').first().waitFor({ timeout: 10_000 });
    await consent.locator('[role=checkbox]:has-text("已核对同意书与被推荐人一致")').first().click();
    await consent.locator('[role=checkbox][aria-checked=true]').first().waitFor({ timeout: 5_000 });
  }
  if (comment) await sheet.locator(field('审核意见')).first().fill(comment);
  const decided = armed(page.waitForResponse((r) => r.url().endsWith('/fn/nominations') && (r.request().postData() ?? '').includes('"decide"'), { timeout: 20_000 }));
  await sheet.locator(button('提交审核决定')).first().click();
  await confirmModal(page);
  const res = (await (await decided).json()) as Envelope<{ nomination: { state: string } }>;
  if (!res.ok || !res.data) throw new Error(`decide answered ${JSON.stringify(res)}`);
  // The page shows the decision in the timeline and no longer offers one.
  await detail.locator('[data-testid=decision-sheet]').waitFor({ state: 'detached', timeout: 15_000 });
  // Back in the queue, it reloads without the decided nomination.
  await page.goBack();
  await visible(page, '[role=tablist]').first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    (n) => ![...document.querySelectorAll('[data-testid=queue-item]')].some((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.includes(n)),
    name,
    { timeout: 15_000 },
  );
  return res.data.nomination;
}

/** As the nominator, open `name` from 我的推荐 (its row reads `state`) and answer its detail page. */
async function openMine(page: Page, mineUrl: string, name: string, state: string) {
  await page.goto(mineUrl);
  const row = visible(page, `[data-testid=my-nomination]:has-text("${name}")`).first();
  await row.waitFor({ timeout: 15_000 });
  await row.locator(`.list-row__badge:text-is("${state}")`).waitFor({ timeout: 10_000 });
  await row.click();
  const detail = visible(page, '[data-testid=nomination-page]').first();
  await detail.locator(`[data-testid=nomination-facts]:has-text("${name}")`).waitFor({ timeout: 15_000 });
  return detail;
}

void withSession(
  async ({ page, url, shot, check, cloud }) => {
    const meUrl = url('/pages/me/index');
    const newUrl = url('/pages-staff/nominations/new/index');
    const mineUrl = url('/pages-staff/nominations/mine/index');
    const reviewUrl = url('/pages-staff/review/index');
    let nominationId = '';

    await check('the station editor nominates a new person from the form, with a signed consent form', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      nominationId = await nominate(page, newUrl, NOMINEE);
      await shot('nomination-01-submitted');
    });

    await check('the detachment reviewer finds it in the queue, checks the signed consent form and approves it on to the corps', async () => {
      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      // From the me page through the 工作台, whose 审核 tile counts what waits.
      await visible(page, '.staff-entry').first().click();
      const count = await visible(page, '[data-testid=tile-review] [data-testid=review-count]').first().innerText({ timeout: 15_000 });
      if (!/^\d+ 项待处理$/.test(count.trim()) || Number.parseInt(count, 10) < 1) throw new Error(`the 审核 tile reads ${count}`);
      await visible(page, '[data-testid=tile-review]').first().click();
      // Nobody has checked this person's signed form yet: the row says so, and the detail page asks the reviewer to.
      await visible(page, `[data-testid=queue-item]:has-text("${NOMINEE}") >> text=本人签字同意书待审核员核对`).first().waitFor({ timeout: 15_000 });
      const after = await decide(page, null, NOMINEE, '通过', '');
      if (after.state !== 'detachment_approved') throw new Error(`after the detachment the state is ${after.state}`);
    });

    await check('the corps reviewer approves it and the nomination goes to public notice', async () => {
      await actAs(page, meUrl, '审核员（总队）');
      const after = await decide(page, reviewUrl, NOMINEE, '通过', '事迹突出，同意公示');
      if (after.state !== 'in_notice') throw new Error(`after the corps the state is ${after.state}`);
      await shot('nomination-02-corps-approved');
    });

    await check('a reader sees it on the public 公示 page', async () => {
      await actAs(page, meUrl, '读者（消防员）');
      // Readers find 公示 from the library header.
      await page.goto(url('/pages/library/index'));
      await visible(page, '[data-testid=notice-link]').first().click();
      const item = visible(page, `[data-testid=notice-item]:has-text("${NOMINEE}")`).first();
      await item.waitFor({ timeout: 15_000 });
      const text = await item.innerText();
      if (!text.includes('拟入后备典型库') && !text.includes('后备')) throw new Error(`the notice reads ${text.slice(0, 120)}`);
      await shot('nomination-03-notice');
    });

    await check('when the notice period is over the nomination-timer enrols it, and the editor sees 已入库', async () => {
      const report = (await cloud.invoke('nomination-timer', {})) as Envelope<{ enrolled: string[]; held: string[]; rejected: string[] }>;
      if (!report.ok || !report.data?.enrolled.includes(nominationId)) throw new Error(`the timer answered ${JSON.stringify(report)}`);
      await actAs(page, meUrl, '宣传员（特勤站）');
      await page.goto(mineUrl);
      const card = visible(page, `[data-testid=my-nomination]:has-text("${NOMINEE}")`).first();
      await card.waitFor({ timeout: 15_000 });
      await card.locator('.list-row__badge:text-is("已入库")').waitFor({ timeout: 10_000 });
      await card.locator('.list-row__meta:has-text("公示期满，已入库")').waitFor({ timeout: 10_000 });
    });

    await check('the new exemplar is in the reserve library and opens on its profile', async () => {
      await actAs(page, meUrl, '读者（消防员）');
      await page.goto(url('/pages/library/index'));
      await visible(page, '[role=tab]:has-text("后备典型库")').first().click();
      await visible(page, '[role=radiogroup] [role=radio]:has-text("个人")').first().click();
      const card = visible(page, `.exemplar-card:has-text("${NOMINEE}")`).first();
      // A user scrolls down until the list reaches the person (a new exemplar has no honors yet, so it ranks last).
      for (let i = 0; i < 10 && !(await card.isVisible()); i++) {
        await page.mouse.wheel(0, 4000);
        await page.waitForTimeout(600);
      }
      await card.waitFor({ timeout: 15_000 });
      await card.click();
      await visible(page, `text=${NOMINEE}`).first().waitFor({ timeout: 15_000 });
      await visible(page, 'text=三进火场').first().waitFor({ timeout: 15_000 });
      await shot('nomination-04-enrolled-profile');
    });

    await check('a nomination the detachment rejects shows its reason to the nominator in 我的推荐', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      await nominate(page, newUrl, REJECTED);
      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      const after = await decide(page, reviewUrl, REJECTED, '不通过', REASON);
      if (after.state !== 'rejected') throw new Error(`after the rejection the state is ${after.state}`);
      await actAs(page, meUrl, '宣传员（特勤站）');
      await page.goto(mineUrl);
      const card = visible(page, `[data-testid=my-nomination]:has-text("${REJECTED}")`).first();
      await card.waitFor({ timeout: 15_000 });
      await card.locator('.list-row__badge:text-is("未通过")').waitFor({ timeout: 10_000 });
      await card.locator(`.list-row__meta:has-text("支队审核未通过：${REASON}")`).waitFor({ timeout: 10_000 });
      await shot('nomination-05-rejected-reason');
    });

    await check('a nomination the detachment returns is opened from 我的推荐, revised with a new picture and resubmitted, then approved by both levels', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      const id = await nominate(page, newUrl, RETURNED);
      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      const returned = await decide(page, reviewUrl, RETURNED, '退回修改', RETURN_REASON);
      if (returned.state !== 'returned') throw new Error(`after the return the state is ${returned.state}`);

      await actAs(page, meUrl, '宣传员（特勤站）');
      const detail = await openMine(page, mineUrl, RETURNED, '已退回修改');
      await detail.locator(`[data-testid=return-comment]:has-text("${RETURN_REASON}")`).waitFor({ timeout: 10_000 });
      await detail.locator('[data-testid=timeline-entry]:has-text("支队退回修改")').first().waitFor({ timeout: 10_000 });
      await shot('nomination-07-returned-detail');
      await detail.locator(button('修改后重新提交')).first().click();
      const form = detail.locator('[data-testid=revise-form]');
      const deeds = form.locator(field('事迹材料')).first();
      await deeds.waitFor({ timeout: 10_000 });
      if ((await deeds.inputValue()) !== DEEDS) throw new Error(`the revise form opened with ${await deeds.inputValue()}`);
      await deeds.fill(`${DEEDS}${REVISED}`);
      const chooser = armed(page.waitForEvent('filechooser', { timeout: 10_000 }));
      const uploaded = armed(page.waitForResponse((r) => r.url().endsWith('/fn/authoring') && (r.request().postData() ?? '').includes('"uploadImage"'), { timeout: 20_000 }));
      await form.locator(button('添加图片')).first().click();
      await (await chooser).setFiles({ name: 'scene.png', mimeType: 'image/png', buffer: scan(`${RETURNED}现场`) });
      const up = (await (await uploaded).json()) as Envelope<{ fileId: string }>;
      if (!up.ok) throw new Error(`uploadImage answered ${JSON.stringify(up)}`);
      await form.locator('[data-testid=revise-attachment]').first().waitFor({ timeout: 10_000 });
      const revised = armed(page.waitForResponse((r) => r.url().endsWith('/fn/nominations') && (r.request().postData() ?? '').includes('"revise"'), { timeout: 20_000 }));
      await form.locator(button('重新提交')).first().click();
      const res = (await (await revised).json()) as Envelope<{ nomination: { _id: string; state: string; deeds: string; attachments: string[] } }>;
      if (!res.ok || res.data?.nomination._id !== id || res.data.nomination.state !== 'submitted' || !res.data.nomination.deeds.endsWith(REVISED) || res.data.nomination.attachments.length !== 1) {
        throw new Error(`revise answered ${JSON.stringify(res)}`);
      }
      await detail.locator('[data-testid=nomination-state]:text-is("待支队审核")').waitFor({ timeout: 15_000 });
      await detail.locator('[data-testid=timeline-entry]:has-text("修改后重新提交")').first().waitFor({ timeout: 10_000 });
      await detail.locator('[data-testid=nomination-attachments] img').first().waitFor({ timeout: 10_000 });
      await shot('nomination-08-resubmitted');

      await actAs(page, meUrl, '审核员（乌鲁木齐支队）');
      const atCorps = await decide(page, reviewUrl, RETURNED, '通过', '');
      if (atCorps.state !== 'detachment_approved') throw new Error(`after the second detachment review the state is ${atCorps.state}`);
      await actAs(page, meUrl, '审核员（总队）');
      const approved = await decide(page, reviewUrl, RETURNED, '通过', '修改后材料翔实，同意公示');
      if (approved.state !== 'in_notice') throw new Error(`after the corps the state is ${approved.state}`);
      await actAs(page, meUrl, '宣传员（特勤站）');
      const done = await openMine(page, mineUrl, RETURNED, '公示中');
      await done.locator('[data-testid=notice-ends]').waitFor({ timeout: 10_000 });
      await done.locator('[data-testid=timeline-entry]:has-text("总队审核通过")').first().waitFor({ timeout: 10_000 });
      await shot('nomination-09-revised-approved');
    });

    await check('withdrawing a nomination asks first: declined, nothing changes; confirmed, it reads 已撤回 and offers nothing more', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      await nominate(page, newUrl, WITHDRAWN);
      const detail = await openMine(page, mineUrl, WITHDRAWN, '待支队审核');
      let withdrawCalls = 0;
      const count = (r: { url(): string; postData(): string | null }) => {
        if (r.url().endsWith('/fn/nominations') && (r.postData() ?? '').includes('"withdraw"')) withdrawCalls++;
      };
      page.on('request', count);
      await detail.locator(button('撤回推荐')).first().click();
      const cancel = visible(page, '.taro-model__cancel').first();
      await cancel.waitFor({ timeout: 10_000 });
      await shot('nomination-10-withdraw-asks');
      await cancel.click();
      await page.waitForTimeout(500);
      if (withdrawCalls !== 0) throw new Error('declining the question still withdrew');
      await detail.locator('[data-testid=nomination-state]:text-is("待支队审核")').waitFor({ timeout: 5_000 });
      const withdrawn = armed(page.waitForResponse((r) => r.url().endsWith('/fn/nominations') && (r.request().postData() ?? '').includes('"withdraw"'), { timeout: 20_000 }));
      await detail.locator(button('撤回推荐')).first().click();
      await confirmModal(page);
      const res = (await (await withdrawn).json()) as Envelope<{ nomination: { state: string } }>;
      if (!res.ok || res.data?.nomination.state !== 'withdrawn') throw new Error(`withdraw answered ${JSON.stringify(res)}`);
      page.off('request', count);
      await detail.locator('[data-testid=nomination-state]:text-is("已撤回")').waitFor({ timeout: 15_000 });
      if ((await detail.locator(button('撤回推荐')).count()) !== 0) throw new Error('a withdrawn nomination still offers 撤回推荐');
    });

    await check('from the 工作台 the editor nominates the newly enrolled person for the major library with the picker; a second nomination of them is refused with its reason', async () => {
      await actAs(page, meUrl, '宣传员（特勤站）');
      await visible(page, '.staff-entry').first().click();
      await visible(page, '[data-testid=tile-nominate]').first().click();
      await visible(page, button('新建推荐')).first().click();
      const promote = async (): Promise<Envelope<{ nomination: { nominee: { exemplarId: string | null; name: string }; targetTier: string }; created: boolean }>> => {
        await visible(page, '[role=radio]:has-text("后备典型升级")').first().click();
        await visible(page, field('搜索典型')).first().fill(NOMINEE);
        await visible(page, `[data-testid=exemplar-option]:has-text("${NOMINEE}")`).first().click();
        await visible(page, '[data-testid=picked-exemplar]').first().waitFor({ timeout: 10_000 });
        await visible(page, field('事迹材料')).first().fill(`${DEEDS}入库后又在抗洪抢险中表现突出。`);
        const submitted = armed(page.waitForResponse((r) => r.url().endsWith('/fn/nominations') && (r.request().postData() ?? '').includes('"submit"'), { timeout: 20_000 }));
        await visible(page, button('提交推荐')).first().click();
        return (await (await submitted).json()) as Envelope<{ nomination: { nominee: { exemplarId: string | null; name: string }; targetTier: string }; created: boolean }>;
      };
      const first = await promote();
      // The enrolled exemplar's id is the server's own (unpredictable): the nominee is named by the exemplar picked.
      if (!first.ok || !first.data?.created || !first.data.nomination.nominee.exemplarId || first.data.nomination.nominee.name !== NOMINEE || first.data.nomination.targetTier !== 'major') {
        throw new Error(`the promotion answered ${JSON.stringify(first)}`);
      }
      await visible(page, `[data-testid=my-nomination]:has-text("${NOMINEE}") >> text=拟入重大先进典型库`).first().waitFor({ timeout: 15_000 });
      await visible(page, button('新建推荐')).first().click();
      const second = await promote();
      if (second.ok || second.error?.code !== 'CONFLICT') throw new Error(`the second nomination answered ${JSON.stringify(second)}`);
      await visible(page, '[role=alert]:has-text("该典型已有进行中的推荐")').first().waitFor({ timeout: 10_000 });
      await shot('nomination-06-picker-conflict');
    });
  },
  'nomination',
  { functionEnv: { NOTICE_DAYS: '0' } },
);
