/**
 * Admin route of the mediaCheckAsync fake, for a developer driving the local cloud by hand
 * (like the official-account fake's /__fake/faults):
 * - `GET /__fake/media-check`: the settings and the most recent pushes, newest last.
 * - `POST /__fake/media-check` with `{ risky?, review?, push? }`: replaces the settings (what is
 *   left out goes back to its default, so `{}` resets); a body that is not such an object is a
 *   400 naming the reason, and nothing changes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-body';
import type { MediaChecks } from './media-check';

export const MEDIA_CHECK_ROUTE = '/__fake/media-check';
const MAX_BODY = 256 * 1024;
/** Pushes shown by GET: enough to follow a session, small enough to read. */
const RECENT = 50;

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/** Answers the request if it is this route; false otherwise. */
export function handleMediaCheckRoutes(req: IncomingMessage, res: ServerResponse, url: URL, checks: MediaChecks): boolean {
  if (url.pathname !== MEDIA_CHECK_ROUTE) return false;
  if (req.method === 'GET') {
    req.resume();
    json(res, 200, { settings: checks.settings(), pending: checks.pending(), pushes: checks.log().slice(-RECENT) });
    return true;
  }
  if (req.method !== 'POST') {
    req.resume();
    res.setHeader('allow', 'GET, POST');
    json(res, 405, { ok: false, error: 'GET or POST only' });
    return true;
  }
  readBody(req, MAX_BODY).then(
    (raw) => {
      if (raw === null) return json(res, 413, { ok: false, error: `body larger than ${MAX_BODY} bytes` });
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        return json(res, 400, { ok: false, error: 'body is not JSON' });
      }
      const problem = checks.replace(parsed);
      if (problem) return json(res, 400, { ok: false, error: problem });
      json(res, 200, { ok: true, settings: checks.settings() });
    },
    (e: unknown) => json(res, 400, { ok: false, error: `body could not be read: ${String(e)}` }),
  );
  return true;
}
