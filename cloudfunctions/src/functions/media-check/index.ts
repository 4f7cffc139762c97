/**
 * The `media-check` function: WeChat's image-check verdicts, and the sweep for verdicts that
 * never came.
 *
 * A `wxa_media_check` push is applied to the file whose check request carried its trace id. The
 * push carries a user's OPENID like any call, so it is not told apart by identity: a trace id is
 * only ever known to WeChat and our `files` records (never sent to a client), so a forged push
 * names no file and changes nothing. Any other call is the timer's sweep, through the one timer
 * wrapper (a user's call is refused).
 */
import { isMediaCheckPush, parseMediaCheck } from '../../domain/media-check';
import { productionDeps } from '../../lib/context';
import { applyImageVerdict, sweepImageChecks } from '../../lib/files';
import { timerFunction } from '../../lib/timer';

const sweep = timerFunction('media-check', (ctx) => sweepImageChecks(ctx));

export async function main(event: unknown, context?: { request_id?: string }): Promise<unknown> {
  if (!isMediaCheckPush(event)) return sweep(event, context);
  const result = parseMediaCheck(event);
  const deps = productionDeps;
  try {
    if (!result) {
      deps.log({ level: 'warn', fn: 'media-check', message: 'a wxa_media_check push without a trace id or verdict was ignored' });
      return 'success';
    }
    const applied = await applyImageVerdict(deps, result.traceId, result.verdict);
    deps.log({ level: 'info', fn: 'media-check', traceId: result.traceId, verdict: result.verdict, applied });
    return 'success';
  } catch (e) {
    // Not "success": WeChat pushes again, and the sweep asks again if it never gets through.
    console.error(JSON.stringify({ level: 'error', fn: 'media-check', message: e instanceof Error ? e.message : String(e) }));
    return 'retry later';
  }
}
