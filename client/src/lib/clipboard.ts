import Taro from '@tarojs/taro';

/** Mini-programs cannot open external links; the reader gets the address on the clipboard instead. */
export function copyLink(href: string): void {
  void Taro.setClipboardData({ data: href }).then(
    () => Taro.showToast({ title: '链接已复制，可在浏览器打开', icon: 'none' }),
    () => Taro.showToast({ title: '复制失败，请稍后重试', icon: 'none' }),
  );
}
