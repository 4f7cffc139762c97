/**
 * Dev routes of the subscribe-message fake, served by the local cloud:
 * - `GET /dev/messages[?touser=openid]`: the messages users would have received, newest last.
 * - `POST /dev/subscribe` with `x-wx-openid` and `{ "templateIds": [...] }`: what accepting
 *   `wx.requestSubscribeMessage` does on a phone (the h5 build has no such dialog), answered
 *   in its shape: `{ "<templateId>": "accept" | "reject" }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SubscribeMessages } from './subscribe-message';

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY = 16 * 1024;

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type, x-wx-openid',
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** Answers the request if it is one of these routes; false otherwise. */
export function handleSubscribeRoutes(req: IncomingMessage, res: ServerResponse, url: URL, subs: SubscribeMessages): boolean {
  if (url.pathname !== '/dev/messages' && url.pathname !== '/dev/subscribe') return false;
  if (req.method === 'OPTIONS') {
    req.resume();
    json(res, 204, {});
    return true;
  }
  if (url.pathname === '/dev/messages') {
    req.resume();
    if (req.method !== 'GET') {
      json(res, 405, { errCode: -1, errMsg: 'GET only' });
      return true;
    }
    const touser = url.searchParams.get('touser') ?? undefined;
    json(res, 200, { items: subs.messages(touser) });
    return true;
  }
  if (req.method !== 'POST') {
    req.resume();
    json(res, 405, { errCode: -1, errMsg: 'POST only' });
    return true;
  }
  const openid = req.headers['x-wx-openid'];
  if (typeof openid !== 'string' || !OPENID_RE.test(openid)) {
    req.resume();
    json(res, 400, { errCode: -1, errMsg: 'x-wx-openid header required' });
    return true;
  }
  readJson(req).then(
    (body) => {
      const ids = (body as { templateIds?: unknown }).templateIds;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 3 || !ids.every((i) => typeof i === 'string')) {
        // wx.requestSubscribeMessage takes 1–3 template ids per call.
        json(res, 400, { errCode: 20001, errMsg: 'requestSubscribeMessage:fail templateIds must be 1-3 template ids' });
        return;
      }
      const { accepted, unknown } = subs.accept(openid, ids as string[]);
      if (unknown.length > 0) {
        json(res, 400, { errCode: 20001, errMsg: `requestSubscribeMessage:fail No template data return, verify the template id exist: ${unknown.join(',')}` });
        return;
      }
      const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of accepted) answer[id] = 'accept';
      json(res, 200, answer);
    },
    () => json(res, 400, { errCode: -1, errMsg: 'body must be JSON { templateIds }' }),
  );
  return true;
}
