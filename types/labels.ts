/** Chinese display names for the domain's enumerations, used by every page and by the seed. */
import type { ExemplarKind, HonorLevel, PostCategory, Role, Tier, UnitLevel } from './entities';
import type { ReviewLevel } from './nominations';

export const TIER_LABEL: Record<Tier, string> = {
  major: '重大先进典型库',
  reserve: '后备典型库',
  retired: '已退出',
};

export const KIND_LABEL: Record<ExemplarKind, string> = { individual: '个人', collective: '集体' };

export const CATEGORY_LABEL: Record<PostCategory, string> = {
  rescue: '灭火救援尖兵',
  political: '优秀政治干部',
  logistics: '后勤好管家',
  law: '执法为民模范',
};

export const HONOR_LEVEL_LABEL: Record<HonorLevel, string> = {
  national: '国家级',
  regional: '自治区级',
  prefecture: '地州市级',
  county: '县市级',
};

/** From the highest level down: the order honor groups are shown in. */
export const HONOR_LEVELS: readonly HonorLevel[] = ['national', 'regional', 'prefecture', 'county'];

export const ROLE_LABEL: Record<Role, string> = {
  editor: '宣传员',
  reviewer: '审核员',
  publisher: '发布员',
  admin: '管理员',
};

export const UNIT_LEVEL_LABEL: Record<UnitLevel, string> = {
  corps: '总队',
  detachment: '支队',
  battalion: '大队',
  station: '消防救援站',
};

/** Who decides at each review level of a nomination (支队审核通过, 待总队审核…). */
export const REVIEW_LEVEL_LABEL: Record<ReviewLevel, string> = {
  detachment: '支队',
  corps: '总队',
};
