/**
 * A function's HTTP access service (云函数 HTTP 访问): `/http/<name>` runs the function with the
 * API-gateway integration event (path, httpMethod, headers, queryStringParameters, body,
 * isBase64Encoded) and maps an integration answer `{statusCode, headers, body}` back onto the
 * HTTP response; any other return value is sent as JSON, as the real service does. The official
 * account's message push reaches `publish-event` this way.
 */
import { readBody } from '../http-body';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvocationError, type FunctionRunner } from '../runner';

export const HTTP_TRIGGER_RE = /^\/http\/([A-Za-z0-9_-]{1,60})$/;
const MAX_BODY = 1024 * 1024;

export async function httpTrigger(runner: FunctionRunner, req: IncomingMessage, res: ServerResponse, url: URL, name: string): Promise<void> {
  const body = await readBody(req, MAX_BODY);
  if (body === null) {
    res.writeHead(413, { 'content-type': 'text/plain' });
    res.end('body too large');
    return;
  }
  if (!runner.exists(name)) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errCode: -501000, errMsg: `no function named ${name}` }));
    return;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const utf8 = body.toString('utf8');
  const binary = !Buffer.from(utf8, 'utf8').equals(body);
  const event = {
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    queryStringParameters: Object.fromEntries(url.searchParams),
    body: binary ? body.toString('base64') : utf8,
    isBase64Encoded: binary,
    requestContext: { httpMethod: req.method ?? 'GET', path: url.pathname, sourceIp: req.socket.remoteAddress ?? '' },
  };
  try {
    const out: unknown = JSON.parse(await runner.invokeRaw(name, event, null, 'http'));
    const integration = out as { statusCode?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown } | null;
    if (integration && typeof integration === 'object' && typeof integration.statusCode === 'number') {
      const h = (integration.headers && typeof integration.headers === 'object' ? integration.headers : {}) as Record<string, string>;
      const raw = typeof integration.body === 'string' ? integration.body : JSON.stringify(integration.body ?? '');
      const buf = integration.isBase64Encoded === true ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
      res.writeHead(integration.statusCode, { ...h, 'content-length': String(buf.length) });
      res.end(buf);
      return;
    }
    const text = JSON.stringify(out);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  } catch (e) {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errCode: -504002, errMsg: e instanceof InvocationError ? e.message : String(e) }));
  }
}
