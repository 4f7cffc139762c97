/**
 * From the workbook's rows and what the environment holds to what import writes — pure (no IO,
 * `now` given), so validation and idempotency are tested without a cloud.
 *
 * Every row is checked (the shared zod rules of types/schemas.ts for the fields the app's own
 * editors validate, the labels of types/labels.ts for the enumerations, and the references
 * between sheets) and EVERY problem is listed; with any problem the plan writes nothing.
 *
 * Rows are matched to the environment by natural key (sheets.ts). A row that matches nothing is
 * created under a deterministic _id derived from its key, so a second import (or one stopped
 * half-way and run again) finds it. A row that matches updates only what a spreadsheet may own:
 * an exemplar's category, duty line, summary, biography and rank; an honour's date (within its
 * year) and awarding body; a placement's level and link — and of those only what the row fills
 * in: a blank optional cell keeps what the record has. Decisions the app records with their own rules —
 * a tier change (with a reason), publishing (needs consent), a unit's rename (re-keys search) —
 * are never made by import: a difference there is reported as left alone.
 *
 * Derived data written with the records: an exemplar's search keys and text (domain/search.ts,
 * from its name, duty line, units and honour titles), its honour count, and for a new exemplar
 * its honours-wall tally and keys; a placement's wall keys. The honours wall's summary (and the
 * tally of an existing exemplar whose honours changed) is left to `reconcile`, which import runs
 * afterwards (import.ts).
 */
import { createHash } from 'node:crypto';
import type { ConsentRecord, Exemplar, Honor, Id, MediaPlacement, Unit } from '@contract';
import { z } from 'zod';
import { consentHolds } from '../../cloudfunctions/src/domain/consent';
import { honourKeysOf, placementFields, wallOf, yearOf } from '../../cloudfunctions/src/domain/honours-wall';
import { exemplarSearchIndex, type UnitNames } from '../../cloudfunctions/src/domain/search';
import { nextReviewFor } from '../../cloudfunctions/src/domain/tiers';
import { authoringSchemas, adminSchemas } from '../../types/schemas';
import {
  CATEGORY_OF,
  COLUMNS,
  HONOR_LEVEL_OF,
  KIND_OF,
  NO,
  OUTLET_LEVEL_OF,
  splitPath,
  TIER_OF,
  UNIT_LEVEL_DEPTH,
  UNIT_LEVEL_OF,
  UNRATED,
  YES,
  type SheetName,
} from './sheets';
import type { ImportError } from './workbook';

export interface Environment {
  units: Unit[];
  exemplars: Exemplar[];
  honors: Honor[];
  placements: MediaPlacement[];
}

export type SheetRowsIn = Record<SheetName, { row: number; values: Record<string, string> }[]>;

export type Collection = 'units' | 'exemplars' | 'honors' | 'placements';

export interface Write {
  collection: Collection;
  id: Id;
  /** create: the whole document (without _id); update: the fields to set. */
  op: 'create' | 'update';
  data: Record<string, unknown>;
}

export interface SheetSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportPlan {
  errors: ImportError[];
  /** Differences import leaves alone (and why), and rows readers will not see: said, not refused. */
  notices: string[];
  writes: Write[];
  summary: Record<SheetName, SheetSummary>;
}

/** The consent an import records for an individual whose sheet says they consented (on paper, filed as the evidence says). */
export const IMPORT_ACTOR = 'import';

