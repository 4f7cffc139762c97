/**
 * `identity.todo`: what waits for the caller, for the 工作台's tile counts and its 待办 list. For
 * each kind of work a role the caller holds does, how many wait and the oldest few of them:
 *
 *   reviewer   stories in review and nominations at the caller's level (their subtrees), open
 *              objections (only reviewers of the level that resolves them), signed consent forms
 *              to check, readers' messages waiting for 精选 — never the caller's own stories or uploads, which someone else decides
 *   editor     the caller's stories and nominations returned for changes
 *   publisher  publish jobs that failed, library reviews past their date (their subtrees)
 *   admin      plan tasks the units they administer own, overdue or due soon (use-cases/plans/due.ts);
 *              honour pursuits' dates (deadlines, reports to the awarding body) within 30 days
 *
 * Every count is one count query per subtree on a declared index (the same lanes and indexes
 * the pages' own lists read), never a whole list read and counted; the items are short keyset
 * reads. Subtrees held twice (a reviewer over the corps and one of its detachments) are counted
 * once, from the outermost unit. Readers hold no role and have nothing waiting.
 */
import type { Exemplar, Id, Role, TodoItem, TodoKind, TodoView } from '@contract';
import type { Filter } from '../../adapters/cloud';
import { awaitsVerification } from '../../domain/consent';
import { REVIEW_LADDER } from '../../domain/review-ladder';
import type { ActionContext } from '../../lib/context';
import { isFailure, staffCaller, unitsWhereHeld, type Caller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { unitRefsById } from '../../lib/people';
import { byIds, readMergedPage } from '../../lib/reads';
import { authorsOf } from '../stories/shared';
import { tasksDue } from '../plans/due';
import { upcomingDeadlines } from '../pursuits/shared';
import { shanghaiDate } from '../../domain/pursuits';
import { roundTitle, selectionRoundsAwaiting } from '../selections/shared';

/** Items listed per kind: the 待办 list names the oldest few; the tile's page has the rest. */
const TODO_SHOWN = 3;

/** An item before its unit is resolved to a name. */
type Pending = Omit<TodoItem, 'unit'> & { unitId: Id | null };

interface Part {
  kind: TodoKind;
  count: number;
  items: Pending[];
}

type UnitPaths = ReadonlyMap<Id, { _id: Id; path: Id[] }>;

/** The units over which `role` is held, without those inside another one of them (each subtree once). */
function outermost(who: Caller, role: Role, units: UnitPaths): Id[] {
  const held = unitsWhereHeld(who, role).filter((id) => units.has(id));
  return held.filter((id) => !(units.get(id)?.path ?? []).some((p) => p !== id && held.includes(p)));
}

const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);

async function storiesToReview(ctx: ActionContext, who: Caller, units: UnitPaths): Promise<Part> {
  const c = ctx.cloud();
  const subtrees = outermost(who, 'reviewer', units);
  const revisions = c.collection('story_revisions');
  const [counts, page] = await Promise.all([
    // The queue index (unitPath, state) pins the rows; leaving out the caller's own work is a
    // filter on what it yields. A revision someone submitted without ever saving it still counts
    // here while the queue leaves it out for them: rare, and it only overstates by one.
    Promise.all(subtrees.map((u) => revisions.count({ unitPath: u, state: 'in_review', authorOpenid: c.command.neq(who.openid), contributors: c.command.neq(who.openid) }))),
    readMergedPage({}, TODO_SHOWN, {
      source: () => revisions,
      filters: subtrees.map((u) => ({ unitPath: u, state: 'in_review' as const })),
      sortField: 'submittedAt',
      order: 'asc',
      cmd: c.command,
      keep: (r) => !authorsOf(r).includes(who.openid),
    }),
  ]);
  const rows = isFailure(page) ? [] : page.rows;
  return {
    kind: 'story_review',
    count: sum(counts),
    items: rows.map((r) => ({ kind: 'story_review', id: r._id, title: r.title || '未命名事迹', unitId: r.unitId, since: r.submittedAt ?? r.updatedAt })),
  };
}

