/**
 * Real honor titles and the bodies that award them, by level. County and prefecture honors
 * name the exemplar's own prefecture and county, so an honor reads like one a unit there
 * would actually have received.
 */
import type { HonorLevel } from '@contract';
import type { HonorKey } from './exemplar-facts';

export interface HonorContext {
  /** e.g. 乌鲁木齐市 / 昌吉回族自治州 / 塔城地区. */
  prefecture: string;
  /** Full detachment name, which awards third-class merits. */
  detachment: string;
  /** Real district or county, e.g. 天山区. */
  county: string;
  kind: 'individual' | 'collective';
}

interface HonorTemplate {
  level: HonorLevel;
  title: (c: HonorContext) => string;
  awardedBy: (c: HonorContext) => string;
}

const CORPS = '新疆维吾尔自治区消防救援总队';

/** Full party committee names, as on certificates: 中共乌鲁木齐市委员会, 中共天山区委员会. */
function partyCommittee(place: string): string {
  return `中共${place}委员会`;
}

export const HONOR_CATALOG: Record<HonorKey, HonorTemplate> = {
  youthPost: { level: 'national', title: () => '全国青年岗位能手', awardedBy: () => '共青团中央、人力资源和社会保障部' },
  mayDayMedal: { level: 'national', title: () => '全国五一劳动奖章', awardedBy: () => '中华全国总工会' },
  nationalCollective: { level: 'national', title: () => '全国消防救援先进集体', awardedBy: () => '人力资源和社会保障部、应急管理部' },
  nationalIndividual: { level: 'national', title: () => '全国消防救援先进个人', awardedBy: () => '人力资源和社会保障部、应急管理部' },
  youthCivilization: { level: 'national', title: () => '全国青年文明号', awardedBy: () => '共青团中央' },
  marchEighth: { level: 'national', title: () => '全国三八红旗手', awardedBy: () => '中华全国妇女联合会' },
  firstClassMerit: {
    level: 'national',
    title: (c) => (c.kind === 'collective' ? '集体一等功' : '个人一等功'),
    awardedBy: () => '应急管理部',
  },
  regionalMoral: { level: 'regional', title: () => '自治区道德模范', awardedBy: () => '新疆维吾尔自治区精神文明建设委员会' },
  xjMayFourth: { level: 'regional', title: () => '新疆青年五四奖章', awardedBy: () => '共青团新疆维吾尔自治区委员会' },
  xjMayFourthCollective: { level: 'regional', title: () => '新疆青年五四奖章集体', awardedBy: () => '共青团新疆维吾尔自治区委员会' },
  regionalLabor: {
    level: 'regional',
    title: (c) => (c.kind === 'collective' ? '自治区先进集体' : '自治区劳动模范'),
    awardedBy: () => '新疆维吾尔自治区人民政府',
  },
  regionalMayDay: {
    level: 'regional',
    title: (c) => (c.kind === 'collective' ? '自治区工人先锋号' : '自治区五一劳动奖章'),
    awardedBy: () => '新疆维吾尔自治区总工会',
  },
  secondClassMerit: {
    level: 'regional',
    title: (c) => (c.kind === 'collective' ? '集体二等功' : '个人二等功'),
    awardedBy: () => CORPS,
  },
  regionalParty: { level: 'regional', title: () => '自治区优秀共产党员', awardedBy: () => '中共新疆维吾尔自治区委员会' },
  mostBeautiful: { level: 'regional', title: () => '新疆最美消防员', awardedBy: () => `中共新疆维吾尔自治区委员会宣传部、${CORPS}` },
  thirdClassMerit: {
    level: 'prefecture',
    title: (c) => (c.kind === 'collective' ? '集体三等功' : '个人三等功'),
    awardedBy: (c) => c.detachment,
  },
  prefectureParty: { level: 'prefecture', title: () => '优秀共产党员', awardedBy: (c) => partyCommittee(c.prefecture) },
  prefectureCollective: { level: 'prefecture', title: (c) => `${c.prefecture}先进集体`, awardedBy: (c) => `${c.prefecture}人民政府` },
  prefectureYouth: { level: 'prefecture', title: (c) => `${c.prefecture}青年五四奖章`, awardedBy: (c) => `共青团${c.prefecture}委员会` },
  unityModel: {
    level: 'prefecture',
    title: (c) => (c.kind === 'collective' ? '民族团结进步模范集体' : '民族团结进步模范个人'),
    awardedBy: (c) => `${partyCommittee(c.prefecture)}、${c.prefecture}人民政府`,
  },
  countyParty: { level: 'county', title: () => '优秀共产党员', awardedBy: (c) => partyCommittee(c.county) },
  countyCollective: { level: 'county', title: (c) => `${c.county}先进集体`, awardedBy: (c) => `${c.county}人民政府` },
  countyExcellent: { level: 'county', title: () => '优秀消防员', awardedBy: (c) => `${c.county}人民政府` },
  countyCivilized: { level: 'county', title: (c) => `${c.county}文明单位`, awardedBy: (c) => `${c.county}精神文明建设委员会` },
};

/** Honor weight for library ordering: one national honor outweighs any number of county ones in practice. */
export const HONOR_WEIGHT: Record<HonorLevel, number> = { national: 100, regional: 30, prefecture: 10, county: 3 };
