/**
 * Audit entries as the audit page reads them: a sentence needs who (by name), what (the action
 * code, turned into Chinese by the client's one table) and to what (the subject's label); the
 * details under it are the entry's own before/after with ids made readable.
 *
 * For a page of entries: one batched read per subject kind that has no label recorded in the
 * entry itself, one batched read of people (actors, grant holders, people named in the
 * details) and one of units. No OPENID leaves here: person fields of the details become names,
 * and any other value equal to an OPENID on the page is replaced by that person's name.
 */
import type { AuditEntry, AuditView, Id, PersonRef, UnitRef } from '@contract';
import { ROLE_LABEL } from '@contract';
import type { ActionContext } from '../../lib/context';
import { peopleByOpenid, personIn, unitRefsById } from '../../lib/people';
import { byIds } from '../../lib/reads';

export type AuditRow = Pick<AuditEntry, '_id' | 'actor' | 'action' | 'subject' | 'before' | 'after' | 'at'>;

/** Detail fields holding an OPENID: shown as the person's name. */
const PERSON_FIELDS = new Set(['owner', 'uploadedBy', 'recordedBy', 'verifiedBy', 'createdBy', 'grantedBy', 'resolvedBy', 'filedBy', 'nominatedBy', 'redeemedBy', 'openid', 'actor']);
/** Detail fields holding a unit id: shown as the unit's name. */
const UNIT_FIELDS = new Set(['unitId', 'parentId']);
/** Detail fields that are internal ids or keys: nothing a reader of the log can use. */
const HIDDEN_FIELDS = new Set(['_id', 'path', 'unitPath', 'invite', 'job', 'file', 'fileId', 'photo', 'cover', 'authority', 'exemplarId', 'storyId']);
/** How deep the details are made readable (entries record flat objects, a few one level nested). */
const MAX_DEPTH = 3;
const DELETED_UNIT = '（已删除的单位）';

type Record_ = Record<string, unknown>;
const isRecord = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The label an entry recorded for its subject when the action wrote it (a title, a name). */
function recordedLabel(e: AuditRow): string | null {
  const after = isRecord(e.after) ? e.after : null;
  const before = isRecord(e.before) ? e.before : null;
  switch (e.subject.kind) {
    case 'story':
    case 'plan':
    case 'plan_task':
    case 'selection_round':
      return text(after?.title) ?? text(before?.title);
    case 'exemplar':
    case 'unit':
    case 'campaign':
    case 'pursuit':
      // Honors and placements record their own title, never a name: only `name` names the subject.
      return text(after?.name) ?? text(before?.name);
    default:
      return null;
  }
}

