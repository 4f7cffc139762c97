/**
 * `authoring`: staff write exemplar profiles and stories; reviewers approve or return stories.
 *
 * Every action starts from the caller's WeChat identity and role grants (lib/caller.ts), checks
 * the role over the subject's unit subtree BEFORE anything is written, and records the action
 * in the audit log. Autosaves are the one exception to auditing each call: a draft's creation
 * is audited, its keystroke-level saves are not (they would drown the log), and every step
 * that changes what a reviewer or reader sees (submit, withdraw, approve, return) is.
 */
import type {
  ConsentInfo,
  DraftCard,
  DraftView,
  Exemplar,
  ExemplarEditView,
  Id,
  Story,
  StoryRevision,
  Unit,
} from '@contract';
import type { Cloud } from '../../adapters/cloud';
import { imageInfo } from '../../domain/image-info';
import { blocksText, blocksToMarkdown, compileMarkdown } from '../../domain/markdown';
import { blockFileIds, renderBlocks, toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { approvedStory, countDeltas, storyCodeFrom, storyTransition, type StoryAction } from '../../domain/story-review';
import { audit } from '../../lib/audit';
import { denyUnless, loadCaller, type Caller, type Failure } from '../../lib/caller';
import { fail, ok, type ActionTable } from '../../lib/handler';
import { byIds } from '../../lib/reads';

export interface AuthoringDeps {
  cloud: () => Cloud;
  adminOpenids: () => string | undefined;
  now: () => number;
  hashHex: (input: string) => string;
  /** A fresh unguessable code for consent links. */
  randomCode: () => string;
}

/** How long a consent link stays valid. */
export const CONSENT_TTL_MS = 7 * 86_400_000;
export const CONSENT_PAGE = 'pages-staff/consent/index';
const MSG_SEC_MAX = 2500;
const LIST_LIMIT = 50;
/** WeChat's official-account inline image limit; the client compresses below it. */
export const MAX_IMAGE_BYTES = 1024 * 1024;
export const MAX_IMAGE_SIDE = 8000;

type SecVerdict = 'pass' | 'review' | 'risky';

/**
 * security.msgSecCheck v2 over the whole text in ≤ 2500-character pieces; the worst verdict
 * wins. Fails closed: an error from WeChat is thrown (INTERNAL) rather than treated as pass.
 */
export async function secCheck(c: Cloud, openid: string, text: string, scene: 1 | 2 | 3 | 4): Promise<SecVerdict> {
  const chars = [...text.trim()];
  if (chars.length === 0) return 'pass';
  let verdict: SecVerdict = 'pass';
  for (let i = 0; i < chars.length; i += MSG_SEC_MAX) {
    const content = chars.slice(i, i + MSG_SEC_MAX).join('');
    const res = await c.openapi<{ result?: { suggest?: string } }>('security.msgSecCheck', { content, version: 2, scene, openid });
    const suggest = res.result?.suggest;
    if (suggest === 'risky') return 'risky';
    if (suggest === 'review') verdict = 'review';
    else if (suggest !== 'pass') throw new Error(`msgSecCheck answered an unknown suggest ${String(suggest)}`);
  }
  return verdict;
}

function lastReturnComment(rev: StoryRevision): string | null {
  if (rev.state !== 'returned') return null;
  for (let i = rev.history.length - 1; i >= 0; i--) {
    const h = rev.history[i];
    if (h && h.action === 'return') return h.comment;
  }
  return null;
}

function toDraftCard(rev: StoryRevision, units: ReadonlyMap<Id, Pick<Unit, '_id' | 'name' | 'shortName' | 'level'>>): DraftCard {
  const unit = units.get(rev.unitId);
  return {
    storyId: rev._id,
    title: rev.title,
    state: rev.state,
    revision: rev.revision,
    published: rev.revision > 1,
    unit: unit ? toUnitRef(unit) : null,
    secCheck: rev.secCheck,
    updatedAt: rev.updatedAt,
    submittedAt: rev.submittedAt,
  };
}

export function authoringActions(deps: AuthoringDeps): ActionTable<'authoring'> {
  const caller = (c: Cloud) => loadCaller(c, deps.adminOpenids());

  async function cards(c: Cloud, revs: readonly StoryRevision[]): Promise<DraftCard[]> {
    const units = await byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, revs.map((r) => r.unitId));
    return revs.map((r) => toDraftCard(r, units));
  }

  /** The working revision and the published story, with the caller's right to act on them. */
  async function loadRevision(c: Cloud, who: Caller | null, storyId: Id, action: StoryAction): Promise<{ rev: StoryRevision; story: Story | null } | Failure> {
    if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
    const [rev, story] = await Promise.all([c.collection('story_revisions').doc(storyId).get(), c.collection('stories').doc(storyId).get()]);
    if (!rev) return fail('NOT_FOUND', `story ${storyId} has no working revision`);
    const role = action === 'approve' || action === 'return' ? 'reviewer' : 'editor';
    const denied = denyUnless(who, role, rev.unitPath) ?? (story ? denyUnless(who, role, story.unitPath) : null);
    if (denied) return denied;
    return { rev, story };
  }

  /** A state change of a working revision in a transaction that re-checks the version it read. */
  async function transition(
    c: Cloud,
    storyId: Id,
    version: number,
    action: 'submit' | 'withdraw' | 'return',
    patch: (rev: StoryRevision) => Partial<StoryRevision>,
  ): Promise<StoryRevision | Failure> {
    return c.transaction(async (tx) => {
      const rev = await tx.collection('story_revisions').get(storyId);
      if (!rev) return fail('NOT_FOUND', `story ${storyId} has no working revision`);
      if (rev.version !== version) return fail('CONFLICT', `the revision changed (version ${rev.version}, you had ${version})`);
      const t = storyTransition(rev.state, action);
      if (!t.ok) return fail('FAILED_PRECONDITION', t.reason);
      const next: StoryRevision = { ...rev, ...patch(rev), version: rev.version + 1 };
      const { _id, ...doc } = next;
      await tx.collection('story_revisions').set(_id, doc);
      return next;
    });
  }

  async function exemplarView(c: Cloud, ex: Exemplar): Promise<ExemplarEditView> {
    const [honors, placements] = await Promise.all([
      c.collection('honors').where({ exemplarId: ex._id }).orderBy('date', 'desc').limit(200).get(),
      c.collection('placements').where({ exemplarId: ex._id }).orderBy('date', 'desc').limit(200).get(),
    ]);
    const urls = ex.photo ? await c.tempUrls([ex.photo]) : new Map<string, string>();
    return {
      _id: ex._id,
      kind: ex.kind,
      tier: ex.tier,
      name: ex.name,
      title: ex.title,
      unitId: ex.unitId,
      category: ex.category,
      photo: ex.photo,
      photoUrl: ex.photo ? (urls.get(ex.photo) ?? null) : null,
      summary: ex.summary,
      biography: ex.biography,
      state: ex.state,
      consent: ex.consent ? { method: ex.consent.method, recordedAt: ex.consent.recordedAt } : null,
      honorCount: ex.honorCount,
      honors: honors.map((h) => ({ _id: h._id, title: h.title, level: h.level, date: h.date, awardedBy: h.awardedBy })),
      placements: placements.map((p) => ({ _id: p._id, outlet: p.outlet, title: p.title, date: p.date, link: p.link })),
      updatedAt: ex.updatedAt,
    };
  }

  /** The exemplar and the caller's editor right over it. */
  async function editableExemplar(c: Cloud, who: Caller | null, id: Id): Promise<Exemplar | Failure> {
    if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
    const ex = await c.collection('exemplars').doc(id).get();
    if (!ex) return fail('NOT_FOUND', `exemplar ${id} not found`);
    return denyUnless(who, 'editor', ex.unitPath) ?? ex;
  }

  const isFailure = (v: unknown): v is Failure => typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

  return {
    // ---------------------------------------------------------------- stories

    async draft(req) {
      const c = deps.cloud();
      const who = await caller(c);
      if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const [rev, story] = await Promise.all([c.collection('story_revisions').doc(req.storyId).get(), c.collection('stories').doc(req.storyId).get()]);
      if (!rev && !story) return fail('NOT_FOUND', `story ${req.storyId} not found`);
      const unitPath = rev?.unitPath ?? (story as Story).unitPath;
      const denied = denyUnless(who, ['editor', 'reviewer'], unitPath);
      if (denied) return denied;
      const cover = rev ? rev.cover : (story as Story).cover;
      const urls = cover ? await c.tempUrls([cover]) : new Map<string, string>();
      const coverUrl = cover ? (urls.get(cover) ?? null) : null;
      const publishedRevision = story && story.state === 'published' ? story.revision : null;
      if (rev) {
        const view: DraftView = {
          storyId: rev._id,
          revision: rev.revision,
          version: rev.version,
          state: rev.state,
          title: rev.title,
          summary: rev.summary,
          cover: rev.cover,
          coverUrl,
          campaignId: rev.campaignId,
          exemplarIds: rev.exemplarIds,
          unitId: rev.unitId,
          author: rev.author,
          markdown: rev.markdown,
          comment: lastReturnComment(rev),
          publishedRevision,
          secCheck: rev.secCheck,
          updatedAt: rev.updatedAt,
        };
        return ok(view);
      }
      const s = story as Story;
      // No edit in progress: the next revision starts from what readers see now.
      return ok({
        storyId: s._id,
        revision: s.revision + 1,
        version: 0,
        state: 'draft',
        title: s.title,
        summary: s.summary,
        cover: s.cover,
        coverUrl,
        campaignId: s.campaignId,
        exemplarIds: s.exemplarIds,
        unitId: s.unitId,
        author: s.author,
        markdown: blocksToMarkdown(s.blocks),
        comment: null,
        publishedRevision,
        secCheck: null,
        updatedAt: s.updatedAt,
      });
    },

    async saveDraft(req) {
      const c = deps.cloud();
      const who = await caller(c);
      if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const [unit, story] = await Promise.all([c.collection('units').doc(req.unitId).get(), c.collection('stories').doc(req.storyId).get()]);
      if (!unit) return fail('INVALID_ARGUMENT', `unit ${req.unitId} does not exist`, [{ path: 'unitId', message: '单位不存在' }]);
      const denied = denyUnless(who, 'editor', unit.path) ?? (story ? denyUnless(who, 'editor', story.unitPath) : null);
      if (denied) return denied;
      const [campaign, exemplars] = await Promise.all([
        req.campaignId ? c.collection('campaigns').doc(req.campaignId).select(['_id']).get() : Promise.resolve(null),
        byIds(() => c.collection('exemplars').select(['_id']), c.command, req.exemplarIds),
      ]);
      if (req.campaignId && !campaign) return fail('INVALID_ARGUMENT', `campaign ${req.campaignId} does not exist`, [{ path: 'campaignId', message: '专题不存在' }]);
      const missing = req.exemplarIds.filter((id) => !exemplars.has(id));
      if (missing.length > 0) return fail('INVALID_ARGUMENT', `exemplars ${missing.join(', ')} do not exist`, [{ path: 'exemplarIds', message: '典型不存在' }]);
      const compiled = compileMarkdown(req.markdown);
      const now = deps.now();
      const result = await c.transaction(async (tx): Promise<StoryRevision | Failure> => {
        const revs = tx.collection('story_revisions');
        const rev = await revs.get(req.storyId);
        if (rev) {
          if (rev.version !== req.baseVersion) return fail('CONFLICT', `the draft is at version ${rev.version}, not ${req.baseVersion}`);
          const t = storyTransition(rev.state, 'save');
          if (!t.ok) return fail('FAILED_PRECONDITION', t.reason);
          // Only the unit the caller may write in: re-checked against the stored one as well.
          if (denyUnless(who, 'editor', rev.unitPath)) return fail('PERMISSION_DENIED', 'the draft belongs to a unit outside your subtree');
        } else if (req.baseVersion !== 0) {
          // The server has no draft at that version: it was approved or discarded meanwhile.
          return fail('CONFLICT', `the draft no longer exists on the server (you had version ${req.baseVersion})`);
        }
        const next: Omit<StoryRevision, '_id'> = {
          revision: rev ? rev.revision : (story?.revision ?? 0) + 1,
          version: (rev?.version ?? 0) + 1,
          title: req.title,
          summary: req.summary,
          cover: req.cover,
          campaignId: req.campaignId,
          exemplarIds: [...new Set(req.exemplarIds)],
          unitId: unit._id,
          unitPath: unit.path,
          author: req.author,
          authorOpenid: rev?.authorOpenid ?? who.openid,
          markdown: req.markdown,
          blocks: compiled.blocks,
          state: rev ? (storyTransition(rev.state, 'save') as { ok: true; next: StoryRevision['state'] }).next : 'draft',
          secCheck: null,
          history: rev?.history ?? [],
          submittedAt: rev?.submittedAt ?? null,
          createdAt: rev?.createdAt ?? now,
          updatedAt: now,
        };
        await revs.set(req.storyId, next);
        return { _id: req.storyId, ...next };
      });
      if (isFailure(result)) return result;
      if (result.version === 1) {
        await audit(c, { actor: who.openid, action: 'story.draft.create', subject: { kind: 'story', id: req.storyId }, before: story ? { revision: story.revision } : null, after: { revision: result.revision, title: result.title, unitId: result.unitId }, at: now });
      }
      return ok({ version: result.version, updatedAt: result.updatedAt, issues: compiled.issues });
    },

    async preview(req) {
      const c = deps.cloud();
      const who = await caller(c);
      if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      if (!who.held.some((h) => h.role === 'editor' || h.role === 'reviewer')) return fail('PERMISSION_DENIED', 'preview is for editors and reviewers');
      const compiled = compileMarkdown(req.markdown);
      const urls = await c.tempUrls(blockFileIds(compiled.blocks));
      return ok({ blocks: renderBlocks(compiled.blocks, urls), issues: compiled.issues });
    },

    async submit(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const loaded = await loadRevision(c, who, req.storyId, 'submit');
      if (isFailure(loaded)) return loaded;
      const { rev } = loaded;
      const me = who as Caller;
      if (rev.version !== req.version) return fail('CONFLICT', `the draft is at version ${rev.version}, not ${req.version}`);
      const t = storyTransition(rev.state, 'submit');
      if (!t.ok) return fail('FAILED_PRECONDITION', t.reason);
      const missing: { path: string; message: string }[] = [];
      if (rev.title.length === 0) missing.push({ path: 'title', message: '请填写标题' });
      if (rev.blocks.length === 0) missing.push({ path: 'markdown', message: '正文为空' });
      if (missing.length > 0) return fail('FAILED_PRECONDITION', 'the draft is not complete', missing);
      const verdict = await secCheck(c, me.openid, [rev.title, rev.summary, rev.author, blocksText(rev.blocks)].join('\n'), 3);
      if (verdict === 'risky') return fail('CONTENT_REJECTED', 'the story text did not pass the content security check');
      const now = deps.now();
      const next = await transition(c, req.storyId, req.version, 'submit', (r) => ({
        state: 'in_review',
        // 'review' holds it for a closer human look: the reviewer sees the flag in the queue.
        secCheck: verdict,
        submittedAt: now,
        updatedAt: now,
        history: [...r.history, { action: 'submit', by: me.openid, at: now, comment: '' }],
      }));
      if (isFailure(next)) return next;
      await audit(c, { actor: me.openid, action: 'story.submit', subject: { kind: 'story', id: req.storyId }, before: { state: rev.state, version: rev.version }, after: { state: next.state, version: next.version, secCheck: verdict }, at: now });
      return ok((await cards(c, [next]))[0] as DraftCard);
    },

    async withdraw(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const loaded = await loadRevision(c, who, req.storyId, 'withdraw');
      if (isFailure(loaded)) return loaded;
      const me = who as Caller;
      const now = deps.now();
      const next = await transition(c, req.storyId, req.version, 'withdraw', (r) => ({
        state: 'draft',
        secCheck: null,
        updatedAt: now,
        history: [...r.history, { action: 'withdraw', by: me.openid, at: now, comment: '' }],
      }));
      if (isFailure(next)) return next;
      await audit(c, { actor: me.openid, action: 'story.withdraw', subject: { kind: 'story', id: req.storyId }, before: { state: loaded.rev.state }, after: { state: next.state }, at: now });
      return ok((await cards(c, [next]))[0] as DraftCard);
    },

    async review(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const loaded = await loadRevision(c, who, req.storyId, req.decision);
      if (isFailure(loaded)) return loaded;
      const me = who as Caller;
      const now = deps.now();
      if (req.decision === 'return') {
        const next = await transition(c, req.storyId, req.version, 'return', (r) => ({
          state: 'returned',
          updatedAt: now,
          history: [...r.history, { action: 'return', by: me.openid, at: now, comment: req.comment }],
        }));
        if (isFailure(next)) return next;
        await audit(c, { actor: me.openid, action: 'story.return', subject: { kind: 'story', id: req.storyId }, before: { state: 'in_review' }, after: { state: 'returned', comment: req.comment }, at: now });
        return ok({ storyId: req.storyId, decision: 'return', revision: next.revision, published: loaded.story?.state === 'published' });
      }
      const code = storyCodeFrom(deps.hashHex(`story-code:${req.storyId}`));
      // One transaction: the story swaps to the new revision, the counts move and the working
      // copy disappears together, so readers never see a half-approved story.
      const result = await c.transaction(async (tx): Promise<{ before: Story | null; after: Omit<Story, '_id'> } | Failure> => {
        const rev = await tx.collection('story_revisions').get(req.storyId);
        if (!rev) return fail('NOT_FOUND', `story ${req.storyId} has no working revision`);
        if (rev.version !== req.version) return fail('CONFLICT', `the revision changed (version ${rev.version}, you had ${req.version})`);
        const t = storyTransition(rev.state, 'approve');
        if (!t.ok) return fail('FAILED_PRECONDITION', t.reason);
        const before = await tx.collection('stories').get(req.storyId);
        const after = approvedStory(before, rev, code, now);
        const deltas = countDeltas(before, after);
        for (const [id, by] of deltas.campaigns) {
          if (await tx.collection('campaigns').get(id)) await tx.collection('campaigns').update(id, { storyCount: c.command.inc(by) });
        }
        for (const [id, by] of deltas.exemplars) {
          if (await tx.collection('exemplars').get(id)) await tx.collection('exemplars').update(id, { storyCount: c.command.inc(by) });
        }
        await tx.collection('stories').set(req.storyId, after);
        await tx.collection('story_revisions').remove(req.storyId);
        return { before, after };
      });
      if (isFailure(result)) return result;
      await audit(c, {
        actor: me.openid,
        action: 'story.approve',
        subject: { kind: 'story', id: req.storyId },
        before: result.before ? { revision: result.before.revision, title: result.before.title } : null,
        after: { revision: result.after.revision, title: result.after.title, comment: req.comment },
        at: now,
      });
      return ok({ storyId: req.storyId, decision: 'approve', revision: result.after.revision, published: true });
    },

    async myDrafts() {
      const c = deps.cloud();
      const who = await caller(c);
      if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const revs = await c.collection('story_revisions').where({ authorOpenid: who.openid }).orderBy('updatedAt', 'desc').limit(LIST_LIMIT).get();
      return ok({ items: await cards(c, revs) });
    },

    async reviewQueue() {
      const c = deps.cloud();
      const who = await caller(c);
      if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const units = [...new Set(who.held.filter((h) => h.role === 'reviewer').map((h) => h.unitId))];
      if (units.length === 0) return fail('PERMISSION_DENIED', 'the review queue is for reviewers');
      const lists = await Promise.all(
        units.map((u) => c.collection('story_revisions').where({ unitPath: u, state: 'in_review' }).orderBy('submittedAt', 'asc').limit(LIST_LIMIT).get()),
      );
      const seen = new Map<Id, StoryRevision>();
      for (const list of lists) for (const r of list) seen.set(r._id, r);
      const revs = [...seen.values()].sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0) || a._id.localeCompare(b._id)).slice(0, LIST_LIMIT);
      return ok({ items: await cards(c, revs) });
    },

    // ---------------------------------------------------------------- exemplars

    async exemplar(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.id);
      if (isFailure(ex)) return ex;
      return ok(await exemplarView(c, ex));
    },

    async saveExemplar(req) {
      const c = deps.cloud();
      const who = await caller(c);
      if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const [unit, existing] = await Promise.all([c.collection('units').doc(req.unitId).get(), c.collection('exemplars').doc(req.id).get()]);
      if (!unit) return fail('INVALID_ARGUMENT', `unit ${req.unitId} does not exist`, [{ path: 'unitId', message: '单位不存在' }]);
      const denied = denyUnless(who, 'editor', unit.path) ?? (existing ? denyUnless(who, 'editor', existing.unitPath) : null);
      if (denied) return denied;
      if (existing && existing.state === 'published' && req.kind === 'individual' && !existing.consent) {
        return fail('FAILED_PRECONDITION', 'a published individual needs a consent record');
      }
      const verdict = await secCheck(c, who.openid, [req.name, req.title, req.summary, req.biography].join('\n'), 1);
      if (verdict === 'risky') return fail('CONTENT_REJECTED', 'the profile text did not pass the content security check');
      // A profile is public as soon as it is saved: text a human must look at is not stored.
      if (verdict === 'review') return fail('CONTENT_HELD', 'the profile text needs a human check before it can be saved');
      const now = deps.now();
      const fields = {
        kind: req.kind,
        name: req.name,
        unitId: unit._id,
        unitPath: unit.path,
        category: req.category,
        title: req.title,
        summary: req.summary,
        photo: req.photo,
        biography: req.biography,
        updatedAt: now,
      };
      if (existing) {
        await c.collection('exemplars').doc(req.id).update(fields);
      } else {
        const doc: Exemplar = {
          _id: req.id,
          ...fields,
          tier: 'reserve',
          consent: null,
          state: 'draft',
          honorCount: 0,
          storyCount: 0,
          saluteCount: 0,
          enteredTierAt: now,
          nextReviewAt: now + 365 * 86_400_000,
          createdAt: now,
          rank: 0,
        };
        // A retried create (same client-chosen id) must not make two, nor fail.
        if ((await c.collection('exemplars').addOnce(doc)) === 'duplicate') await c.collection('exemplars').doc(req.id).update(fields);
      }
      const after = (await c.collection('exemplars').doc(req.id).get()) as Exemplar;
      const pick = (e: Exemplar | null) => (e ? { name: e.name, kind: e.kind, unitId: e.unitId, title: e.title, summary: e.summary, photo: e.photo, category: e.category } : null);
      await audit(c, { actor: who.openid, action: existing ? 'exemplar.update' : 'exemplar.create', subject: { kind: 'exemplar', id: req.id }, before: pick(existing), after: pick(after), at: now });
      return ok(await exemplarView(c, after));
    },

    async setExemplarState(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.id);
      if (isFailure(ex)) return ex;
      if (req.state === 'published' && ex.kind === 'individual' && !ex.consent) {
        return fail('FAILED_PRECONDITION', 'an individual can be published only with their consent record (PIPL art. 25)');
      }
      const now = deps.now();
      await c.collection('exemplars').doc(ex._id).update({ state: req.state, updatedAt: now });
      await audit(c, { actor: (who as Caller).openid, action: 'exemplar.state', subject: { kind: 'exemplar', id: ex._id }, before: { state: ex.state }, after: { state: req.state }, at: now });
      return ok(await exemplarView(c, { ...ex, state: req.state, updatedAt: now }));
    },

    async saveHonor(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.exemplarId);
      if (isFailure(ex)) return ex;
      const me = who as Caller;
      const verdict = await secCheck(c, me.openid, `${req.honor.title}\n${req.honor.awardedBy}`, 1);
      if (verdict === 'risky') return fail('CONTENT_REJECTED', 'the honor text did not pass the content security check');
      if (verdict === 'review') return fail('CONTENT_HELD', 'the honor text needs a human check before it can be saved');
      const now = deps.now();
      const { _id, ...honor } = req.honor;
      const result = await c.transaction(async (tx): Promise<{ before: unknown } | Failure> => {
        const before = await tx.collection('honors').get(_id);
        if (before && before.exemplarId !== ex._id) return fail('CONFLICT', `honor id ${_id} belongs to another exemplar`);
        await tx.collection('honors').set(_id, { exemplarId: ex._id, ...honor });
        // honorCount moves with the honors in the same transaction, so it never drifts.
        if (!before) await tx.collection('exemplars').update(ex._id, { honorCount: c.command.inc(1), updatedAt: now });
        else await tx.collection('exemplars').update(ex._id, { updatedAt: now });
        return { before };
      });
      if (isFailure(result)) return result;
      await audit(c, { actor: me.openid, action: result.before ? 'honor.update' : 'honor.create', subject: { kind: 'exemplar', id: ex._id }, before: result.before, after: req.honor, at: now });
      return ok(await exemplarView(c, (await c.collection('exemplars').doc(ex._id).get()) as Exemplar));
    },

    async removeHonor(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.exemplarId);
      if (isFailure(ex)) return ex;
      const now = deps.now();
      const result = await c.transaction(async (tx): Promise<{ before: unknown } | Failure> => {
        const before = await tx.collection('honors').get(req.honorId);
        if (!before || before.exemplarId !== ex._id) return fail('NOT_FOUND', `exemplar ${ex._id} has no honor ${req.honorId}`);
        await tx.collection('honors').remove(req.honorId);
        await tx.collection('exemplars').update(ex._id, { honorCount: c.command.inc(-1), updatedAt: now });
        return { before };
      });
      if (isFailure(result)) return result;
      await audit(c, { actor: (who as Caller).openid, action: 'honor.remove', subject: { kind: 'exemplar', id: ex._id }, before: result.before, after: null, at: now });
      return ok(await exemplarView(c, (await c.collection('exemplars').doc(ex._id).get()) as Exemplar));
    },

    async savePlacement(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.exemplarId);
      if (isFailure(ex)) return ex;
      const me = who as Caller;
      const verdict = await secCheck(c, me.openid, `${req.placement.outlet}\n${req.placement.title}`, 1);
      if (verdict === 'risky') return fail('CONTENT_REJECTED', 'the placement text did not pass the content security check');
      if (verdict === 'review') return fail('CONTENT_HELD', 'the placement text needs a human check before it can be saved');
      const { _id, ...placement } = req.placement;
      const before = await c.collection('placements').doc(_id).get();
      if (before && before.exemplarId !== ex._id) return fail('CONFLICT', `placement id ${_id} belongs to another exemplar`);
      await c.collection('placements').doc(_id).set({ ...placement, exemplarId: ex._id, storyId: null });
      const now = deps.now();
      await audit(c, { actor: me.openid, action: before ? 'placement.update' : 'placement.create', subject: { kind: 'exemplar', id: ex._id }, before, after: req.placement, at: now });
      return ok(await exemplarView(c, ex));
    },

    async removePlacement(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.exemplarId);
      if (isFailure(ex)) return ex;
      const before = await c.collection('placements').doc(req.placementId).get();
      if (!before || before.exemplarId !== ex._id) return fail('NOT_FOUND', `exemplar ${ex._id} has no placement ${req.placementId}`);
      await c.collection('placements').doc(req.placementId).remove();
      await audit(c, { actor: (who as Caller).openid, action: 'placement.remove', subject: { kind: 'exemplar', id: ex._id }, before, after: null, at: deps.now() });
      return ok(await exemplarView(c, ex));
    },

    // ---------------------------------------------------------------- consent (PIPL art. 25)

    async requestConsent(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.exemplarId);
      if (isFailure(ex)) return ex;
      if (ex.kind !== 'individual') return fail('FAILED_PRECONDITION', 'only an individual gives personal consent');
      const now = deps.now();
      const code = deps.randomCode();
      const expiresAt = now + CONSENT_TTL_MS;
      await c.collection('consent_requests').add({ _id: code, exemplarId: ex._id, createdBy: (who as Caller).openid, createdAt: now, expiresAt, confirmedBy: null, confirmedAt: null });
      await audit(c, { actor: (who as Caller).openid, action: 'consent.request', subject: { kind: 'exemplar', id: ex._id }, before: null, after: { expiresAt }, at: now });
      return ok({ code, path: `${CONSENT_PAGE}?code=${code}`, expiresAt });
    },

    async consentInfo(req) {
      const c = deps.cloud();
      const { openid } = c.identity();
      if (!openid) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const request = await c.collection('consent_requests').doc(req.code).get();
      if (!request) return fail('NOT_FOUND', 'no consent request has that code');
      const ex = await c.collection('exemplars').doc(request.exemplarId).get();
      if (!ex) return fail('NOT_FOUND', 'the exemplar of this consent request no longer exists');
      const unit = await c.collection('units').doc(ex.unitId).select(['name']).get();
      const info: ConsentInfo = { name: ex.name, kind: ex.kind, unitName: unit?.name ?? '', summary: ex.summary, expiresAt: request.expiresAt, confirmed: request.confirmedBy !== null };
      return ok(info);
    },

    async confirmConsent(req) {
      const c = deps.cloud();
      const { openid } = c.identity();
      if (!openid) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      const now = deps.now();
      const result = await c.transaction(async (tx): Promise<{ exemplarId: Id } | Failure> => {
        const request = await tx.collection('consent_requests').get(req.code);
        if (!request) return fail('NOT_FOUND', 'no consent request has that code');
        // The editor who asked cannot answer for the person: consent is the person's own act.
        if (request.createdBy === openid) return fail('PERMISSION_DENIED', 'the person must confirm with their own WeChat, not the editor who asked');
        if (request.confirmedBy !== null) {
          if (request.confirmedBy === openid) return { exemplarId: request.exemplarId };
          return fail('CONFLICT', 'this consent link was already used by someone else');
        }
        if (request.expiresAt <= now) return fail('FAILED_PRECONDITION', 'this consent link has expired');
        const ex = await tx.collection('exemplars').get(request.exemplarId);
        if (!ex) return fail('NOT_FOUND', 'the exemplar of this consent request no longer exists');
        await tx.collection('consent_requests').update(req.code, { confirmedBy: openid, confirmedAt: now });
        await tx.collection('exemplars').update(ex._id, { consent: { method: 'in_app', evidence: openid, recordedAt: now, recordedBy: openid }, updatedAt: now });
        return { exemplarId: ex._id };
      });
      if (isFailure(result)) return result;
      await audit(c, { actor: openid, action: 'consent.confirm', subject: { kind: 'exemplar', id: result.exemplarId }, before: null, after: { method: 'in_app' }, at: now });
      return ok({ confirmed: true as const });
    },

    async recordSignedConsent(req) {
      const c = deps.cloud();
      const who = await caller(c);
      const ex = await editableExemplar(c, who, req.exemplarId);
      if (isFailure(ex)) return ex;
      if (ex.kind !== 'individual') return fail('FAILED_PRECONDITION', 'only an individual gives personal consent');
      const me = who as Caller;
      const now = deps.now();
      const consent = { method: 'signed_form' as const, evidence: req.file, recordedAt: now, recordedBy: me.openid };
      await c.collection('exemplars').doc(ex._id).update({ consent, updatedAt: now });
      await audit(c, { actor: me.openid, action: 'consent.signed_form', subject: { kind: 'exemplar', id: ex._id }, before: ex.consent, after: consent, at: now });
      return ok(await exemplarView(c, { ...ex, consent, updatedAt: now }));
    },

    // ---------------------------------------------------------------- uploads

    async uploadImage(req) {
      const c = deps.cloud();
      const who = await caller(c);
      if (!who) return fail('UNAUTHENTICATED', 'the call carries no WeChat identity');
      if (!who.held.some((h) => h.role === 'editor')) return fail('PERMISSION_DENIED', 'uploads are for editors');
      const bytes = Buffer.from(req.base64, 'base64');
      if (bytes.length > MAX_IMAGE_BYTES) return fail('INVALID_ARGUMENT', `image is ${bytes.length} bytes, at most ${MAX_IMAGE_BYTES}`, [{ path: 'base64', message: '图片太大，请压缩到 1 MB 以内' }]);
      const info = imageInfo(bytes);
      if (!info) return fail('INVALID_ARGUMENT', 'not a PNG or JPEG image', [{ path: 'base64', message: '只支持 PNG 或 JPEG 图片' }]);
      if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE) return fail('INVALID_ARGUMENT', 'image side too large', [{ path: 'base64', message: '图片尺寸过大' }]);
      // Content-addressed under the uploader: a retried upload lands on the same file.
      const digest = deps.hashHex(req.base64).slice(0, 32);
      const folder = deps.hashHex(`uploader:${who.openid}`).slice(0, 16);
      const fileId = await c.uploadFile(`authoring/${req.purpose}/${folder}/${digest}.${info.format === 'png' ? 'png' : 'jpg'}`, bytes);
      await audit(c, { actor: who.openid, action: 'upload.image', subject: { kind: 'file', id: digest }, before: null, after: { fileId, purpose: req.purpose, bytes: bytes.length }, at: deps.now() });
      return ok({ fileId, width: info.width, height: info.height });
    },
  };
}
