/**
 * `publish-event`'s work: the official account's message push (HTTP access service). It checks
 * the signature, answers the URL handshake, and applies PUBLISHJOBFINISH to the job with that
 * publish_id — idempotently: a second delivery of the same event changes nothing. WeChat waits
 * 5 s and retries, so the answer is quick and "success" once the push is taken.
 *
 * A signature is good once (push.ts): the push's receipt is recorded with whatever it applies,
 * in the same transaction. A push whose processing failed (answered 500, nothing recorded) is
 * processed when WeChat delivers it again; a push already taken is not applied again. Such a
 * replay is answered 200 "success" and logged as a warning: when it is WeChat re-delivering a
 * push whose first answer was lost, "success" is what stops its retries (the push was applied
 * once); when it is someone replaying a captured signature with another body, nothing is applied
 * and the answer tells them nothing. An error status would only make WeChat retry a push that
 * is already done and show a failure in the account's console.
 *
 * An article URL is accepted only on the account's article hosts (OA_ARTICLE_HOSTS, by default
 * https://mp.weixin.qq.com): a push naming another is ignored and logged, and the job waits for
 * the timer's poll, which reads the URL from WeChat's API.
 */
import { randomBytes } from 'node:crypto';
import { publishJobId } from '../../domain/publish-job';
import { productionDeps, type Deps } from '../../lib/context';
import { articleHosts, officialAccount } from './env';
import { applyOutcome, pushSeen, recordPush } from './outcome';
import {
  articleUrlAllowed,
  ENCRYPTED_REFUSAL,
  isEncryptedPush,
  parsePublishJobFinish,
  pushReceipt,
  reply,
  storyOfContent,
  verifyPush,
  type HttpEvent,
  type HttpReply,
} from './push';

const FN = 'publish-event';
const NOTE = '收到公众号发布结果通知';

async function jobIdFor(deps: Deps, publishId: string, articleId: string | null): Promise<string | null> {
  const c = deps.cloud();
  const [job] = await c.collection('publish_jobs').select(['publishId']).where({ publishId }).limit(1).get();
  if (job) return job._id;
  // A submit whose answer was lost has no publish_id recorded: the article names its story.
  const oa = officialAccount(deps);
  if (!articleId || !oa) return null;
  const article = await oa.getArticle(articleId);
  for (const item of article.news_item) {
    const story = storyOfContent(item.content);
    if (story) return publishJobId(story.storyId, story.revision);
  }
  return null;
}

export async function receivePush(event: HttpEvent, context?: { request_id?: string }, deps: Deps = productionDeps): Promise<HttpReply> {
  const requestId = context?.request_id ?? randomBytes(8).toString('hex');
  const log = (level: 'warn' | 'error', message: string, extra: Record<string, unknown> = {}): void => {
    try {
      deps.log({ level, fn: FN, requestId, message, ...extra });
    } catch {
      // A broken logger must not turn into a failed push.
    }
  };
  const success = reply(200, 'success');
  const replayed = (q: Record<string, string>): HttpReply => {
    log('warn', 'push refused: this signature (timestamp, nonce) was already used; nothing applied', { timestamp: q.timestamp, nonce: q.nonce });
    return success;
  };
  try {
    const token = deps.env('OA_EVENT_TOKEN');
    if (!token) return reply(503, 'message push token (OA_EVENT_TOKEN) is not configured');
    const q = event.queryStringParameters ?? {};
    const now = deps.now();
    if (!verifyPush(token, q, now)) return reply(401, 'bad signature');
    const receipt = pushReceipt({ timestamp: q.timestamp as string, nonce: q.nonce as string }, now, deps.hashHex);
    const c = deps.cloud();
    if ((event.httpMethod ?? 'POST').toUpperCase() === 'GET') {
      // The handshake's signature is spent too, so it cannot carry a forged push afterwards.
      await recordPush(c, receipt);
      return reply(200, q.echostr ?? '');
    }
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    const finish = parsePublishJobFinish(body);
    if (!finish && isEncryptedPush(q, body)) {
      // 安全模式 (AES) pushes are not decrypted here: the account must use 明文模式 (README). Said
      // loudly, and not "success", so the misconfiguration shows in the logs and WeChat's console.
      log('error', ENCRYPTED_REFUSAL);
      await recordPush(c, receipt);
      return reply(400, ENCRYPTED_REFUSAL);
    }
    // Checked before anything is looked up, so a replay costs no official-account call.
    if (await pushSeen(c, receipt)) return replayed(q);
    if (!finish) return (await recordPush(c, receipt)) ? success : replayed(q);
    if (finish.status === 0 && finish.articleUrl && !articleUrlAllowed(finish.articleUrl, articleHosts(deps))) {
      log('warn', "article URL is not on the account's article hosts (OA_ARTICLE_HOSTS): the push is ignored, the timer's poll reads the real URL", {
        publishId: finish.publishId,
        articleUrl: finish.articleUrl,
      });
      return (await recordPush(c, receipt)) ? success : replayed(q);
    }
    const id = await jobIdFor(deps, finish.publishId, finish.articleId);
    if (!id) {
      log('warn', `no job for publish_id ${finish.publishId}`);
      return (await recordPush(c, receipt)) ? success : replayed(q);
    }
    // The push's article_id is not recorded: a push's body is not signed, and the id is what a
    // later freepublish/delete names. The delete reads it from WeChat's API instead.
    const applied = await applyOutcome(c, id, finish.status, finish.articleUrl, deps.now(), NOTE, receipt);
    return applied.replayed ? replayed(q) : success;
  } catch (e) {
    // Not "success": WeChat retries the push (its receipt was not recorded), and the timer's poll is the last resort.
    log('error', e instanceof Error ? e.message : String(e));
    return reply(500, 'retry later');
  }
}
