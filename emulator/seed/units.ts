/**
 * The unit tree of a real-world-shaped corps: the Xinjiang corps, its detachments named after
 * the region's prefectures and cities, battalions named after real districts and counties, and
 * stations with plausible names. Ids are short readable slugs so tests, logs and URLs stay legible.
 */
import type { Unit } from '@contract';

interface BattalionSeed {
  /** Real district / county / city name. */
  place: string;
  stations: string[];
}

interface DetachmentSeed {
  slug: string;
  /** Official prefecture name used in the full unit name. */
  prefecture: string;
  shortName: string;
  battalions: BattalionSeed[];
}

export const CORPS_ID = 'u-xj';

const DETACHMENTS: DetachmentSeed[] = [
  {
    slug: 'wlmq',
    prefecture: '乌鲁木齐市',
    shortName: '乌鲁木齐支队',
    battalions: [
      { place: '天山区', stations: ['特勤站', '红山路站'] },
      { place: '沙依巴克区', stations: ['西山站', '友好路站'] },
      { place: '米东区', stations: ['城北站', '化工园站'] },
    ],
  },
  {
    slug: 'klmy',
    prefecture: '克拉玛依市',
    shortName: '克拉玛依支队',
    battalions: [
      { place: '克拉玛依区', stations: ['特勤站', '准噶尔路站'] },
      { place: '独山子区', stations: ['石化站', '城南站'] },
      { place: '白碱滩区', stations: ['油田站', '中兴路站'] },
    ],
  },
  {
    slug: 'tlf',
    prefecture: '吐鲁番市',
    shortName: '吐鲁番支队',
    battalions: [
      { place: '高昌区', stations: ['特勤站', '葡萄沟站'] },
      { place: '鄯善县', stations: ['城东站', '火车站路站'] },
      { place: '托克逊县', stations: ['城西站', '工业园站'] },
    ],
  },
  {
    slug: 'hm',
    prefecture: '哈密市',
    shortName: '哈密支队',
    battalions: [
      { place: '伊州区', stations: ['特勤站', '天山北路站'] },
      { place: '巴里坤县', stations: ['城关站', '三塘湖站'] },
      { place: '伊吾县', stations: ['淖毛湖站', '城北站'] },
    ],
  },
  {
    slug: 'cj',
    prefecture: '昌吉回族自治州',
    shortName: '昌吉支队',
    battalions: [
      { place: '昌吉市', stations: ['特勤站', '延安路站'] },
      { place: '阜康市', stations: ['天池站', '准东站'] },
      { place: '玛纳斯县', stations: ['城南站', '开发区站'] },
    ],
  },
  {
    slug: 'yl',
    prefecture: '伊犁哈萨克自治州',
    shortName: '伊犁支队',
    battalions: [
      { place: '伊宁市', stations: ['特勤站', '解放路站'] },
      { place: '霍城县', stations: ['霍尔果斯口岸站', '清水河站'] },
      { place: '察布查尔县', stations: ['城关站', '开发区站'] },
    ],
  },
  {
    slug: 'tc',
    prefecture: '塔城地区',
    shortName: '塔城支队',
    battalions: [
      { place: '塔城市', stations: ['特勤站', '巴克图站'] },
      { place: '乌苏市', stations: ['城北站', '北京路站'] },
      { place: '沙湾市', stations: ['城南站', '工业园站'] },
    ],
  },
  {
    slug: 'alt',
    prefecture: '阿勒泰地区',
    shortName: '阿勒泰支队',
    battalions: [
      { place: '阿勒泰市', stations: ['特勤站', '将军山站'] },
      { place: '布尔津县', stations: ['喀纳斯站', '城关站'] },
      { place: '福海县', stations: ['城东站', '乌伦古湖站'] },
    ],
  },
  {
    slug: 'bz',
    prefecture: '博尔塔拉蒙古自治州',
    shortName: '博州支队',
    battalions: [
      { place: '博乐市', stations: ['特勤站', '团结路站'] },
      { place: '阿拉山口市', stations: ['口岸站', '综保区站'] },
      { place: '精河县', stations: ['城关站', '工业园站'] },
    ],
  },
  {
    slug: 'bzh',
    prefecture: '巴音郭楞蒙古自治州',
    shortName: '巴州支队',
    battalions: [
      { place: '库尔勒市', stations: ['特勤站', '孔雀河站'] },
      { place: '轮台县', stations: ['城关站', '塔河站'] },
      { place: '焉耆县', stations: ['城南站', '开发区站'] },
    ],
  },
  {
    slug: 'aks',
    prefecture: '阿克苏地区',
    shortName: '阿克苏支队',
    battalions: [
      { place: '阿克苏市', stations: ['特勤站', '多浪河站'] },
      { place: '库车市', stations: ['城东站', '龟兹路站'] },
      { place: '拜城县', stations: ['城关站', '工业园站'] },
    ],
  },
  {
    slug: 'kz',
    prefecture: '克孜勒苏柯尔克孜自治州',
    shortName: '克州支队',
    battalions: [
      { place: '阿图什市', stations: ['特勤站', '帕米尔路站'] },
      { place: '阿克陶县', stations: ['城关站', '奥依塔克站'] },
      { place: '乌恰县', stations: ['城关站', '吐尔尕特口岸站'] },
    ],
  },
  {
    slug: 'ks',
    prefecture: '喀什地区',
    shortName: '喀什支队',
    battalions: [
      { place: '喀什市', stations: ['特勤站', '古城站'] },
      { place: '疏附县', stations: ['城关站', '广州新城站'] },
      { place: '莎车县', stations: ['城北站', '叶尔羌河站'] },
    ],
  },
  {
    slug: 'ht',
    prefecture: '和田地区',
    shortName: '和田支队',
    battalions: [
      { place: '和田市', stations: ['特勤站', '玉龙喀什站'] },
      { place: '墨玉县', stations: ['城关站', '喀拉喀什站'] },
      { place: '于田县', stations: ['城关站', '沙漠公路站'] },
    ],
  },
];

