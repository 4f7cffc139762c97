/**
 * The import workbook's layout: four data sheets (单位, 典型, 荣誉, 媒体报道), each a header row
 * of Chinese column names and one row per record, and a 说明 sheet that explains every column.
 * The same layout is written empty (`--template`), filled from an environment (`--export`) and
 * read back (`import`), so what export writes always imports.
 *
 * Natural keys (what makes a row the same record on a second import): a unit by the path of names
 * from the corps down; an exemplar by its name and unit; an honour by its exemplar, title,
 * year and level; a placement by its exemplar, outlet, date and title.
 */
import type { ExemplarKind, HonorLevel, OutletLevel, PostCategory, Tier, UnitLevel } from '@contract';
import { CATEGORY_LABEL, HONOR_LEVEL_LABEL, KIND_LABEL, TIER_LABEL, UNIT_LEVEL_LABEL } from '../../types/labels';
import { OUTLET_LEVEL_LABEL } from '../../types/honours';

export type SheetName = '单位' | '典型' | '荣誉' | '媒体报道';
export const DATA_SHEETS: readonly SheetName[] = ['单位', '典型', '荣誉', '媒体报道'];
export const HELP_SHEET = '说明';

export interface Column<K extends string = string> {
  key: K;
  header: string;
  required: boolean;
  /** What the 说明 sheet says of it. */
  help: string;
  /** The values a cell may take (an Excel drop-down list where the workbook allows it). */
  list?: readonly string[];
  width: number;
}

/** Separator of the names in a unit path ("新疆总队/乌鲁木齐支队/天山区大队"); the full-width one is read too. */
export const PATH_SEPARATOR = '/';

const labels = <T extends string>(m: Record<T, string>): string[] => Object.values(m);

export const YES = '是';
export const NO = '否';

export const UNIT_COLUMNS = [
  { key: 'parent', header: '上级单位', required: false, width: 48, help: `上级单位的路径：从总队起，逐级写单位名称或简称，用 ${PATH_SEPARATOR} 分隔，如“新疆总队${PATH_SEPARATOR}乌鲁木齐支队”。总队本身留空。上级单位须写在本表前面的行里，或已在环境中。` },
  { key: 'name', header: '单位名称', required: true, width: 30, help: '单位全称，如“天山区消防救援大队”。同一上级下不能重名。' },
  { key: 'shortName', header: '简称', required: true, width: 16, help: '页面上地方不够时显示的简称，如“天山区大队”，不超过 16 字。' },
  { key: 'level', header: '层级', required: true, width: 12, list: labels(UNIT_LEVEL_LABEL), help: `${labels(UNIT_LEVEL_LABEL).join('、')}之一；须低于上级单位的层级。` },
  { key: 'order', header: '排序', required: false, width: 8, help: '同一上级下的显示顺序，整数，小的在前；留空按行的先后。' },
] as const satisfies readonly Column[];

export const EXEMPLAR_COLUMNS = [
  { key: 'name', header: '姓名或名称', required: true, width: 20, help: '个人写姓名，集体写单位或班组名称（不超过 32 字）。与“所属单位”一起认定同一典型：改名会当作新的典型。' },
  { key: 'kind', header: '个人或集体', required: true, width: 12, list: labels(KIND_LABEL), help: '个人 或 集体。' },
  { key: 'unit', header: '所属单位', required: true, width: 48, help: `单位路径：从总队起逐级写单位名称或简称，用 ${PATH_SEPARATOR} 分隔。单位须在“单位”表里或已在环境中。` },
  { key: 'tier', header: '典型库', required: true, width: 18, list: labels(TIER_LABEL), help: `${labels(TIER_LABEL).join('、')}之一。只对新典型生效：已有典型的入库、调整、退出要在小程序「典型库」里办理并写明理由。` },
  { key: 'category', header: '岗位类别', required: true, width: 16, list: labels(CATEGORY_LABEL), help: `${labels(CATEGORY_LABEL).join('、')}之一。` },
  { key: 'title', header: '职务或口号', required: false, width: 28, help: '个人写职务（如“一级消防士 · 特勤站班长”），集体可写口号；不超过 64 字。' },
  { key: 'summary', header: '一句话简介', required: false, width: 40, help: '卡片上的一句话，不超过 120 字。' },
  { key: 'biography', header: '事迹简介', required: false, width: 60, help: '个人主页上的事迹，不超过 10000 字。' },
  { key: 'rank', header: '排序值', required: false, width: 10, help: '典型库里的先后：整数，大的在前；新典型留空为 0。' },
  { key: 'public', header: '公开', required: true, width: 8, list: [YES, NO], help: `${YES}：读者可以看到；${NO}：只在后台。只对新典型生效（已有典型的公开与否在小程序里改）。个人典型公开还需要本人同意。` },
  { key: 'consent', header: '本人同意公开', required: false, width: 14, list: [YES, NO], help: `个人典型填写（集体不用）：本人是否已单独同意公开其个人信息（个人信息保护法第二十五条）。填“${YES}”须同时填“同意凭据”；没有同意的个人不会出现在读者页面。只对新典型生效。` },
  { key: 'consentEvidence', header: '同意凭据', required: false, width: 28, help: '书面同意书的存档编号或存放处，以及核验人，如“政治部档案 2024-031，核验人 王某”。' },
] as const satisfies readonly Column[];