async function nominationsToDecide(ctx: ActionContext, who: Caller, units: UnitPaths): Promise<Part> {
  const c = ctx.cloud();
  // The review ladder's lanes: (level unit, state) pairs, as nominations.queue reads them.
  const lanes = REVIEW_LADDER.lanes(unitsWhereHeld(who, 'reviewer').flatMap((id) => units.get(id) ?? []));
  const nominations = c.collection('nominations');
  const [counts, page] = await Promise.all([
    Promise.all(lanes.map((l) => nominations.count({ unitPath: l.unitId, state: l.state }))),
    readMergedPage({}, TODO_SHOWN, {
      source: () => nominations.select(['nomineeName', 'nominatingUnitId', 'createdAt', 'updatedAt']),
      filters: lanes.map((l) => ({ unitPath: l.unitId, state: l.state })),
      sortField: 'createdAt',
      order: 'asc',
      cmd: c.command,
    }),
  ]);
  const rows = isFailure(page) ? [] : page.rows;
  return {
    kind: 'nomination_review',
    count: sum(counts),
    items: rows.map((n) => ({ kind: 'nomination_review', id: n._id, title: n.nomineeName, unitId: n.nominatingUnitId, since: n.updatedAt })),
  };
}

/** The reviewer units at the level that resolves objections (the last one, whose approval opened the notice). */
function objectionUnits(who: Caller, units: UnitPaths): Id[] {
  const step = REVIEW_LADDER.steps.find((s) => s.level === REVIEW_LADDER.objectionLevel);
  if (!step) return [];
  return unitsWhereHeld(who, 'reviewer').filter((id) => (units.get(id)?.path.length ?? 0) - 1 === step.unitDepth);
}

async function openObjections(ctx: ActionContext, subtrees: readonly Id[]): Promise<Part> {
  const c = ctx.cloud();
  const objections = c.collection('objections');
  const [counts, page] = await Promise.all([
    Promise.all(subtrees.map((u) => objections.count({ unitPath: u, state: 'open' }))),
    readMergedPage({}, TODO_SHOWN, {
      source: () => objections.select(['nominationId', 'nomineeName', 'nominatingUnitId', 'at']),
      filters: subtrees.map((u) => ({ unitPath: u, state: 'open' as const })),
      sortField: 'at',
      order: 'asc',
      cmd: c.command,
    }),
  ]);
  const rows = isFailure(page) ? [] : page.rows;
  return {
    kind: 'objection',
    count: sum(counts),
    items: rows.map((o) => ({ kind: 'objection', id: o.nominationId, title: o.nomineeName, unitId: o.nominatingUnitId, since: o.at })),
  };
}

async function consentToCheck(ctx: ActionContext, who: Caller, units: UnitPaths): Promise<Part> {
  const c = ctx.cloud();
  const subtrees = outermost(who, 'reviewer', units);
  const exemplars = c.collection('exemplars');
  // Nested fields by dot path, served by the consent_check index (unitPath, method, verifiedBy…).
  const waiting = (u: Id) => ({ unitPath: u, 'consent.method': 'signed_form', 'consent.verifiedBy': null });
  const [counts, page] = await Promise.all([
    Promise.all(subtrees.map((u) => exemplars.count({ ...waiting(u), 'consent.recordedBy': c.command.neq(who.openid) } as Filter<Exemplar>))),
    readMergedPage({}, TODO_SHOWN, {
      source: () => exemplars.select(['name', 'unitId', 'consent']),
      filters: subtrees.map((u) => waiting(u) as Filter<Exemplar>),
      sortField: 'consent.recordedAt',
      order: 'asc',
      cmd: c.command,
      keep: (e) => awaitsVerification(e.consent) && e.consent?.recordedBy !== who.openid,
    }),
  ]);
  const rows = isFailure(page) ? [] : page.rows;
  return {
    kind: 'consent_check',
    count: sum(counts),
    items: rows.map((e) => ({ kind: 'consent_check', id: e._id, title: e.name, unitId: e.unitId, since: e.consent?.recordedAt ?? 0 })),
  };
}