export function buildUnits(): Unit[] {
  const units: Unit[] = [
    {
      _id: CORPS_ID,
      name: '新疆维吾尔自治区消防救援总队',
      shortName: '新疆总队',
      level: 'corps',
      parentId: null,
      path: [CORPS_ID],
      order: 0,
    },
  ];
  DETACHMENTS.forEach((d, di) => {
    const dId = `u-${d.slug}`;
    const dPath = [CORPS_ID, dId];
    units.push({
      _id: dId,
      name: `${d.prefecture}消防救援支队`,
      shortName: d.shortName,
      level: 'detachment',
      parentId: CORPS_ID,
      path: dPath,
      order: di + 1,
    });
    d.battalions.forEach((b, bi) => {
      const bId = `${dId}-b${bi + 1}`;
      const bPath = [...dPath, bId];
      units.push({
        _id: bId,
        name: `${b.place}消防救援大队`,
        shortName: `${b.place}大队`,
        level: 'battalion',
        parentId: dId,
        path: bPath,
        order: bi + 1,
      });
      b.stations.forEach((s, si) => {
        const sId = `${bId}-s${si + 1}`;
        const bare = s.replace(/站$/, '');
        units.push({
          _id: sId,
          // "天山区特勤消防救援站": the place keeps two detachments' 特勤站 apart in lists.
          name: `${b.place}${bare}消防救援站`,
          shortName: s === '特勤站' ? `${b.place}特勤站` : s,
          level: 'station',
          parentId: bId,
          path: [...bPath, sId],
          order: si + 1,
        });
      });
    });
  });
  return units;
}

/** Units by id, failing loudly on a typo in the hand-written seed facts. */
export function unitIndex(units: readonly Unit[]): (id: string) => Unit {
  const byId = new Map(units.map((u) => [u._id, u]));
  return (id) => {
    const u = byId.get(id);
    if (!u) throw new Error(`seed: unknown unit ${id}`);
    return u;
  };
}

/** The detachment a unit belongs to (itself for a detachment, null for the corps). */
export function detachmentOf(unit: Unit, get: (id: string) => Unit): Unit | null {
  const id = unit.path[1];
  return id ? get(id) : null;
}
