/**
 * What both figures actions share: the guard (any staff role over the unit asked about) and the
 * reads of one unit subtree's records for one period, each on a declared index:
 *
 * - units: `path` contains the grant's unit (units.path, multikey) — the whole scope in one read
 *   (a corps has a few hundred units);
 * - exemplars: `unitPath` contains the unit, walked by `_id` (exemplars.unit_path), 1000 a read;
 * - honours and placements: `exemplarId` in a batch of those exemplars, dated from the period's
 *   start (honors.exemplar_date, placements.exemplar_date), a batch halved when it fills a read;
 * - tier decisions: `unitPath` contains the unit, newest first back to the period's start
 *   (tier_changes.unit_recent);
 * - plan tasks: `unitPath` contains the unit, one year of the period at a time, due from the
 *   period's start (plan_tasks.subtree_year).
 *
 * So a view costs reads in proportion to the subtree's records of the period, never a scan of a
 * collection; the later bound of a date range is applied in memory (one range per index).
 */
import type { Id, IsoDate, Role, UnitNode } from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { countFigures, periodOf, shanghaiDate, shanghaiStart, type FigureExemplar, type FigureHonour, type FigurePlacement, type FigureTable, type FigureTask, type FigureTierChange, type FigureUnit, type Period } from '../../domain/figures';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller, type Caller, type Failure } from '../../lib/guard';
import { refuse } from '../../lib/handler';
import type { ActionContext } from '../../lib/context';
import type { RequestFor } from '../../lib/handler';

/** Any staff role reads figures: of the units under one of their grants. */
export const FIGURE_ROLES: readonly Role[] = ['editor', 'reviewer', 'publisher', 'admin'];

/** The most rows one read answers (the SDK's cap). */
const READ = 1000;
/** Exemplars per `_.in` batch of the honour and placement reads. */
const BATCH = 100;

const UNIT_FIELDS = ['name', 'shortName', 'level', 'parentId', 'order', 'path'] as const;

export interface LoadedFigures {
  caller: Caller;
  unit: FigureUnit;
  period: Period;
  today: IsoDate;
  table: FigureTable;
  /** The units the caller may ask about (every subtree they hold a role over). */
  scope: UnitNode[];
}

/** The grant units not under another of them: each subtree read once. */
function topUnits(caller: Caller, units: ReadonlyMap<Id, FigureUnit>): Id[] {
  const held = [...new Set(caller.held.filter((h) => FIGURE_ROLES.includes(h.role)).map((h) => h.unitId))];
  return held.filter((id) => !held.some((other) => other !== id && (units.get(id)?.path ?? []).includes(other)));
}

async function unitsUnder(c: Cloud, unitId: Id): Promise<FigureUnit[]> {
  const rows = await c.collection('units').select(UNIT_FIELDS).where({ path: unitId }).limit(READ).get();
  return rows as FigureUnit[];
}

async function exemplarsUnder(c: Cloud, unitId: Id): Promise<FigureExemplar[]> {
  const out: FigureExemplar[] = [];
  let after: Id | null = null;
  for (;;) {
    const rows: FigureExemplar[] = await c
      .collection('exemplars')
      .select(['kind', 'tier', 'name', 'unitId', 'unitPath'])
      .where({ unitPath: unitId, ...(after === null ? {} : { _id: c.command.gt(after) }) })
      .orderBy('_id', 'asc')
      .limit(READ)
      .get();
    out.push(...rows);
    if (rows.length < READ) return out;
    after = rows[rows.length - 1]?._id ?? null;
  }
}