async function commentsToModerate(ctx: ActionContext, who: Caller, units: UnitPaths): Promise<Part> {
  const c = ctx.cloud();
  const subtrees = outermost(who, 'reviewer', units);
  const comments = c.collection('comments');
  // The moderation queue's own lanes and index (unitPath, state, createdAt), as comments.queue reads them.
  const [counts, page] = await Promise.all([
    Promise.all(subtrees.map((u) => comments.count({ unitPath: u, state: 'pending' }))),
    readMergedPage({}, TODO_SHOWN, {
      source: () => comments.select(['text', 'unitId', 'createdAt']),
      filters: subtrees.map((u) => ({ unitPath: u, state: 'pending' as const })),
      sortField: 'createdAt',
      order: 'asc',
      cmd: c.command,
    }),
  ]);
  const rows = isFailure(page) ? [] : page.rows;
  return {
    kind: 'comment_review',
    count: sum(counts),
    // A message has no title: its first words name it in the list.
    items: rows.map((m) => ({ kind: 'comment_review', id: m._id, title: [...m.text].length > 16 ? `${[...m.text].slice(0, 16).join('')}…` : m.text, unitId: m.unitId, since: m.createdAt })),
  };
}

async function returnedStories(ctx: ActionContext, who: Caller): Promise<Part> {
  const revisions = ctx.cloud().collection('story_revisions');
  // The author's index (authorOpenid, updatedAt) serves both; the state is a filter on what it yields.
  const mine = { authorOpenid: who.openid, state: 'returned' as const };
  const [count, rows] = await Promise.all([
    revisions.count(mine),
    revisions.select(['title', 'unitId', 'updatedAt']).where(mine).orderBy('updatedAt', 'asc').limit(TODO_SHOWN).get(),
  ]);
  return {
    kind: 'returned_story',
    count,
    items: rows.map((r) => ({ kind: 'returned_story', id: r._id, title: r.title || '未命名事迹', unitId: r.unitId, since: r.updatedAt })),
  };
}

async function returnedNominations(ctx: ActionContext, who: Caller): Promise<Part> {
  const nominations = ctx.cloud().collection('nominations');
  const mine = { nominatedBy: who.openid, state: 'returned' as const };
  const [count, rows] = await Promise.all([
    nominations.count(mine),
    nominations.select(['nomineeName', 'nominatingUnitId', 'updatedAt']).where(mine).orderBy('createdAt', 'asc').limit(TODO_SHOWN).get(),
  ]);
  return {
    kind: 'returned_nomination',
    count,
    items: rows.map((n) => ({ kind: 'returned_nomination', id: n._id, title: n.nomineeName, unitId: n.nominatingUnitId, since: n.updatedAt })),
  };
}

async function failedPublishJobs(ctx: ActionContext): Promise<Part> {
  const jobs = ctx.cloud().collection('publish_jobs');
  // Publish jobs are the corps' account's, not a subtree's: every publisher sees them (as publish.jobs does).
  const [count, rows] = await Promise.all([
    jobs.count({ state: 'failed' }),
    jobs.select(['title', 'updatedAt']).where({ state: 'failed' }).orderBy('updatedAt', 'asc').limit(TODO_SHOWN).get(),
  ]);
  return {
    kind: 'publish_failed',
    count,
    items: rows.map((j) => ({ kind: 'publish_failed', id: j._id, title: j.title || '公众号发布', unitId: null, since: j.updatedAt })),
  };
}

async function overdueReviews(ctx: ActionContext, who: Caller, units: UnitPaths): Promise<Part> {
  const c = ctx.cloud();
  const now = ctx.now();
  const exemplars = c.collection('exemplars');
  // One (subtree, tier) pair per read, on the unit_review index (unitPath, tier, nextReviewAt).
  const pairs = outermost(who, 'publisher', units).flatMap((u) => (['major', 'reserve'] as const).map((tier) => ({ unitPath: u, tier, nextReviewAt: c.command.lte(now) })));
  const [counts, lists] = await Promise.all([
    Promise.all(pairs.map((f) => exemplars.count(f))),
    Promise.all(pairs.map((f) => exemplars.select(['name', 'unitId', 'nextReviewAt']).where(f).orderBy('nextReviewAt', 'asc').limit(TODO_SHOWN).get())),
  ]);
  const oldest = lists.flat().sort((a, b) => a.nextReviewAt - b.nextReviewAt || (a._id < b._id ? -1 : 1));
  return {
    kind: 'library_overdue',
    count: sum(counts),
    items: oldest.slice(0, TODO_SHOWN).map((e) => ({ kind: 'library_overdue', id: e._id, title: e.name, unitId: e.unitId, since: e.nextReviewAt })),
  };
}

