/**
 * `npm run deploy -- --preview`: the built mini-program uploaded as a preview through the
 * uploader (miniprogram-ci writes WeChat's QR code as a PNG), and that QR code printed in the
 * terminal: the PNG is decoded (jsQR) and its text drawn again with `qrcode`, so the phone scans
 * the very code WeChat issued. When the image cannot be decoded its path is printed instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { MiniProgramBuild } from './plan';
import type { Uploader } from './uploader';

export interface PreviewResult {
  qrcodeFile: string;
  /** What the QR code says, or null when it could not be read back. */
  text: string | null;
}

export function readQrPng(file: string): string | null {
  try {
    const png = PNG.sync.read(fs.readFileSync(file));
    return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
  } catch {
    return null;
  }
}

export async function preview(o: { uploader: Uploader; build: MiniProgramBuild; qrcodeFile: string; out: (line: string) => void }): Promise<PreviewResult> {
  fs.mkdirSync(path.dirname(o.qrcodeFile), { recursive: true });
  fs.rmSync(o.qrcodeFile, { force: true });
  o.out(`上传预览：${o.build.version}「${o.build.desc}」`);
  await o.uploader.preview({ desc: `预览 ${o.build.version} ${o.build.desc}`.slice(0, 100), qrcodeFile: o.qrcodeFile });
  const text = fs.existsSync(o.qrcodeFile) ? readQrPng(o.qrcodeFile) : null;
  if (text) {
    const art = await QRCode.toString(text, { type: 'terminal', small: true });
    for (const line of art.replace(/\n$/, '').split('\n')) o.out(line);
    o.out('用微信扫上面的二维码打开预览版（只有这个小程序的开发者和体验成员能打开）。');
  }
  o.out(`二维码图片：${o.qrcodeFile}`);
  return { qrcodeFile: o.qrcodeFile, text };
}
