/** Pick one image from the album, compressed on the device (quality 70), as base64 for authoring.uploadImage. */
import Taro from '@tarojs/taro';

export async function pickCompressedImage(): Promise<string | null> {
  let path = '';
  try {
    path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] })).tempFilePaths[0] ?? '';
  } catch {
    return null;
  }
  if (!path) return null;
  const small = await Taro.compressImage({ src: path, quality: 70 });
  const data = Taro.getFileSystemManager().readFileSync(small.tempFilePath, 'base64');
  return typeof data === 'string' ? data : null;
}
