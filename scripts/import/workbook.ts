/**
 * Writing and reading the import workbook (exceljs): the data sheets with their Chinese headers
 * and drop-down lists, the 说明 sheet, and every cell read back as trimmed text — whatever Excel
 * or WPS made of it (numbers, dates, rich text, links, formulas).
 */
import type * as ExcelTypes from 'exceljs';
import ExcelJS from './exceljs';
import { BLANK_KEEPS, COLUMNS, DATA_SHEETS, HELP_SHEET, type Column, type SheetName } from './sheets';

/** One problem with the workbook, as the deployer is told it: where, and why (in Chinese). */
export interface ImportError {
  sheet: string;
  /** The row number Excel shows (the header is row 1); null for the sheet as a whole. */
  row: number | null;
  /** The column's header; null for the row as a whole. */
  column: string | null;
  message: string;
}

export function formatError(e: ImportError): string {
  return `「${e.sheet}」${e.row === null ? '' : `第 ${e.row} 行`}${e.column === null ? '' : `「${e.column}」`}：${e.message}`;
}

export type SheetRows = Record<SheetName, Record<string, string>[]>;

/** Rows a data sheet is prepared for (drop-down lists and formats reach this far). */
const PREPARED_ROWS = 2000;

const INTRO = [
  '身边典型 · 批量导入模板',
  '',
  '填写“单位”“典型”“荣誉”“媒体报道”四张表（第一行是表头，请勿改动），然后运行：',
  '  npm run import -- 本文件.xlsx --env 云环境ID',
  '导入前会逐行检查，列出所有问题（哪张表、第几行、哪一列、为什么）；有任何问题就什么都不写。',
  '没有问题时一次写入；再次导入同一文件不会重复：按下面的“认定同一条记录”的方式更新或跳过。',
  '照片、同意书扫描件不在表格里：请在小程序里上传（上传的图片要经过微信的内容安全检测）。',
  '',
  '认定同一条记录：单位——上级单位路径加单位名称；典型——姓名或名称加所属单位；',
  '荣誉——典型加荣誉名称加授予年份加级别；媒体报道——典型加媒体名称加刊发日期加标题。',
  BLANK_KEEPS,
  '',
];

function addHelpSheet(wb: ExcelTypes.Workbook): void {
  const ws = wb.addWorksheet(HELP_SHEET);
  ws.columns = [
    { header: '', key: 'sheet', width: 12 },
    { header: '', key: 'column', width: 16 },
    { header: '', key: 'required', width: 8 },
    { header: '', key: 'help', width: 100 },
  ];
  for (const line of INTRO) ws.addRow([line]);
  const head = ws.addRow(['表', '列', '必填', '说明']);
  head.font = { bold: true };
  for (const sheet of DATA_SHEETS) {
    for (const c of COLUMNS[sheet]) ws.addRow([sheet, c.header, c.required ? '是' : '', c.help]).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.getRow(1).font = { bold: true, size: 14 };
}

function colLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function addDataSheet(wb: ExcelTypes.Workbook, sheet: SheetName, rows: Record<string, string>[]): void {
  const cols: readonly Column[] = COLUMNS[sheet];
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.note = c.help;
    if (c.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9D9' } };
  });
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? ''));
  const last = Math.max(PREPARED_ROWS, rows.length + 1);
  cols.forEach((c, i) => {
    const range = `${colLetter(i + 1)}2:${colLetter(i + 1)}${last}`;
    // Text, so Excel keeps 2024-05-04 and long numbers as typed.
    ws.getColumn(i + 1).numFmt = '@';
    if (c.list) {
      // exceljs 4.4 writes a range validation (one <dataValidation sqref="C2:C2000">) but its typings omit the method.
      (ws as unknown as { dataValidations: { add(address: string, v: ExcelTypes.DataValidation): void } }).dataValidations.add(range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${c.list.join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `请从列表中选择：${c.list.join('、')}`,
      });
    }
  });
}

/** The workbook with `rows` in its data sheets (none: the empty template). */
export async function writeWorkbook(file: string, rows: Partial<SheetRows> = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '身边典型';
  addHelpSheet(wb);
  for (const sheet of DATA_SHEETS) addDataSheet(wb, sheet, rows[sheet] ?? []);
  await wb.xlsx.writeFile(file);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text the deployer sees. Dates (Excel stores them as UTC midnight) become YYYY-MM-DD. */
function cellText(v: ExcelTypes.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('hyperlink' in v) return typeof v.text === 'string' ? v.text.trim() : cellText(v.text as ExcelTypes.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelTypes.CellValue }).result ?? null);
    if ('error' in v) return '';
  }
  return String(v).trim();
}

/**
 * Every data row of the four sheets (rows with nothing in them skipped), keyed by column, with
 * the problems of the workbook's shape: a missing sheet, a missing or unknown column.
 */
export async function readWorkbook(file: string): Promise<{ rows: Record<SheetName, { row: number; values: Record<string, string> }[]>; errors: ImportError[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const errors: ImportError[] = [];
  const rows = { 单位: [], 典型: [], 荣誉: [], 媒体报道: [] } as Record<SheetName, { row: number; values: Record<string, string> }[]>;
  for (const sheet of DATA_SHEETS) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) {
      errors.push({ sheet, row: null, column: null, message: `缺少这张表（用 npm run import -- --template 生成的模板有它）` });
      continue;
    }
    const cols = COLUMNS[sheet];
    const at = new Map<string, number>();
    ws.getRow(1).eachCell({ includeEmpty: false }, (cell, n) => {
      const h = cellText(cell.value);
      if (h) at.set(h, n);
    });
    let shapeOk = true;
    for (const c of cols) {
      if (!at.has(c.header)) {
        errors.push({ sheet, row: 1, column: c.header, message: '表头缺少这一列' });
        shapeOk = false;
      }
    }
    for (const h of at.keys()) if (!cols.some((c) => c.header === h)) errors.push({ sheet, row: 1, column: h, message: `不认识的列（这张表的列是：${cols.map((c) => c.header).join('、')}）` });
    if (!shapeOk) continue;
    ws.eachRow({ includeEmpty: false }, (r, n) => {
      if (n === 1) return;
      const values: Record<string, string> = {};
      let any = false;
      for (const c of cols) {
        const t = cellText(r.getCell(at.get(c.header)!).value);
        values[c.key] = t;
        if (t) any = true;
      }
      if (any) rows[sheet].push({ row: n, values });
    });
  }
  return { rows, errors };
}
