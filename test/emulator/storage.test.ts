/**
 * Storage through the real SDK: upload (metadata + PUT), temp URLs served over HTTP, delete,
 * and the refusals a caller can run into (bad paths, forged or expired URLs, missing files).
 */
import type { Cloud } from '../../emulator/server';
import { localFileId } from '../../emulator/env';
import { adminPost, sdkFor, startTestCloud } from './server-harness';

let cloud: Cloud;
let sdk: ReturnType<typeof sdkFor>;

beforeAll(async () => {
  cloud = await startTestCloud();
  sdk = sdkFor(cloud);
});

afterAll(async () => {
  await cloud.stop();
});

type FileRow = { fileID: string; status: number; errMsg: string; tempFileURL: string; maxAge?: number };
// wx-server-sdk types these results as `void | …`; one cast here instead of at every call.
async function tempUrls(fileList: (string | { fileID: string; maxAge: number })[]): Promise<FileRow[]> {
  return ((await sdk.getTempFileURL({ fileList })) as unknown as { fileList: FileRow[] }).fileList;
}
async function deleteFiles(fileList: string[]): Promise<FileRow[]> {
  return ((await sdk.deleteFile({ fileList })) as unknown as { fileList: FileRow[] }).fileList;
}

const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

test('an uploaded file gets a cloud:// id of this env, and its temp URL serves the bytes with the right content type', async () => {
  const up = await sdk.uploadFile({ cloudPath: 'stories/封面 1.png', fileContent: PNG_BYTES });
  expect(up.fileID).toBe(localFileId('stories/封面 1.png'));
  const fileList = await tempUrls([up.fileID]);
  expect(fileList[0]).toMatchObject({ fileID: up.fileID, status: 0, errMsg: 'ok' });
  const url = fileList[0]?.tempFileURL ?? '';
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/stories\/封面 1\.png\?sign=[0-9a-f]+&t=\d+$/);
  const res = await fetch(encodeURI(url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG_BYTES);
  const dl = await sdk.downloadFile({ fileID: up.fileID });
  expect(Buffer.from(dl.fileContent as Buffer)).toEqual(PNG_BYTES);
});

test('uploading to the same path again replaces the content', async () => {
  await sdk.uploadFile({ cloudPath: 'doc/note.txt', fileContent: Buffer.from('v1') });
  const up = await sdk.uploadFile({ cloudPath: 'doc/note.txt', fileContent: Buffer.from('v2') });
  const dl = await sdk.downloadFile({ fileID: up.fileID });
  expect(Buffer.from(dl.fileContent as Buffer).toString()).toBe('v2');
});

test('a missing file, or one of another env, is reported per file, not as a failure of the whole call', async () => {
  const fileList = await tempUrls([localFileId('nope/missing.png'), 'cloud://prod-abc.7072-prod-abc-1250000000/x.png']);
  expect(fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' });
  expect(fileList[1]).toMatchObject({ status: -503002, tempFileURL: '' });
});

test('a deleted file is gone: its old URL answers 404 and a second delete reports it missing', async () => {
  const up = await sdk.uploadFile({ cloudPath: 'tmp/gone.jpg', fileContent: Buffer.from('jpeg') });
  const url = (await tempUrls([up.fileID]))[0]?.tempFileURL ?? '';
  const del = await deleteFiles([up.fileID]);
  expect(del).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }]);
  expect((await fetch(encodeURI(url))).status).toBe(404);
  const again = await deleteFiles([up.fileID]);
  expect(again[0]).toMatchObject({ status: -503003 });
});

test('a tampered signature is refused with 403', async () => {
  const up = await sdk.uploadFile({ cloudPath: 'a/b.png', fileContent: PNG_BYTES });
  const url = (await tempUrls([up.fileID]))[0]?.tempFileURL ?? '';
  const forged = url.replace(/sign=([0-9a-f])/, (_m: string, c: string) => `sign=${c === '0' ? '1' : '0'}`);
  expect((await fetch(encodeURI(forged))).status).toBe(403);
  const otherFile = url.replace('a/b.png', 'a/c.png');
  expect((await fetch(encodeURI(otherFile))).status).toBe(403);
  // A later expiry with the old signature is a forgery too.
  const later = url.replace(/t=(\d+)/, (_m: string, t: string) => `t=${Number(t) + 1000}`);
  expect((await fetch(encodeURI(later))).status).toBe(403);
});

test('a temp URL expires after its max age', async () => {
  const up = await sdk.uploadFile({ cloudPath: 'a/short.png', fileContent: PNG_BYTES });
  const url = (await tempUrls([{ fileID: up.fileID, maxAge: 1 }]))[0]?.tempFileURL ?? '';
  expect(url).toContain('t=');
  await new Promise((r) => setTimeout(r, 2100));
  const res = await fetch(encodeURI(url));
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('Request has expired');
});

// node-sdk throws on the reply's code before wx-server-sdk maps it, so callers see code INVALID_PARAM (errCode -1), as in production.
test('a bad cloud path is refused before anything is written', async () => {
  for (const cloudPath of ['/abs.png', 'a/../b.png', 'a//b.png', 'a?b.png', '']) {
    await expect(sdk.uploadFile({ cloudPath, fileContent: PNG_BYTES })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  }
  expect(cloud.storage.read('b.png')).toBeNull();
});

test('an upload PUT without the metadata call, or replayed, is refused with a COS error and writes nothing', async () => {
  const meta = (await adminPost(cloud, { action: 'storage.getUploadMetadata', path: 'x/forged.png', method: 'put' })) as {
    data: { url: string; token: string; authorization: string; cosFileId: string };
  };
  const headers = { authorization: meta.data.authorization, 'x-cos-security-token': meta.data.token, 'x-cos-meta-fileid': meta.data.cosFileId };
  const wrong = await fetch(meta.data.url, { method: 'PUT', headers: { ...headers, authorization: 'forged' }, body: 'x' });
  expect(wrong.status).toBe(403);
  expect(await wrong.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  expect(cloud.storage.read('x/forged.png')).toBeNull();
  const ok = await fetch(meta.data.url, { method: 'PUT', headers, body: 'first' });
  expect(ok.status).toBe(200);
  const replay = await fetch(meta.data.url, { method: 'PUT', headers, body: 'second' });
  expect(replay.status).toBe(403);
  expect(cloud.storage.read('x/forged.png')?.toString()).toBe('first');
});

test('more than 50 files in one call is refused, as production limits it', async () => {
  const ids = Array.from({ length: 51 }, (_, i) => localFileId(`bulk/${i}.png`));
  await expect(tempUrls(ids)).rejects.toMatchObject({ code: 'INVALID_PARAM' });
});

test('files written by the seed hook (storage.put) are served like uploaded ones', async () => {
  const fileId = cloud.storage.put('seed/avatar.webp', Buffer.from('webp'));
  const fileList = await tempUrls([fileId]);
  const res = await fetch(encodeURI(fileList[0]?.tempFileURL ?? ''));
  expect(res.headers.get('content-type')).toBe('image/webp');
  expect(await res.text()).toBe('webp');
});