export const HONOUR_COLUMNS = [
  { key: 'exemplar', header: '典型姓名或名称', required: true, width: 20, help: '与“典型”表或环境中的典型一致。' },
  { key: 'unit', header: '所属单位', required: true, width: 48, help: '该典型的所属单位路径（与“典型”表一致）。' },
  { key: 'title', header: '荣誉名称', required: true, width: 32, help: '如“全国青年岗位能手”“个人三等功”（含“功”字的记功授称计入荣誉墙的记功数）。不超过 64 字。同一典型、同一年、同名、同级别的荣誉只记一条（不同级别的同名荣誉是两项）。' },
  { key: 'level', header: '级别', required: true, width: 12, list: labels(HONOR_LEVEL_LABEL), help: `${labels(HONOR_LEVEL_LABEL).join('、')}之一。` },
  { key: 'date', header: '授予日期', required: true, width: 14, help: '年-月-日，如 2024-05-04（Excel 日期格式也可以）。' },
  { key: 'awardedBy', header: '授予单位', required: false, width: 32, help: '如“共青团中央”，不超过 64 字。' },
] as const satisfies readonly Column[];

export const UNRATED = '未分级';

export const PLACEMENT_COLUMNS = [
  { key: 'exemplar', header: '典型姓名或名称', required: true, width: 20, help: '与“典型”表或环境中的典型一致。' },
  { key: 'unit', header: '所属单位', required: true, width: 48, help: '该典型的所属单位路径（与“典型”表一致）。' },
  { key: 'outlet', header: '媒体名称', required: true, width: 20, help: '如“人民日报”“新疆日报”，不超过 64 字。' },
  { key: 'level', header: '媒体级别', required: false, width: 14, list: [...labels(OUTLET_LEVEL_LABEL), UNRATED], help: `${labels(OUTLET_LEVEL_LABEL).join('、')}之一；留空或“${UNRATED}”记为未分级。` },
  { key: 'date', header: '刊发日期', required: true, width: 14, help: '年-月-日，如 2024-05-04。' },
  { key: 'title', header: '标题', required: true, width: 40, help: '报道标题，不超过 128 字。同一典型、同一媒体、同一天、同一标题只记一条。' },
  { key: 'link', header: '链接', required: false, width: 40, help: '网址（http:// 或 https:// 开头），可以留空。' },
] as const satisfies readonly Column[];

/** Said once in the 说明 sheet: what a blank optional cell means on a record that already exists. */
export const BLANK_KEEPS = '选填的格子留空：新记录就是空的；已有的记录保持原样（不会被清空）。';

export const COLUMNS: Record<SheetName, readonly Column[]> = {
  单位: UNIT_COLUMNS,
  典型: EXEMPLAR_COLUMNS,
  荣誉: HONOUR_COLUMNS,
  媒体报道: PLACEMENT_COLUMNS,
};

export type RowOf<C extends readonly Column[]> = { [K in C[number]['key']]: string };
export type UnitRow = RowOf<typeof UNIT_COLUMNS>;
export type ExemplarRow = RowOf<typeof EXEMPLAR_COLUMNS>;
export type HonourRow = RowOf<typeof HONOUR_COLUMNS>;
export type PlacementRow = RowOf<typeof PLACEMENT_COLUMNS>;

/** label → value, for reading a cell. */
const inverse = <T extends string>(m: Record<T, string>): Map<string, T> => new Map(Object.entries(m).map(([k, v]) => [v as string, k as T]));

export const UNIT_LEVEL_OF = inverse<UnitLevel>(UNIT_LEVEL_LABEL);
export const KIND_OF = inverse<ExemplarKind>(KIND_LABEL);
export const TIER_OF = inverse<Tier>(TIER_LABEL);
export const CATEGORY_OF = inverse<PostCategory>(CATEGORY_LABEL);
export const HONOR_LEVEL_OF = inverse<HonorLevel>(HONOR_LEVEL_LABEL);
export const OUTLET_LEVEL_OF = inverse<OutletLevel>(OUTLET_LEVEL_LABEL);

/** From the top of the tree down. */
export const UNIT_LEVEL_DEPTH: Record<UnitLevel, number> = { corps: 0, detachment: 1, battalion: 2, station: 3 };

export function splitPath(text: string): string[] {
  return text
    .split(/[/／]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