/** Rows of `read(ids)` for every exemplar id, in batches; a batch that fills a read is split until none does. */
async function byExemplars<R>(ids: readonly Id[], read: (batch: Id[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  const go = async (batch: Id[]): Promise<void> => {
    const rows = await read(batch);
    if (rows.length < READ) {
      out.push(...rows);
      return;
    }
    if (batch.length === 1) throw new Error(`figures: exemplar ${batch[0]} has more than ${READ} records in one period`);
    const half = Math.ceil(batch.length / 2);
    await go(batch.slice(0, half));
    await go(batch.slice(half));
  };
  const batches: Id[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  await Promise.all(batches.map(go));
  return out;
}

async function tierChangesUnder(c: Cloud, unitId: Id, period: Period): Promise<FigureTierChange[]> {
  const since = shanghaiStart(period.from);
  const out = new Map<Id, FigureTierChange>();
  let before: number | null = null;
  for (;;) {
    const rows: { _id: Id; unitPath: Id[]; kind: FigureTierChange['kind']; at: number }[] = await c
      .collection('tier_changes')
      .select(['unitPath', 'kind', 'at'])
      .where({ unitPath: unitId, at: before === null ? c.command.gte(since) : c.command.lte(before) })
      .orderBy('at', 'desc')
      .limit(READ)
      .get();
    for (const r of rows) if (r.at >= since) out.set(r._id, { unitPath: r.unitPath, kind: r.kind, date: shanghaiDate(r.at) });
    const last: { at: number } | undefined = rows[rows.length - 1];
    // A full read goes on from its oldest instant (taken again and deduplicated by id) until the period's start.
    if (rows.length < READ || !last || last.at < since || last.at === before) return [...out.values()];
    before = last.at;
  }
}

async function tasksUnder(c: Cloud, unitId: Id, period: Period): Promise<FigureTask[]> {
  const out = new Map<Id, FigureTask>();
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) {
    let from = period.from;
    for (;;) {
      const rows = await c
        .collection('plan_tasks')
        .select(['unitPath', 'due', 'status'])
        .where({ unitPath: unitId, year, due: c.command.gte(from) })
        .orderBy('due', 'asc')
        .limit(READ)
        .get();
      for (const r of rows) out.set(r._id, { unitPath: r.unitPath, due: r.due, status: r.status });
      const last = rows[rows.length - 1];
      if (rows.length < READ || !last || last.due === from) break;
      from = last.due;
    }
  }
  return [...out.values()];
}

/** The caller, the unit and the period's figures; refused unless the caller holds a staff role over the unit. */
export async function loadFigures(req: RequestFor<'workboard', 'figures'>, ctx: ActionContext): Promise<LoadedFigures | Failure<'not_signed_in' | 'role_required' | 'outside_scope'>> {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  // The role is checked before the unit is looked up: someone without one learns nothing about units.
  const anywhere = requireRoleAnywhere(who, FIGURE_ROLES);
  if (anywhere) return anywhere;
  const c = ctx.cloud();
  const unit = (await c.collection('units').doc(req.unitId).select(UNIT_FIELDS).get()) as FigureUnit | null;
  if (!unit) return refuse('NOT_FOUND', 'outside_scope', `no unit ${req.unitId}`);
  const denied = requireRole(who, FIGURE_ROLES, unit.path);
  if (denied) return denied;

  const today = shanghaiDate(ctx.now());
  const period = periodOf(req.from, req.to, today);
  const grantUnits = new Map<Id, FigureUnit>();
  // The grants' own units, to tell which grant lies under which (a few documents by id).
  const held = [...new Set(who.held.map((h) => h.unitId))];
  await Promise.all(held.map(async (id) => {
    const u = id === unit._id ? unit : ((await c.collection('units').doc(id).select(UNIT_FIELDS).get()) as FigureUnit | null);
    if (u) grantUnits.set(id, u);
  }));
  const [scopeLists, exemplars, tierChanges, tasks] = await Promise.all([
    Promise.all(topUnits(who, grantUnits).map((id) => unitsUnder(c, id))),
    exemplarsUnder(c, unit._id),
    tierChangesUnder(c, unit._id, period),
    tasksUnder(c, unit._id, period),
  ]);
  const ids = exemplars.map((e) => e._id);
  const [honours, placements] = await Promise.all([
    byExemplars<FigureHonour>(ids, (batch) =>
      c.collection('honors').select(['exemplarId', 'level', 'date', 'title', 'awardedBy']).where({ exemplarId: c.command.in(batch), date: c.command.gte(period.from) }).limit(READ).get(),
    ),
    byExemplars<FigurePlacement>(ids, (batch) =>
      c.collection('placements').select(['exemplarId', 'date', 'level']).where({ exemplarId: c.command.in(batch), date: c.command.gte(period.from) }).limit(READ).get(),
    ),
  ]);
  const scopeUnits = new Map<Id, FigureUnit>();
  for (const list of scopeLists) for (const u of list) scopeUnits.set(u._id, u);
  const subtree = [...scopeUnits.values()].filter((u) => u.path.includes(unit._id));
  const table = countFigures(unit._id, period, today, { units: subtree, exemplars, honours, placements, tierChanges, tasks });
  const scope = [...scopeUnits.values()].map(({ _id, name, shortName, level, parentId, order }) => ({ _id, name, shortName, level, parentId, order }));
  return { caller: who, unit, period, today, table, scope };
}
