/**
 * `publish-event`: the message-push URL of the official account (HTTP access service). It
 * verifies the signature, answers the URL handshake, and applies PUBLISHJOBFINISH to the job
 * with that publish_id — idempotently: a second delivery of the same event changes nothing.
 * WeChat waits 5 s and retries, so the answer is quick and always "success" once verified.
 */
import { cloud } from '../../adapters/cloud';
import { publishJobId } from '../../domain/publish-job';
import { applyOutcome } from '../publish/pipeline';
import { officialAccount } from '../publish/env';
import { ENCRYPTED_REFUSAL, isEncryptedPush, parsePublishJobFinish, reply, storyOfContent, verifyPush, type HttpEvent, type HttpReply } from './event';

async function jobIdFor(publishId: string, articleId: string | null): Promise<string | null> {
  const c = cloud();
  const [job] = await c.collection('publish_jobs').select(['publishId']).where({ publishId }).limit(1).get();
  if (job) return job._id;
  // A submit whose answer was lost has no publish_id recorded: the article names its story.
  const oa = officialAccount();
  if (!articleId || !oa) return null;
  const article = await oa.getArticle(articleId);
  for (const item of article.news_item) {
    const story = storyOfContent(item.content);
    if (story) return publishJobId(story.storyId, story.revision);
  }
  return null;
}

export async function main(event: HttpEvent): Promise<HttpReply> {
  const token = process.env.OA_EVENT_TOKEN;
  if (!token) return reply(503, 'message push token (OA_EVENT_TOKEN) is not configured');
  const q = event.queryStringParameters ?? {};
  if (!verifyPush(token, q, Date.now())) return reply(401, 'bad signature');
  if ((event.httpMethod ?? 'POST').toUpperCase() === 'GET') return reply(200, q.echostr ?? '');
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  const finish = parsePublishJobFinish(body);
  if (!finish && isEncryptedPush(q, body)) {
    // 安全模式 (AES) pushes are not decrypted here: the account must use 明文模式 (README). Said
    // loudly, and not "success", so the misconfiguration shows in the logs and WeChat's console.
    console.error(JSON.stringify({ level: 'error', fn: 'publish-event', message: ENCRYPTED_REFUSAL }));
    return reply(400, ENCRYPTED_REFUSAL);
  }
  if (!finish) return reply(200, 'success');
  try {
    const id = await jobIdFor(finish.publishId, finish.articleId);
    if (id) await applyOutcome(cloud(), id, finish.status, finish.articleUrl, Date.now(), '收到公众号发布结果通知');
    else console.warn(JSON.stringify({ level: 'warn', fn: 'publish-event', message: `no job for publish_id ${finish.publishId}` }));
    return reply(200, 'success');
  } catch (e) {
    // Not "success": WeChat retries the push, and the timer's poll is the last resort.
    console.error(JSON.stringify({ level: 'error', fn: 'publish-event', message: e instanceof Error ? e.message : String(e) }));
    return reply(500, 'retry later');
  }
}
