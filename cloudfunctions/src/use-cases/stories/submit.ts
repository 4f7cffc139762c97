/**
 * `authoring.submit`: the editor hands a complete draft to review. The text goes through the
 * content check first: risky is refused; `review` is submitted with the flag, so the reviewer
 * looks closely (a person sees it before any reader).
 */
import type { DraftCard } from '@contract';
import { blocksText } from '../../domain/markdown';
import { storyTransition } from '../../domain/story-review';
import { checkHeldText } from '../../lib/content-check';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { cards, loadRevision, transition } from './shared';

export const submit: UseCase<'authoring', 'submit'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const loaded = await loadRevision(c, who, req.storyId, 'submit');
  if (isFailure(loaded)) return loaded;
  const { rev } = loaded;
  if (rev.version !== req.version) return fail('CONFLICT', `the draft is at version ${rev.version}, not ${req.version}`);
  const t = storyTransition(rev.state, 'submit');
  if (!t.ok) return refuse('FAILED_PRECONDITION', 'state_changed', t.reason);
  const missing: { path: string; message: string; reason: 'title_missing' | 'body_empty' }[] = [];
  if (rev.title.length === 0) missing.push({ path: 'title', message: '请填写标题', reason: 'title_missing' });
  if (rev.blocks.length === 0) missing.push({ path: 'markdown', message: '正文为空', reason: 'body_empty' });
  const first = missing[0];
  if (first) return refuse('FAILED_PRECONDITION', first.reason, 'the draft is not complete', missing);
  const verdict = await checkHeldText(ctx, who.openid, [rev.title, rev.summary, rev.author, blocksText(rev.blocks)].join('\n'), 3, 'story text');
  if (isFailure(verdict)) return verdict;
  const now = ctx.now();
  const next = await transition(
    ctx,
    req.storyId,
    req.version,
    'submit',
    (r) => ({
      state: 'in_review',
      // 'review' holds it for a closer human look: the reviewer sees the flag in the queue.
      secCheck: verdict,
      submittedAt: now,
      updatedAt: now,
      history: [...r.history, { action: 'submit', by: who.openid, at: now, comment: '' }],
    }),
    (before, after) => ({ actor: who.openid, action: 'story.submit', subject: { kind: 'story', id: req.storyId }, before: { state: before.state, version: before.version }, after: { state: after.state, version: after.version, secCheck: verdict } }),
  );
  if (isFailure(next)) return next;
  return ok((await cards(c, [next]))[0] as DraftCard);
};
