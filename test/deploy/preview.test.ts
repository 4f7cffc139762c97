/**
 * `npm run deploy -- --preview`: the build goes to the uploader's preview, and WeChat's QR code
 * (the PNG miniprogram-ci writes) is printed in the terminal as the same code; an unreadable image
 * still has its path printed; missing credentials are named before anything is uploaded.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import { preview, readQrPng } from '../../scripts/deploy/preview';
import { FakeUploader } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');
const build = { dir: '/tmp/x', hash: 'h1', version: '0.1.0+abc1234', desc: '荣誉墙改版' };

test('a preview prints the QR code WeChat issued, scannable from the terminal, and where its image is', async () => {
  const uploader = new FakeUploader();
  const qrcodeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preview-')), 'sub', 'qr.png');
  const lines: string[] = [];
  const r = await preview({ uploader, build, qrcodeFile, out: (l) => lines.push(l) });
  expect(uploader.previews).toEqual([{ desc: '预览 0.1.0+abc1234 荣誉墙改版', qrcodeFile }]);
  expect(uploader.calls).toEqual([]); // a preview is no upload of a version
  expect(r.text).toBe(uploader.previewUrl);
  expect(lines[0]).toBe('上传预览：0.1.0+abc1234「荣誉墙改版」');
  // The terminal drawing is the same QR code: qrcode's own rendering of the decoded text.
  const art = (await QRCode.toString(uploader.previewUrl, { type: 'terminal', small: true })).replace(/\n$/, '').split('\n');
  expect(lines.slice(1, 1 + art.length)).toEqual(art);
  expect(art.length).toBeGreaterThan(10);
  expect(lines.at(-1)).toBe(`二维码图片：${qrcodeFile}`);
  expect(readQrPng(qrcodeFile)).toBe(uploader.previewUrl);
});

test('an image that cannot be read back still has its path printed', async () => {
  const uploader = new FakeUploader();
  uploader.preview = async (p) => {
    fs.writeFileSync(p.qrcodeFile, 'not a png');
  };
  const qrcodeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preview-')), 'qr.png');
  const lines: string[] = [];
  const r = await preview({ uploader, build, qrcodeFile, out: (l) => lines.push(l) });
  expect(r.text).toBeNull();
  expect(lines).toEqual(['上传预览：0.1.0+abc1234「荣誉墙改版」', `二维码图片：${qrcodeFile}`]);
});

test('npm run deploy -- --preview names the missing credentials before anything happens', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, DEPLOY_CREDENTIALS_FILE: path.join(os.tmpdir(), 'no-such-deploy.local.json') };
  delete env.WX_APPID;
  delete env.WX_APPSECRET;
  delete env.WX_UPLOAD_KEY;
  const qr = path.join(ROOT, '.cache', 'deploy', 'preview-qrcode.png');
  const before = fs.existsSync(qr) ? fs.statSync(qr).mtimeMs : null;
  const run = promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'deploy', 'cli.ts'), '--preview'], { cwd: ROOT, env });
  const err = (await run.catch((e: unknown) => e)) as { code: number; stderr: string };
  expect(err.code).toBe(2);
  expect(err.stderr).toContain('没有开始预览，什么都没有上传');
  expect(err.stderr).toContain('设置环境变量 WX_APPID');
  expect(err.stderr).toContain('设置环境变量 WX_UPLOAD_KEY');
  expect(err.stderr).not.toContain('WX_APPSECRET'); // a preview needs no AppSecret
  expect(fs.existsSync(qr) ? fs.statSync(qr).mtimeMs : null).toBe(before);
}, 20_000);
