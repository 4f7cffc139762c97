/**
 * The figures as the Excel workbook a political department reports in: one sheet per table,
 * Chinese headers (two header rows where a level splits into 集体/个人, merged as on paper),
 * units as the tree (every unit of the subtree, indented by depth, each row its subtree's total).
 * Built with exceljs on the server, so the phone only opens a finished file.
 */
import ExcelJS from 'exceljs';
import type { FiguresView, IsoDate, KindPair, UnitFigures } from '@contract';
import { figuresSentence, HONOR_LEVEL_LABEL, periodPhrase, PLACEMENT_LEVEL_LABEL } from '@contract';
import type { FigureTable } from '../../domain/figures';

type Cell = string | number;
interface Column {
  /** The first header row; columns of one group share it (merged). */
  group: string;
  /** The second header row (empty: the group header spans both rows). */
  sub: string;
  width?: number;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EEF7' } };

/** A sheet with a title row, two header rows and the body; answers the sheet. */
function table(wb: ExcelJS.Workbook, name: string, title: string, columns: readonly Column[], body: readonly { cells: Cell[]; indent?: number; bold?: boolean }[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
  ws.columns = columns.map((c, i) => ({ width: c.width ?? (i === 0 ? 34 : 12) }));
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  const h1 = ws.getRow(2);
  const h2 = ws.getRow(3);
  columns.forEach((c, i) => {
    h1.getCell(i + 1).value = c.group;
    h2.getCell(i + 1).value = c.sub || c.group;
  });
  // Merge each group across its columns, and a column without a sub-header down both rows.
  let start = 0;
  for (let i = 1; i <= columns.length; i++) {
    const prev = columns[start] as Column;
    if (i === columns.length || (columns[i] as Column).group !== prev.group || !prev.sub) {
      if (!prev.sub) ws.mergeCells(2, start + 1, 3, start + 1);
      else if (i - start > 1) ws.mergeCells(2, start + 1, 2, i);
      start = i;
    }
  }
  for (const row of [h1, h2]) {
    row.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
    });
  }
  for (const b of body) {
    const row = ws.addRow(b.cells);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = BORDER;
      if (col === 1) cell.alignment = { indent: b.indent ?? 0, vertical: 'middle' };
      else cell.alignment = { horizontal: 'center', vertical: 'middle' };
      if (b.bold) cell.font = { bold: true };
    });
  }
  return ws;
}

const kinds = (group: string): Column[] => [
  { group, sub: '集体' },
  { group, sub: '个人' },
];
const pairCells = (p: KindPair): number[] => [p.collectives, p.individuals];
const unitCell = (r: UnitFigures): Cell => r.unit.name;
const rate = (done: number, total: number): string => (total === 0 ? '—' : `${Math.round((done / total) * 1000) / 10}%`);
const chineseDate = (d: IsoDate): string => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export const SHEET_NAMES = {
  summary: '概况',
  honours: '荣誉表彰（按单位）',
  honoursByYear: '荣誉表彰（按年度）',
  commended: '单位记功',
  commendations: '记功单位名单',
  placements: '媒体刊发（按单位）',
  placementsByYear: '媒体刊发（按年度）',
  library: '典型库',
  plans: '工作任务完成',
} as const;