/** A part that is not the caller's (left out of the counts). */
const NO_PART: Part = { kind: 'selection_score', count: 0, items: [] };

/** Open selection rounds on whose committee the caller sits with candidates left to score (selections/shared.ts). */
async function selectionsToScore(ctx: ActionContext, who: Caller): Promise<Part | null> {
  const c = ctx.cloud();
  // The committee index (committee, state, createdAt): a person sits on a handful of open rounds at most.
  const rounds = await c.collection('selection_rounds').where({ committee: who.openid, state: 'open' }).orderBy('createdAt', 'asc').limit(50).get();
  if (rounds.length === 0) return null;
  const waiting = await selectionRoundsAwaiting(ctx, who.openid, rounds);
  return {
    kind: 'selection_score',
    count: waiting.length,
    items: waiting.slice(0, TODO_SHOWN).map((r) => ({ kind: 'selection_score', id: r._id, title: roundTitle(r), unitId: r.unitId, since: r.createdAt })),
  };
}

async function pursuitDates(ctx: ActionContext, who: Caller, units: UnitPaths): Promise<Part> {
  // The same read as workboard.pursuitDeadlines, over the admin's subtrees: work for the one who manages them.
  const upcoming = await upcomingDeadlines(ctx, outermost(who, 'admin', units), shanghaiDate(ctx.now()));
  return {
    kind: 'pursuit_deadline',
    count: upcoming.length,
    items: upcoming.slice(0, TODO_SHOWN).map((d) => ({ kind: 'pursuit_deadline', id: d.pursuitId, title: `${d.pursuitName} · ${d.label}`, unitId: d.unit?._id ?? null, since: Date.parse(`${d.date}T00:00:00+08:00`) })),
  };
}

/** Plan tasks of the units where the caller holds admin, overdue or due soon (挂图作业). */
async function planTasksDue(ctx: ActionContext, who: Caller): Promise<Part> {
  const due = await tasksDue(ctx, unitsWhereHeld(who, 'admin'), TODO_SHOWN);
  return {
    kind: 'plan_due',
    count: due.count,
    items: due.oldest.map((t) => ({ kind: 'plan_due', id: t._id, title: t.title, unitId: t.unitId, since: Date.parse(`${t.due}T00:00:00+08:00`) })),
  };
}

export const todo: UseCase<'identity', 'todo'> = async (_req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const holds = (role: Role) => who.held.some((h) => h.role === role);
  if (who.held.length === 0) return ok({ counts: {}, items: [] });
  const c = ctx.cloud();
  const units: UnitPaths = await byIds(() => c.collection('units').select(['path']), c.command, who.held.map((h) => h.unitId));
  const parts: Promise<Part>[] = [];
  if (holds('reviewer')) {
    parts.push(storiesToReview(ctx, who, units), nominationsToDecide(ctx, who, units), consentToCheck(ctx, who, units), commentsToModerate(ctx, who, units));
    const objectionSubtrees = objectionUnits(who, units);
    if (objectionSubtrees.length > 0) parts.push(openObjections(ctx, objectionSubtrees));
  }
  if (holds('editor')) parts.push(returnedStories(ctx, who), returnedNominations(ctx, who));
  if (holds('publisher')) parts.push(failedPublishJobs(ctx), overdueReviews(ctx, who, units));
  if (holds('admin')) parts.push(pursuitDates(ctx, who, units));
  if (holds('admin')) parts.push(planTasksDue(ctx, who));
  // Any staff member may sit on a selection committee: the kind is theirs while they sit on an open round.
  parts.push(selectionsToScore(ctx, who).then((p) => p ?? NO_PART));
  const done = (await Promise.all(parts)).filter((p) => p !== NO_PART);
  const pending = done.flatMap((p) => p.items);
  const unitRefs = await unitRefsById(ctx, pending.map((i) => i.unitId));
  const counts: TodoView['counts'] = {};
  for (const p of done) counts[p.kind] = p.count;
  const items: TodoItem[] = pending
    .map(({ unitId, ...item }) => ({ ...item, unit: unitId === null ? null : (unitRefs.get(unitId) ?? null) }))
    .sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ok({ counts, items });
};
