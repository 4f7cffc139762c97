/**
 * `workboard.exportFigures`: the figures as an Excel workbook (workbook.ts), stored and answered
 * as a temporary URL the phone opens (wx.downloadFile + wx.openDocument) or h5 downloads.
 *
 * The file goes under the caller's own folder with a name fixed by unit and period, so asking
 * again replaces the earlier workbook instead of piling up copies in storage. It holds no person's
 * name (the lists are of collectives), and reading figures writes nothing else.
 */
import { isFailure } from '../../lib/guard';
import { staffUrls, uploaderFolder } from '../../lib/files';
import { fail, ok, type UseCase } from '../../lib/handler';
import { shanghaiDate } from '../../domain/figures';
import { figuresView } from './figures';
import { loadFigures } from './load';

/** How long WeChat's temporary URLs last by default (the client downloads at once). */
const URL_LIFETIME_MS = 2 * 3_600_000;

export const exportFigures: UseCase<'workboard', 'exportFigures'> = async (req, ctx) => {
  const loaded = await loadFigures(req, ctx);
  if (isFailure(loaded)) return loaded;
  const view = figuresView(loaded);
  const now = ctx.now();
  const madeAt = `${shanghaiDate(now)} ${new Date(now + 8 * 3_600_000).toISOString().slice(11, 16)}`;
  // exceljs is most of this function's bundle: loaded only when a workbook is made, so the other
  // workboard actions (plans, pursuits, selections) start without evaluating it.
  const { figuresWorkbook } = await import('./workbook');
  const bytes = await figuresWorkbook(view, loaded.table, madeAt);
  const c = ctx.cloud();
  const path = `reports/figures/${uploaderFolder(ctx.hashHex, loaded.caller.openid)}/${view.unit._id}_${view.from}_${view.to}.xlsx`;
  const fileId = await c.uploadFile(path, bytes);
  const url = (await staffUrls(ctx, [fileId])).get(fileId);
  if (!url) return fail('UNAVAILABLE', 'the workbook was stored but no URL was issued');
  return ok({ url, fileName: `${view.unit.shortName}推优树典数据统计_${view.from}_${view.to}.xlsx`, expiresAt: now + URL_LIFETIME_MS });
};
