import Taro from '@tarojs/taro';
import type { PickedImage } from './image-pick';

/** Longest side after compression: plenty for a phone screen, far under the 1 MB limit as JPEG. */
const MAX_SIDE = 1280;

function load(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('image failed to load'));
    img.src = url;
  });
}

/** Draws the (center-square-cropped) image scaled down on a canvas and encodes JPEG. */
export function compressOnCanvas(img: { width: number; height: number }, square: boolean, draw: (canvas: HTMLCanvasElement, sx: number, sy: number, sw: number, sh: number, w: number, h: number) => void): { width: number; height: number } {
  const side = Math.min(img.width, img.height);
  const sw = square ? side : img.width;
  const sh = square ? side : img.height;
  const sx = (img.width - sw) / 2;
  const sy = (img.height - sh) / 2;
  const scale = Math.min(1, MAX_SIDE / Math.max(sw, sh));
  const w = Math.max(1, Math.round(sw * scale));
  const h = Math.max(1, Math.round(sh * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  draw(canvas, sx, sy, sw, sh, w, h);
  return { width: w, height: h };
}

export async function pickImage(options: { square: boolean }): Promise<PickedImage | null> {
  let url: string;
  try {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] });
    url = chosen.tempFilePaths[0] ?? '';
  } catch {
    return null;
  }
  if (!url) return null;
  const img = await load(url);
  let dataUrl = '';
  compressOnCanvas({ width: img.naturalWidth, height: img.naturalHeight }, options.square, (canvas, sx, sy, sw, sh, w, h) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img, sx, sy, sw, sh, 0, 0, w, h);
    dataUrl = canvas.toDataURL('image/jpeg', 0.8);
  });
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return { base64 };
}