/** The openids and unit ids a value's person and unit fields name. */
function collect(v: unknown, people: Set<string>, units: Set<Id>, depth = 0): void {
  if (depth > MAX_DEPTH || !isRecord(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (PERSON_FIELDS.has(k) && typeof x === 'string') people.add(x);
    else if (UNIT_FIELDS.has(k) && typeof x === 'string') units.add(x);
    else collect(x, people, units, depth + 1);
  }
}

/** `v` with ids made readable: units and people by name, internal ids left out, no OPENID. */
function readable(v: unknown, people: ReadonlyMap<string, PersonRef>, units: ReadonlyMap<Id, UnitRef>, depth = 0): unknown {
  if (typeof v === 'string') return people.has(v) ? personIn(people, v).name : v;
  if (Array.isArray(v)) return depth > MAX_DEPTH ? null : v.map((x) => readable(x, people, units, depth + 1));
  if (!isRecord(v)) return v;
  if (depth > MAX_DEPTH) return null;
  const out: Record_ = {};
  for (const [k, x] of Object.entries(v)) {
    if (HIDDEN_FIELDS.has(k)) continue;
    if (UNIT_FIELDS.has(k) && typeof x === 'string') out[k] = units.get(x)?.name ?? DELETED_UNIT;
    else if (PERSON_FIELDS.has(k) && typeof x === 'string') out[k] = personIn(people, x).name;
    else out[k] = readable(x, people, units, depth + 1);
  }
  return out;
}

/** Records of one subject kind by id, read once for the page (only ids without a recorded label). */
async function labelsOf<T extends { _id: Id }>(ids: readonly Id[], read: (ids: readonly Id[]) => Promise<Map<Id, T>>): Promise<Map<Id, T>> {
  return ids.length === 0 ? new Map() : read(ids);
}

/** The audit views of a page of entries. */
export async function auditViews(ctx: Pick<ActionContext, 'cloud' | 'env' | 'hashHex'>, rows: readonly AuditRow[]): Promise<AuditView[]> {
  const c = ctx.cloud();
  const cmd = c.command;
  const unlabelled = (kind: string) => [...new Set(rows.filter((e) => e.subject.kind === kind && recordedLabel(e) === null).map((e) => e.subject.id))];
  const [stories, revisions, exemplars, nominations, objections, units, campaigns, invites, grants, jobs] = await Promise.all([
    labelsOf(unlabelled('story'), (ids) => byIds(() => c.collection('stories').select(['title']), cmd, ids)),
    labelsOf(unlabelled('story'), (ids) => byIds(() => c.collection('story_revisions').select(['title']), cmd, ids)),
    labelsOf(unlabelled('exemplar'), (ids) => byIds(() => c.collection('exemplars').select(['name']), cmd, ids)),
    labelsOf(unlabelled('nomination'), (ids) => byIds(() => c.collection('nominations').select(['nomineeName']), cmd, ids)),
    labelsOf(unlabelled('objection'), (ids) => byIds(() => c.collection('objections').select(['nomineeName']), cmd, ids)),
    labelsOf(unlabelled('unit'), (ids) => byIds(() => c.collection('units').select(['name']), cmd, ids)),
    labelsOf(unlabelled('campaign'), (ids) => byIds(() => c.collection('campaigns').select(['name']), cmd, ids)),
    labelsOf(unlabelled('invite'), (ids) => byIds(() => c.collection('invites').select(['role', 'unitId']), cmd, ids)),
    labelsOf(unlabelled('grant'), (ids) => byIds(() => c.collection('roles').select(['openid', 'role', 'unitId']), cmd, ids)),
    labelsOf(unlabelled('publish_job'), (ids) => byIds(() => c.collection('publish_jobs').select(['title']), cmd, ids)),
  ]);

  const openids = new Set<string>(rows.map((e) => e.actor));
  const unitIds = new Set<Id>();
  for (const g of grants.values()) openids.add(g.openid);
  for (const r of [...invites.values(), ...grants.values()]) unitIds.add(r.unitId);
  for (const e of rows) {
    collect(e.before, openids, unitIds);
    collect(e.after, openids, unitIds);
  }
  const [people, unitRefs] = await Promise.all([peopleByOpenid(ctx, [...openids]), unitRefsById(ctx, [...unitIds])]);

  const roleAt = (r: { role: keyof typeof ROLE_LABEL; unitId: Id }) => `${unitRefs.get(r.unitId)?.shortName ?? DELETED_UNIT} ${ROLE_LABEL[r.role]}`;
  function subjectLabel(e: AuditRow): string | null {
    const recorded = recordedLabel(e);
    if (recorded !== null) return recorded;
    const id = e.subject.id;
    switch (e.subject.kind) {
      case 'story':
        return stories.get(id)?.title ?? revisions.get(id)?.title ?? null;
      case 'exemplar':
        return exemplars.get(id)?.name ?? null;
      case 'nomination':
        return nominations.get(id)?.nomineeName ?? null;
      case 'objection':
        return objections.get(id)?.nomineeName ?? null;
      case 'unit':
        return units.get(id)?.name ?? null;
      case 'campaign':
        return campaigns.get(id)?.name ?? null;
      case 'invite': {
        const inv = invites.get(id);
        return inv ? roleAt(inv) : null;
      }
      case 'grant': {
        const g = grants.get(id);
        if (!g) return null;
        // Named by its holder, unless the holder is who acted (redeeming an invite).
        return g.openid === e.actor ? roleAt(g) : `${personIn(people, g.openid).name}（${roleAt(g)}）`;
      }
      case 'publish_job':
        return text(jobs.get(id)?.title) ?? null;
      default:
        return null;
    }
  }

  return rows.map((e) => ({
    _id: e._id,
    actor: personIn(people, e.actor),
    action: e.action,
    subject: e.subject,
    subjectLabel: subjectLabel(e),
    before: readable(e.before, people, unitRefs),
    after: readable(e.after, people, unitRefs),
    at: e.at,
  }));
}
