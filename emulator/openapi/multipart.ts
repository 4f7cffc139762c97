/**
 * Minimal multipart/form-data reader for the one request that uses it: node-sdk sends
 * `wx.openApi` as form-data (the protobuf envelope is a binary part), every other action as JSON.
 */

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {
  override name = 'MultipartError';
}

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? '').trim() : null;
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('boundary not found in body');
  for (;;) {
    pos += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new MultipartError('part without header terminator');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new MultipartError('unterminated part');
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const part: FormPart = { name: '', data: Buffer.from(body.subarray(headerEnd + 4, next)) };
    for (const line of headers) {
      const [rawKey, ...rest] = line.split(':');
      const key = (rawKey ?? '').trim().toLowerCase();
      const value = rest.join(':').trim();
      if (key === 'content-disposition') {
        part.name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? '';
        const fn = /\bfilename="([^"]*)"/i.exec(value)?.[1];
        if (fn !== undefined) part.filename = fn;
      } else if (key === 'content-type') {
        part.contentType = value;
      }
    }
    if (!part.name) throw new MultipartError('part without a name');
    parts.push(part);
    pos = next + 2;
  }
}