export function derivedId(prefix: string, key: string): Id {
  return `${prefix}-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * An honour is the same one when its exemplar, title, year and level are: the issue's key
 * (exemplar, title, year) plus the level, because the same title is given in one year by bodies
 * of different levels (优秀共产党员 from a county and from a prefecture committee are two honours).
 */
const honourKey = (exemplarId: Id, title: string, date: string, level: string) => `${exemplarId}|${title}|${yearOf(date)}|${level}`;
const placementKey = (exemplarId: Id, outlet: string, date: string, title: string) => `${exemplarId}|${outlet}|${date}|${title}`;

// The app's own field rules (types/schemas.ts), reused so a row the import takes is one the editors would take.
const exemplarShape = authoringSchemas.saveExemplar.shape;
const honourShape = authoringSchemas.saveHonor.shape.honor.shape;
const placementShape = authoringSchemas.savePlacement.shape.placement.shape;
const unitShape = adminSchemas.addUnit.shape;
const isoDate = z.string().superRefine((d, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) ctx.addIssue({ code: 'custom', message: '日期要写成 年-月-日，如 2024-05-04' });
  else if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || !new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)) ctx.addIssue({ code: 'custom', message: '没有这一天' });
});
const integer = z.string().regex(/^-?\d{1,9}$/, '要写整数');
const link = z.string().max(512, '不能超过 512 字').regex(/^https?:\/\/\S+$/, '要以 http:// 或 https:// 开头，且不含空格');

/** Builds the plan. `now` stamps new documents (createdAt, enteredTierAt, updatedAt). */
export function planImport(rows: SheetRowsIn, env: Environment, now: number): ImportPlan {
  const errors: ImportError[] = [];
  const notices: string[] = [];
  const writes: Write[] = [];
  const summary = Object.fromEntries((Object.keys(COLUMNS) as SheetName[]).map((s) => [s, { created: 0, updated: 0, unchanged: 0 }])) as Record<SheetName, SheetSummary>;
  const header = (sheet: SheetName, key: string) => COLUMNS[sheet].find((c) => c.key === key)!.header;

  /** The cell, checked: required, one of a list, a zod rule. Records an error and answers null when it is not right. */
  const cell = (sheet: SheetName, row: number, values: Record<string, string>) => {
    let rowOk = true;
    const err = (key: string | null, message: string) => {
      rowOk = false;
      errors.push({ sheet, row, column: key === null ? null : header(sheet, key), message });
    };
    const text = (key: string, schema?: z.ZodTypeAny): string | null => {
      const v = values[key] ?? '';
      const col = COLUMNS[sheet].find((c) => c.key === key)!;
      if (!v) {
        if (col.required) {
          err(key, '必填，不能为空');
          return null;
        }
        return '';
      }
      if (schema) {
        const r = schema.safeParse(v);
        if (!r.success) {
          err(key, r.error.issues.map((i) => i.message).join('；'));
          return null;
        }
      }
      return v;
    };
    const oneOf = <T>(key: string, map: ReadonlyMap<string, T>): T | null | undefined => {
      const v = text(key);
      if (v === null) return null;
      if (v === '') return undefined;
      const got = map.get(v);
      if (got === undefined) {
        err(key, `“${v}”不是可选的值：${[...map.keys()].join('、')}`);
        return null;
      }
      return got;
    };
    return { text, oneOf, err, ok: () => rowOk };
  };

  // ── units ────────────────────────────────────────────────────────────────────────────

  interface UnitNode {
    id: Id;
    name: string;
    shortName: string;
    level: Unit['level'];
    parentId: Id | null;
    path: Id[];
    order: number;
    /** Its key: the names from the corps down. */
    key: string;
  }
  const nodes = new Map<Id, UnitNode>();
  const children = (parentId: Id | null) => [...nodes.values()].filter((n) => n.parentId === parentId);
  {
    const byId = new Map(env.units.map((u) => [u._id, u]));
    const keyOf = (u: Unit): string => {
      const names: string[] = [];
      for (const id of u.path) names.push(byId.get(id)?.name ?? id);
      return names.join('/');
    };
    for (const u of env.units) nodes.set(u._id, { id: u._id, name: u.name, shortName: u.shortName, level: u.level, parentId: u.parentId, path: u.path, order: u.order, key: keyOf(u) });
  }

  /** The unit a path names (each step its name or short name), or why it names none. */
  const resolveUnit = (text: string): UnitNode | string => {
    const steps = splitPath(text);
    if (steps.length === 0) return '单位路径是空的';
    let parent: UnitNode | null = null;
    for (const step of steps) {
      const under = children(parent ? parent.id : null);
      const hit = under.filter((n) => n.name === step);
      const found = hit.length ? hit : under.filter((n) => n.shortName === step);
      const where = parent ? `“${parent.name}”下` : '最上级';
      if (found.length === 0) return `${where}没有“${step}”${under.length ? `（有：${under.slice(0, 8).map((n) => n.shortName || n.name).join('、')}${under.length > 8 ? '…' : ''}）` : ''}`;
      if (found.length > 1) return `${where}有不止一个“${step}”：请写全称`;
      parent = found[0]!;
    }
    return parent!;
  };

  const envUnitIds = new Set(env.units.map((u) => u._id));
  const seenUnits = new Map<string, number>();
  for (const { row, values } of rows['单位']) {
    const c = cell('单位', row, values);
    const parentText = c.text('parent');
    const name = c.text('name', unitShape.name);
    const shortName = c.text('shortName', unitShape.shortName);
    const level = c.oneOf('level', UNIT_LEVEL_OF);
    const orderText = c.text('order', integer);
    let parent: UnitNode | null = null;
    if (parentText) {
      const p = resolveUnit(parentText);
      if (typeof p === 'string') c.err('parent', p);
      else parent = p;
    } else if (parentText === '' && children(null).some((n) => n.name !== name)) {
      c.err('parent', `只能有一个总队（已有“${children(null)[0]!.name}”）：其他单位要写上级单位`);
    }
    if (!c.ok() || !name || !shortName || !level) continue;
    if (parent && UNIT_LEVEL_DEPTH[level] <= UNIT_LEVEL_DEPTH[parent.level]) {
      c.err('level', `须低于上级单位“${parent.name}”的层级（${[...UNIT_LEVEL_OF].find(([, v]) => v === parent!.level)![0]}）`);
      continue;
    }
    if (!parent && level !== 'corps') {
      c.err('level', '没有上级单位的只能是总队');
      continue;
    }
    const key = parent ? `${parent.key}/${name}` : name;
    if (seenUnits.has(key)) {
      c.err('name', `与第 ${seenUnits.get(key)} 行是同一个单位`);
      continue;
    }
    seenUnits.set(key, row);
    const existing = children(parent ? parent.id : null).find((n) => n.name === name);
    const order = orderText ? Number(orderText) : null;
    if (existing && envUnitIds.has(existing.id)) {
      const diffs: string[] = [];
      if (existing.shortName !== shortName) diffs.push(`简称（环境中是“${existing.shortName}”）`);
      if (existing.level !== level) diffs.push('层级');
      if (order !== null && existing.order !== order) diffs.push(`排序（环境中是 ${existing.order}）`);
      if (diffs.length) notices.push(`「单位」第 ${row} 行“${name}”与环境中的不同，未改动：${diffs.join('、')}。改名、调整请在小程序「单位管理」里做（会同步搜索）。`);
      summary['单位'].unchanged++;
      continue;
    }
    const siblings = children(parent ? parent.id : null);
    const id = derivedId('u', key);
    const node: UnitNode = {
      id,
      name,
      shortName,
      level,
      parentId: parent ? parent.id : null,
      path: [...(parent ? parent.path : []), id],
      order: order ?? (siblings.length ? Math.max(...siblings.map((s) => s.order)) + 1 : 0),
      key,
    };
    nodes.set(id, node);
    writes.push({ collection: 'units', id, op: 'create', data: { name, shortName, level, parentId: node.parentId, path: node.path, order: node.order } });
    summary['单位'].created++;
  }

  // ── exemplars ────────────────────────────────────────────────────────────────────────

  interface ExemplarState {
    id: Id;
    /** The document as it will be (existing merged with the row, or new). */
    doc: Exemplar;
    existing: Exemplar | null;
    /** Fields the row changes on an existing document. */
    changed: Record<string, unknown>;
  }
  const exemplars = new Map<string, ExemplarState>();
  const exemplarKey = (unitId: Id, name: string) => `${unitId}|${name}`;
  for (const e of env.exemplars) exemplars.set(exemplarKey(e.unitId, e.name), { id: e._id, doc: e, existing: e, changed: {} });
  const fromSheet = new Map<string, number>();

  for (const { row, values } of rows['典型']) {
    const c = cell('典型', row, values);
    const name = c.text('name', exemplarShape.name);
    const kind = c.oneOf('kind', KIND_OF);
    const unitText = c.text('unit');
    const tier = c.oneOf('tier', TIER_OF);
    const category = c.oneOf('category', CATEGORY_OF);
    const title = c.text('title', exemplarShape.title);
    const summaryText = c.text('summary', exemplarShape.summary);
    const biography = c.text('biography', exemplarShape.biography);
    const rankText = c.text('rank', integer);
    const isPublic = c.oneOf('public', new Map([[YES, true], [NO, false]]));
    const consentSaid = c.oneOf('consent', new Map([[YES, true], [NO, false]]));
    const evidence = c.text('consentEvidence', z.string().max(200, '不能超过 200 字'));
    let unit: UnitNode | null = null;
    if (unitText) {
      const u = resolveUnit(unitText);
      if (typeof u === 'string') c.err('unit', u);
      else unit = u;
    }
    if (kind === 'individual' && consentSaid === true && !evidence) c.err('consentEvidence', '填了本人同意公开，须写明同意凭据（书面同意书的存档编号、核验人）');
    if (!c.ok() || !name || !kind || !unit || !tier || !category || isPublic === null || isPublic === undefined) continue;
    const key = exemplarKey(unit.id, name);
    if (fromSheet.has(key)) {
      c.err('name', `与第 ${fromSheet.get(key)} 行是同一个典型（同名、同单位）`);
      continue;
    }
    fromSheet.set(key, row);
    const rank = rankText ? Number(rankText) : 0;
    const owned = { category, title: title ?? '', summary: summaryText ?? '', biography: biography ?? '', rank };
    const known = exemplars.get(key);
    if (known?.existing) {
      const e = known.existing;
      const changed: Record<string, unknown> = {};
      // A blank optional cell keeps what the record has (a sheet of names only must not wipe the biographies written in the app).
      const given: Record<string, unknown> = { category, ...(title ? { title } : {}), ...(summaryText ? { summary: summaryText } : {}), ...(biography ? { biography } : {}), ...(rankText ? { rank } : {}) };
      for (const [k, v] of Object.entries(given)) if ((e as unknown as Record<string, unknown>)[k] !== v) changed[k] = v;
      known.changed = changed;
      known.doc = { ...e, ...changed };
      const left: string[] = [];
      if (e.kind !== kind) left.push('个人或集体');
      if (e.tier !== tier) left.push(`典型库（环境中是${[...TIER_OF].find(([, v]) => v === e.tier)![0]}，在小程序「典型库」里调整并写明理由）`);
      if ((e.state === 'published') !== isPublic) left.push(`公开（环境中${e.state === 'published' ? '已公开' : '未公开'}，在小程序里改）`);
      if (left.length) notices.push(`「典型」第 ${row} 行“${name}”与环境中的不同，未改动：${left.join('、')}。`);
      if (Object.keys(changed).length) summary['典型'].updated++;
      else summary['典型'].unchanged++;
      continue;
    }
    const id = derivedId('e', `${unit.key}|${name}`);
    const consent: ConsentRecord | null =
      kind === 'individual' && consentSaid === true && evidence
        ? { method: 'signed_form', evidence: `${IMPORT_ACTOR}:${evidence}`, recordedAt: now, recordedBy: IMPORT_ACTOR, name, verifiedBy: `${IMPORT_ACTOR}:deployer`, verifiedAt: now }
        : null;
    if (kind === 'individual' && isPublic && !consentHolds(consent, { kind, name })) notices.push(`「典型」第 ${row} 行“${name}”：个人典型没有本人同意，读者看不到，直到在小程序里记录同意。`);
    const doc: Exemplar = {
      _id: id,
      kind,
      tier,
      name,
      ...owned,
      unitId: unit.id,
      unitPath: unit.path,
      photo: null,
      consent,
      state: isPublic ? 'published' : 'draft',
      honorCount: 0,
      storyCount: 0,
      saluteCount: 0,
      enteredTierAt: now,
      nextReviewAt: nextReviewFor(tier, now) ?? now,
      createdAt: now,
      updatedAt: now,
    };
    exemplars.set(key, { id, doc, existing: null, changed: {} });
    summary['典型'].created++;
  }

  /** The exemplar a row of 荣誉 or 媒体报道 names (sheet or environment). */
  const exemplarOf = (c: ReturnType<typeof cell>, name: string | null, unitText: string | null): ExemplarState | null => {
    if (!name || !unitText) return null;
    const u = resolveUnit(unitText);
    if (typeof u === 'string') {
      c.err('unit', u);
      return null;
    }
    const found = exemplars.get(exemplarKey(u.id, name));
    if (!found) {
      c.err('exemplar', `“${u.name}”没有叫“${name}”的典型（“典型”表里没有，环境中也没有）`);
      return null;
    }
    return found;
  };

  // ── honours ──────────────────────────────────────────────────────────────────────────

  const honours = new Map<string, Honor>();
  for (const h of env.honors) honours.set(honourKey(h.exemplarId, h.title, h.date, h.level), h);
  const touched = new Set<Id>();
  const seenHonours = new Map<string, number>();
  for (const { row, values } of rows['荣誉']) {
    const c = cell('荣誉', row, values);
    const name = c.text('exemplar');
    const unitText = c.text('unit');
    const title = c.text('title', honourShape.title);
    const level = c.oneOf('level', HONOR_LEVEL_OF);
    const date = c.text('date', isoDate);
    const awardedBy = c.text('awardedBy', honourShape.awardedBy);
    const ex = exemplarOf(c, name, unitText);
    if (!c.ok() || !ex || !title || !level || !date) continue;
    const key = honourKey(ex.id, title, date, level);
    if (seenHonours.has(key)) {
      c.err('title', `与第 ${seenHonours.get(key)} 行是同一项荣誉（同一典型、同名、同一年、同级别）`);
      continue;
    }
    seenHonours.set(key, row);
    const fields = { exemplarId: ex.id, title, level, date, awardedBy: awardedBy ?? '' };
    const before = honours.get(key);
    if (before) {
      const changed: Record<string, unknown> = {};
      if (before.date !== date) changed.date = date;
      if (awardedBy && before.awardedBy !== awardedBy) changed.awardedBy = awardedBy;
      if (Object.keys(changed).length) {
        writes.push({ collection: 'honors', id: before._id, op: 'update', data: changed });
        honours.set(key, { ...before, ...changed });
        touched.add(ex.id);
        summary['荣誉'].updated++;
      } else summary['荣誉'].unchanged++;
      continue;
    }
    const id = derivedId('h', key);
    honours.set(key, { _id: id, ...fields });
    writes.push({ collection: 'honors', id, op: 'create', data: fields });
    touched.add(ex.id);
    summary['荣誉'].created++;
  }

  // ── placements ───────────────────────────────────────────────────────────────────────

  const placements = new Map<string, MediaPlacement>();
  for (const p of env.placements) if (p.exemplarId) placements.set(placementKey(p.exemplarId, p.outlet, p.date, p.title), p);
  const seenPlacements = new Map<string, number>();
  for (const { row, values } of rows['媒体报道']) {
    const c = cell('媒体报道', row, values);
    const name = c.text('exemplar');
    const unitText = c.text('unit');
    const outlet = c.text('outlet', placementShape.outlet);
    const levelText = values.level ?? '';
    // Blank or 未分级: a placement recorded without an outlet level (the wall counts it as unrated).
    const level = levelText === '' || levelText === UNRATED ? undefined : OUTLET_LEVEL_OF.get(levelText);
    if (level === undefined && levelText !== '' && levelText !== UNRATED) c.err('level', `“${levelText}”不是可选的值：${[...OUTLET_LEVEL_OF.keys(), UNRATED].join('、')}`);
    const date = c.text('date', isoDate);
    const title = c.text('title', placementShape.title);
    const linkText = c.text('link', link);
    const ex = exemplarOf(c, name, unitText);
    if (!c.ok() || !ex || !outlet || !date || !title || linkText === null) continue;
    const key = placementKey(ex.id, outlet, date, title);
    if (seenPlacements.has(key)) {
      c.err('title', `与第 ${seenPlacements.get(key)} 行是同一篇报道（同一典型、媒体、日期、标题）`);
      continue;
    }
    seenPlacements.set(key, row);
    const lvl = level;
    const before = placements.get(key);
    if (before) {
      const changed: Record<string, unknown> = {};
      if (before.level !== lvl && lvl !== undefined) changed.level = lvl;
      if (linkText && before.link !== linkText) changed.link = linkText;
      if (Object.keys(changed).length) {
        Object.assign(changed, placementFields({ outlet, date, level: lvl ?? before.level }));
        writes.push({ collection: 'placements', id: before._id, op: 'update', data: changed });
        placements.set(key, { ...before, ...changed });
        touched.add(ex.id);
        summary['媒体报道'].updated++;
      } else summary['媒体报道'].unchanged++;
      continue;
    }
    const id = derivedId('p', key);
    const saved = { outlet, title, date, link: linkText || null, ...(lvl ? { level: lvl } : {}) };
    const doc = { ...saved, exemplarId: ex.id, storyId: null, ...placementFields(saved) };
    placements.set(key, { _id: id, ...doc });
    writes.push({ collection: 'placements', id, op: 'create', data: doc });
    touched.add(ex.id);
    summary['媒体报道'].created++;
  }

  if (errors.length) return { errors, notices, writes: [], summary };

  // ── derived exemplar fields, then the exemplar writes (before their honours: an honour never points at nothing) ──

  const unitNames = (path: readonly Id[]): UnitNames[] => path.map((id) => nodes.get(id)).filter((n): n is UnitNode => !!n).map((n) => ({ name: n.name, shortName: n.shortName }));
  const honoursOf = new Map<Id, Honor[]>();
  for (const h of honours.values()) honoursOf.set(h.exemplarId, [...(honoursOf.get(h.exemplarId) ?? []), h]);
  const placementsOf = new Map<Id, MediaPlacement[]>();
  for (const p of placements.values()) if (p.exemplarId) placementsOf.set(p.exemplarId, [...(placementsOf.get(p.exemplarId) ?? []), p]);
  const exemplarWrites: Write[] = [];
  for (const ex of exemplars.values()) {
    if (ex.existing && Object.keys(ex.changed).length === 0 && !touched.has(ex.id)) continue;
    const hs = honoursOf.get(ex.id) ?? [];
    const derived = {
      honorCount: hs.length,
      ...exemplarSearchIndex({ name: ex.doc.name, kind: ex.doc.kind, title: ex.doc.title, unitPath: unitNames(ex.doc.unitPath), honors: hs.map((h) => h.title) }),
    };
    if (!ex.existing) {
      const wall = wallOf(hs, placementsOf.get(ex.id) ?? []);
      const { _id, ...doc } = ex.doc;
      exemplarWrites.push({ collection: 'exemplars', id: _id, op: 'create', data: { ...doc, ...derived, wall, honourKeys: honourKeysOf(wall) } });
      continue;
    }
    const e = ex.existing as unknown as Record<string, unknown>;
    const update: Record<string, unknown> = { ...ex.changed };
    for (const [k, v] of Object.entries(derived)) if (JSON.stringify(e[k]) !== JSON.stringify(v)) update[k] = v;
    if (Object.keys(update).length === 0) continue;
    if (Object.keys(ex.changed).length) update.updatedAt = now;
    exemplarWrites.push({ collection: 'exemplars', id: ex.id, op: 'update', data: update });
  }
  const units = writes.filter((w) => w.collection === 'units');
  const rest = writes.filter((w) => w.collection !== 'units');
  return { errors, notices, writes: [...units, ...exemplarWrites, ...rest], summary };
}
