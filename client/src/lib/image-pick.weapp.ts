import Taro from '@tarojs/taro';
import type { PickedImage } from './image-pick';

function cancelled(err: unknown): boolean {
  return /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err));
}

/**
 * Album → (square crop with WeChat's own crop UI) → compressImage → base64. The official
 * account rejects inline images over 1 MB, so quality 70 keeps photos well under it.
 */
export async function pickImage(options: { square: boolean }): Promise<PickedImage | null> {
  let path: string;
  try {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] });
    path = chosen.tempFilePaths[0] ?? '';
    if (!path) return null;
    if (options.square) path = (await Taro.cropImage({ src: path, cropScale: '1:1' })).tempFilePath;
  } catch (err) {
    if (cancelled(err)) return null;
    throw err;
  }
  const compressed = await Taro.compressImage({ src: path, quality: 70 });
  const base64 = Taro.getFileSystemManager().readFileSync(compressed.tempFilePath, 'base64') as string;
  return { base64 };
}
