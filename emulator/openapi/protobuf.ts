/**
 * The protobuf envelope wx-server-sdk wraps every `cloud.openapi.*` call in (message shapes read
 * from the SDK's generated code in node_modules/wx-server-sdk/index.js, `src/protobuf/openapi.js`):
 *
 *   CommApiData     { 1 apiType: int32 (0 OPEN_API), 2 openapiData: OpenApiData, 6 appid: string }
 *   OpenApiData     { 1 pairs: repeated KeyValuePair }
 *   KeyValuePair    { 1 key: string, 2 value: bytes (JSON text, or raw media), 3 contenttype, 4 filename }
 *   CommOpenApiResp { 1 respData: bytes, 2 contentType: string, 3 errorCode: int32, 4 httpCode: uint32 }
 *
 * Hand-written wire codec (varint + length-delimited only) instead of pulling protobufjs in as a
 * direct dependency: these four messages are all the emulator ever reads or writes.
 */

export interface KeyValuePair {
  key: string;
  value: Buffer;
  contentType?: string;
  filename?: string;
}

export interface CommApiData {
  apiType: number;
  pairs: KeyValuePair[];
  appid?: string;
}

export interface CommOpenApiResp {
  respData: Buffer;
  contentType: string;
  errorCode: number;
  httpCode: number;
}

export class ProtobufDecodeError extends Error {
  override name = 'ProtobufDecodeError';
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new ProtobufDecodeError('truncated varint');
      const byte = this.buf[this.pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes');
  }

  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw new ProtobufDecodeError('truncated length-delimited field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        return;
      case 2:
        this.bytes();
        return;
      case 5:
        this.pos += 4;
        return;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType}`);
    }
  }

  /** Iterates fields as [fieldNumber, wireType]; the caller reads or skips each value. */
  *fields(): Generator<[number, number]> {
    while (!this.done) {
      const tag = Number(this.varint());
      yield [tag >>> 3, tag & 7];
    }
  }
}

class Writer {
  private readonly parts: Buffer[] = [];

  private varint(value: bigint): void {
    // int32 negatives are sign-extended to 64 bits on the wire, as protobufjs does.
    let v = value < 0n ? (1n << 64n) + value : value;
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.parts.push(Buffer.from(bytes));
  }

  int(field: number, value: number): this {
    if (value === 0) return this; // proto3 default values are not written
    this.varint(BigInt((field << 3) | 0));
    this.varint(BigInt(value));
    return this;
  }

  bytes(field: number, value: Buffer | string | undefined): this {
    if (value === undefined) return this;
    const buf = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    this.varint(BigInt((field << 3) | 2));
    this.varint(BigInt(buf.length));
    this.parts.push(buf);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function toInt32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

function decodePair(buf: Buffer): KeyValuePair {
  const r = new Reader(buf);
  const pair: KeyValuePair = { key: '', value: Buffer.alloc(0) };
  for (const [field, wire] of r.fields()) {
    if (wire !== 2) {
      r.skip(wire);
      continue;
    }
    const b = r.bytes();
    if (field === 1) pair.key = b.toString('utf8');
    else if (field === 2) pair.value = Buffer.from(b);
    else if (field === 3) pair.contentType = b.toString('utf8');
    else if (field === 4) pair.filename = b.toString('utf8');
  }
  return pair;
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const r = new Reader(buf);
  const out: CommApiData = { apiType: 0, pairs: [] };
  for (const [field, wire] of r.fields()) {
    if (field === 1 && wire === 0) out.apiType = toInt32(r.varint());
    else if (field === 2 && wire === 2) {
      const inner = new Reader(r.bytes());
      for (const [f, w] of inner.fields()) {
        if (f === 1 && w === 2) out.pairs.push(decodePair(inner.bytes()));
        else inner.skip(w);
      }
    } else if (field === 6 && wire === 2) out.appid = r.bytes().toString('utf8');
    else r.skip(wire);
  }
  return out;
}

export function encodeCommApiData(msg: CommApiData): Buffer {
  const openapi = new Writer();
  for (const p of msg.pairs) {
    const pw = new Writer().bytes(1, p.key).bytes(2, p.value).bytes(3, p.contentType).bytes(4, p.filename);
    openapi.bytes(1, pw.finish());
  }
  return new Writer().int(1, msg.apiType).bytes(2, openapi.finish()).bytes(6, msg.appid).finish();
}

export function encodeCommOpenApiResp(msg: CommOpenApiResp): Buffer {
  return new Writer()
    .bytes(1, msg.respData)
    .bytes(2, msg.contentType)
    .int(3, msg.errorCode)
    .int(4, msg.httpCode)
    .finish();
}

export function decodeCommOpenApiResp(buf: Buffer): CommOpenApiResp {
  const r = new Reader(buf);
  const out: CommOpenApiResp = { respData: Buffer.alloc(0), contentType: '', errorCode: 0, httpCode: 0 };
  for (const [field, wire] of r.fields()) {
    if (field === 1 && wire === 2) out.respData = Buffer.from(r.bytes());
    else if (field === 2 && wire === 2) out.contentType = r.bytes().toString('utf8');
    else if (field === 3 && wire === 0) out.errorCode = toInt32(r.varint());
    else if (field === 4 && wire === 0) out.httpCode = Number(BigInt.asUintN(32, r.varint()));
    else r.skip(wire);
  }
  return out;
}
