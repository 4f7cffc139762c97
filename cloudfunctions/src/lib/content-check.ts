/**
 * Content security, the one mechanism for text and images.
 *
 * Text: security.msgSecCheck v2 over the whole text in pieces of at most 2500 characters (its
 * limit); the worst verdict wins. Fail closed: when WeChat cannot answer, the action is refused
 * as UNAVAILABLE (try again), never treated as a pass.
 *
 * Images: security.mediaCheckAsync; the verdict arrives later as the `wxa_media_check` event
 * (lib/files.ts keeps the per-file state, the media-check function applies the event).
 */
import type { ActionContext, Deps } from './context';
import { isFailure, refuse, type Failure } from './handler';

export type TextVerdict = 'pass' | 'review' | 'risky';

/** msgSecCheck scenes: 1 资料 (profiles), 2 评论 (comments, objections), 3 论坛 (stories), 4 社交日志. */
export type SecScene = 1 | 2 | 3 | 4;

/** msgSecCheck's limit per call, in characters. */
export const MSG_SEC_MAX = 2500;

export function unavailable(): Failure<'content_check_unavailable'> {
  return refuse('UNAVAILABLE', 'content_check_unavailable', 'the content security check is unavailable; try again');
}

/** The verdict on `text`, or UNAVAILABLE when WeChat could not give one. */
export async function checkText(ctx: Pick<Deps, 'cloud' | 'log'>, openid: string, text: string, scene: SecScene): Promise<TextVerdict | Failure<'content_check_unavailable'>> {
  const chars = [...text.trim()];
  if (chars.length === 0) return 'pass';
  let verdict: TextVerdict = 'pass';
  try {
    for (let i = 0; i < chars.length; i += MSG_SEC_MAX) {
      const content = chars.slice(i, i + MSG_SEC_MAX).join('');
      const res = await ctx.cloud().openapi<{ result?: { suggest?: string } }>('security.msgSecCheck', { content, version: 2, scene, openid });
      const suggest = res.result?.suggest;
      if (suggest === 'risky') return 'risky';
      if (suggest === 'review') verdict = 'review';
      else if (suggest !== 'pass') throw new Error(`msgSecCheck answered an unknown suggest ${String(suggest)}`);
    }
  } catch (e) {
    ctx.log({ level: 'warn', what: 'msgSecCheck failed', message: String((e as Error)?.message ?? e), errCode: (e as { errCode?: unknown })?.errCode ?? null });
    return unavailable();
  }
  return verdict;
}

/**
 * `text` checked for something shown at once (a profile, an honor): risky is refused, and so is
 * review, because nothing would hold it from readers while a human looks.
 */
export async function requireCleanText(ctx: ActionContext, openid: string, text: string, scene: SecScene, what: string): Promise<Failure<'content_risky' | 'content_held' | 'content_check_unavailable'> | null> {
  const verdict = await checkText(ctx, openid, text, scene);
  if (isFailure(verdict)) return verdict;
  if (verdict === 'risky') return refuse('CONTENT_REJECTED', 'content_risky', `the ${what} did not pass the content security check`);
  if (verdict === 'review') return refuse('CONTENT_HELD', 'content_held', `the ${what} needs a human check before it can be saved`);
  return null;
}

/**
 * `text` checked for something a person reviews before anyone else sees it (a story, a
 * nomination, an objection): risky is refused, review is answered so the item is flagged.
 */
export async function checkHeldText(ctx: ActionContext, openid: string, text: string, scene: SecScene, what: string): Promise<'pass' | 'review' | Failure<'content_risky' | 'content_check_unavailable'>> {
  const verdict = await checkText(ctx, openid, text, scene);
  if (isFailure(verdict)) return verdict;
  if (verdict === 'risky') return refuse('CONTENT_REJECTED', 'content_risky', `the ${what} did not pass the content security check`);
  return verdict;
}
