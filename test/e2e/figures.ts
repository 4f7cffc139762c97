/**
 * 数据统计 in Chromium over the h5 build on the local cloud with the demo data: the corps admin
 * opens the dashboard, sees the figure sentence with the corps' numbers (checked
 * against a count of the demo documents made here), exports the workbook, and the downloaded
 * .xlsx holds the same numbers. Run: E2E_H5_DIR=<an h5 build> npx tsx test/e2e/figures.ts
 */
import { execFileSync } from 'node:child_process';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { actAs, armed, expectEqual, visible, withSession } from './harness';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const CORPS = demo.units.find((u) => u.parentId === null)!;

/** The corps since 2022, counted from the documents: every exemplar (staff figures), each once per line. */
function corpsSince2022() {
  const inP = (d: string) => d >= '2022-01-01' && d <= TODAY;
  const who = (kind: string, test: (level: string, title: string) => boolean) =>
    demo.exemplars.filter((e) => e.kind === kind && demo.honors.some((h) => h.exemplarId === e._id && inP(h.date) && test(h.level, h.title))).length;
  const nr = (l: string) => l === 'national' || l === 'regional';
  return {
    nr: [who('collective', nr), who('individual', nr)],
    prefecture: [who('collective', (l) => l === 'prefecture'), who('individual', (l) => l === 'prefecture')],
    commended: who('collective', (_l, t) => /[一二三]等功$/.test(t)),
    placements: demo.placements.filter((p) => p.exemplarId !== null && inP(p.date)).length,
    awards: demo.honors.filter((h) => inP(h.date)).length,
  };
}
const want = corpsSince2022();

/**
 * The body rows of the workbook's sheets (below the title and two header rows), read with exceljs
 * in a plain Node process: tsx's loader trips over one of exceljs's dependencies (an .mjs shim).
 */
function sheetsOf(file: string): Record<string, (string | number)[][]> {
  const script = `
    const ExcelJS = require('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.xlsx.readFile(process.argv[1]).then(() => {
      const out = {};
      for (const ws of wb.worksheets) {
        out[ws.name] = [];
        ws.eachRow((row, n) => { if (n > 3) out[ws.name].push(row.values.slice(1)); });
      }
      process.stdout.write(JSON.stringify(out));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { cwd: __dirname, encoding: 'utf8' })) as Record<string, (string | number)[][]>;
}

void withSession(
  async ({ page, url, shot, check }) => {
    await check('the corps admin opens 数据统计 and reads the corps’ figure sentence', async () => {
      await actAs(page, url('/pages/me/index'), '管理员（总队）');
      await page.goto(url('/pages-staff/figures/index'));
      const sentence = visible(page, '[data-testid=figures-sentence]').first();
      await sentence.waitFor({ timeout: 20_000 });
      expectEqual(
        await sentence.innerText(),
        `自2022年以来，${CORPS.name}共有${want.nr[0]}个集体和${want.nr[1]}名个人获国家级或自治区（兵团）级表彰，${want.prefecture[0]}个集体和${want.prefecture[1]}名个人获地州级表彰，${want.commended}个单位受到县级以上记功表彰，媒体刊发报道${want.placements}篇（次）。`,
        'the figure sentence',
      );
      await visible(page, '[data-testid=table-honours] [data-testid=figures-total]').first().waitFor();
      await shot('figures-01-dashboard');
    });

    await check('导出 Excel downloads a workbook whose numbers are the same independent count', async () => {
      const download = armed(page.waitForEvent('download', { timeout: 30_000 }));
      await visible(page, '[data-testid=figures-export]').first().click();
      const file = await download;
      expectEqual(file.suggestedFilename(), `${CORPS.shortName}推优树典数据统计_2022-01-01_${TODAY}.xlsx`, 'the file name');
      const sheets = sheetsOf((await file.path()) as string);
      const corpsRow = (sheets['荣誉表彰（按单位）'] ?? []).find((r) => r[0] === CORPS.name)?.slice(1) ?? [];
      expectEqual(corpsRow.slice(0, 2), want.nr, 'the corps row: national-or-regional collectives and individuals');
      expectEqual(corpsRow.slice(6, 8), want.prefecture, 'the corps row: prefecture collectives and individuals');
      expectEqual(corpsRow.at(-1), want.awards, 'the corps row: honours in total');
      expectEqual((sheets['单位记功'] ?? []).find((r) => r[0] === CORPS.name)?.[1], want.commended, 'commended units');
      expectEqual((sheets['媒体刊发（按年度）'] ?? []).find((r) => r[0] === '合计')?.at(-1), want.placements, 'media placements in total');
    });
  },
  'figures',
);
