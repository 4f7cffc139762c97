/**
 * Pick one image from the album, compressed on the device, as base64 for authoring.uploadImage
 * (h5: scaled on a canvas to a 1280 px longest side and encoded as JPEG 0.8).
 */
import Taro from '@tarojs/taro';

const MAX_SIDE = 1280;

export async function pickCompressedImage(): Promise<string | null> {
  let url = '';
  try {
    url = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] })).tempFilePaths[0] ?? '';
  } catch {
    return null;
  }
  if (!url) return null;
  const img = await new Promise<HTMLImageElement>((resolve, reject) => {
    const el = new Image();
    el.onload = () => resolve(el);
    el.onerror = () => reject(new Error('图片无法读取'));
    el.src = url;
  });
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('图片无法压缩');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const dataUrl = canvas.toDataURL('image/jpeg', 0.8);
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}