/** The workbook's bytes for the figures of `view`'s unit over its period (rows: every unit of the subtree). */
export async function figuresWorkbook(view: FiguresView, counted: FigureTable, madeAt: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '身边典型';
  wb.created = new Date(0);
  const unitName = view.unit.name;
  const period = `${chineseDate(view.from)}至${chineseDate(view.to)}`;
  const rows = counted.rows;
  const tree = (r: UnitFigures, cells: Cell[]) => ({ cells: [unitCell(r), ...cells], indent: r.depth * 2, bold: r.depth === 0 });

  // 概况: the sentence and the totals, with how they were counted.
  const s = wb.addWorksheet(SHEET_NAMES.summary);
  s.columns = [{ width: 30 }, { width: 16 }, { width: 16 }];
  const t = view.total;
  const lines: Cell[][] = [
    [`${unitName}推优树典工作数据统计（${periodPhrase(view)}）`],
    ['统计时段', period],
    ['统计单位', `${unitName}（含下级单位）`],
    ['制表时间', madeAt],
    ['统计口径', '内部统计：含本单位及下级单位全部典型（含未公开、未取得本人公开同意的个人），不得对外公开个人信息'],
    [],
    [figuresSentence(view)],
    [],
    ['项目', '集体', '个人'],
    ['国家级或自治区（兵团）级表彰', ...pairCells(t.honours.nationalRegional)],
    ['国家级表彰', ...pairCells(t.honours.national)],
    ['自治区（兵团）级表彰', ...pairCells(t.honours.regional)],
    ['地州市级表彰', ...pairCells(t.honours.prefecture)],
    ['县市级表彰', ...pairCells(t.honours.county)],
    ['重大先进典型库（现有）', ...pairCells(t.library.major)],
    ['后备典型库（现有）', ...pairCells(t.library.reserve)],
    [],
    ['项目', '数量'],
    ['荣誉（项）', t.honours.awards],
    ['县级以上记功单位（个）', t.commendedUnits],
    ['媒体刊发（篇次）', t.placements.total],
    ['工作任务（项）', t.plans.total],
    ['已完成（项）', t.plans.done],
    ['逾期未完成（项）', t.plans.overdue],
  ];
  for (const l of lines) s.addRow(l);
  s.mergeCells(1, 1, 1, 3);
  s.getCell(1, 1).font = { bold: true, size: 14 };
  s.mergeCells(5, 2, 5, 3);
  s.mergeCells(7, 1, 7, 3);
  s.getCell(7, 1).alignment = { wrapText: true, vertical: 'top' };
  s.getRow(7).height = 60;
  s.getCell(5, 2).alignment = { wrapText: true, vertical: 'top' };
  s.getRow(5).height = 45;

  table(
    wb,
    SHEET_NAMES.honours,
    `${unitName}获表彰情况（按单位，${period}）`,
    [{ group: '单位', sub: '' }, ...kinds('国家级或自治区（兵团）级'), ...kinds('国家级'), ...kinds('自治区（兵团）级'), ...kinds('地州市级'), ...kinds('县市级'), { group: '荣誉（项）', sub: '' }],
    rows.map((r) =>
      tree(r, [...pairCells(r.honours.nationalRegional), ...pairCells(r.honours.national), ...pairCells(r.honours.regional), ...pairCells(r.honours.prefecture), ...pairCells(r.honours.county), r.honours.awards]),
    ),
  );

  table(
    wb,
    SHEET_NAMES.honoursByYear,
    `${unitName}获表彰情况（按年度）`,
    [{ group: '年度', sub: '', width: 12 }, ...(['national', 'regional', 'prefecture', 'county'] as const).flatMap((l) => kinds(HONOR_LEVEL_LABEL[l]))],
    view.byYear.map((y) => ({ cells: [`${y.year}年`, ...y.levels.flatMap((l) => pairCells(l))] })),
  );

  table(
    wb,
    SHEET_NAMES.commended,
    `${unitName}县级以上记功单位（按单位，${period}）`,
    [{ group: '单位', sub: '' }, { group: '记功单位（个）', sub: '' }],
    rows.map((r) => tree(r, [r.commendedUnits])),
  );

  table(
    wb,
    SHEET_NAMES.commendations,
    `${unitName}县级以上记功单位名单（${period}）`,
    [
      { group: '序号', sub: '', width: 8 },
      { group: '单位名称', sub: '', width: 30 },
      { group: '所属单位', sub: '', width: 30 },
      { group: '记功', sub: '', width: 16 },
      { group: '级别', sub: '', width: 12 },
      { group: '时间', sub: '', width: 14 },
      { group: '授予机关', sub: '', width: 30 },
    ],
    commendationRows(view),
  );

  const placementLevels = ['central', 'regional', 'prefecture', 'county', 'unrated'] as const;
  const placementColumns: Column[] = [...placementLevels.map((l) => ({ group: PLACEMENT_LEVEL_LABEL[l], sub: '' })), { group: '合计', sub: '' }];
  table(
    wb,
    SHEET_NAMES.placements,
    `${unitName}媒体刊发情况（按单位，${period}，单位：篇次）`,
    [{ group: '单位', sub: '' }, ...placementColumns],
    rows.map((r) => tree(r, [...placementLevels.map((l) => r.placements[l]), r.placements.total])),
  );

  const yearTotal = placementLevels.map((l) => view.byYear.reduce((n, y) => n + y.placements[l], 0));
  table(
    wb,
    SHEET_NAMES.placementsByYear,
    `${unitName}媒体刊发情况（按年度，单位：篇次）`,
    [{ group: '年度', sub: '', width: 12 }, ...placementColumns],
    [
      ...view.byYear.map((y) => ({ cells: [`${y.year}年`, ...placementLevels.map((l) => y.placements[l]), y.placements.total] })),
      { cells: ['合计', ...yearTotal, yearTotal.reduce((a, b) => a + b, 0)], bold: true },
    ],
  );

  table(
    wb,
    SHEET_NAMES.library,
    `${unitName}典型库情况（现有人数，${period}变动）`,
    [
      { group: '单位', sub: '' },
      ...kinds('重大先进典型库'),
      ...kinds('后备典型库'),
      { group: '期内变动', sub: '升入重大库' },
      { group: '期内变动', sub: '调入后备库' },
      { group: '期内变动', sub: '退出' },
      { group: '期内变动', sub: '恢复入库' },
      { group: '期内变动', sub: '推荐入库' },
    ],
    rows.map((r) => tree(r, [...pairCells(r.library.major), ...pairCells(r.library.reserve), r.library.promoted, r.library.demoted, r.library.retired, r.library.reinstated, r.library.enrolled])),
  );

  table(
    wb,
    SHEET_NAMES.plans,
    `${unitName}工作任务完成情况（${period}到期）`,
    [
      { group: '单位', sub: '' },
      { group: '任务（项）', sub: '' },
      { group: '已完成（项）', sub: '' },
      { group: '完成率', sub: '' },
      { group: '逾期未完成（项）', sub: '' },
    ],
    rows.map((r) => tree(r, [r.plans.total, r.plans.done, rate(r.plans.done, r.plans.total), r.plans.overdue])),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function commendationRows(view: FiguresView): { cells: Cell[] }[] {
  return view.commendations.map((c, i) => ({ cells: [i + 1, c.name, c.unit?.name ?? '', c.title, HONOR_LEVEL_LABEL[c.level], c.date, c.awardedBy] }));
}
