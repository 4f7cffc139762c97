/**
 * One import, export or template run: what the command line (cli.ts) and the tests call, with
 * the HTTP API already pointed at an environment.
 *
 * Import: read the workbook, read the environment, plan (plan.ts: every row checked, EVERY
 * problem listed, nothing written if there is one), write (environment.ts), then run the
 * environment's `reconcile` — the honours wall's own repair, which builds or corrects the summary
 * (`honours_summary`: the wall's figures and the library's unit counts) and the tallies of
 * exemplars whose honours changed, in its transactions, with the app's writers racing it
 * handled. Why not write the summary here: it is one aggregate every honour write moves in a
 * transaction; computing it outside would race them, and reconcile already does it right.
 */
import type { WxApi } from '../deploy/wx-api';
import { applyWrites, readEnvironment, runReconcile, type ReconcileOutcome } from './environment';
import { exportRows } from './export';
import { planImport, type ImportPlan } from './plan';
import { DATA_SHEETS } from './sheets';
import { formatError, readWorkbook, writeWorkbook, type ImportError } from './workbook';

export interface ImportResult {
  /** Problems found (nothing was written when there are any). */
  errors: ImportError[];
  plan: ImportPlan | null;
  written: number;
  reconcile: ReconcileOutcome | null;
}

export async function importWorkbook(o: { file: string; api: WxApi; now?: number; out: (line: string) => void }): Promise<ImportResult> {
  const { rows, errors: shape } = await readWorkbook(o.file);
  if (shape.length) {
    o.out(`表格的格式不对，什么都没有写入（${shape.length} 处）：`);
    for (const e of shape) o.out(`  ${formatError(e)}`);
    return { errors: shape, plan: null, written: 0, reconcile: null };
  }
  const env = await readEnvironment(o.api);
  const plan = planImport(rows, env, o.now ?? Date.now());
  if (plan.errors.length) {
    o.out(`检查出 ${plan.errors.length} 处问题，什么都没有写入。改好后再导入：`);
    for (const e of plan.errors) o.out(`  ${formatError(e)}`);
    return { errors: plan.errors, plan, written: 0, reconcile: null };
  }
  for (const n of plan.notices) o.out(`注意：${n}`);
  let written = 0;
  if (plan.writes.length) {
    await applyWrites(o.api, plan.writes, (_c, n) => {
      written += n;
    });
  }
  // Run even when nothing was written: an environment filled before the wall existed gets its summary.
  const reconcile = await runReconcile(o.api);
  o.out(`导入到 ${o.api.envId}：`);
  for (const s of DATA_SHEETS) {
    const x = plan.summary[s];
    o.out(`  ${s}：新增 ${x.created}，更新 ${x.updated}，不变 ${x.unchanged}`);
  }
  o.out(`  写入 ${written} 条记录；荣誉墙汇总：${{ unchanged: '无需改动', repaired: '已更新', built: '已生成', busy: '小程序里正有人修改荣誉，没有核对完：稍后再运行一次导入（不会重复写入）' }[reconcile.summary]}`);
  return { errors: [], plan, written, reconcile };
}

export async function exportWorkbook(o: { file: string; api: WxApi; out: (line: string) => void }): Promise<void> {
  const env = await readEnvironment(o.api);
  const { rows, leftOut } = exportRows(env);
  await writeWorkbook(o.file, rows);
  o.out(`已导出 ${o.api.envId} 到 ${o.file}：${DATA_SHEETS.map((s) => `${s} ${rows[s].length} 行`).join('，')}${leftOut ? `；${leftOut} 条不属于任何典型的记录没有导出` : ''}`);
}
